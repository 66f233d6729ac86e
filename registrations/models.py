"""Participants, their consent, and their registrations for a series and its events."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import Event, Organisation, Series, Theme


class ConsentText(models.Model):
    """One version of a series' privacy notice; a consent names the version agreed to."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="consent_texts",
                               verbose_name=_("series"))
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["series", "-version"]
        get_latest_by = "version"
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(fields=["series", "version"],
                                    name="consent_version_unique_per_series"),
        ]

    def __str__(self) -> str:
        return f"{self.series} v{self.version}"


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(anonymised_at__isnull=True)

    def with_email(self, email: str):
        """Whoever registered with this address, in any case: compared as lower(email), so
        that the unique index on it finds the row (iexact would read the whole table)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=Lower(Value(email)))


class Participant(models.Model):
    """A person who registered, known by an e-mail address (unique, case-insensitive)."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=30,
                                         choices=Organisation.Kind.choices)
    organisation_country = CountryField(_("country of the organisation"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    country = CountryField(_("country"))
    language = models.CharField(_("preferred language"), max_length=5,
                                choices=settings.CONTENT_LANGUAGES, default="en")
    themes = models.ManyToManyField(Theme, related_name="interested_participants", blank=True,
                                    verbose_name=_("themes of interest"))
    listed_publicly = models.BooleanField(_("listed in the public participant list"),
                                          default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(
        _("address confirmed"), null=True, blank=True,
        help_text=_("First time the address was confirmed through a link."),
    )
    confirm_nonce = models.CharField(
        _("confirmation nonce"), max_length=32, blank=True,
        help_text=_("Part of the current confirmation link; emptied once it is used."),
    )
    link_key = models.CharField(
        _("personal link key"), max_length=32,
        help_text=_("Part of every personal link; a new key invalidates all old links."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="participant_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class Consent(models.Model):
    """A participant's agreement to one version of a series' privacy notice, kept as given
    (the first time): one participant may agree to the notices of several series, and to
    each new version."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="consents", verbose_name=_("participant"))
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="consents",
                             verbose_name=_("consent text agreed to"))
    given_at = models.DateTimeField(_("consented"))

    class Meta:
        ordering = ["given_at", "id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["participant", "text"],
                                    name="consent_once_per_participant_and_text"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.text}"


class SeriesRegistration(models.Model):
    """A participant registered for a whole series: every event, those published later too."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="series_registrations")
    series = models.ForeignKey(Series, on_delete=models.CASCADE,
                               related_name="series_registrations")
    requested_at = models.DateTimeField(_("requested"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("series registration")
        verbose_name_plural = _("series registrations")
        constraints = [
            models.UniqueConstraint(fields=["participant", "series"],
                                    name="series_registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.series}"


class RegistrationQuerySet(models.QuerySet):
    def holding_seat(self):
        return self.filter(state=Registration.State.CONFIRMED)

    def waiting(self):
        return self.filter(state=Registration.State.WAITLISTED).order_by("confirmed_at", "pk")

    def active(self):
        return self.exclude(state=Registration.State.CANCELLED)


class Registration(models.Model):
    """A participant's place at one event."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending (e-mail not yet confirmed)")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="registrations", verbose_name=_("participant"))
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("event"))
    series_registration = models.ForeignKey(
        SeriesRegistration, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="registrations", verbose_name=_("through the series registration"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    requested_at = models.DateTimeField(_("requested"))
    confirmed_at = models.DateTimeField(
        _("confirmed"), null=True, blank=True,
        help_text=_("When the address was confirmed for this event: the waiting-list order."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attended_minutes = models.PositiveIntegerField(
        _("minutes attended"), null=True, blank=True,
        help_text=_("How long the participant was there, once the attendance is known."),
    )
    checked_in_at = models.DateTimeField(
        _("checked in"), null=True, blank=True,
        help_text=_("When the participant was ticked off at the door (on-site and hybrid "
                    "events)."),
    )
    calendar_sequence = models.PositiveIntegerField(
        _("calendar version"), default=0,
        help_text=_("SEQUENCE of the last calendar entry mailed for this registration; each "
                    "new one (seat, waiting list, cancellation) counts up."),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event__start", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["participant", "event"],
                                    name="registration_unique_per_participant_and_event"),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "cancelled"]) | Q(confirmed_at__isnull=False),
                name="registration_seat_or_waitlist_has_confirmation_time",
            ),
        ]
        indexes = [models.Index(fields=["event", "state", "confirmed_at"],
                                name="registration_event_state"),
                   # the organisers' lists, newest first (orga.queries_registrations)
                   models.Index(fields=["requested_at", "id"], name="registration_requested")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.event} ({self.state})"

"""The SME pitch session of a series: its call for pitches, the applications (one per
organisation), the reviewers' scores and the audience's votes.

An application's life (pitches.services.states.application_state_change is the one way
to change its state):

    submitted ──► shortlisted ──► accepted ──► confirmed
        │              │             │  └────► lapsed (not confirmed by its deadline)
        └──────────────┴─────────────┴───────► declined
    any state but declined and lapsed ───────► withdrawn (by the applicant)

"accepted" is a slot offered: the applicant confirms it through their link before
`offer_expires_at`; a lapsed or withdrawn slot goes to the best shortlisted application
(the worker's sweep). Slots: accepted and confirmed applications together never exceed
the call's `pitch_count`, and confirmed ones are counted under the call's row lock.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import Event, Theme, validate_logo
from registrations.models import Participant, Registration

SCORE_MIN, SCORE_MAX = 1, 5


def organisation_key(name: str) -> str:
    """What makes two organisation names one organisation: letter case and spacing aside."""
    return " ".join(name.split()).casefold()


class PrivateStorage(FileSystemStorage):
    """Files only views that check who asks hand out (pitch slides before they are public):
    under PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT, and without a URL. The folder is read
    from the settings at each use (tests give each test its own), and never written into a
    migration."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def deconstruct(self):
        return ("pitches.models.PrivateStorage", (), {})


private_storage = PrivateStorage()


def slides_path(application: "PitchApplication", filename: str) -> str:
    """Slides under a random name: the file's own name is the applicant's to choose."""
    from secrets import token_hex

    return f"pitches/slides/{application.call_id}/{token_hex(16)}.pdf"


class PitchCall(models.Model):
    """The call for pitches of a pitch session (an event of kind "pitch session")."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="pitch_call",
                                 verbose_name=_("pitch session"))
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    pitch_minutes = models.PositiveSmallIntegerField(
        _("minutes per pitch"), default=5, validators=[MinValueValidator(1),
                                                       MaxValueValidator(60)])
    pitch_count = models.PositiveSmallIntegerField(
        _("number of pitches"), default=8, validators=[MinValueValidator(1),
                                                       MaxValueValidator(100)])
    open_to_non_members = models.BooleanField(
        _("open to non-members of the network"), default=True,
        help_text=_("Otherwise only SMEs whose organisation is a member of the organiser "
                    "network may apply."))
    confirm_days = models.PositiveSmallIntegerField(
        _("days to confirm a slot"), default=5, validators=[MinValueValidator(1),
                                                            MaxValueValidator(60)],
        help_text=_("An accepted applicant confirms their slot within this many days; "
                    "then the slot goes to the best shortlisted application."))
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    results_announced_at = models.DateTimeField(_("result announced"), null=True, blank=True)

    class Meta:
        verbose_name = _("call for pitches")
        verbose_name_plural = _("calls for pitches")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")),
                                   name="pitch_call_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(voting_opens_at__isnull=True) | Q(voting_closes_at__isnull=True)
                | Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="pitch_call_voting_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def voting_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.voting_opens_at is not None and self.voting_opens_at <= now
                and (self.voting_closes_at is None or now < self.voting_closes_at))


class PitchCriterion(models.Model):
    """What reviewers score (1–5) in each application, e.g. innovation or fit to the themes."""

    call = models.ForeignKey(PitchCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class PitchApplicationQuerySet(models.QuerySet):
    def standing(self):
        """Every application but withdrawn ones: one of these per organisation."""
        return self.exclude(state=PitchApplication.State.WITHDRAWN)

    def holding_slots(self):
        return self.filter(state__in=[PitchApplication.State.ACCEPTED,
                                      PitchApplication.State.CONFIRMED])


class PitchApplication(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted, to be confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Not confirmed in time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(PitchCall, on_delete=models.CASCADE, related_name="applications")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="pitch_applications")
    # the organisation as the applicant names it; organisation_key (casefolded, spaces
    # folded) makes it one application per organisation
    organisation_name = models.CharField(_("company"), max_length=200)
    organisation_key = models.CharField(max_length=200, editable=False)
    country = CountryField(_("country"))
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="pitch_applications", verbose_name=_("theme"))
    website = models.URLField(_("website"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    summary = models.CharField(_("short presentation"), max_length=300, blank=True)
    description = models.TextField(_("presentation"), blank=True)
    presenter_name = models.CharField(_("presenter"), max_length=200)
    presenter_role = models.CharField(_("presenter's role"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to="pitches/logos/", blank=True,
                             validators=[validate_logo])
    slides = models.FileField(_("slides (PDF)"), upload_to=slides_path, storage=private_storage,
                              blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    shortlisted_at = models.DateTimeField(_("shortlisted"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    offer_number = models.PositiveSmallIntegerField(default=0, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    talk = models.OneToOneField("events.Talk", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="pitch_application")

    objects = PitchApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("pitch application")
        verbose_name_plural = _("pitch applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "organisation_key"],
                                    condition=~Q(state="withdrawn"),
                                    name="pitch_application_once_per_organisation"),
            models.CheckConstraint(condition=~Q(state="accepted")
                                   | Q(offer_expires_at__isnull=False),
                                   name="pitch_application_offer_has_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.state}"


class PitchReview(models.Model):
    """A reviewer's scores (criterion id → 1–5) and comment on one application."""

    application = models.ForeignKey(PitchApplication, on_delete=models.CASCADE,
                                    related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="pitch_reviews")
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"],
                                    name="pitch_review_once_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.reviewer_id}"


class PitchVote(models.Model):
    """One vote of a confirmed participant of the pitch session, for one pitch."""

    call = models.ForeignKey(PitchCall, on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="pitch_votes")
    application = models.ForeignKey(PitchApplication, on_delete=models.CASCADE,
                                    related_name="votes")
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["call", "registration"],
                                    name="pitch_vote_once_per_registration"),
        ]

    def __str__(self) -> str:
        return f"{self.call_id} {self.application_id}"

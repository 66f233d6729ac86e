"""B2B matchmaking in a series: opt-in profiles, meeting requests between them, and the
meetings those become in the time slots of an event's networking blocks.

A meeting request's life (matchmaking.services.requests.request_state_change is the one
way to change its state):

    pending ──► accepted ──► cancelled (by either side; frees the slot)
       │  └───► declined
       └──────► withdrawn (by the sender, before an answer)

An accepted request is a meeting; it is *scheduled* once it has a slot of its block
(booked by one of the two, or placed by the organisers' "schedule all"), on site also a
table. A meeting is held once its slot has ended without a no-show being reported.

Locks, in this order, below the registrations' (README, "Locks"): profiles (by id; what
counts a person's open requests), then the networking block (FOR NO KEY UPDATE: every
change of which meetings sit in which slot of it holds it), then the requests.

Personal data: a profile belongs to its participant and goes with them; the requests
keep the two countries (the figures count cross-border meetings) but lose the profiles.
"""

import secrets
from datetime import datetime, timedelta

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import Event, Organisation, Series, Theme
from registrations.models import Participant

TEXT_MAX = 1000


def room_key() -> str:
    """The unguessable part of an online meeting's room address."""
    return secrets.token_urlsafe(18)


class MatchmakingSettings(models.Model):
    """Whether a series offers matchmaking, and its rules."""

    series = models.OneToOneField(Series, on_delete=models.CASCADE,
                                  related_name="matchmaking", verbose_name=_("series"))
    is_open = models.BooleanField(
        _("matchmaking open"), default=False,
        help_text=_("Participants can create profiles, find each other and ask for "
                    "meetings."))
    max_open_requests = models.PositiveSmallIntegerField(
        _("open requests per person"), default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How many unanswered meeting requests one person may have sent at a "
                    "time."))
    room_url_pattern = models.CharField(
        _("room address"), max_length=300, blank=True,
        help_text=_("The address of an online meeting's video room, with {room} where the "
                    "room's unguessable name goes, e.g. https://meet.example.org/{room}. "
                    "Empty: the platform's default."))

    class Meta:
        verbose_name = _("matchmaking settings")
        verbose_name_plural = _("matchmaking settings")

    def __str__(self) -> str:
        return f"{self.series_id}"


class NetworkingBlockQuerySet(models.QuerySet):
    def of_series(self, series: Series):
        return self.filter(event__series=series)


class NetworkingBlock(models.Model):
    """A stretch of an event given to one-to-one meetings, cut into equal time slots; on
    site with a number of tables (one meeting per table and slot), online with a video
    room per meeting."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE,
                              related_name="networking_blocks", verbose_name=_("event"))
    starts_at = models.DateTimeField(_("start"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"), default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)])
    slot_count = models.PositiveSmallIntegerField(
        _("number of time slots"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(48)])
    tables = models.PositiveSmallIntegerField(
        _("tables"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("On site: how many meetings can take place at once. Empty: online, "
                    "each meeting in its own video room."))

    objects = NetworkingBlockQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("networking block")
        verbose_name_plural = _("networking blocks")

    def __str__(self) -> str:
        return f"{self.event_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_online(self) -> bool:
        return self.tables is None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.slot_minutes * self.slot_count)

    def slot_start(self, slot: int) -> datetime:
        return self.starts_at + timedelta(minutes=self.slot_minutes * slot)

    def slot_end(self, slot: int) -> datetime:
        return self.slot_start(slot + 1)

    @property
    def all_slots(self) -> int:
        """The bit mask of every slot (bit t: slot t)."""
        return (1 << self.slot_count) - 1

    def is_over(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class MatchmakingProfile(models.Model):
    """A participant's opt-in presence in the matchmaking of one series: what they offer
    and look for. Only participants with a profile see other profiles, in the same series;
    the e-mail address and phone number only the people they have a meeting with."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE,
                               related_name="matchmaking_profiles", verbose_name=_("series"))
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="matchmaking_profiles",
                                    verbose_name=_("participant"))
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=30,
                                         choices=Organisation.Kind.choices)
    country = CountryField(_("country"))
    offer = models.TextField(_("what we offer"), blank=True,
                             validators=[MaxLengthValidator(TEXT_MAX)])
    need = models.TextField(_("what we look for"), blank=True,
                            validators=[MaxLengthValidator(TEXT_MAX)])
    offer_themes = models.ManyToManyField(Theme, blank=True, related_name="+",
                                          verbose_name=_("themes we offer in"))
    need_themes = models.ManyToManyField(Theme, blank=True, related_name="+",
                                         verbose_name=_("themes we look for"))
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["organisation_name", "id"]
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        constraints = [
            models.UniqueConstraint(fields=["series", "participant"],
                                    name="matchmaking_profile_once_per_series"),
        ]

    def __str__(self) -> str:
        return f"{self.pk}"


class Availability(models.Model):
    """The slots of a networking block in which a profile's person can meet (bit t: slot
    t). Without a row, a person registered for the block's event is available throughout."""

    profile = models.ForeignKey(MatchmakingProfile, on_delete=models.CASCADE,
                                related_name="availabilities")
    block = models.ForeignKey(NetworkingBlock, on_delete=models.CASCADE,
                              related_name="availabilities")
    slots = models.BigIntegerField(_("available slots"), default=0)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.UniqueConstraint(fields=["profile", "block"],
                                    name="matchmaking_availability_once_per_block"),
            models.CheckConstraint(condition=Q(slots__gte=0),
                                   name="matchmaking_availability_slots_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} {self.block_id}"


def pair_key(first_id: int, second_id: int) -> str:
    """The same for both directions of a pair of profiles."""
    low, high = sorted((first_id, second_id))
    return f"{low}-{high}"


class MeetingRequestQuerySet(models.QuerySet):
    def standing(self):
        """Pending and accepted requests: one of these per pair of profiles."""
        return self.filter(state__in=[MeetingRequest.State.PENDING,
                                      MeetingRequest.State.ACCEPTED])

    def meetings(self):
        return self.filter(state=MeetingRequest.State.ACCEPTED)

    def scheduled(self):
        return self.filter(state=MeetingRequest.State.ACCEPTED, slot__isnull=False)

    def involving(self, profile: "MatchmakingProfile"):
        return self.filter(Q(sender=profile) | Q(receiver=profile))


class MeetingRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled")

    class BookedBy(models.TextChoices):
        PARTICIPANT = "participant", _("Booked by a participant")
        SCHEDULER = "scheduler", _("Placed by the organisers")

    class Priority(models.IntegerChoices):
        NORMAL = 1, _("Normal")
        HIGH = 2, _("High")
        TOP = 3, _("Very high")

    block = models.ForeignKey(NetworkingBlock, on_delete=models.CASCADE,
                              related_name="requests", verbose_name=_("networking block"))
    # a profile deleted (by its person, or with their data) leaves the request without it,
    # cancelled, for the figures
    sender = models.ForeignKey(MatchmakingProfile, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="requests_sent",
                               verbose_name=_("from"))
    receiver = models.ForeignKey(MatchmakingProfile, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="requests_received",
                                 verbose_name=_("to"))
    pair = models.CharField(max_length=41, editable=False)  # pair_key of the two profiles
    sender_country = CountryField(_("country of the sender"))
    receiver_country = CountryField(_("country of the receiver"))
    message = models.TextField(_("message"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)])
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices,
                                                default=Priority.NORMAL)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(MatchmakingProfile, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("cancelled by"))
    # the meeting, once scheduled
    slot = models.PositiveSmallIntegerField(_("time slot"), null=True, blank=True)
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    booked_by = models.CharField(_("scheduled by"), max_length=12, choices=BookedBy.choices,
                                 blank=True)
    scheduled_at = models.DateTimeField(_("scheduled"), null=True, blank=True)
    room = models.CharField(max_length=40, default=room_key, editable=False)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    no_show_reported_at = models.DateTimeField(_("no-show reported"), null=True, blank=True)
    no_show_reported_by = models.ForeignKey(MatchmakingProfile, on_delete=models.SET_NULL,
                                            null=True, blank=True, related_name="+",
                                            verbose_name=_("no-show reported by"))

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(fields=["pair"], condition=Q(state__in=["pending",
                                                                            "accepted"]),
                                    name="meeting_request_once_per_pair"),
            models.CheckConstraint(condition=Q(sender__isnull=True) | Q(receiver__isnull=True)
                                   | ~Q(sender=F("receiver")),
                                   name="meeting_request_not_to_oneself"),
            models.CheckConstraint(condition=Q(slot__isnull=True) | Q(state="accepted"),
                                   name="meeting_request_slot_only_when_accepted"),
            models.UniqueConstraint(fields=["block", "slot", "table"],
                                    condition=Q(slot__isnull=False, table__isnull=False),
                                    name="meeting_request_one_meeting_per_table"),
        ]
        indexes = [models.Index(fields=["block", "state", "slot"],
                                name="meeting_request_block_slot")]

    def __str__(self) -> str:
        return f"{self.pk} {self.state}"

    @property
    def is_scheduled(self) -> bool:
        return self.state == self.State.ACCEPTED and self.slot is not None

    def other(self, profile: MatchmakingProfile) -> MatchmakingProfile | None:
        """The other side of the request, seen from `profile`."""
        return self.receiver if self.sender_id == profile.pk else self.sender

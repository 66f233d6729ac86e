"""Reads of the survey: who may answer it and until when, the talks it asks about, and the
counts the organiser's page shows.

The survey of an event opens when the event has ended and closes SURVEY_OPEN_DAYS later.
It is for the event's attendees (Registration.attended) whose registration was not
cancelled and whose data was not deleted; until it closes an attendee may change their one
answer.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Event, Talk, TalkSpeaker
from feedback.models import FeedbackAnswer, FeedbackInvitation
from registrations.models import Participant, Registration

SURVEY_OPEN_DAYS = 30


def survey_closes_at(event: Event) -> datetime:
    """When the survey of `event` closes: SURVEY_OPEN_DAYS after its end."""
    return event.end + timedelta(days=SURVEY_OPEN_DAYS)


def survey_is_open(event: Event, *, now: datetime | None = None) -> bool:
    """Whether the survey of `event` takes answers at `now` (ended, not closed, held)."""
    now = now or timezone.now()
    return (event.status != Event.Status.CANCELLED
            and event.end <= now < survey_closes_at(event))


def survey_event_refusal(event: Event, *, now: datetime | None = None) -> str | None:
    """Why the survey of `event` takes no answers (nor invitations) at `now`, translated;
    None while it is open."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This event was cancelled: it has no survey.")
    if event.end > now:
        return _("This event is not over yet: its survey opens when it has ended.")
    if now >= survey_closes_at(event):
        return _("The survey of this event closed on %(date)s.") % {
            "date": formats.date_format(survey_closes_at(event).astimezone(event.tzinfo),
                                        "DATE_FORMAT")}
    return None


def survey_refusal(registration: Registration | None, *,
                   now: datetime | None = None) -> str | None:
    """Why the holder of `registration` (its event and participant read) may not answer
    the survey at `now`, translated; None when they may."""
    if registration is None:
        return _("You were not registered for this event, so it has no survey for you.")
    if registration.participant.is_anonymised:
        return _("The data of this participant has been deleted.")
    if registration.state == Registration.State.CANCELLED:
        return _("Your registration for this event was cancelled: the survey is for those "
                 "who attended it.")
    refusal = survey_event_refusal(registration.event, now=now)
    if refusal is None and not registration.attended:
        return _("The survey is for those who attended this event, and we have no record "
                 "of your attendance. If you were there, please tell the organisers.")
    return refusal


def survey_registration(*, participant: Participant, event_id: int) -> Registration | None:
    """The participant's registration of the event, with its event and series; None if
    they hold none."""
    return (Registration.objects.select_related("event__series", "participant")
            .filter(participant=participant, event_id=event_id).first())


def survey_talks(*, event: Event) -> QuerySet[Talk]:
    """The talks the survey asks about: those of `event` that have speakers, in agenda
    order."""
    return (Talk.objects.filter(event=event)
            .filter(Exists(TalkSpeaker.objects.filter(talk=OuterRef("pk"))))
            .order_by("start", "order"))


def answer_of(*, registration: Registration) -> FeedbackAnswer | None:
    return FeedbackAnswer.objects.filter(registration=registration).first()


def attendees(*, event: Event) -> QuerySet[Registration]:
    """The registrations of `event` the survey is for: attended, not cancelled (those of
    participants who deleted their data included: they attended)."""
    return Registration.objects.filter(event=event, attended=True).exclude(
        state=Registration.State.CANCELLED)


# Attendees a mail can reach: their data not deleted, an address that receives mail (one
# who came without registering may have none, or one at .invalid: registrations.queries)
REACHABLE = (Q(participant__anonymised_at__isnull=True) & ~Q(participant__email="")
             & ~Q(participant__email__iendswith=".invalid"))


def attendees_to_invite(*, event: Event) -> QuerySet[Registration]:
    """The attendees not yet invited whom a mail can reach (REACHABLE)."""
    return attendees(event=event).filter(REACHABLE).exclude(
        Exists(FeedbackInvitation.objects.filter(registration=OuterRef("pk"))))


@dataclass(frozen=True)
class SurveyCounts:
    attendees: int
    invited: int
    answered: int
    to_invite: int


def survey_counts(*, event: Event) -> SurveyCounts:
    """How many attendees the event has, how many were invited, answered, and can be
    invited now: one query."""
    invited = Exists(FeedbackInvitation.objects.filter(registration=OuterRef("pk")))
    answered = Exists(FeedbackAnswer.objects.filter(registration=OuterRef("pk")))
    counts = attendees(event=event).aggregate(
        attendees=Count("pk"),
        invited=Count("pk", filter=Q(invited)),
        answered=Count("pk", filter=Q(answered)),
        to_invite=Count("pk", filter=~Q(invited) & REACHABLE),
    )
    return SurveyCounts(**counts)


def talk_refusal() -> str:
    return _("Please choose one of the talks of this event.")


def participant_answers_export(participant: Participant) -> list[dict]:
    """A participant's survey answers, JSON-ready, for their data export
    (registrations.services.participant_export)."""
    moment = lambda value: value.isoformat() if value else None  # noqa: E731
    return [
        {"series": answer.registration.event.series.slug,
         "event": answer.registration.event.slug, "rating": answer.rating,
         "most_useful_talk": answer.most_useful_talk.title if answer.most_useful_talk else None,
         "come_again": answer.come_again, "next_topics": answer.next_topics,
         "comment": answer.comment, "answered_at": moment(answer.answered_at),
         "changed_at": moment(answer.changed_at)}
        for answer in FeedbackAnswer.objects.filter(registration__participant=participant)
        .select_related("registration__event__series", "most_useful_talk")
        .order_by("answered_at", "pk")]

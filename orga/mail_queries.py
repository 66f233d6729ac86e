"""Reads of the workspace's mails: who a composed mail goes to, the outbox of a series, the
composed mails a user may see, a participant's mails. Always narrowed to what the user may
see (orga.rules)."""

from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Lower

from events.models import Event, Series
from mail.models import ComposedMail, Mail
from orga.rules import coordinated_region_id, is_organiser
from registrations.models import Participant, Registration

# The outbox's states as the workspace shows and filters them ("sending" counts as queued
# for the composed mails' tallies, but the outbox names it)
MAIL_STATES = Mail.State


def recipients(*, event_ids: Sequence[int], states: Sequence[str]) -> QuerySet[Participant]:
    """The participants with a registration of these events in one of these states, each
    once however many such registrations they hold, by name; none whose data was deleted."""
    holding = Registration.objects.filter(event_id__in=event_ids, state__in=states)
    return (Participant.objects.active()
            .filter(pk__in=holding.values("participant_id")).order_by("name", "pk"))


def recipient_registrations(*, participant: Participant, event_ids: Sequence[int],
                            states: Sequence[str]) -> list[Registration]:
    """A recipient's registrations that made them one, their events loaded, by start."""
    return list(Registration.objects.filter(participant=participant, event_id__in=event_ids,
                                            state__in=states)
                .select_related("event").order_by("event__start", "pk"))


def events_mailable(user, *, series: Series) -> QuerySet[Event]:
    """The events whose participants the user may write to: all of the series for an
    organiser, their region's for a coordinator; by start."""
    events = Event.objects.filter(series=series).select_related("region").order_by("start", "pk")
    region_id = coordinated_region_id(user, series)
    if region_id is not None:
        events = events.filter(region_id=region_id)
    return events


def composed_mails_visible(user, *, series: Series) -> QuerySet[ComposedMail]:
    """The composed mails of `series` the user may see (an organiser: all; a coordinator:
    their own), newest first, each with the tally of its outbox rows by state and its
    events prefetched."""
    composed = ComposedMail.objects.filter(series=series)
    if not (user.is_superuser or is_organiser(user, series)):
        composed = composed.filter(author=user)
    state = Mail.State
    return (composed.select_related("author").prefetch_related("events")
            .annotate(queued_count=Count("mails", filter=Q(mails__state__in=[state.QUEUED,
                                                                               state.SENDING])),
                      sent_count=Count("mails", filter=Q(mails__state=state.SENT)),
                      failed_count=Count("mails", filter=Q(mails__state__in=[
                          state.FAILED, state.UNCONFIRMED])),
                      withdrawn_count=Count("mails", filter=Q(mails__state=state.WITHDRAWN)))
            .order_by("-created_at", "-id"))


def outbox(*, series: Series, state: str = "", composed_id: int | None = None
           ) -> QuerySet[Mail]:
    """Every mail of `series` (optionally of one state, of one composed mail), newest first;
    without the texts and attachments, which the list does not show."""
    mails = Mail.objects.filter(series=series).defer("text", "html")
    if state:
        mails = mails.filter(state=state)
    if composed_id is not None:
        mails = mails.filter(composed_id=composed_id)
    return mails.order_by("-created_at", "-id")


def participants_by_address(*, series: Series, addresses: Sequence[str]) -> dict[str, int]:
    """The participant id of each address (lower case) that belongs to a participant of
    `series` (holding a registration of it), in one query."""
    lowered = sorted({address.lower() for address in addresses if address})
    if not lowered:
        return {}
    registered = Registration.objects.filter(event__series=series).values("participant_id")
    return {email.lower(): pk for pk, email in
            Participant.objects.alias(email_lower=Lower("email"))
            .filter(email_lower__in=lowered, pk__in=registered).values_list("pk", "email")}


def participant_mails(user, *, series: Series, participant: Participant) -> QuerySet[Mail]:
    """The mails of `series` to the participant's address, newest first: all for an
    organiser; for a coordinator only mails composed for their region's events."""
    if participant.is_anonymised:
        return Mail.objects.none()
    mails = (Mail.objects.filter(series=series).defer("text", "html")
             .alias(to_lower=Lower("to")).filter(to_lower=Lower(Value(participant.email))))
    region_id = coordinated_region_id(user, series)
    if region_id is not None:
        mails = mails.filter(composed__isnull=False).exclude(
            composed__events__in=Event.objects.filter(series=series).exclude(region_id=region_id))
    return mails.select_related("composed").order_by("-created_at", "-id")

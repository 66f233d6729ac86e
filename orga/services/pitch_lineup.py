"""Writes of the pitch line-up: the confirmed pitches put on the pitch session's agenda as
talks, and the talks of pitches no longer confirmed (withdrawn) taken off it.

A pitch becomes a talk of kind "pitch" through the agenda editor's own service
(orga.services.agenda.talk_create: audited as talk.create, speaker.create and
organisation.create): its title is the company, its abstract the short presentation in each
language, its length the call's, its theme the application's, its speaker the presenter
(name and role) of an organisation of kind SME with the company's country and website —
the organisation of that name if there is one (letter case aside), else a new one. The new
talks follow the agenda's last talk, in the order of confirmation; the organisers order
them in the agenda editor.

Locks: the event's row first (the agenda's writer, the third step of the registrations'
order), then the call's and the applications' (pitches.services.states), as every pitch
service takes them after an event's.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from events.content_language import content_languages
from events.models import Event, Organisation, Speaker, Talk
from orga.services import agenda
from pitches.models import PitchApplication, PitchCall
from pitches.services import PitchError, call_lock

logger = logging.getLogger(__name__)
State = PitchApplication.State


@dataclass(frozen=True)
class LineupResult:
    placed: list[Talk]
    removed: int


@retry_on_conflict
@transaction.atomic
def lineup_place(*, call: PitchCall, actor) -> LineupResult:
    """Put each confirmed pitch without a talk on the agenda, and take off the talks of
    pitches no longer confirmed.

    Steps: 1. lock the event, then the call and the confirmed applications without a talk;
    2. take off the talks of applications no longer confirmed (talk_delete); 3. refuse
    (PitchError, nothing changed) when the new pitches, one after the other from the end
    of the agenda's last talk (or the event's start), would end after the event; 4. each
    pitch: its organisation (found or made) and speaker (found by name and organisation, or
    made), its talk (talk_create), the application's talk set.
    """
    event = Event.objects.select_for_update(no_key=True).select_related("series").get(
        pk=call.event_id)
    call = call_lock(call_id=call.pk)
    removed = _withdrawn_talks_remove(call=call, event=event, actor=actor)
    pending = list(PitchApplication.objects.select_for_update(no_key=True, of=("self",))
                   .filter(call=call, state=State.CONFIRMED, talk__isnull=True)
                   .select_related("theme").order_by("confirmed_at", "pk"))
    duration = timedelta(minutes=call.pitch_minutes)
    start = max((talk.end for talk in Talk.objects.filter(event=event)), default=event.start)
    if start + duration * len(pending) > event.end:
        raise PitchError(_("The %(count)d pitches do not fit into the agenda before the "
                           "event ends: make room in the agenda, or let the event end "
                           "later.") % {"count": len(pending)})
    placed = []
    for application in pending:
        talk = agenda.talk_create(event=event, actor=actor, data=_talk_input(
            application=application, event=event, start=start, duration=duration))
        if application.website:  # a new organisation has none yet
            Organisation.objects.filter(speakers__talk_links__talk=talk, website="").update(
                website=application.website)
        application.talk = talk
        application.save(update_fields=["talk"])
        placed.append(talk)
        start += duration
    logger.info("Pitch line-up of call %s: %d talks placed, %d taken off", call.pk,
                len(placed), removed)
    return LineupResult(placed=placed, removed=removed)


@retry_on_conflict
@transaction.atomic
def withdrawn_talks_remove(*, call_id: int, actor=None) -> int:
    """Take the talks of the call's pitches no longer confirmed (withdrawn) off the agenda
    (the worker's sweep does it, actor None); how many."""
    event_id = PitchCall.objects.filter(pk=call_id).values_list("event_id", flat=True).first()
    if event_id is None:
        return 0
    event = Event.objects.select_for_update(no_key=True).select_related("series").get(
        pk=event_id)
    return _withdrawn_talks_remove(call=call_lock(call_id=call_id), event=event, actor=actor)


def withdrawn_talks_remove_all() -> int:
    """withdrawn_talks_remove for every call that has such a talk (the worker's sweep)."""
    call_ids = set(PitchApplication.objects.exclude(state=State.CONFIRMED)
                   .filter(talk__isnull=False).values_list("call_id", flat=True))
    return sum(withdrawn_talks_remove(call_id=call_id) for call_id in sorted(call_ids))


def _withdrawn_talks_remove(*, call: PitchCall, event: Event, actor) -> int:
    removed = 0
    for application in (PitchApplication.objects.exclude(state=State.CONFIRMED)
                        .filter(call=call, talk__isnull=False).select_related("talk")):
        talk = application.talk
        talk.event = event
        try:
            agenda.talk_delete(talk=talk, actor=actor)
        except agenda.TalkGone:
            continue
        logger.info("Talk %s of pitch application %s (%s) taken off the agenda", talk.pk,
                    application.pk, application.state)
        removed += 1
    return removed


def _talk_input(*, application: PitchApplication, event: Event, start,
                duration) -> agenda.TalkInput:
    languages = content_languages()
    main = event.series.default_language
    organisation = (Organisation.objects.filter(name__iexact=application.organisation_name)
                    .first())
    speaker = (Speaker.objects.filter(name=application.presenter_name,
                                      organisation=organisation).first()
               if organisation is not None else None)
    new_speaker = None if speaker is not None else agenda.NewSpeaker(
        name=application.presenter_name, organisation=organisation,
        new_organisation=None if organisation is not None else agenda.NewOrganisation(
            name=application.organisation_name, kind=Organisation.Kind.SME,
            country=application.country.code),
        roles={main: application.presenter_role} if application.presenter_role else {})
    return agenda.TalkInput(
        kind=Talk.Kind.PITCH, start=start, duration=duration,
        titles={main: application.organisation_name},
        abstracts={code: getattr(application, f"summary_{code}", None) or ""
                   for code in languages},
        themes=[application.theme] if application.theme else [],
        speakers=[speaker] if speaker is not None else [], new_speaker=new_speaker)

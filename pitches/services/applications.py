"""The applicant's side: apply to an open call, change the application until the call
closes, withdraw it at any time; and what deleting one's data does to one's applications.

Locks (README, "Locks: one order"): the call's row first (call_lock), then the
application's. One standing application per organisation is checked under the call's
lock; the database's partial unique constraint stands behind it.
"""

import logging
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from pitches import queries
from pitches.models import PitchApplication, organisation_key
from pitches.services.states import PitchError, application_state_change, call_lock
from registrations.models import Participant

logger = logging.getLogger(__name__)
State = PitchApplication.State

# what the applicant writes (the form's cleaned data may carry these, and the
# summary_<lang>/description_<lang> texts)
APPLICANT_FIELDS = ("theme", "country", "website", "video_url", "presenter_name",
                    "presenter_role")
FILE_FIELDS = ("logo", "slides")


def _text_fields(fields: dict[str, Any]) -> list[str]:
    return [name for name in fields if name.startswith(("summary_", "description_"))]


def _set(application: PitchApplication, fields: dict[str, Any]) -> list:
    """Set what the applicant wrote; return the files the change replaces (to delete once
    the change is committed)."""
    for name in (*APPLICANT_FIELDS, *_text_fields(fields)):
        if name in fields:
            setattr(application, name, fields[name] if fields[name] is not None else "")
    replaced = []
    for name in FILE_FIELDS:
        upload = fields.get(name)
        if upload:
            old = getattr(application, name)
            if old:
                replaced.append((old.storage, old.name))
            getattr(application, name).save(upload.name or name, upload, save=False)
    return replaced


def _delete_files(files: list) -> None:
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


@retry_on_conflict
@transaction.atomic
def application_submit(*, call_id: int, participant_id: int, fields: dict[str, Any],
                       now: datetime | None = None) -> PitchApplication:
    """Apply to a call in the participant's organisation's name.

    Steps:
    1. lock the call; read the participant; refuse what queries.apply_refusal refuses
       (call not open, not registered, not an SME, not a member, organisation has applied);
    2. create the application (state submitted) with the texts, theme, country, website,
       video link, presenter, logo and slides (in the private storage); a concurrent
       application of the same organisation that got past step 1 meets the unique
       constraint: refused with the same message;
    3. log (ids only). No mail: the page says it.
    """
    now = now or timezone.now()
    call = call_lock(call_id=call_id)
    participant = Participant.objects.get(pk=participant_id)
    refusal = queries.apply_refusal(call=call, participant=participant, now=now)
    if refusal:
        raise PitchError(refusal)
    application = PitchApplication(
        call=call, participant=participant, organisation_name=participant.organisation_name,
        organisation_key=organisation_key(participant.organisation_name),
        submitted_at=now, updated_at=now)
    _set(application, fields)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        for name in FILE_FIELDS:
            file = getattr(application, name)
            if file:
                file.storage.delete(file.name)
        raise PitchError(_("Your organisation “%(organisation)s” has already applied to this "
                           "call; one application per organisation.") % {
            "organisation": participant.organisation_name}) from None
    logger.info("Pitch application %s to call %s submitted by participant %s",
                application.pk, call.pk, participant.pk)
    return application


@retry_on_conflict
@transaction.atomic
def application_update(*, application_id: int, participant_id: int, fields: dict[str, Any],
                       now: datetime | None = None) -> PitchApplication:
    """Change one's application while its call is open and it is submitted or shortlisted.

    Steps: 1. lock the call, then the application; refuse someone else's application, a
    closed call or an application in another state; 2. set the fields (a new logo or new
    slides replace the old files, deleted once committed); save; 3. log."""
    now = now or timezone.now()
    call_id = (PitchApplication.objects.filter(pk=application_id, participant_id=participant_id)
               .values_list("call_id", flat=True).first())
    if call_id is None:
        raise PitchError(_("This application is not yours, or it does not exist."))
    call = call_lock(call_id=call_id)
    application = PitchApplication.objects.select_for_update(no_key=True).get(pk=application_id)
    application.call = call
    refusal = queries.edit_refusal(application=application, now=now)
    if refusal:
        raise PitchError(refusal)
    replaced = _set(application, fields)
    application.updated_at = now
    application.save()
    _delete_files(replaced)
    logger.info("Pitch application %s changed", application.pk)
    return application


def application_withdraw(*, application_id: int, participant_id: int,
                         now: datetime | None = None) -> PitchApplication:
    """Withdraw one's own application (any state that may be withdrawn), through
    application_state_change."""
    if not PitchApplication.objects.filter(pk=application_id,
                                           participant_id=participant_id).exists():
        raise PitchError(_("This application is not yours, or it does not exist."))
    return application_state_change(application_id=application_id, to=State.WITHDRAWN, now=now)


def participant_applications_erase(participant: Participant) -> None:
    """On deleting a participant's data (participant_delete's transaction): withdraw their
    standing applications, and erase the presenter's name and role from all of them. The
    company profile of a confirmed pitch whose session has taken place stays (the public
    line-up and the report name the company), without the person."""
    now = timezone.now()
    for application in participant.pitch_applications.select_related("call__event"):
        held = (application.state == State.CONFIRMED and application.call.event.end <= now)
        if not held and State.WITHDRAWN in _withdrawable(application.state):
            application_state_change(application_id=application.pk, to=State.WITHDRAWN,
                                     now=now)
    participant.pitch_applications.update(presenter_name="", presenter_role="")


def _withdrawable(state: str) -> set[str]:
    from pitches.services.states import TRANSITIONS

    return TRANSITIONS[state]

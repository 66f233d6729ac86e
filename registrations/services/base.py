"""What every part of the registrations' services shares: the refusal, the form's data, and
the row locks, taken in the order of the package's docstring."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.db import rows_lock_shared
from events.models import Event, Series, Theme
from registrations.models import Participant, Registration

State = Registration.State


class RegistrationError(Exception):
    """A change the rules refuse; the message is translated and shown as it is."""


@dataclass(frozen=True)
class ParticipantData:
    """What a visitor enters in the registration form."""

    email: str
    name: str
    organisation_name: str
    organisation_kind: str
    organisation_country: str
    country: str
    language: str
    job_title: str = ""
    listed_publicly: bool = False
    themes: Sequence[Theme] = field(default_factory=tuple)


def participant_lock(*, participant_id: int) -> Participant:
    """The participant, re-read and locked (1st in the lock order; DoesNotExist if gone)."""
    return Participant.objects.select_for_update(no_key=True).get(pk=participant_id)


def series_lock_shared(*, series_ids: Iterable[int]) -> None:
    """Lock series FOR SHARE (2nd in the lock order): a change of the set of their published
    events (series_lock) waits until this transaction ends, and this one waits for it."""
    rows_lock_shared(Series, series_ids)


def series_lock(*, series_id: int) -> None:
    """Lock a series FOR NO KEY UPDATE (2nd in the lock order) to change the set of its
    published events: whole-series requests and confirmations wait, and are waited for."""
    list(Series.objects.select_for_update(no_key=True).filter(pk=series_id).values_list("pk"))


def event_lock(*, event_id: int) -> Event:
    """The event (with its series, read) re-read and locked (3rd in the lock order)."""
    return (Event.objects.select_for_update(no_key=True, of=("self",))
            .select_related("series").get(pk=event_id))

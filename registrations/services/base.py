"""What every part of the registrations' services shares: the refusal and the form's data."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from events.models import Theme
from registrations.models import Registration

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

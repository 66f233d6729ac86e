"""Permission cases of the workspace's registrations: the lists and their exports, adding a
participant by hand, cancelling, the capacity (tests/test_orga_permissions.py runs them).

The series list is there for every team member (a coordinator's rows are their region's:
tests/test_orga_registrations.py); an event's pages are there for who runs the event; an
event or a registration of another series under this series' address is there for
nobody."""

from tests.orga_cases import (
    LOGIN,
    NOT_FOUND,
    OK,
    Case,
    leipzig_event,
    leipzig_runners,
    nobody_in,
    other_series_event,
    series,
    team,
)
from tests.test_registrations_factories import participant_create, registration_create


def _export(file_format: str):
    return lambda world: series(world) | {"file_format": file_format}


def _event_export(file_format: str, event=leipzig_event):
    return lambda world: event(world) | {"file_format": file_format}


def _leipzig_registration(world) -> dict:
    return {"series": world.series.slug, "registration": world.leipzig_registration.pk}


def _other_series_registration(world) -> dict:
    """A registration of the other series under Connect's address: a forged id."""
    registration = registration_create(participant=participant_create(), event=world.other_event)
    return {"series": world.series.slug, "registration": registration.pk}


def _person(world) -> dict:
    return {"email": "new.person@example.org", "name": "New Person",
            "organisation_name": "New GmbH", "organisation_kind": "sme",
            "organisation_country": "DE", "country": "DE", "language": "de",
            "consent": "on", "consent_version": "1", "send_mail": "on"}


CASES = [
    Case("registrations", series, team()),
    Case("registrations", lambda world: {"series": world.other_series.slug},
         {"organiser": NOT_FOUND, "leipzig": NOT_FOUND, "sofia": NOT_FOUND,
          "participant": NOT_FOUND, "outsider": OK, "anonymous": LOGIN}, label="other series"),
    Case("registrations_export", _export("csv"), team(), label="csv"),
    Case("registrations_export", _export("xlsx"), team(), label="xlsx"),
    Case("registrations_export", _export("pdf"), nobody_in(), label="unknown format"),
    Case("event_registrations", leipzig_event, leipzig_runners()),
    Case("event_registrations", other_series_event, nobody_in(), label="other series"),
    Case("event_registrations_export", _event_export("csv"), leipzig_runners(), label="csv"),
    Case("event_registrations_export", _event_export("xlsx"), leipzig_runners(), label="xlsx"),
    Case("event_registrations_export", _event_export("csv", other_series_event), nobody_in(),
         label="other series"),
    Case("registration_add", leipzig_event, leipzig_runners()),
    Case("registration_add", leipzig_event, leipzig_runners(), method="post", data=_person),
    Case("registration_add", other_series_event, nobody_in(), label="other series"),
    Case("registration_add", other_series_event, nobody_in(), method="post", data=_person,
         label="other series"),
    Case("registration_cancel", _leipzig_registration, leipzig_runners()),
    Case("registration_cancel", _leipzig_registration, leipzig_runners(), method="post"),
    Case("registration_cancel", _other_series_registration, nobody_in(),
         label="other series"),
    Case("registration_cancel", _other_series_registration, nobody_in(), method="post",
         label="other series"),
    Case("event_capacity", leipzig_event, leipzig_runners(), method="post",
         data=lambda world: {"capacity": "60"}),
    Case("event_capacity", other_series_event, nobody_in(), method="post",
         data=lambda world: {"capacity": "60"}, label="other series"),
]

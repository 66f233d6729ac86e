"""Permission cases of the survey's page in the workspace (tests/test_orga_permissions.py
runs them): who runs an event (its organisers, the coordinator of its region) sees its
survey's counts and sends the invitations; an event of another series under this series'
address is there for nobody."""

from tests.orga_cases import Case, leipzig_event, leipzig_runners, nobody_in, other_series_event


def _confirmed(world) -> dict:
    return {"confirm": "1"}


CASES = [
    Case("feedback_send", leipzig_event, leipzig_runners()),
    Case("feedback_send", leipzig_event, leipzig_runners(), method="post", data=_confirmed),
    Case("feedback_send", other_series_event, nobody_in(), label="other series"),
    Case("feedback_send", other_series_event, nobody_in(), method="post", data=_confirmed,
         label="other series"),
]

"""Permission cases of the audit log (organisers only)."""

from tests.orga_cases import LOGIN, NOT_FOUND, OK, Case, organisers, series

CASES = [
    Case("audit", series, organisers()),
    Case("audit", lambda world: {"series": world.series.slug},
         organisers(), label="filtered",
         data=lambda world: {"event": world.leipzig_event.pk, "action": "series.update"}),
    Case("audit", lambda world: {"series": world.other_series.slug},
         {"organiser": NOT_FOUND, "leipzig": NOT_FOUND, "sofia": NOT_FOUND,
          "participant": NOT_FOUND, "outsider": OK, "anonymous": LOGIN}, label="other series"),
]

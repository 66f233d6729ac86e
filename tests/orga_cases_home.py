"""Permission cases of the workspace's start and overview pages."""

from tests.orga_cases import LOGIN, NOT_FOUND, OK, Case, series, team

CASES = [
    Case("home", lambda world: {}, {"organiser": OK, "leipzig": OK, "sofia": OK,
                                   "reviewer": OK, "participant": OK, "outsider": OK,
                                   "anonymous": LOGIN}),
    Case("series_overview", series, team()),
    Case("series_overview", lambda world: {"series": world.other_series.slug},
         {"organiser": NOT_FOUND, "leipzig": NOT_FOUND, "sofia": NOT_FOUND,
          "participant": NOT_FOUND, "outsider": OK, "anonymous": LOGIN}, label="other series"),
    Case("series_overview", lambda world: {"series": "no-such-series"},
         {"organiser": NOT_FOUND, "leipzig": NOT_FOUND, "sofia": NOT_FOUND,
          "participant": NOT_FOUND, "outsider": NOT_FOUND, "anonymous": LOGIN},
         label="missing"),
]

"""The demo series' events in the order they take place, a week apart, and its report."""

from events.demo import basque_country, emilia_romagna, leipzig, pitch_session, sofia
from events.demo.data import Row
from events.demo.report import LOWER_CASE_MONTHS, REPORT, REPORT_DATE_FORMATS

EVENTS: list[Row] = [
    leipzig.EVENT,
    sofia.EVENT,
    basque_country.EVENT,
    emilia_romagna.EVENT,
    pitch_session.EVENT,
]

__all__ = ["EVENTS", "LOWER_CASE_MONTHS", "REPORT", "REPORT_DATE_FORMATS"]

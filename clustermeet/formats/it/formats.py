"""Italian dates: giovedì 5 marzo 2026, 09:30 — the day without a leading zero, month and
weekday in lower case (the names themselves: clustermeet/locale/it; Django's are
capitalised)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
WEEKDAY_DATE_FORMAT = "l j F Y"

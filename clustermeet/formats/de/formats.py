"""German dates: Donnerstag, 5. März 2026, 09:30 (only what differs from Django's)."""

DATETIME_FORMAT = "j. F Y, H:i"
WEEKDAY_DATE_FORMAT = "l, j. F Y"

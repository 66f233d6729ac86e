"""Spanish dates: jueves, 5 de marzo de 2026, 09:30 (only what differs from Django's)."""

WEEKDAY_DATE_FORMAT = r"l, j \d\e F \d\e Y"

"""Bulgarian dates: четвъртък, 5 март 2026 г., 09:30 — the day without a leading zero, the
year marked "г.", the month in lower case (the names themselves: clustermeet/locale/bg;
Django's are capitalised). Django has no Bulgarian date-and-time format (it falls back to
the American "Март 5, 2026, 9:30 преди обяд") and does not group thousands."""

DATE_FORMAT = "j F Y г."
DATETIME_FORMAT = "j F Y г., H:i"
YEAR_MONTH_FORMAT = "F Y г."
MONTH_DAY_FORMAT = "j F"
WEEKDAY_DATE_FORMAT = "l, j F Y г."
THOUSAND_SEPARATOR = "\xa0"  # a no-break space: 1 234 567,5
NUMBER_GROUPING = 3

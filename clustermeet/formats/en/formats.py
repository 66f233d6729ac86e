"""English for a European audience: Thursday 5 March 2026, 09:30 (day before month, a
24-hour clock, as the mails and calendar files of the series write it; Django's "en" is
American: March 5, 2026, 9:30 a.m.)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
WEEKDAY_DATE_FORMAT = "l j F Y"

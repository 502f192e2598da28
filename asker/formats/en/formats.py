"""English date formats for the /en/ interface, in British order: «23 December 2026»,
«23 December 2026 at 23:59» (the readers are in Norway, where the day comes first)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \a\t H:i"
SHORT_DATE_FORMAT = "d/m/Y"
MONTH_DAY_FORMAT = "j F"

"""Norwegian Bokmål date formats where the site differs from Django's: a moment is written
«23. desember 2026 kl. 23.59», as Språkrådet recommends, not «23. desember 2026 23:59»."""

DATETIME_FORMAT = r"j. F Y \k\l. H.i"

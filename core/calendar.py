"""One entry of a calendar file (.ics), whatever the app that makes it."""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT: all day over `starts`…`ends` (dates, `ends` exclusive), or timed from
    `starts` (an aware datetime) to `ends` (an aware datetime, or None for a moment)."""

    key: str  # stable across requests and deploys: "milestone-<pk>"; the UID adds the host
    page: object  # the page the entry is about; its last publication stamps the entry
    summary: str
    description: str
    starts: date | datetime
    ends: date | datetime | None = None
    path: str = ""  # where to read more; the page when empty
    location: str = ""

    @property
    def link(self):
        return self.path or self.page.url

"""The plans' calendar as iCalendar (.ics): milestones, and the deadlines for input.

Calendar apps poll a subscribed .ics and match events by UID, so each UID is stable and
globally unique, and DTSTAMP is when the plan was last published, not now: an unchanged plan
gives the same bytes on every request.
"""

from datetime import UTC, date, datetime, timedelta

from django.http import HttpResponse
from django.utils.translation import gettext
from icalendar import Calendar, Event

from core.calendar import CalendarEntry
from core.http_caching import conditional, etag_of
from participation.plan_calendar import deadline_entries
from themeplans import dates
from themeplans.feeds import feed_title, pages_version, public_host, read_only

PRODID = "-//Asker kommune//Temaplaner//NO"
# For a plan never published (a preview): any fixed moment keeps the output stable.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def _sort_key(entry):
    start = entry.starts
    # Dates and moments sort together: a day counts from its start.
    day = start.date() if isinstance(start, datetime) else start
    return (day, entry.page.path, entry.key)


def entries_for(plans, milestones):
    """Every entry on these plans, in date order: a constant number of queries for all."""
    plans = list(plans)
    if not plans:
        return []
    entries = [*milestone_entries(plans, milestones), *deadline_entries(plans)]
    return sorted(entries, key=_sort_key)


def milestone_entries(plans, milestones):
    """Each of the plans' `milestones` as all-day events over the days its precision stands
    for: «3. kvartal 2020» is 1 July to 30 September; a meeting with a time of day as a timed
    event in Europe/Oslo."""
    by_id = {plan.pk: plan for plan in plans}
    for milestone in milestones.filter(page__in=by_id).select_related("body", "moved_by__body"):
        plan = by_id[milestone.page_id]
        if milestone.is_timed:
            # A meeting at a known time: a timed event in Europe/Oslo (DTSTART;TZID=…, with the
            # VTIMEZONE _add_time_zones adds); one without an end lasts as long as it starts.
            starts, ends = milestone.starts, milestone.ends
        else:
            span = milestone.span
            starts, ends = span.first_day, span.last_day + timedelta(days=1)
        yield CalendarEntry(
            key=f"milestone-{milestone.pk}",
            page=plan,
            summary=f"{plan.title}: {milestone.title}",
            description=_milestone_description(milestone),
            starts=starts,
            ends=ends,
            location=milestone.location,
        )


def _milestone_description(milestone):
    # Translators: a line in a calendar entry; when: the milestone's date ("1. kvartal 2021").
    when = milestone.display_date
    if milestone.is_timed:
        when = f"{when}, {milestone.display_time}"
    lines = [gettext("Når: %(when)s") % {"when": when}]
    if milestone.body:
        lines.append(gettext("Politisk organ: %(body)s") % {"body": milestone.body})
    if milestone.location:
        lines.append(gettext("Sted: %(place)s") % {"place": milestone.location})
    if milestone.moved_by:
        decision = milestone.moved_by
        lines.append(
            # Translators: original: the milestone's first date; body: a political body
            # ("Formannskapet"); day: the date of its decision.
            gettext("%(body)s vedtok %(day)s å flytte milepælen fra %(original)s.")
            % {
                "original": milestone.display_original_date,
                "body": decision.body,
                "day": dates.format_date(decision.decided_on, dates.DAY),
            }
        )
    if milestone.signup_url:
        # Translators: a line in a calendar entry, followed by the address of the sign-up form.
        lines.append(gettext("Påmelding: %(url)s") % {"url": milestone.signup_url})
    if milestone.link_url:
        lines.append(milestone.link_url)
    return "\n".join(lines)


def build_calendar(name, entries, request):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    host = public_host(request)
    for entry in entries:
        calendar.add_component(_event(entry, host, request))
    _add_time_zones(calendar, entries)
    return calendar


def _event(entry, host, request):
    event = Event()
    event.add("uid", f"{entry.key}@{host}")
    stamp = entry.page.last_published_at or NEVER
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", entry.summary)
    event.add("dtstart", entry.starts)
    # A moment has no DTEND: RFC 5545 reads the event as ending when it starts.
    if entry.ends is not None:
        event.add("dtend", entry.ends)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    event.add("url", request.build_absolute_uri(entry.link))
    return event


def _add_time_zones(calendar, entries):
    """VTIMEZONE for the time zones the moments use, covering just their years, so the output
    depends only on the content."""
    years = [e.starts.year for e in entries if isinstance(e.starts, datetime)]
    if years:
        calendar.add_missing_timezones(
            first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1)
        )


def calendar_response(request, page, plans, milestones):
    """The .ics for `page` (the index or one plan) with the entries of `plans`.

    `milestones` is Milestone's query, handed in by the pages' routes: the models import this
    module, so it does not import them back."""
    if refused := read_only(request):
        return refused
    plans = list(plans)

    def respond():
        entries = entries_for(plans, milestones)
        calendar = build_calendar(feed_title(page, plans), entries, request)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
        return response

    # Milestones and rounds are saved with their plan: its publication time tells when they
    # changed, and the calendar is answered 304 until one of the pages is published again.
    published = [p.last_published_at for p in [page, *plans] if p.last_published_at]
    return conditional(
        request,
        respond,
        etag=etag_of(pages_version(page, plans)),
        last_modified=max(published, default=None),
    )

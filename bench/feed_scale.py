"""Time the RSS feeds and /api/plans/ with the demo content and again with 30,000 answered
inputs more.

Run: `.venv/bin/python bench/feed_scale.py [answers] [requests]` (defaults 30000 and 20).
It builds its own SQLite database in a temporary folder with the demo content; set
DATABASE_URL to measure on PostgreSQL instead. The answers are given to the climate plan's
published input, and the plan is then published twice, as an editor would, and the time each
publish takes is printed too.
"""

import logging
import statistics
import sys
import time

from demo_django import demo_client, start

start()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.themeplans.feed_content import add_answers  # noqa: E402
from themeplans.models import ThemePlanPage  # noqa: E402

FEEDS = [
    "/temaplaner/rss/",
    "/temaplaner/handling-mot-klimaendringene/rss/",
    "/temaplaner/kalender.ics",
    "/api/plans/",
]


def measure(client, path, count):
    client.get(path)  # warm caches as a running server has them
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured)
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(timings)


def report(client, label, count):
    for path in FEEDS:
        queries, median = measure(client, path, count)
        print(f"{label:<24}{path:<52}{queries:>8}{median:>12.1f}")


def main():
    logging.getLogger("django.request").setLevel(logging.ERROR)
    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    client = demo_client()
    print(f"{count} requests per feed, database {connection.vendor}")
    print(f"{'answered inputs':<24}{'feed':<52}{'queries':>8}{'median ms':>12}")
    report(client, "demo only", count)
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    add_answers(plan, answers)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum has them soon after a bulk load: without them the
        # planner takes the event log for a few rows and sorts all of it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # The first publish finds the answers missing from the event log (they were added without
    # the services) and records them all, as the data migration would; the second is the
    # everyday publish.
    for which in ("first", "second"):
        start = time.perf_counter()
        ThemePlanPage.objects.get(pk=plan.pk).save_revision().publish()
        seconds = time.perf_counter() - start
        print(f"{which} publish of the plan with {answers} answers more: {seconds:.1f} s")
    report(client, f"+{answers}", count)


if __name__ == "__main__":
    main()

"""Render the public pages many times and print time per request, queries and peak memory.

Run: `.venv/bin/python bench/page_render.py [requests]` (default 200). It builds its own
SQLite database in a temporary folder with the demo content, so it never touches db.sqlite3.
Set DATABASE_URL to measure on PostgreSQL instead.
"""

import logging
import statistics
import sys
import time
import tracemalloc

from demo_django import demo_client, start

start()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PATHS = [
    "/",
    "/temaplaner/",
    "/temaplaner/handling-mot-klimaendringene/",
    "/temaplaner/handling-mot-klimaendringene/innspill/",
    "/temaplaner/handling-mot-klimaendringene/innspill/publiserte/",
    "/temaplaner/handling-mot-klimaendringene/folg/",
    "/sok/?q=sirkul%C3%A6r%C3%B8konomi",
    "/sok/?q=klima",
    "/temaplaner/rss/",
    "/temaplaner/kalender.ics",
    "/temaplaner/handling-mot-klimaendringene/rss/",
    "/temaplaner/handling-mot-klimaendringene/kalender.ics",
    "/api/plans/",
    "/api/plans/handling-mot-klimaendringene/",
    "/api/plans/handling-mot-klimaendringene/submissions/",
    "/api/openapi.json",
    "/healthz",
    "/sitemap.xml",
    "/finnes-ikke/",
    "/personvern/",
    "/tilgjengelighetserklaering/",
    "/en/",
    "/en/temaplaner/handling-mot-klimaendringene/",
    "/en/personvern/",
]


def measure(client, path, count):
    client.get(path)  # warm caches as a running server has them
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured)  # read now: every later request resets the connection's log
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return queries, statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404 page is expected
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    client = demo_client()
    print(f"{count} requests per page, database {connection.vendor}")
    print(f"{'page':<64}{'queries':>8}{'median ms':>12}{'p95 ms':>10}")
    for path in PATHS:
        queries, median, p95 = measure(client, path, count)
        print(f"{path:<64}{queries:>8}{median:>12.1f}{p95:>10.1f}")
    # Memory in a separate pass: tracemalloc slows every allocation, so it would skew the times.
    tracemalloc.start()
    for path in PATHS:
        client.get(path)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    print(f"peak Python memory allocated while rendering each page once: {peak:.1f} MiB")


if __name__ == "__main__":
    main()

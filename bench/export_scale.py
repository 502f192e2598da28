"""Time and memory of the input exports, and the speed of anonymisation, as the data grows.

Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/exports .venv/bin/python
bench/export_scale.py [--rows 2000,20000] [--anonymise 50000]`

The database DATABASE_URL names is dropped and made again (so name one of your own); without
DATABASE_URL a throwaway SQLite file is used. It loads the demo content, adds one round per row
count with that many inputs, and exports each round as a moderator does (CSV and XLSX from the
listing, and the round's Word report), each consumed to the end: first timed, then again under
tracemalloc for the peak of Python memory. Then it anonymises a round of `--anonymise` inputs
closed 400 days ago and prints rows per second. (Before the Word report existed, its rows fail.)
"""

import argparse
import os
import sys
import time
import tracemalloc
from datetime import timedelta

sys.path.insert(0, os.path.dirname(__file__))

from demo_django import start


def recreate_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import pg_tools

    pg_tools.drop_database(url)
    pg_tools.create_database(pg_tools.with_database(url, "postgres"), pg_tools.database_name(url))


def fill(round, count, closed=False):
    from django.utils import timezone

    from participation.models import Submission

    now = timezone.now()
    topics = ["Sykkelvei", "Luftkvalitet", "Skole", ""]
    batch = []
    for number in range(count):
        batch.append(
            Submission(
                round=round,
                reference=f"B{round.pk}-{number:06d}",
                name=f"Avsender {number}",
                email=f"avsender{number}@example.no",
                organisation="Velforeningen" if number % 3 == 0 else "",
                category="private",
                topic=topics[number % len(topics)],
                text="Et innspill om sykkelvei langs fjorden, med litt tekst til. " * 4,
                publication="named" if number % 2 else "anonymous",
                privacy_accepted=True,
                state="published" if number % 4 else "received",
                answer_sent="Takk for innspillet." if number % 5 == 0 else "",
                received_at=now - timedelta(minutes=number),
                token=f"bench-{round.pk}-{number}",
            )
        )
        if len(batch) == 5000:
            Submission.objects.bulk_create(batch)
            batch = []
    Submission.objects.bulk_create(batch)


def new_round(plan, title, closed_days_ago=None):
    from django.utils import timezone

    from participation.models import ParticipationRound

    now = timezone.now()
    closes = now - timedelta(days=closed_days_ago) if closed_days_ago else now + timedelta(days=9)
    return ParticipationRound.objects.create(
        page=plan, title=title, opens_at=closes - timedelta(days=60), closes_at=closes
    )


def export(client, round, kind):
    if kind == "docx":  # the round's Word report (not in the code before it existed)
        response = client.get(f"/admin/innspillsrunder/{round.pk}/rapport/")
    else:
        response = client.get("/admin/innspill/", {"round": round.pk, "export": kind})
    assert response.status_code == 200, response.status_code
    content = response.streaming_content if response.streaming else [response.content]
    return sum(len(chunk) for chunk in content)


def measure_export(client, round, kind):
    start = time.perf_counter()
    size = export(client, round, kind)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    export(client, round, kind)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="2000,20000")
    parser.add_argument("--anonymise", type=int, default=50000)
    args = parser.parse_args()
    recreate_database()
    start()

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    # The direct path is measured here; a background export runs the same writer.
    settings.PARTICIPATION_EXPORT_DIRECT_MAX_ROWS = 10**9
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from participation import retention
    from themeplans.models import ThemePlanPage

    plan = ThemePlanPage.objects.first()
    client = Client()
    client.force_login(User.objects.create_superuser("bench", "bench@example.no", "x"))
    # The first request loads the admin's URLs and hooks: not part of any export.
    client.get("/admin/innspill/", {"export": "csv", "state": "withdrawn"})
    print(f"database {connection.vendor}")
    print(f"{'rows':>8}{'format':>8}{'seconds':>10}{'peak MB':>10}{'file MB':>10}")
    for count in [int(value) for value in args.rows.split(",") if value]:
        round = new_round(plan, f"Benk {count}")
        fill(round, count)
        for kind in ("csv", "xlsx", "docx"):
            seconds, peak, size = measure_export(client, round, kind)
            print(f"{count:>8}{kind:>8}{seconds:>10.2f}{peak / 2**20:>10.1f}{size / 2**20:>10.1f}")

    if args.anonymise:
        old = new_round(plan, "Benk gammel", closed_days_ago=400)
        fill(old, args.anonymise)
        due = retention.due().count()
        start_time = time.perf_counter()
        retention.anonymise_due()
        seconds = time.perf_counter() - start_time
        print(f"anonymised {due} rows in {seconds:.1f} s: {due / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()

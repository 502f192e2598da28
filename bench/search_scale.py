"""Time the site search and the cost of saving input with many submissions.

Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty database> .venv/bin/python
bench/search_scale.py [submissions] [requests]` (defaults 100000 and 10). It migrates the
database, loads the demo content, fills the submissions with bulk_create (about 20 % published,
one in ten about «sykkelvei»), then prints:
- how long `update_index` takes;
- ms (median) to save one received and one published submission;
- ms (median), queries and KB of HTML for /sok/?q=sykkelvei and /sok/?q=klimaplan.
Without DATABASE_URL it runs on a throwaway SQLite database.
"""

import logging
import os
import random
import statistics
import sys
import time
from datetime import timedelta

from demo_django import demo_client, start

start()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from participation.models import ParticipationRound, Submission, SubmissionState  # noqa: E402

WORDS = [
    "kommunen",
    "bør",
    "satse",
    "mer",
    "på",
    "kollektivtrafikk",
    "buss",
    "tog",
    "grøntområder",
    "parker",
    "skolen",
    "barnehagen",
    "friluftsliv",
    "turstier",
    "lys",
    "strøm",
    "energi",
    "solceller",
    "boliger",
    "trafikk",
    "støy",
    "luft",
    "vann",
    "avløp",
    "naturmangfold",
    "skog",
    "myr",
    "ombruk",
    "gjenbruk",
    "kultur",
    "bibliotek",
    "idrett",
    "hall",
    "bane",
]
QUERIES = ["sykkelvei", "klimaplan"]


def fill(count, batch=5000):
    rounds = list(ParticipationRound.objects.all())
    now = timezone.now()
    rng = random.Random(18)
    made = Submission.objects.count()
    while made < count:
        rows = []
        for number in range(made, min(made + batch, count)):
            words = rng.choices(WORDS, k=30)
            if number % 10 == 0:
                words.insert(rng.randrange(len(words)), "sykkelveier")
            published = number % 5 == 0
            received = now - timedelta(minutes=number)
            rows.append(
                Submission(
                    round=rounds[number % len(rounds)],
                    reference=f"INN-B-{number:07d}",
                    name=f"Innbygger {number}",
                    email=f"innbygger{number}@example.no",
                    category="private",
                    text=" ".join(words).capitalize() + ".",
                    state=SubmissionState.PUBLISHED if published else SubmissionState.RECEIVED,
                    published_at=received if published else None,
                    received_at=received,
                    privacy_accepted=True,
                )
            )
        with transaction.atomic():
            Submission.objects.bulk_create(rows)
        made += len(rows)
        print(f"\r{made:,} submissions", end="", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE participation_submission")


def median_ms(action, count):
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    logging.getLogger("django.request").setLevel(logging.ERROR)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    client = demo_client()
    start = time.perf_counter()
    fill(count)
    print(f"fill: {time.perf_counter() - start:.1f} s, database {connection.vendor}")

    start = time.perf_counter()
    call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"update_index: {time.perf_counter() - start:.1f} s")

    for state in (SubmissionState.RECEIVED, SubmissionState.PUBLISHED):
        submission = Submission.objects.filter(state=state).order_by("pk")[100]
        ms = median_ms(submission.save, 20)

        def uncommitted(submission=submission):
            with transaction.atomic():
                submission.save()
                transaction.set_rollback(True)

        statement = median_ms(uncommitted, 20)
        print(f"save one {state} submission: {ms:.1f} ms ({statement:.1f} ms without the commit)")

    for query in QUERIES:
        path = f"/sok/?q={query}"
        client.get(path)  # warm caches as a running server has them
        connection.force_debug_cursor = True
        reset_queries()
        size = len(client.get(path).content)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        ms = median_ms(lambda path=path: client.get(path), requests)
        print(f"{path}: {ms:.0f} ms, {queries} queries, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()

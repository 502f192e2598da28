"""Time the admin and the public addresses with 100,000 inputs and 20,000 followers.

Run: `.venv/bin/python bench/scale.py [--submissions N] [--followers M] [--runs R]`
(defaults 100000, 20000 and 10). Without DATABASE_URL it (re)creates the PostgreSQL database
`scale_bench` on 127.0.0.1:5432 as user postgres, loads the demo content, adds rounds until
there are 17, fills them with N inputs (one round gets a fifth of them, as a big hearing
would) and the plans with M followers. Input is not in Wagtail's search index: the site search
reads published input from its own table (trigram indexes on PostgreSQL). Then each address
of issue 18's table is asked R times in this process through Django's test client, logged in
as a superuser, after one request that warms the caches: the table shows the median and
the 95th percentile in ms, and the queries of one request.

`--keep` reuses the filled database of an earlier run (no new rows) to time again after a
change: the migrations are applied first, so new indexes are there.
"""

import argparse
import io
import logging
import math
import os
import random
import statistics
import sys
import time
from datetime import timedelta

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/scale_bench"
BATCH = 5000
ROUNDS = 17


def prepare_database(keep):
    """DATABASE_URL, or a fresh scale_bench; returns whether the rows must be filled in."""
    if os.environ.get("DATABASE_URL"):
        return not keep
    os.environ["DATABASE_URL"] = DEFAULT_URL
    if keep:
        return False
    from pg_tools import create_database, drop_database

    drop_database(DEFAULT_URL)
    create_database(DEFAULT_URL, "scale_bench")
    return True


# The task queue as in production (tests.settings runs tasks inline): saving input enqueues
# the receipt's delivery for the worker, it does not send the mail in the request.
os.environ.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")

from demo_django import start  # noqa: E402


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=100_000)
    parser.add_argument("--followers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=10, help="requests per row (exports: 3)")
    parser.add_argument("--keep", action="store_true", help="reuse the filled database")
    parser.add_argument(
        "--rows", default="", help="only the rows whose label has one of these words (a,b,…)"
    )
    return parser.parse_args()


PROSE = (
    "kommunen bør satse mer på kollektivtrafikk buss tog og trygge gangveier til skolen "
    "det trengs flere ladepunkter for elbil i sentrum parkering er et problem ved stasjonen "
    "vi ønsker grønne lunger og mer skog langs vassdragene ta vare på myr og matjord "
    "ungdom trenger møteplasser kulturhus bibliotek og idrettshaller med lange åpningstider "
    "næringslivet vil ha forutsigbare rammer og raskere byggesaker i Asker og Heggedal"
)
WORDS = PROSE.split()
FIRST = ["Kari", "Ola", "Per", "Lise", "Nils", "Ingrid", "Ahmed", "Maria", "Jonas", "Sara"]
LAST = ["Nordmann", "Hansen", "Berg", "Dahl", "Johansen", "Larsen", "Ali", "Olsen", "Moe"]
STATES = ["received"] * 3 + ["published"] * 5 + ["declined", "withdrawn"]
CATEGORIES = ["private"] * 6 + ["association", "business", "public"]


def text(rng, number):
    words = rng.choices(WORDS, k=rng.randint(20, 80))
    if number % 40 == 0:  # one in forty is about bicycle paths
        words.insert(rng.randrange(len(words)), rng.choice(["sykkelvei", "sykkelveier"]))
    return " ".join(words).capitalize() + "."


def add_rounds(plans, now):
    from participation.models import ParticipationRound

    rounds = list(ParticipationRound.objects.order_by("pk"))
    number = 0
    while len(rounds) < ROUNDS:
        plan = plans[number % len(plans)]
        opens = now - timedelta(days=60 * (ROUNDS - len(rounds)) + 30)
        rounds.append(
            ParticipationRound.objects.create(
                page=plan,
                title=f"Høring {number + 1} om {plan.title.lower()}",
                kind="hearing" if number % 2 else "early_input",
                opens_at=opens,
                closes_at=opens + timedelta(days=45),
            )
        )
        number += 1
    return rounds


def fill_submissions(count, rounds, progress):
    """`count` inputs, a fifth of them in the last round, the rest spread over all."""
    from django.db import connection

    from core import tokens
    from participation.models import Submission

    rng = random.Random(18)
    topics = {r.pk: r.page.specific.participation_topics() or [""] for r in rounds}
    big = rounds[-1]
    first = (Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = django_now()
    batch = []
    for number in range(count):
        round = big if number % 5 == 0 else rounds[number % len(rounds)]
        pk = first + number
        state = rng.choice(STATES)
        received = min(round.opens_at + timedelta(minutes=number % 60_000), round.closes_at, now)
        answer = "Takk for innspillet, vi tar det med i arbeidet." if number % 3 else ""
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        batch.append(
            Submission(
                pk=pk,
                round=round,
                reference=f"INN-{received.year}-{pk:05d}",
                name=name,
                email=f"{name.replace(' ', '.').lower()}{number}@example.no",
                organisation="Eksempelforeningen" if number % 7 == 0 else "",
                category=rng.choice(CATEGORIES),
                topic=rng.choice(topics[round.pk]),
                text=text(rng, number),
                publication=rng.choice(["none", "anonymous", "named"]),
                privacy_accepted=True,
                state=state,
                answer=answer,
                answer_sent=answer,
                answered_at=received + timedelta(days=3) if answer else None,
                received_at=received,
                published_at=received + timedelta(days=1) if state == "published" else None,
                withdrawn_at=received + timedelta(hours=2) if state == "withdrawn" else None,
                token=tokens.new_token(),
            )
        )
        if len(batch) == BATCH:
            Submission.objects.bulk_create(batch)
            progress.step(len(batch))
            batch = []
    if batch:
        Submission.objects.bulk_create(batch)
        progress.step(len(batch))
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Submission]):
            cursor.execute(statement)


def no_style():
    from django.core.management.color import no_style as style

    return style()


def fill_followers(count, plans, progress):
    from subscriptions.models import Subscription

    now = django_now()
    batch = []
    for number in range(count):
        batch.append(
            Subscription(
                plan=plans[number % len(plans)],
                email=f"folger{number}@example.no",
                created_at=now - timedelta(minutes=number),
                confirmed_at=now - timedelta(minutes=number - 5) if number % 5 else None,
            )
        )
        if len(batch) == BATCH:
            Subscription.objects.bulk_create(batch)
            progress.step(len(batch))
            batch = []
    if batch:
        Subscription.objects.bulk_create(batch)
        progress.step(len(batch))


def django_now():
    from django.utils import timezone

    return timezone.now()


def fill(arguments):
    from django.core.management import call_command
    from django.db import connection

    from core.progress import Progress
    from themeplans.models import ThemePlanPage

    def progress_for(label, total):
        return Progress(sys.stdout, label, total)

    call_command("load_demo_content", stdout=io.StringIO())
    plans = list(ThemePlanPage.objects.live().order_by("path"))
    rounds = add_rounds(plans, django_now())
    started = time.monotonic()
    fill_submissions(arguments.submissions, rounds, progress_for("innspill", arguments.submissions))
    fill_followers(arguments.followers, plans, progress_for("følgere", arguments.followers))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"fylt på {time.monotonic() - started:.0f} s")


def superuser_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="scale-bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    return client


def read(response):
    """The whole body, streamed or not, as a browser would download it."""
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code} from {response.request['PATH_INFO']}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def get(path):
    return lambda client: read(client.get(path))


def export(round_pk, kind):
    """The moderator's «Last ned CSV/Excel» for one round on the rounds overview. A round over
    PARTICIPATION_EXPORT_DIRECT_MAX_ROWS is written by the worker instead of the request; the
    limit is lifted here so the same file is timed either way."""
    from django.test import override_settings

    def run(client):
        with override_settings(PARTICIPATION_EXPORT_DIRECT_MAX_ROWS=10**9):
            return read(client.get(f"/admin/innspill/?round={round_pk}&export={kind}"))

    return run


def save_one(round):
    """Storing one input as the form does (participation.services.submit)."""
    from participation import services

    counter = iter(range(10**9))

    def run(client):
        number = next(counter)
        services.submit(
            round,
            {
                "name": "Benk Benksen",
                "email": f"benk{number}@example.no",
                "category": "private",
                "text": "Et innspill om sykkelvei til stasjonen, lagret av bench/scale.py.",
                "publication": "named",
                "privacy": True,
            },
        )

    return run


def rows():
    from django.utils import timezone

    from participation.models import ParticipationRound, Submission

    big = (
        ParticipationRound.objects.order_by("-pk")
        .filter(submissions__isnull=False)
        .distinct()
        .first()
    )
    reference = Submission.objects.order_by("pk").values_list("reference", flat=True)[
        Submission.objects.count() // 2
    ]
    open_round = next(
        r for r in ParticipationRound.objects.order_by("-closes_at") if r.is_open(timezone.now())
    )
    big_count = big.submissions.count()
    return [
        ("admin input listing, first page", get("/admin/innspill/"), None),
        ("listing, page 500", get("/admin/innspill/?p=500"), None),
        ("listing, filter state=received", get("/admin/innspill/?state=received"), None),
        ("admin search «sykkelvei»", get("/admin/innspill/?q=sykkelvei"), None),
        (f"admin search {reference}", get(f"/admin/innspill/?q={reference}"), None),
        ("rounds overview", get("/admin/innspillsrunder/"), None),
        ("followers listing", get("/admin/folgere/"), None),
        (f"export of one round ({big_count} rows), CSV", export(big.pk, "csv"), 3),
        (f"export of one round ({big_count} rows), XLSX", export(big.pk, "xlsx"), 3),
        ("/api/plans/", get("/api/plans/"), None),
        ("/sok/?q=sykkelvei", get("/sok/?q=sykkelvei"), None),
        ("/temaplaner/rss/", get("/temaplaner/rss/"), None),
        ("saving one submission", save_one(open_round), None),
    ]


def percentile(values, share):
    """Nearest rank: of 10 requests the 95th percentile is the slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(client, action, runs):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    action(client)  # warm caches as a running server has them
    reset_queries()  # each request starts the log anew (request_started)
    with CaptureQueriesContext(connection) as captured:
        action(client)
    # Now: the list is read from the connection's log, which the next request empties.
    queries = len(captured)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action(client)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), queries


def main():
    arguments = parse()
    must_fill = prepare_database(arguments.keep)
    start()
    logging.disable(logging.WARNING)  # the page logs of the demo content and each request
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from participation.models import Submission
    from subscriptions.models import Subscription

    # Not setup_test_environment(): it instruments every template render for the test client's
    # assertions, which cost the admin listing a tenth of its time and no server pays.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    if must_fill:
        fill(arguments)
    client = superuser_client()
    print(
        f"\n{Submission.objects.count()} innspill, {Subscription.objects.count()} følgere, "
        f"{connection.vendor}; median and p95 of {arguments.runs} requests (exports 3)\n"
    )
    print("| what | median ms | p95 ms | queries |\n| --- | ---: | ---: | ---: |")
    wanted = [word for word in arguments.rows.split(",") if word]
    for label, action, runs in rows():
        if wanted and not any(word in label for word in wanted):
            continue
        median, p95, queries = measure(client, action, runs or arguments.runs)
        print(f"| {label} | {median:,.0f} | {p95:,.0f} | {queries} |", flush=True)


if __name__ == "__main__":
    main()

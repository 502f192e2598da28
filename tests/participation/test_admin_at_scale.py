"""The input listing stays quick with a lot of input: its search finds input in every state by
its text, reference and sender, its queries stay the same however much input there is, and on
PostgreSQL the search and filters have indexes and the whole list is counted from statistics."""

import re

import pytest
from django.db import connection

from core import admin_paging
from participation.models import Submission, SubmissionState
from participation.moderation import filters
from tests.participation.conftest import make_submission
from tests.participation.moderation_support import LISTING, ROUNDS

ROW_TITLE = re.compile(r'id="snippet_\d+_title">(INN-\d{4}-\d{5})<')
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): its indexes and statistics",
)


def count_label(response):
    """What the listing says under its pages about how much there is."""
    html = response.content.decode()
    label = re.search(r'class="pagination__end">\s*(.*?)\s*<', html)[1]
    return label.replace("\xa0", " ").lower()


def references(response):
    assert response.status_code == 200
    return ROW_TITLE.findall(response.content.decode())


@pytest.mark.parametrize("state", list(SubmissionState.values))
def test_admin_search_finds_input_in_every_state(moderator_client, demo_round, state):
    """Also input that is not (or no longer) published: the site search's index holds only
    published input, and the admin must find the rest."""
    found = make_submission(
        demo_round,
        name="Gudrun Sølvberg",
        email="gudrun@example.no",
        text="Bygg en ny gangbro over Askerelva ved Føyka.",
        state=state,
    )
    for query in ["gangbro", "ASKERELVA ved", found.reference, "Sølvberg", "gudrun sølv"]:
        assert references(moderator_client.get(LISTING, {"q": query})) == [found.reference], query


def test_the_listing_costs_the_same_queries_with_more_input(
    moderator_client, demo_round, closed_round, django_assert_num_queries
):
    addresses = [
        LISTING,
        f"{LISTING}?p=2",
        f"{LISTING}?state=received",
        f"{LISTING}?q=sykkel",
        f"{LISTING}?round={demo_round.pk}",
        ROUNDS,
    ]
    before = {}
    for address in addresses:
        moderator_client.get(address)  # caches warm
        key = (
            address.split("?")[-1].split("=")[0] if "round=" in address else address.split("?")[-1]
        )
        with django_assert_num_queries(QUERIES[key]) as captured:
            assert moderator_client.get(address).status_code == 200
        before[address] = len(captured)
    for number in range(60):
        make_submission(
            closed_round if number % 2 else demo_round,
            topic=f"Tema {number % 7}",
            text=f"Innspill {number} om sykkelveier.",
        )
    for address in addresses:
        with django_assert_num_queries(before[address]):
            assert moderator_client.get(address).status_code == 200


# Per address (after «?»): the session and user, permissions, the filters' choices (plans,
# rounds, topics, moderators for «Saksbehandler», tags), the count, the page, and Wagtail's own
# (locales, menu).
QUERIES = {
    "/admin/innspill/": 16,
    "p=2": 16,
    "state=received": 16,
    "q=sykkel": 16,
    "round": 17,  # and the chosen round, for the export's file name
    "/admin/innspillsrunder/": 11,  # the input counted in one pass, the rounds
}


def test_the_topic_filter_offers_each_topic_given_once(moderator_client, demo_round):
    for topic in ["Vann", "Avfall", "Vann", "", "Avfall", "Luft"]:
        make_submission(demo_round, topic=topic)
    demo_topics = set(
        Submission.objects.exclude(topic="").values_list("topic", flat=True).distinct()
    )
    offered = [value for value, label in filters.topics()]
    assert sorted(offered) == offered  # as the database orders them
    assert set(offered) == demo_topics | {"Vann", "Avfall", "Luft"}
    assert len(offered) == len(set(offered))
    html = moderator_client.get(LISTING).content.decode()
    assert '<option value="Luft">Luft</option>' in html


@on_postgres
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("sykkelvei", "submission_text_trgm"),
        ("026-00042", "submission_reference_trgm"),  # inside a reference, not its start
        ("Nordmann", "submission_name_trgm"),
    ],
)
def test_admin_search_has_trigram_indexes(demo_round, query, index):
    searched = filters.search(Submission.objects.order_by(), query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is tiny
        cursor.execute("SET LOCAL enable_indexscan = off")  # nor walk another index
        plan = searched.explain()
    assert index in plan, plan


def test_a_reference_is_found_as_typed(moderator_client, demo_round):
    """Whole, in lower case, without «INN-», or by its start: what a moderator copies from a
    receipt or an e-mail."""
    found = make_submission(demo_round)
    other = make_submission(demo_round, text=f"Jeg viser til {found.reference}.")
    year_and_number = found.reference.removeprefix("INN-")
    for query in [found.reference, found.reference.lower(), f" {year_and_number} "]:
        assert references(moderator_client.get(LISTING, {"q": query})) == [found.reference], query
    by_start = references(moderator_client.get(LISTING, {"q": found.reference[:-1].lower()}))
    assert found.reference in by_start
    assert other.reference in references(moderator_client.get(LISTING, {"q": "viser til"}))


@on_postgres
@pytest.mark.parametrize("query", ["INN-2026-00042", "inn-2026-0004", "2026-00042"])
def test_a_reference_search_is_one_probe_of_the_reference_index(demo_round, query):
    """Not five trigram lookups, nor a walk along the listing's order testing each row: every
    reference shares the trigrams of «INN-2026-», so those matched all input (2.2 s at 100,000)."""
    searched = filters.search(Submission.objects.order_by("-received_at"), query)[:50]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is tiny
        plan = searched.explain()
    assert re.search(r"participation_submission_reference_\w+_like", plan), plan
    assert "trgm" not in plan, plan


@on_postgres
def test_the_topic_choices_walk_the_topic_index(demo_round):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN " + filters.DISTINCT_TOPICS.format(table="participation_submission")
        )
        plan = "\n".join(row for (row,) in cursor.fetchall())
    assert "submission_topic" in plan, plan


def add_input(round, count):
    """Enough input for a second page, so the listing shows its count under the pages."""
    Submission.objects.bulk_create(
        Submission(round=round, name="N", email="n@example.no", category="private", text="T")
        for _ in range(count)
    )


@on_postgres
def test_the_whole_listing_is_counted_from_statistics_and_says_so(
    moderator_client, monkeypatch, demo_round
):
    add_input(demo_round, 60)
    monkeypatch.setattr(admin_paging, "ESTIMATE_FROM", 1)
    total = Submission.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE participation_submission")
    assert count_label(moderator_client.get(LISTING)) == f"ca. {total} innspill"
    # A filtered listing is counted exactly: the number of matches is what was asked for.
    filtered = moderator_client.get(LISTING, {"state": "received"})
    received = Submission.objects.filter(state="received").count()
    assert count_label(filtered) == f"{received} innspill"


def test_a_short_listing_is_counted_exactly(moderator_client, demo_round):
    add_input(demo_round, 60)
    label = count_label(moderator_client.get(LISTING))
    assert label == f"{Submission.objects.count()} innspill"

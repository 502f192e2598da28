"""The site search at /sok/: what it finds, what it never shows, and how it copes with odd input."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from asker.models import ContentPage, HomePage
from asker.search.excerpts import excerpt, term_pattern
from participation.models import ParticipationRound, Submission, SubmissionState
from tests.participation.conftest import make_submission

pytestmark = pytest.mark.django_db

CLIMATE_PLAN = "/temaplaner/handling-mot-klimaendringene/"
PUBLISHED_INPUT = CLIMATE_PLAN + "innspill/publiserte/"
on_postgres = connection.vendor == "postgresql"


@pytest.fixture
def demo_round(demo_site):
    return ParticipationRound.objects.get(
        page__slug="handling-mot-klimaendringene", title__startswith="Demo"
    )


def search(client, **params):
    response = client.get("/sok/", params)
    assert response.status_code == 200
    return response.content.decode()


def hits(html):
    """(href, title) of every hit, in order."""
    return [
        (unescape(href), unescape(title))
        for href, title in re.findall(
            r'class="search-result__link" href="([^"]+)">([^<]+)</a>', html
        )
    ]


def counts(html):
    """The count beside each type filter: {"Alle": 3, "Temaplaner": 1, …}."""
    found = re.findall(r'class="search-filters__link"[^>]*>(\w+) <span[^>]*>\((\d+)\)', html)
    return {label: int(number) for label, number in found}


def count_heading(html):
    return unescape(re.search(r'<h2 class="search-page__count">(.*?)</h2>', html).group(1))


def publish(round, text, **fields):
    fields.setdefault("published_at", timezone.now())
    return make_submission(round, text=text, state=SubmissionState.PUBLISHED, **fields)


# ---------- What it finds ----------


def test_a_plan_title_word_finds_the_plan_with_the_word_marked(client, demo_site):
    html = search(client, q="naturmangfold")
    assert hits(html)[0] == ("/temaplaner/naturmangfold/", "Temaplan for naturmangfold")
    assert "<mark>" in html
    assert "<title>Søk – Asker kommune</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'value="naturmangfold"' in html  # the query stays in the field


def test_a_topic_word_finds_the_climate_plan_with_the_topic_as_context(client, demo_site):
    html = search(client, q="sirkulærøkonomi")
    assert hits(html)[0] == (CLIMATE_PLAN, "Temaplan for handling mot klimaendringene")
    first = html.split('class="search-result"')[1]
    assert '<span class="search-result__label">Tema:</span> <mark>Sirkulærøkonomi</mark>' in first


def test_a_word_in_any_case_finds_the_plan(client, demo_site):
    assert hits(search(client, q="SIRKULÆRØKONOMI"))[0][0] == CLIMATE_PLAN


def test_the_last_word_matches_the_start_of_longer_words(client, demo_site):
    """«klima» finds «klimaendringene»: Norwegian compounds need prefixes, on both backends."""
    assert CLIMATE_PLAN in [href for href, _title in hits(search(client, q="klima"))]


@pytest.mark.skipif(not on_postgres, reason="stemming needs PostgreSQL's norwegian config")
def test_postgres_stems_norwegian_inflections(client, demo_site):
    """«klimaendringer» (indefinite plural) finds the plan that says «klimaendringene»."""
    assert CLIMATE_PLAN in [href for href, _title in hits(search(client, q="klimaendringer plan"))]


def test_a_content_page_is_found_but_not_a_draft_or_a_private_page(client, demo_site):
    home = HomePage.objects.get()
    public = home.add_child(
        instance=ContentPage(title="Om havørnene", slug="om-havornene", lead="Havørnreir.")
    )
    public.save_revision().publish()
    draft = home.add_child(instance=ContentPage(title="Havørn utkast", live=False))
    draft.save_revision()
    private = home.add_child(instance=ContentPage(title="Havørn internt"))
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    html = search(client, q="havørn", type="sider")
    assert hits(html) == [("/om-havornene/", "Om havørnene")]
    assert counts(html)["Sider"] == 1


def test_published_input_links_to_its_place_on_the_published_page(client, demo_site):
    html = search(client, q="ombruksstasjoner")
    ((href, title),) = hits(html)
    submission = Submission.objects.get(text__contains="ombruksstasjoner")
    assert href == f"{PUBLISHED_INPUT}#innspill-{submission.reference}"
    # Titled with its plan, with its own text as the excerpt (issue 20 point 10).
    assert title == "Innspill til Temaplan for handling mot klimaendringene"
    assert "Innspill INN-" not in html
    assert "<mark>ombruksstasjoner</mark>" in html
    page = client.get(href.split("#")[0]).content.decode()
    assert f'id="innspill-{submission.reference}"' in page


def test_input_far_down_the_list_links_to_the_right_page_of_it(client, demo_round):
    oldest = publish(demo_round, "Et innspill om tidevannskraft.", published_at=timezone.now())
    for day in range(1, 12):
        publish(demo_round, "Nyere innspill.", published_at=timezone.now() + timedelta(days=day))
    ((href, _title),) = hits(search(client, q="tidevannskraft"))
    assert href == f"{PUBLISHED_INPUT}?side=2#innspill-{oldest.reference}"
    assert f'id="innspill-{oldest.reference}"' in client.get(href.split("#")[0]).content.decode()


def test_input_that_is_not_published_never_shows(client, demo_site):
    """The demo has declined (vedovn), received (fossilfrie) and withdrawn (trukket) input."""
    for word in ("vedovn", "fossilfrie", "trukket"):
        html = search(client, q=word)
        assert counts(html)["Innspill"] == 0, word
        assert "Innspill INN-" not in html


def test_input_declined_after_indexing_is_gone_even_if_the_index_is_stale(client, demo_round):
    submission = publish(demo_round, "Et innspill om tidevannskraft.")
    assert len(hits(search(client, q="tidevannskraft"))) == 1
    # update() skips save(), so the search index still holds the published text.
    Submission.objects.filter(pk=submission.pk).update(state=SubmissionState.DECLINED)
    assert hits(search(client, q="tidevannskraft")) == []


def test_the_senders_name_email_and_organisation_are_not_searchable(client, demo_round):
    publish(
        demo_round,
        "Et innspill.",
        name="Ingeborg Fjellstrøm",
        email="ingeborg@example.no",
        organisation="Fjellstrømlaget",
        internal_note="Fjellstrøm ringte også",
    )
    for word in ("Fjellstrøm", "Fjellstrømlaget", "ingeborg", "Nordmann"):
        html = search(client, q=word)
        assert counts(html)["Innspill"] == 0, word


# ---------- Filters and pages ----------


def test_filters_show_counts_per_type_and_limit_the_hits(client, demo_site):
    html = search(client, q="sirkulærøkonomi")
    assert counts(html) == {"Alle": 2, "Temaplaner": 1, "Sider": 0, "Innspill": 1}
    assert 'href="?q=sirkul%C3%A6r%C3%B8konomi&amp;type=innspill"' in html
    assert 'aria-current="true">Alle' in html

    only_input = search(client, q="sirkulærøkonomi", type="innspill")
    assert [href.startswith(PUBLISHED_INPUT) for href, _title in hits(only_input)] == [True]
    assert count_heading(only_input) == "1 treff på «sirkulærøkonomi»"
    assert 'aria-current="true">Innspill' in only_input

    assert hits(search(client, q="sirkulærøkonomi", type="tull")) == hits(html)


def test_a_type_without_hits_points_to_the_hits_of_other_types(client, demo_site):
    html = search(client, q="sirkulærøkonomi", type="sider")
    assert "Ingen sider passer til «sirkulærøkonomi»." in html
    assert '<a href="?q=sirkul%C3%A6r%C3%B8konomi">Vis alle 2 treff</a>' in html


def test_many_hits_are_paginated_ten_at_a_time_keeping_the_query(client, demo_round):
    for number in range(12):
        publish(demo_round, f"Tidevannskraft nummer {number}.")
    first = search(client, q="tidevannskraft")
    assert len(hits(first)) == 10
    assert count_heading(first) == "12 treff på «tidevannskraft»"
    assert "Side 1 av 2" in first
    assert 'href="?q=tidevannskraft&amp;side=2" rel="next"' in first

    second = search(client, q="tidevannskraft", side="2")
    assert len(hits(second)) == 2
    assert not set(hits(first)) & set(hits(second))
    filtered = search(client, q="tidevannskraft", type="innspill")
    assert 'href="?q=tidevannskraft&amp;type=innspill&amp;side=2"' in filtered

    assert hits(search(client, q="tidevannskraft", side="99")) == hits(second)
    assert hits(search(client, q="tidevannskraft", side="abc")) == hits(first)
    assert hits(search(client, q="tidevannskraft", side="-1")) == hits(second)


def test_a_common_word_lists_a_bounded_number_of_hits_and_says_there_are_more(
    client, demo_round, monkeypatch
):
    """Counting and paging every match of a common word in 100,000 inputs costs a scan and a
    page of thousands of page links; the search lists the first MAX_HITS of a kind."""
    monkeypatch.setattr("asker.search.views.MAX_HITS", 12)
    for number in range(13):
        publish(demo_round, f"Tidevannskraft nummer {number}.")
    html = search(client, q="tidevannskraft")
    assert count_heading(html).startswith("Mer enn 12 treff på «tidevannskraft»")
    assert "Innspill <span" in html and "(over 12)" in html
    assert "Side 1 av 2" in html
    assert len(hits(search(client, q="tidevannskraft", side="2"))) == 2
    # Exactly the bound is still counted exactly.
    Submission.objects.filter(text="Tidevannskraft nummer 0.").delete()
    assert count_heading(search(client, q="tidevannskraft")) == "12 treff på «tidevannskraft»"


def test_one_page_of_results_mixes_types_in_order(client, demo_round):
    """Plans first, then pages, then input, across page boundaries."""
    for number in range(10):
        publish(demo_round, f"Sirkulærøkonomi igjen {number}.")
    first = hits(search(client, q="sirkulærøkonomi"))
    assert first[0][0] == CLIMATE_PLAN
    assert all(href.startswith(PUBLISHED_INPUT) for href, _title in first[1:])
    assert len(hits(search(client, q="sirkulærøkonomi", side="2"))) == 2  # 1 plan + 11 input


# ---------- Empty, no-hit and odd queries ----------


def test_the_empty_search_page_offers_the_form_and_all_plans(client, demo_site):
    html = search(client)
    assert '<label class="search-form__label" for="sok">' in html
    assert 'id="sok" name="q" value=""' in html
    assert "Alle temaplanene" in html
    assert 'href="/temaplaner/kultur/"' in html
    assert "treff" not in html
    assert 'name="robots"' not in html


def test_no_hits_says_so_and_suggests_the_plans(client, demo_site):
    html = search(client, q="zqxvw")
    assert count_heading(html) == "0 treff på «zqxvw»"
    assert "Vi fant ingenting som passer til «zqxvw»." in html
    assert "Alle temaplanene" in html and 'href="/temaplaner/kultur/"' in html


def test_a_script_in_the_query_is_shown_as_text(client, demo_site):
    html = search(client, q='<script>alert("x")</script> klima')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; klima" in html


@pytest.mark.parametrize(
    "query",
    [
        "?!%&*",
        "%00",
        "\x00\x01\x1f",
        "'\"; DROP TABLE x; --",
        "AND OR NOT",
        '"unclosed',
        "*",
        "ø" * 300,
    ],
)
def test_odd_queries_give_a_page_never_an_error(client, demo_site, query):
    html = search(client, q=query)
    assert '<h1 class="page-header__title">Søk</h1>' in html
    assert "\x00" not in html


def test_punctuation_only_asks_for_words(client, demo_site):
    html = search(client, q="?!%&*")
    assert "Søket inneholdt ingen ord." in html
    assert "Alle temaplanene" in html


def test_a_very_long_query_is_cut_to_200_characters_with_a_message(client, demo_site):
    html = search(client, q="klima " * 1000)
    kept = re.search(r'id="sok" name="q" value="([^"]*)"', html).group(1)
    assert len(kept) <= 200
    assert "Søket var for langt" in html
    assert "Søket hadde for mange ord. Vi søkte bare etter de 10 første." in html


def test_control_characters_are_removed_from_the_query(client, demo_site):
    html = search(client, q="sirkulær\x00økonomi\x07")
    assert 'value="sirkulær økonomi"' in html


def test_search_only_answers_get_and_head(client, demo_site):
    assert client.post("/sok/", {"q": "klima"}).status_code == 405
    assert client.head("/sok/?q=klima").status_code == 200


# ---------- Costs ----------


def test_saving_input_does_no_search_index_work(demo_round):
    """Input is not in Wagtail's search index (the search reads published input from its own
    table): receiving, publishing, answering or withdrawing it never scans the index table."""
    received = make_submission(demo_round, text="Et innspill om tidevannskraft.")
    with CaptureQueriesContext(connection) as captured:
        received.save()
        received.state = SubmissionState.PUBLISHED
        received.published_at = timezone.now()
        received.save()
        received.state = SubmissionState.WITHDRAWN
        received.save()
    assert len(captured) == 3
    assert not [query for query in captured if "indexentry" in query["sql"].lower()]


def test_a_search_never_writes_to_the_database(client, demo_site):
    with CaptureQueriesContext(connection) as captured:
        search(client, q="sirkulærøkonomi")
        search(client, q="zqxvw")
    statements = [query["sql"].lstrip().split()[0].upper() for query in captured]
    assert not {"INSERT", "UPDATE", "DELETE", "REPLACE"} & set(statements)


def test_queries_per_search_do_not_grow_with_the_hits(
    client, demo_round, django_assert_num_queries
):
    home = HomePage.objects.get()
    home.add_child(instance=ContentPage(title="Tidevannskraft")).save_revision().publish()
    publish(demo_round, "Tidevannskraft.")
    search(client, q="tidevannskraft")  # the site frame (menu, banner, footer) is cached
    with CaptureQueriesContext(connection) as one:
        search(client, q="tidevannskraft")
    for number in range(11):
        publish(demo_round, f"Tidevannskraft {number}.")
    with django_assert_num_queries(len(one)):
        html = search(client, q="tidevannskraft")
    assert len(hits(html)) == 10
    # Site, view restrictions (plans, pages), the plans with their people (2), the other pages
    # and their specific rows, capped counts and a slice of input, its positions on the
    # published page (on PostgreSQL one more: the matching input's ids); none of them depends
    # on the number of inputs.
    assert len(one) == 15 + on_postgres


# ---------- Highlighting ----------


def test_excerpt_marks_every_match_case_insensitively_with_norwegian_letters():
    pattern = term_pattern(["ØKONOMI"])
    pieces = excerpt("Sirkulær økonomi og Økonomiplan.", pattern)
    assert [p.text for p in pieces if p.marked] == ["økonomi", "Økonomiplan"]
    assert "".join(p.text for p in pieces) == "Sirkulær økonomi og Økonomiplan."


def test_excerpt_finds_the_stem_of_an_inflected_word():
    pieces = excerpt("Tiltak mot klimaendring i Asker.", term_pattern(["klimaendringene"]))
    assert [p.text for p in pieces if p.marked] == ["klimaendring"]


def test_excerpt_is_short_and_starts_near_the_match():
    text = "Innledning. " * 40 + "Her står ombruk midt i teksten. " + "Slutt. " * 40
    pieces = excerpt(text, term_pattern(["ombruk"]))
    shown = "".join(p.text for p in pieces)
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) < 260
    assert [p.text for p in pieces if p.marked] == ["ombruk"]


def test_the_header_links_to_the_search(client, demo_site):
    assert 'class="site-search-link" href="/sok/"' in client.get("/").content.decode()

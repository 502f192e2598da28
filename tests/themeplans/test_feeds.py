"""RSS for the index and each plan, as a feed reader sees it (feedparser)."""

import re
from datetime import date

import feedparser
import pytest
from django.core.management import call_command

from participation.models import ParticipationRound, Submission
from tests.themeplans.feed_content import add_answers, add_plans, add_to_plan, publish
from themeplans.feeds import ITEMS
from themeplans.models import Milestone, PoliticalDecision, ThemePlanPage

# These tests read the demo site.
pytestmark = pytest.mark.usefixtures("demo_site")

INDEX_RSS = "/temaplaner/rss/"
CLIMATE_URL = "/temaplaner/handling-mot-klimaendringene/"
CLIMATE_RSS = CLIMATE_URL + "rss/"


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def keys(feed):
    """The event keys from the guids (tag:testserver,2026:<key>)."""
    return [entry.id.split(",2026:", 1)[1] for entry in feed.entries]


def assert_complete_items(feed):
    for entry in feed.entries:
        assert entry.title
        assert entry.link.startswith("http://testserver/temaplaner/")
        assert entry.published_parsed
        assert entry.id.startswith("tag:testserver,2026:")
        assert entry.guidislink is False


def test_index_feed_has_new_plans_the_opened_round_and_published_answers(client, demo_site):
    feed = read_feed(client, INDEX_RSS)

    assert feed.feed.title == "Temaplaner – Asker kommune"
    assert feed.feed.language == "nb"
    assert feed.feed.link == "http://testserver/temaplaner/"
    assert "temaplaner" in feed.feed.description
    assert_complete_items(feed)
    found = keys(feed)
    plans = ThemePlanPage.objects.live()
    assert {f"plan-published:{plan.pk}" for plan in plans} <= set(found)
    demo_round = ParticipationRound.objects.get(title__startswith="Demo")
    assert f"round-opened:{demo_round.pk}" in found
    answered = Submission.objects.published().exclude(answer="")
    assert answered, "the demo content has answered input"
    assert {f"answer-published:{s.pk}" for s in answered} <= set(found)
    # Newest first, and the reader gets each event's own page.
    moments = [entry.published_parsed for entry in feed.entries]
    assert moments == sorted(moments, reverse=True)
    opened = feed.entries[found.index(f"round-opened:{demo_round.pk}")]
    assert opened.link == f"http://testserver{CLIMATE_URL}innspill/"


def test_guids_survive_a_renamed_and_republished_plan(client, demo_site):
    """A feed reader shows each item once: editing the plan rewrites the log, not the guids."""
    before = keys(read_feed(client, CLIMATE_RSS))
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    plan.title = "Temaplan for klima"
    plan.save_revision().publish()
    after = keys(read_feed(client, CLIMATE_RSS))
    assert before and after == before


def test_guid_is_marked_as_not_a_link(client, demo_site):
    xml = client.get(CLIMATE_RSS).content.decode()
    guids = re.findall(r"<guid[^>]*>", xml)
    assert guids and all(guid == '<guid isPermaLink="false">' for guid in guids)


def test_moved_milestone_appears_once_with_its_new_date(client, demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    decision = PoliticalDecision.objects.get(decided_on=date(2020, 11, 17))
    milestone = Milestone.objects.get(page=plan, kind="adoption")
    milestone.original_starts_on = milestone.starts_on
    milestone.starts_on = date(2021, 4, 1)
    milestone.moved_by = decision
    milestone.save()
    publish(plan)

    for url in (INDEX_RSS, CLIMATE_RSS):
        feed = read_feed(client, url)
        moved = [e for e in feed.entries if "milestone-moved" in e.id]
        assert len(moved) == 1
        assert moved[0].id.endswith(f"milestone-moved:{milestone.pk}:2021-04-01")
        assert "flyttet til 2. kvartal 2021" in moved[0].title
        assert "Opprinnelig 1. kvartal 2021" in moved[0].summary
        # The decision's day, midnight in Oslo.
        assert moved[0].published == "Tue, 17 Nov 2020 00:00:00 +0100"


def test_plan_feed_has_only_that_plans_events(client, demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    feed = read_feed(client, CLIMATE_RSS)

    assert feed.feed.title == f"{plan.title} – Asker kommune"
    assert feed.feed.link == f"http://testserver{CLIMATE_URL}"
    assert_complete_items(feed)
    assert f"plan-published:{plan.pk}" in keys(feed)
    assert all(entry.link.startswith(f"http://testserver{CLIMATE_URL}") for entry in feed.entries)
    assert all(entry.tags[0].term == plan.title for entry in feed.entries)


def test_plan_without_events_gives_a_valid_empty_feed(client, demo_site):
    # A plan imported with no publishing date and no rounds has nothing to tell yet.
    plan = ThemePlanPage.objects.get(slug="kultur")
    assert not plan.participation_rounds.exists()
    ThemePlanPage.objects.filter(pk=plan.pk).update(first_published_at=None)
    call_command("record_events", stdout=open("/dev/null", "w"))  # noqa: SIM115

    feed = read_feed(client, "/temaplaner/kultur/rss/")

    assert feed.entries == []
    assert feed.feed.title == f"{plan.title} – Asker kommune"


def test_text_reads_as_written_in_the_reader(client, demo_site):
    ThemePlanPage.objects.filter(slug="kultur").update(
        title="Kultur & <idrett>", teaser="Kunst & <b>kultur</b>"
    )
    publish(ThemePlanPage.objects.get(slug="kultur"))
    feed = read_feed(client, "/temaplaner/kultur/rss/")
    assert feed.feed.title == "Kultur & <idrett> – Asker kommune"
    assert feed.entries[0].title == "Ny temaplan: Kultur & <idrett>"
    # The description is HTML: the teaser's text is shown, not taken as markup.
    assert feed.entries[0].summary == "Kunst &amp; &lt;b&gt;kultur&lt;/b&gt;"


def test_index_feed_leaves_out_unpublished_plans(client, demo_site):
    plan = ThemePlanPage.objects.get(slug="kultur")
    plan.unpublish()
    assert f"plan-published:{plan.pk}" not in keys(read_feed(client, INDEX_RSS))


@pytest.mark.parametrize("url", ["/temaplaner/finnes-ikke/rss/", "/temaplaner/finnes/ikke/rss/"])
def test_unknown_plan_is_not_found(client, demo_site, url):
    assert client.get(url).status_code == 404


def test_pages_announce_their_feeds(client, demo_site):
    index = client.get("/temaplaner/").content.decode()
    plan = client.get(CLIMATE_URL).content.decode()

    for html, prefix in ((index, "/temaplaner/"), (plan, CLIMATE_URL)):
        head = html.split("</head>", 1)[0]
        assert re.search(
            rf'<link rel="alternate" type="application/rss\+xml" title="[^"]+" '
            rf'href="{prefix}rss/">',
            head,
        )
        assert re.search(
            rf'<link rel="alternate" type="text/calendar" title="[^"]+" '
            rf'href="{prefix}kalender.ics">',
            head,
        )
    # The index also shows them, for readers who do not know what the head holds.
    body = index.split("</head>", 1)[1]
    assert 'id="abonner"' in body
    assert 'href="/temaplaner/rss/"' in body
    assert 'href="/temaplaner/kalender.ics"' in body


@pytest.mark.parametrize("extra", [0, 12])
def test_feed_queries_stay_constant(client, demo_site, django_assert_num_queries, extra):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    add_plans(extra)
    add_to_plan(plan, extra)
    for url, count in ((INDEX_RSS, QUERIES["index"]), (CLIMATE_RSS, QUERIES["plan"])):
        client.get(url)
        with django_assert_num_queries(count):
            feed = read_feed(client, url)
        assert len(feed.entries) >= extra


# Pinned: the same whether the index has 7 or 19 plans and the plan 4 or 16 milestones,
# rounds and answers.
QUERIES = {"index": 9, "plan": 9}


def test_feed_queries_do_not_grow_with_answers(client, demo_site, django_assert_num_queries):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    add_answers(plan, 1000)
    publish(plan)
    for url, count in ((INDEX_RSS, QUERIES["index"]), (CLIMATE_RSS, QUERIES["plan"])):
        client.get(url)
        with django_assert_num_queries(count):
            feed = read_feed(client, url)
        assert len(feed.entries) == ITEMS
        answers = [entry for entry in feed.entries if "kommunen har svart" in entry.title]
        assert len(answers) > ITEMS // 2


@pytest.mark.parametrize("feed", ["rss/", "kalender.ics"])
def test_private_plan_keeps_its_feeds_private(client, demo_site, feed):
    from wagtail.models import PageViewRestriction

    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    PageViewRestriction.objects.create(page=plan, restriction_type="login")

    response = client.get(CLIMATE_URL + feed)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]
    index = client.get("/temaplaner/" + feed).content.decode()
    assert plan.title not in index


@pytest.mark.parametrize("below", ["innspill/", "innspill/publiserte/", "folg/"])
def test_pages_below_a_plan_answer_only_at_the_plans_own_address(client, demo_site, below):
    """The feed route must not make …/rss/innspill/ a second address of the form."""
    assert client.get(f"{CLIMATE_URL}{below}").status_code == 200
    assert client.get(f"{CLIMATE_URL}rss/{below}").status_code == 404


def test_a_plan_cannot_take_the_feeds_address(demo_site):
    from django.core.exceptions import ValidationError

    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    plan.slug = "rss"
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "nyhetsstrømmen" in str(error.value.message_dict["slug"])


@pytest.mark.parametrize("url", [INDEX_RSS, CLIMATE_RSS, CLIMATE_URL + "kalender.ics"])
def test_feeds_are_read_only(client, demo_site, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200

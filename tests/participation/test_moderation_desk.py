"""The moderators' desk (issue 19, point 2): the dashboard says what waits and links to it, the
listing shows an excerpt, whether input is answered and who handles it, input is given to a
case officer and tagged with the round's themes, and «Lagre og gå til neste» walks a round."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from core.models import OutboxMail
from participation.models import RoundTag, Submission, SubmissionState
from participation.moderation import dashboard, filters
from participation.moderation.worklist import SAVE_AND_NEXT
from tests.participation.conftest import make_submission
from tests.participation.moderation_support import LISTING

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): its partial indexes",
)
ROW_TITLE = re.compile(r'id="snippet_\d+_title">(INN-\d{4}-\d{5})<')
HOME = "/admin/"


def references(response):
    assert response.status_code == 200
    return ROW_TITLE.findall(response.content.decode())


def edit_url(submission):
    return f"/admin/innspill/edit/{submission.pk}/"


def form_data(submission, **changes):
    data = {
        "state": submission.state,
        "decline_reason": submission.decline_reason,
        "internal_note": submission.internal_note,
        "answer": submission.answer,
        "assigned_to": submission.assigned_to_id or "",
        "tags": [tag.pk for tag in submission.tags.all()],
        "new_tags": "",
    }
    data.update(changes)
    return data


def cells(html):
    """The text of every cell of the listing's rows."""
    return [
        " ".join(cell.split())
        for cell in re.findall(r"<td[^>]*>(?:<div[^>]*>)?([^<]*)(?:</div>)?</td>", html)
    ]


def new_input(count):
    return f"{count} nytt innspill" if count == 1 else f"{count} nye innspill"


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# The dashboard


def test_the_dashboard_counts_new_input_per_round_and_links_to_it(moderator_client, demo_round):
    received = Submission.objects.filter(round=demo_round, state=SubmissionState.RECEIVED)
    html = moderator_client.get(HOME).content.decode()
    total = Submission.objects.filter(state=SubmissionState.RECEIVED).count()
    assert new_input(total) in text_of(html)
    link = f'href="{LISTING}?round={demo_round.pk}&amp;state=received"'
    assert link in html
    # The link lists exactly the input the figure counts.
    listed = references(
        moderator_client.get(LISTING, {"round": demo_round.pk, "state": "received"})
    )
    assert sorted(listed) == sorted(received.values_list("reference", flat=True))
    assert re.search(rf"{re.escape(link)}>\s*{received.count()} ny(tt|e)\b", html)


def test_the_dashboard_counts_unanswered_input_as_the_filter_does(moderator_client, demo_round):
    make_submission(demo_round, state=SubmissionState.WITHDRAWN)  # nothing to answer
    html = moderator_client.get(HOME).content.decode()
    unanswered = references(moderator_client.get(LISTING, {"answered": "nei"}))
    assert f"{len(unanswered)} ubesvarte" in text_of(html)
    assert f'href="{LISTING}?answered=nei"' in html
    for reference in unanswered:
        submission = Submission.objects.get(reference=reference)
        assert submission.answered_at is None
        assert submission.state != SubmissionState.WITHDRAWN


def test_the_dashboard_shows_rounds_closing_within_a_week(moderator_client, demo_round):
    demo_round.closes_at = timezone.now() + timedelta(days=3)
    demo_round.save(update_fields=["closes_at"])
    html = text_of(moderator_client.get(HOME).content.decode())
    assert "1 runde stenger innen 7 dager." in html
    demo_round.closes_at = timezone.now() + timedelta(days=10)
    demo_round.save(update_fields=["closes_at"])
    assert "stenger innen 7 dager" not in text_of(moderator_client.get(HOME).content.decode())


def test_the_dashboard_counts_input_whose_mail_failed(moderator_client, demo_round):
    failed = make_submission(demo_round)
    for kind in ("receipt", "answer"):  # two mails about one input: one input
        OutboxMail.objects.create(
            kind=kind,
            about=f"submission:{failed.pk}",
            to=["x@example.no"],
            subject="S",
            text="T",
            attempts=3,
            last_error="Connection refused",
        )
    html = moderator_client.get(HOME).content.decode()
    assert "1 med e-post som feilet" in text_of(html)
    assert references(moderator_client.get(LISTING, {"mail_failed": "ja"})) == [failed.reference]


def test_only_moderators_see_the_panel(moderator_client, client, editor):
    assert "Innspill som venter" in moderator_client.get(HOME).content.decode()
    client.force_login(editor)
    assert "Innspill som venter" not in client.get(HOME).content.decode()


def test_the_dashboard_costs_the_same_queries_with_more_input(
    moderator_client, demo_round, closed_round, django_assert_num_queries
):
    moderator_client.get(HOME)  # caches warm
    with CaptureQueriesContext(connection) as before:
        moderator_client.get(HOME)
    for number in range(30):
        make_submission(closed_round if number % 2 else demo_round, state="received")
    with django_assert_num_queries(len(before)):
        assert moderator_client.get(HOME).status_code == 200


@on_postgres
@pytest.mark.parametrize(
    ("condition", "index"),
    [
        (dashboard.NEW, "submission_new_by_round"),
        (filters.unanswered, "submission_unanswered"),
    ],
)
def test_the_dashboard_counts_read_only_the_waiting_input(demo_round, condition, index):
    """At 100,000 inputs the per-round counts read the partial index of the waiting rows,
    not the table."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is tiny
        plan = dashboard.per_round(condition).explain()
    assert index in plan, plan


# The listing


def test_the_listing_shows_an_excerpt_and_whether_input_is_answered(moderator_client, demo_round):
    long_text = "Sykkelveien langs Drammensveien trenger bedre belysning. " * 5
    waiting = make_submission(demo_round, text=long_text)
    html = moderator_client.get(LISTING, {"q": waiting.reference}).content.decode()
    excerpt = re.search(r'<td lang="nb"><div class="w-w-52">([^<]*)</div></td>', html)[1]
    assert excerpt.startswith("Sykkelveien langs Drammensveien")
    assert len(excerpt) == 120 and excerpt.endswith("…")
    assert "Nei" in cells(html)
    answered = Submission.objects.filter(answered_at__isnull=False).first()
    html = moderator_client.get(LISTING, {"q": answered.reference}).content.decode()
    assert "Ja" in cells(html)


def test_the_answered_filter(moderator_client, demo_round):
    withdrawn = make_submission(demo_round, state=SubmissionState.WITHDRAWN)
    answered = set(references(moderator_client.get(LISTING, {"answered": "ja"})))
    unanswered = set(references(moderator_client.get(LISTING, {"answered": "nei"})))
    expected = set(
        Submission.objects.filter(answered_at__isnull=False).values_list("reference", flat=True)
    )
    assert answered == expected and answered
    assert unanswered and not unanswered & answered
    assert withdrawn.reference not in unanswered
    # A value nobody offered is no error page (Wagtail marks the filter and ignores it).
    for nonsense in ({"answered": "kanskje"}, {"assigned": "x"}, {"tag": "999999"}):
        assert moderator_client.get(LISTING, nonsense).status_code == 200


# Case officer and tags


def test_a_moderator_takes_input_and_finds_it_under_mine(moderator_client, moderator, demo_round):
    moderator.first_name, moderator.last_name = "Mona", "Moderator"
    moderator.save()
    mine = make_submission(demo_round)
    response = moderator_client.post(edit_url(mine), form_data(mine, assigned_to=moderator.pk))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.assigned_to == moderator
    assert references(moderator_client.get(LISTING, {"assigned": "mine"})) == [mine.reference]
    assert references(moderator_client.get(LISTING, {"assigned": moderator.pk})) == [mine.reference]
    assert mine.reference not in references(moderator_client.get(LISTING, {"assigned": "ingen"}))
    html = moderator_client.get(LISTING, {"q": mine.reference}).content.decode()
    assert "Mona Moderator" in cells(html)


def test_only_moderators_can_be_case_officers(moderator_client, editor, demo_round):
    submission = make_submission(demo_round)
    page = moderator_client.get(edit_url(submission)).content.decode()
    assert f'<option value="{editor.pk}"' not in page
    response = moderator_client.post(
        edit_url(submission), form_data(submission, assigned_to=editor.pk)
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    submission.refresh_from_db()
    assert submission.assigned_to is None


def test_new_tags_belong_to_the_round_and_group_its_input(moderator_client, demo_round):
    first, second = make_submission(demo_round), make_submission(demo_round)
    moderator_client.post(edit_url(first), form_data(first, new_tags="Trafikk,  skole , trafikk"))
    assert sorted(demo_round.tags.values_list("name", flat=True)) == ["Trafikk", "skole"]
    traffic = demo_round.tags.get(name="Trafikk")
    # Typed again in another input, the round's tag is reused, whatever its case.
    moderator_client.post(edit_url(second), form_data(second, new_tags="TRAFIKK"))
    assert demo_round.tags.count() == 2
    assert list(second.tags.all()) == [traffic]
    listed = references(moderator_client.get(LISTING, {"tag": traffic.pk}))
    assert sorted(listed) == sorted([first.reference, second.reference])
    # Unticked, the tag comes off; the round keeps it.
    moderator_client.post(edit_url(second), form_data(second, tags=[]))
    assert references(moderator_client.get(LISTING, {"tag": traffic.pk})) == [first.reference]


def test_a_tag_of_another_round_is_refused_in_norwegian(moderator_client, demo_round, closed_round):
    other = RoundTag.objects.create(round=closed_round, name="Skole")
    submission = make_submission(demo_round)
    response = moderator_client.post(
        edit_url(submission),
        form_data(submission, tags=[other.pk], state=SubmissionState.DECLINED, decline_reason="x"),
    )
    assert response.status_code == 200
    assert "hører ikke til denne innspillsrunden" in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == SubmissionState.RECEIVED and not submission.tags.exists()


# «Lagre og gå til neste»


def test_save_and_next_walks_the_rounds_waiting_input(moderator_client, demo_round, closed_round):
    Submission.objects.filter(round=demo_round, state=SubmissionState.RECEIVED).update(
        state=SubmissionState.DECLINED, decline_reason="Ryddet"
    )
    now = timezone.now()
    newest = make_submission(demo_round, received_at=now - timedelta(minutes=1))
    handled = make_submission(
        demo_round, received_at=now - timedelta(minutes=2), state=SubmissionState.PUBLISHED
    )
    older = make_submission(demo_round, received_at=now - timedelta(minutes=3))
    make_submission(closed_round, received_at=now - timedelta(minutes=4))  # another round
    assert handled

    page = moderator_client.get(edit_url(newest)).content.decode()
    assert f'name="{SAVE_AND_NEXT}"' in page and "Lagre og gå til neste" in page

    data = {**form_data(newest, internal_note="Sett"), SAVE_AND_NEXT: "Lagre og gå til neste"}
    response = moderator_client.post(edit_url(newest), data)
    assert response.status_code == 302 and response["Location"] == edit_url(older)
    newest.refresh_from_db()
    assert newest.internal_note == "Sett"

    # The last one waiting: the next is the one still «Mottatt» above it.
    data = {**form_data(older), SAVE_AND_NEXT: "1"}
    assert moderator_client.post(edit_url(older), data)["Location"] == edit_url(newest)

    # Nothing else waits: back to the round's listing, told so.
    newest.state = SubmissionState.DECLINED
    newest.save(update_fields=["state"])
    older_data = {**form_data(older, state="declined", decline_reason="Utenfor tema")}
    response = moderator_client.post(
        edit_url(older), {**older_data, SAVE_AND_NEXT: "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{LISTING}?round={demo_round.pk}"
    assert "venter på behandling" in response.content.decode()


def test_the_filtered_listing_is_where_saving_comes_back_to(moderator_client, demo_round):
    Submission.objects.filter(round=demo_round, state=SubmissionState.RECEIVED).update(
        state=SubmissionState.DECLINED, decline_reason="Ryddet"
    )
    now = timezone.now()
    newest = make_submission(demo_round, received_at=now - timedelta(minutes=1))
    older = make_submission(demo_round, received_at=now - timedelta(minutes=2))
    filtered = f"{LISTING}?round={demo_round.pk}&state=received"
    carried = f"{edit_url(newest)}?{urlencode({'next': filtered})}"

    listing = moderator_client.get(filtered).content.decode()
    assert f'href="{escape(carried)}"' in listing
    form = moderator_client.get(carried).content.decode()
    assert f'action="{escape(carried)}"' in form
    assert f'href="{escape(filtered)}"' in form  # the breadcrumb back to «Innspill»

    # «Lagre»: back to the listing as it was left.
    response = moderator_client.post(carried, form_data(newest, internal_note="Sett"))
    assert response.status_code == 302 and response["Location"] == filtered
    # «Lagre og gå til neste»: the next input, still carrying the listing; after the last, it.
    response = moderator_client.post(carried, {**form_data(newest), SAVE_AND_NEXT: "1"})
    assert response["Location"] == f"{edit_url(older)}?{urlencode({'next': filtered})}"
    newest.state = SubmissionState.DECLINED
    newest.save(update_fields=["state"])
    data = {**form_data(older, state="declined", decline_reason="Utenfor tema"), SAVE_AND_NEXT: "1"}
    response = moderator_client.post(f"{edit_url(older)}?{urlencode({'next': filtered})}", data)
    assert response["Location"] == filtered


@pytest.mark.parametrize("elsewhere", ["/temaplaner/", "https://example.com/admin/innspill/?a=1"])
def test_an_address_outside_the_listing_is_never_followed(moderator_client, demo_round, elsewhere):
    submission = make_submission(demo_round)
    url = f"{edit_url(submission)}?{urlencode({'next': elsewhere})}"
    assert f'action="{edit_url(submission)}"' in moderator_client.get(url).content.decode()
    response = moderator_client.post(url, form_data(submission))
    assert response["Location"] == LISTING


def test_plain_save_stays_as_before(moderator_client, demo_round):
    submission = make_submission(demo_round)
    response = moderator_client.post(edit_url(submission), form_data(submission))
    assert response["Location"] == LISTING


# «Stikkord»: the rounds' tags kept tidy


def test_moderators_keep_the_rounds_tags_and_a_name_is_unique_per_round(
    moderator_client, editor, demo_round, closed_round
):
    traffic = RoundTag.objects.create(round=demo_round, name="Trafikk")
    make_submission(demo_round).tags.add(traffic)
    listing = moderator_client.get("/admin/stikkord/")
    assert "Trafikk" in listing.content.decode() and "1" in cells(listing.content.decode())
    response = moderator_client.post(
        "/admin/stikkord/add/", {"round": demo_round.pk, "name": "trafikk"}
    )
    assert response.status_code == 200
    assert "Runden har allerede et stikkord med dette navnet." in response.content.decode()
    # The same name in another round is another tag.
    response = moderator_client.post(
        "/admin/stikkord/add/", {"round": closed_round.pk, "name": "Trafikk"}
    )
    assert response.status_code == 302
    assert RoundTag.objects.filter(name="Trafikk").count() == 2
    moderator_client.force_login(editor)  # Wagtail's editors, not moderators
    assert moderator_client.get("/admin/stikkord/").status_code == 302

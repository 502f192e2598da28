"""The report back on a round (issue 20, point 3): staff publish «Hva vi fikk inn og hva vi gjør
med det» with the plan; it shows on the plan and the round's input page, with counts from the
data, and is mailed once to each sender who gave an address and did not withdraw."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from core.models import OutboxMail
from participation import links, retention, summaries
from participation.models import (
    MailKind,
    ParticipationRound,
    Publication,
    SenderCategory,
    SubmissionState,
)
from tests.factories import SubmissionFactory
from tests.subscriptions.conftest import confirmed
from tests.themeplans.visible_text import visible_text
from themeplans.models import ThemePlanPage

SUMMARY = "<p>Mange vil ha flere sykkelveier. Vi tar det med i planforslaget.</p>"


@pytest.fixture
def culture():
    return ThemePlanPage.objects.get(slug="kultur")


@pytest.fixture
def closed(culture):
    plan = culture
    return ParticipationRound.objects.create(
        page=plan,
        title="Innspill om trær",
        opens_at=timezone.now() - timedelta(days=40),
        closes_at=timezone.now() - timedelta(days=1),
    )


def add_input(round, **fields):
    values = {"round": round, "state": SubmissionState.RECEIVED}
    return SubmissionFactory(**{**values, **fields})


def publish_plan(plan, capture):
    """Publish the plan as it stands in the database, as an editor's «Publiser» does."""
    with capture(execute=True):
        ThemePlanPage.objects.get(pk=plan.pk).save_revision().publish()


def publish_summary(round, capture, text=SUMMARY):
    """As the editor does: write the summary, tick «publisert», publish the plan."""
    ParticipationRound.objects.filter(pk=round.pk).update(summary=text, summary_published=True)
    publish_plan(round.page, capture)
    return ParticipationRound.objects.get(pk=round.pk)


def summary_mails():
    return [m for m in mail.outbox if "Hva vi fikk inn" in m.subject]


def test_each_sender_with_an_address_gets_the_summary_once(
    closed, django_capture_on_commit_callbacks
):
    kari = add_input(closed, email="kari@example.no")
    add_input(closed, email="Kari@Example.no")  # the same mailbox, a second input
    add_input(closed, email="ola@example.no")
    add_input(closed, email="trakk@example.no", state=SubmissionState.WITHDRAWN)
    anonymised = add_input(closed, email="gammel@example.no")
    retention.anonymise(anonymised, timezone.now())

    publish_summary(closed, django_capture_on_commit_callbacks)

    recipients = sorted(message.to[0].lower() for message in summary_mails())
    assert recipients == ["kari@example.no", "ola@example.no"]
    body = summary_mails()[0].body
    assert "Mange vil ha flere sykkelveier" in body
    assert links.private_path(kari).split("/mitt/")[0] in body

    # Published again (another edit of the plan): nobody is mailed twice.
    mail.outbox.clear()
    publish_summary(closed, django_capture_on_commit_callbacks)
    assert summary_mails() == []
    assert OutboxMail.objects.filter(kind=MailKind.SUMMARY).count() == 2


def test_a_sender_who_follows_the_plan_is_not_told_of_the_summary_twice(
    closed, django_capture_on_commit_callbacks
):
    add_input(closed, email="kari@example.no")
    # The same mailbox as the sender's, spelt otherwise, and a follower who sent nothing.
    confirmed(closed.page, "Kari+planer@Example.no")
    confirmed(closed.page, "per@example.no")

    publish_summary(closed, django_capture_on_commit_callbacks)
    assert [message.to[0] for message in summary_mails()] == ["kari@example.no"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_followers", stdout=io.StringIO())

    told = [message.to[0] for message in mail.outbox if "hva vi fikk inn" in message.subject]
    assert told == ["per@example.no"]
    # Recorded as told, so no later run mails it either.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_followers", stdout=io.StringIO())
    assert [message.to[0] for message in mail.outbox if "hva vi fikk inn" in message.subject] == [
        "per@example.no"
    ]


def test_links_in_the_mailed_summary_are_full_addresses(
    closed, culture, django_capture_on_commit_callbacks
):
    """A link to a page of the site is stored as a page id; in a mail it must lead to the site,
    not to "/temaplaner/…" in the reader's mail program."""
    add_input(closed, email="kari@example.no")
    text = f'<p>Les <a linktype="page" id="{culture.pk}">planen</a>.</p>'

    publish_summary(closed, django_capture_on_commit_callbacks, text=text)

    html = summary_mails()[0].alternatives[0][0]
    assert f'href="http://testserver{culture.url}"' in html
    assert 'href="/' not in html


def test_no_mail_before_the_summary_is_published(closed, django_capture_on_commit_callbacks):
    add_input(closed, email="kari@example.no")
    ParticipationRound.objects.filter(pk=closed.pk).update(summary=SUMMARY)  # written, not ticked
    publish_plan(closed.page, django_capture_on_commit_callbacks)
    assert summary_mails() == []


def test_anonymising_stops_the_mail_not_yet_sent(closed, django_capture_on_commit_callbacks):
    submission = add_input(closed, email="kari@example.no")
    round = publish_summary(closed, lambda execute: django_capture_on_commit_callbacks())
    with django_capture_on_commit_callbacks():  # posted, the delivery not run
        assert summaries.post_mails(round) == 1
    assert OutboxMail.objects.filter(kind=MailKind.SUMMARY, sent_at__isnull=True).count() == 1
    retention.anonymise(submission, timezone.now())
    assert OutboxMail.objects.filter(kind=MailKind.SUMMARY).count() == 0
    assert summaries.post_mails(round) == 0


def test_a_summary_cannot_be_published_while_the_round_is_open(closed):
    from django.core.exceptions import ValidationError

    closed.closes_at = timezone.now() + timedelta(days=3)
    closed.summary, closed.summary_published = SUMMARY, True
    with pytest.raises(ValidationError, match="når runden er stengt"):
        closed.full_clean()


def test_counts_per_topic_and_category_leave_out_withdrawn_input(closed):
    add_input(closed, topic="Trær", category=SenderCategory.PRIVATE_PERSON)
    add_input(closed, topic="Trær", category=SenderCategory.ASSOCIATION)
    add_input(closed, topic="", category=SenderCategory.PRIVATE_PERSON)
    add_input(closed, topic="Trær", state=SubmissionState.WITHDRAWN)
    other = ParticipationRound.objects.create(
        page=closed.page, title="Annen", opens_at=closed.opens_at, closes_at=closed.closes_at
    )
    add_input(other, topic="Trær")

    counts = summaries.counts(closed)

    assert counts.total == 3
    assert counts.categories == [("Privatperson", 2), ("Lag eller forening", 1)]
    assert counts.topics == [("Trær", 2), ("Uten tema", 1)]


def test_counts_for_many_rounds_take_one_query(closed, django_assert_num_queries):
    rounds = [closed] + [
        ParticipationRound.objects.create(
            page=closed.page, title=f"R{n}", opens_at=closed.opens_at, closes_at=closed.closes_at
        )
        for n in range(5)
    ]
    for round in rounds:
        add_input(round)
    with django_assert_num_queries(1):
        counted = summaries.counts_by_round([round.pk for round in rounds])
    assert all(counted[round.pk].total == 1 for round in rounds)


def test_the_published_summary_shows_on_the_plan_the_input_page_and_the_senders_page(
    client, closed, django_capture_on_commit_callbacks
):
    submission = add_input(closed, topic="Trær", email="kari@example.no")
    add_input(closed, topic="Trær", category=SenderCategory.BUSINESS)
    plan_url = closed.page.url
    assert "Hva vi fikk inn" not in client.get(plan_url).content.decode()

    publish_summary(closed, django_capture_on_commit_callbacks)

    for url in (plan_url, plan_url + "innspill/publiserte/"):
        text = visible_text(client.get(url))
        assert "Hva vi fikk inn og hva vi gjør med det" in text
        assert "Mange vil ha flere sykkelveier" in text
        assert "2 innspill kom inn." in text
        assert "Næringsliv" in text
    private = client.get(links.private_path(submission)).content.decode()
    assert f'href="{plan_url}#oppsummering-{closed.pk}"' in private


def test_hearing_documents_show_on_the_plan_and_the_form(client, culture):
    document = get_document_model()(title="Høringsutkast for trær")
    document.file.save("utkast.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    plan = culture.get_latest_revision_as_object()
    plan.participation_rounds.add(
        ParticipationRound(
            title="Høring om trær",
            kind="hearing",
            opens_at=timezone.now() - timedelta(days=1),
            closes_at=timezone.now() + timedelta(days=50),
            documents=[
                ("document", {"kind": "draft", "document": document, "title": ""}),
                ("document", {"kind": "letter", "document": document, "title": "Brevet"}),
            ],
        )
    )
    plan.save_revision().publish()

    for url in (plan.url, plan.url + "innspill/"):
        text = visible_text(client.get(url))
        assert "Høringsutkast: Høringsutkast for trær" in text
        assert "Høringsbrev: Brevet" in text


def test_the_form_tells_senders_they_will_get_the_summary(client, closed):
    closed.closes_at = timezone.now() + timedelta(days=3)
    closed.save()
    text = visible_text(client.get(closed.page.url + "innspill/"))
    assert "sender vi deg på denne adressen en oppsummering" in text


def test_an_organisations_named_input_is_published_under_its_name(client, closed):
    add_input(
        closed,
        name="Per Hansen",
        organisation="Asker Turlag",
        category=SenderCategory.ASSOCIATION,
        publication=Publication.NAMED,
        state=SubmissionState.PUBLISHED,
        published_at=timezone.now(),
    )
    person = add_input(
        closed, name="Kari", organisation="Asker Turlag", publication=Publication.NAMED
    )
    html = client.get(closed.page.url + "innspill/publiserte/").content.decode()
    assert 'class="published-submission__sender" id="innspill-' in html
    assert ">Asker Turlag<span" in html
    assert "Sendt av Per Hansen" in html
    assert person.public_name == "Kari, Asker Turlag"  # a private person keeps their name

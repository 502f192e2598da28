"""The input form under /en/: an English interface around the editors' Norwegian text, the
sender's own mails in the language they used the form in, and mail to staff in Norwegian."""

import re

import pytest
from django.core import mail
from django.utils import translation

from participation import services
from participation.models import Submission
from tests.markup import html_lang
from tests.participation.conftest import FORM_URL, make_submission

pytestmark = pytest.mark.django_db

EN_FORM_URL = "/en" + FORM_URL


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


def test_under_en_the_editors_text_on_the_form_is_marked_norwegian(client, demo_round):
    html = client.get(EN_FORM_URL).content.decode()
    assert html_lang(html) == "en"
    assert re.search(r'<p class="page-header__kicker" lang="nb">', html)
    assert re.search(r'<h2 id="runde-\d+" class="round-intro__title" lang="nb">', html)
    # The plan's topics are Norwegian; «not chosen» is the interface's own word.
    assert re.search(r'<option value="Sirkulærøkonomi" lang="nb">', html)
    assert re.search(r'<option value=""[^>]*>[^<]+</option>', html)
    assert not re.search(r'<option value="" lang=', html)


def test_in_norwegian_nothing_is_marked(client, demo_round):
    html = client.get(FORM_URL).content.decode()
    assert html_lang(html) == "nb"
    assert ' lang="nb"' not in html.split("<body", 1)[1]


def test_personal_data_fields_say_what_they_hold_and_the_trap_is_hidden(client, demo_round):
    html = client.get(FORM_URL).content.decode()
    for field, token in [("name", "name"), ("email", "email"), ("organisation", "organization")]:
        tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', html).group(0)
        assert f'autocomplete="{token}"' in tag
    trap = re.search(r'<div class="form-field form-field--trap"[^>]*>.*?</div>', html, re.S)
    assert 'aria-hidden="true"' in trap.group(0)
    assert 'tabindex="-1"' in trap.group(0) and 'autocomplete="off"' in trap.group(0)


def test_a_sender_on_en_gets_the_receipt_in_english_and_staff_in_norwegian(
    client, demo_round, django_capture_on_commit_callbacks
):
    from tests.participation.conftest import form_stamp, valid_input
    from themeplans.models import Person

    Person.objects.filter(name="Bente Støa").update(email="bente.stoa@asker.kommune.no")
    data = {**valid_input(demo_round), "shown_at": form_stamp(client, EN_FORM_URL)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EN_FORM_URL, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
    receipt = next(m for m in mail.outbox if m.to == ["kari@example.no"])
    staff = next(m for m in mail.outbox if "bente.stoa@asker.kommune.no" in m.to)
    assert html_lang(receipt.alternatives[0][0]) == "en"
    assert "/en/temaplaner/" in receipt.body  # the private link opens in English too
    assert html_lang(staff.alternatives[0][0]) == "nb"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_answer_mail_follows_the_senders_language_not_the_moderators(
    demo_round, django_capture_on_commit_callbacks, language
):
    submission = make_submission(demo_round, answer="Takk, vi tar det med.")
    Submission.objects.filter(pk=submission.pk).update(language=language)
    submission.refresh_from_db()
    moderator_language = "en" if language == "nb" else "nb"
    with translation.override(moderator_language), django_capture_on_commit_callbacks(execute=True):
        services.publish(submission)
    answer = mail.outbox[-1]
    assert html_lang(answer.alternatives[0][0]) == language
    assert ("/en/" in answer.body) == (language == "en")


def test_a_receipt_sent_again_later_keeps_the_senders_language(demo_round):
    """retry_failed_mail runs from cron, in Norwegian; the receipt must not switch language."""
    from core import outbox
    from participation import mails

    submission = make_submission(demo_round, language="en")
    row = outbox.post(**mails.compose("receipt", submission))
    mail.outbox.clear()
    outbox.deliver.call(row.pk)
    assert html_lang(mail.outbox[-1].alternatives[0][0]) == "en"


def test_the_private_and_published_pages_mark_the_editors_text_under_en(client, demo_round):
    from participation import links

    submission = make_submission(demo_round, topic="Sirkulærøkonomi", answer="Takk.")
    services.publish(submission)
    with translation.override("en"):
        private_path = links.private_path(submission)
        published_path = links.published_path(demo_round.page)
    assert private_path.startswith("/en/")
    private = client.get(private_path + "?mottatt=1")
    assert private.status_code == 200
    html = private.content.decode()
    assert re.search(r'<dd lang="nb">Sirkulærøkonomi</dd>', html)
    assert re.search(r'<div class="answer__text" lang="nb">', html)
    published = client.get(published_path).content.decode()
    assert html_lang(published) == "en"
    assert re.search(r'<span lang="nb">Sirkulærøkonomi</span>', published)
    # The sender wrote in the Norwegian form, so their text is marked Norwegian here.
    assert '<div class="published-submission__text submission-text" lang="nb">' in published


def test_input_sent_from_the_english_form_is_marked_english_on_norwegian_pages(client, demo_round):
    from participation import links

    submission = make_submission(demo_round, text="Please keep the forest paths open.")
    Submission.objects.filter(pk=submission.pk).update(language="en")
    services.publish(Submission.objects.get(pk=submission.pk))
    published = client.get(links.published_path(demo_round.page)).content.decode()
    assert '<div class="published-submission__text submission-text" lang="en">' in published
    with translation.override("en"):
        english_path = links.published_path(demo_round.page)
    english = client.get(english_path)
    assert '<div class="published-submission__text submission-text">' in english.content.decode()

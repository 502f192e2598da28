"""A follower hears from us in the language they followed in: the confirmation and every
later mail from cron, with links that open in that language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from participation.models import ParticipationRound
from subscriptions import mails
from subscriptions.models import Subscription
from tests.markup import html_lang
from tests.subscriptions.conftest import EMAIL, FOLLOW_URL, confirmed
from tests.themeplans.feed_content import publish

pytestmark = pytest.mark.django_db


def test_following_on_the_english_page_is_remembered_for_the_confirmation(plan, follow, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = follow(url="/en" + FOLLOW_URL)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()  # the «check your e-mail» page
    subscription = Subscription.objects.get(email=EMAIL)
    assert subscription.language == "en"
    # A worker sends it later, outside the request, and it is still English.
    assert mail.outbox == []
    outbox.deliver.call(OutboxMail.objects.get(kind=mails.CONFIRMATION).pk)
    message = mail.outbox[-1]
    assert html_lang(message) == "en"
    assert "/en/folg/bekreft/" in message.body
    assert "/en/folg/avslutt/" in message.extra_headers["List-Unsubscribe"]


def test_following_again_in_norwegian_switches_the_mails_to_norwegian(plan, follow):
    follow(url="/en" + FOLLOW_URL)
    follow()
    assert Subscription.objects.get(email=EMAIL).language == "nb"


def test_news_reaches_each_follower_in_their_language(
    plan, demo_round, django_capture_on_commit_callbacks
):
    norwegian = confirmed(plan, "ola@example.no")
    english = confirmed(plan, "emma@example.no")
    Subscription.objects.filter(pk=english.pk).update(language="en")
    opened = ParticipationRound.objects.create(
        page=plan,
        title="Høring av planforslaget",
        kind="hearing",
        opens_at=timezone.now() - timedelta(minutes=5),
        closes_at=timezone.now() + timedelta(days=40),
    )
    publish(plan)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_followers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {norwegian.email, english.email}
    assert html_lang(by_address[norwegian.email]) == "nb"
    assert html_lang(by_address[english.email]) == "en"
    assert "/en/temaplaner/" in by_address[english.email].body
    assert "/en/" not in by_address[norwegian.email].body
    # The round's title is the editors' Norwegian in both; the sentence around it is not.
    assert opened.title in by_address[english.email].subject
    assert by_address[english.email].subject != by_address[norwegian.email].subject

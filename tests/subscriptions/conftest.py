import re

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from subscriptions.models import Subscription
from tests.participation import conftest as participation
from tests.participation.conftest import form_stamp

# The fixtures participation's tests use: the climate plan, its open round, staff users.
plan = participation.plan
demo_round = participation.demo_round
no_fill_delay = participation.no_fill_delay
moderator = participation.moderator
moderator_client = participation.moderator_client
editor = participation.editor
editor_client = participation.editor_client

PLAN_URL = "/temaplaner/handling-mot-klimaendringene/"
FOLLOW_URL = PLAN_URL + "folg/"
EMAIL = "kari@example.no"


@pytest.fixture
def follow(client, plan, django_capture_on_commit_callbacks):
    """Send the follow form as a browser would, after loading it; mails queued on commit go out."""

    def post(email=EMAIL, url=FOLLOW_URL, **changes):
        data = {"email": email, "website": "", "shown_at": form_stamp(client, url), **changes}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def link_in(message, kind):
    """The /folg/<kind>/<token>/ link in a mail's text, as a path."""
    found = re.search(rf"http://testserver(/folg/{kind}/[-\w]+/)", message.body)
    assert found, message.body
    return found.group(1)


def confirmed(followed_plan, email=EMAIL):
    """A follower who confirmed, as the confirm page leaves them (history already known)."""
    from subscriptions import services

    subscription = services.subscribe(followed_plan, email)
    services.confirm(subscription.token)
    mail.outbox.clear()
    return Subscription.objects.get(pk=subscription.pk)


class RefusingEmailBackend(BaseEmailBackend):
    """An e-mail server that is away."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP-serveren svarer ikke")


@pytest.fixture(autouse=True)
def demo(demo_site):
    """These tests read the demo site (tests/conftest.py loads it once per session)."""

"""Two notify_followers runs at the same moment (cron started twice, or a slow run overlapping
the next): each follower gets each event once, new news and retried mails alike.

SQLite serialises every writer, so a race cannot show there: this module needs PostgreSQL and
is skipped elsewhere with the reason; the PostgreSQL pass of CI runs it.
"""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from subscriptions import notifications, services
from tests.conftest import needs_postgresql
from tests.subscriptions.conftest import confirmed
from tests.subscriptions.test_notify_plans import open_round
from themeplans.models import ThemePlanPage

pytestmark = needs_postgresql("two runs at once")


@pytest.fixture
def followed_plans_with_news(transactional_db, demo_site):
    """Two plans, two followers each, and a round opened on each: four mails are due."""
    plans = [
        ThemePlanPage.objects.get(slug=slug) for slug in ("handling-mot-klimaendringene", "kultur")
    ]
    for number, plan in enumerate(plans):
        confirmed(plan, f"ola{number}@example.no")
        confirmed(plan, f"emma{number}@example.no")
        open_round(plan, f"Høring {number}")
    mail.outbox.clear()
    return plans


def side_by_side(monkeypatch, function, name):
    """Make two runs wait for each other at every call of `function` (module attribute `name`
    of its module), so they go through it together."""
    barrier = threading.Barrier(2, timeout=30)
    real = getattr(function, name)

    def together(*args, **kwargs):
        barrier.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(function, name, together)


def two_runs_at_once():
    errors = []

    def run():
        try:
            services.notify()
        except Exception as error:  # shown by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def mails_per_address_and_subject():
    return Counter((message.to[0], message.subject) for message in mail.outbox)


def test_two_runs_at_once_send_each_follower_each_event_once(followed_plans_with_news, monkeypatch):
    side_by_side(monkeypatch, notifications, "claim")  # both decided what is new, then claim
    two_runs_at_once()
    sent = mails_per_address_and_subject()
    assert len(sent) == 4 and set(sent.values()) == {1}


def test_two_runs_at_once_retry_each_failed_mail_once(
    followed_plans_with_news, monkeypatch, settings
):
    settings.EMAIL_BACKEND = "tests.subscriptions.conftest.RefusingEmailBackend"
    services.notify()  # the e-mail server is away: four mails wait
    assert outbox.failing().count() == 4
    OutboxMail.objects.update(last_attempt_at=timezone.now() - timedelta(minutes=11))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    side_by_side(monkeypatch, outbox, "retry_due")  # both read the same four due mails
    two_runs_at_once()
    sent = mails_per_address_and_subject()
    assert len(sent) == 4 and set(sent.values()) == {1}
    assert not outbox.failing().exists()

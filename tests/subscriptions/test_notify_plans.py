"""notify_followers over several plans: each plan's news reaches its own followers, once."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from participation.models import ParticipationRound
from subscriptions import mails, services
from subscriptions.models import Subscription
from tests.subscriptions.conftest import confirmed
from tests.themeplans.feed_content import publish
from themeplans.models import ThemePlanPage


def open_round(plan, title):
    """A round that opened five minutes ago, published with its plan: news to the plan's
    followers."""
    round = ParticipationRound.objects.create(
        page=plan,
        title=title,
        opens_at=timezone.now() - timedelta(minutes=5),
        closes_at=timezone.now() + timedelta(days=30),
    )
    publish(plan)
    return round


def test_two_plans_with_news_each_tell_their_own_followers(
    plan, demo_round, django_capture_on_commit_callbacks
):
    culture = ThemePlanPage.objects.get(slug="kultur")
    climate_follower = confirmed(plan, "ola@example.no")
    culture_follower = confirmed(culture, "emma@example.no")
    open_round(plan, "Høring om klimaplanen")
    open_round(culture, "Høring om kulturplanen")

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_followers", stdout=out, stderr=out)

    by_address = {message.to[0]: message.subject for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert "Høring om klimaplanen" in by_address[climate_follower.email]
    assert "Høring om kulturplanen" in by_address[culture_follower.email]
    assert "Varslet 2 følgere om 2 hendelser" in out.getvalue()


def test_a_follower_who_leaves_is_not_sent_the_mail_still_waiting(
    plan, demo_round, django_capture_on_commit_callbacks, settings
):
    subscription = confirmed(plan)
    open_round(plan, "Høring om klimaplanen")
    settings.EMAIL_BACKEND = "tests.subscriptions.conftest.RefusingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.notify()
    assert outbox.failing().filter(about=mails.about(subscription)).exists()

    services.unsubscribe(subscription.token)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    summary = outbox.retry_due(timezone.now() + outbox.RETRY_AFTER)
    assert summary.tried == 0 and mail.outbox == []
    assert not OutboxMail.objects.filter(about=mails.about(subscription)).exists()


def test_a_follower_deleted_in_the_admin_takes_their_mails_along(plan):
    subscription = confirmed(plan)  # the confirmation mail is kept after it was sent
    assert OutboxMail.objects.filter(about=mails.about(subscription)).exists()
    Subscription.objects.filter(pk=subscription.pk).delete()
    assert not OutboxMail.objects.filter(about=mails.about(subscription)).exists()

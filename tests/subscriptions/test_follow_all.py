"""Following every plan from the index (issue 20, point 7): all that happens, or only rounds
opening, with the same double opt-in and one-click unsubscribe as following one plan."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participation.models import ParticipationRound, Submission
from subscriptions.models import Scope, Subscription
from tests.subscriptions.conftest import confirmed, link_in
from tests.themeplans.feed_content import publish
from themeplans.models import ThemePlanIndexPage, ThemePlanPage

INDEX_URL = "/temaplaner/"
FOLLOW_ALL_URL = INDEX_URL + "folg/"


@pytest.fixture
def notify_followers(django_capture_on_commit_callbacks):
    def run():
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("notify_followers", stdout=out, stderr=out)
        return out.getvalue()

    return run


def open_round(plan, title):
    round = ParticipationRound.objects.create(
        page=plan,
        title=title,
        opens_at=timezone.now() - timedelta(minutes=5),
        closes_at=timezone.now() + timedelta(days=30),
    )
    publish(plan)
    return round


def follow_all(follow, email, scope):
    return follow(email=email, url=FOLLOW_ALL_URL, scope=scope)


def confirm_by_mail(client, email):
    (confirmation,) = [m for m in mail.outbox if m.to == [email]]
    path = link_in(confirmation, "bekreft")
    assert "Bekreft og følg alle planene" in client.get(path).content.decode()
    assert Subscription.objects.get(email=email).confirmed_at is None  # opening changes nothing
    assert "Nå følger du alle planene" in client.post(path).content.decode()
    return confirmation


def test_the_index_and_the_home_page_invite_to_follow_all_plans(client, demo_site):
    for url in ("/", INDEX_URL):
        assert f'href="{FOLLOW_ALL_URL}"' in client.get(url).content.decode()
    form = client.get(FOLLOW_ALL_URL).content.decode()
    assert "Bare når en innspillsrunde åpner" in form


def test_follow_all_confirm_hear_of_any_plan_and_leave_in_one_click(
    client, demo_site, follow, notify_followers
):
    response = follow_all(follow, "alle@example.no", Scope.ALL)
    assert "Sjekk e-posten din" in response.content.decode()
    confirmation = confirm_by_mail(client, "alle@example.no")
    assert confirmation.subject == "Bekreft at du vil følge alle temaplanene"
    subscription = Subscription.objects.get(email="alle@example.no")
    assert subscription.scope == Scope.ALL
    assert subscription.plan_id == ThemePlanIndexPage.objects.get().pk

    # The history of the plans is not mailed; what happens next on any plan is.
    mail.outbox.clear()
    notify_followers()
    assert mail.outbox == []
    open_round(ThemePlanPage.objects.get(slug="kultur"), "Høring om kulturplanen")
    open_round(ThemePlanPage.objects.get(slug="naering"), "Innspill om næring")
    notify_followers()
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert "Høring om kulturplanen" in subjects[0]
    assert "Innspill om næring" in subjects[1]
    # Told once.
    mail.outbox.clear()
    notify_followers()
    assert mail.outbox == []

    # One click (RFC 8058) from the mail client, without cookies.
    leave = link_in(confirmation, "avslutt")
    response = client.post(leave, {"List-Unsubscribe": "One-Click"})
    assert "Du følger ikke lenger planene" in response.content.decode()
    assert not Subscription.objects.filter(email="alle@example.no").exists()


def test_rounds_only_hears_of_rounds_opening_not_of_other_news(
    client, demo_site, follow, notify_followers
):
    follow_all(follow, "runder@example.no", Scope.ROUNDS)
    confirm_by_mail(client, "runder@example.no")
    mail.outbox.clear()
    culture = ThemePlanPage.objects.get(slug="kultur")
    open_round(culture, "Høring om kulturplanen")
    # Other news on a plan: its adoption.
    culture.adopted_on = timezone.localdate()
    culture.save_revision().publish()

    notify_followers()

    assert [m.subject for m in mail.outbox] == [
        "Temaplan for kultur: Høring om kulturplanen – åpnet for innspill"
    ]


def test_one_address_following_a_plan_and_all_plans_is_told_once(
    client, demo_site, plan, notify_followers
):
    confirmed(plan, "begge@example.no")
    from subscriptions import services

    wide = services.subscribe(ThemePlanIndexPage.objects.get(), "begge@example.no", scope=Scope.ALL)
    services.confirm(wide.token)
    mail.outbox.clear()
    open_round(plan, "Høring om klimaplanen")
    notify_followers()
    assert len([m for m in mail.outbox if "Høring om klimaplanen" in m.subject]) == 1


def test_followers_hear_when_a_rounds_summary_is_published(
    client, demo_site, plan, notify_followers, django_capture_on_commit_callbacks
):
    follower = confirmed(plan, "folger@example.no")
    round = ParticipationRound.objects.get(page=plan, title="Innspill til kunnskapsgrunnlaget")
    Submission.objects.create(
        round=round, name="Ola", email="ola@example.no", category="private", text="Tekst."
    )
    ParticipationRound.objects.filter(pk=round.pk).update(
        summary="<p>Vi fikk inn mye.</p>", summary_published=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(plan)
    notify_followers()
    to_follower = [m for m in mail.outbox if m.to == [follower.email]]
    assert len(to_follower) == 1
    assert "hva vi fikk inn" in to_follower[0].subject
    to_sender = [m for m in mail.outbox if m.to == ["ola@example.no"]]
    assert len(to_sender) == 1

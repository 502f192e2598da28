"""Following a plan by e-mail, as a citizen meets it: follow, confirm, hear news once, leave."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from participation.models import ParticipationRound
from subscriptions.models import Notification, Subscription
from tests.subscriptions.conftest import EMAIL, FOLLOW_URL, PLAN_URL, confirmed, link_in
from tests.themeplans.feed_content import publish
from tests.themeplans.visible_text import visible_text
from themeplans.models import Milestone, PoliticalDecision


@pytest.fixture
def notify_followers(django_capture_on_commit_callbacks):
    """Run the cron command; returns its output. The mails it queues on commit go out."""

    def run():
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("notify_followers", stdout=out, stderr=out)
        return out.getvalue()

    return run


def closing_soon(round):
    """The round now closes in two days: the «three days left» warning is due."""
    round.opens_at = timezone.now() - timedelta(days=10)
    round.closes_at = timezone.now() + timedelta(days=2)
    round.save()
    publish(round.page)


def test_follow_confirm_hear_once_and_leave(client, plan, demo_round, follow, notify_followers):
    page = client.get(FOLLOW_URL)
    assert page.status_code == 200
    assert "Følg planen" in page.content.decode()

    response = follow()
    assert response.status_code == 200
    assert "Sjekk e-posten din" in response.content.decode()
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == [EMAIL]
    assert confirmation.subject == f"Bekreft at du vil følge {plan.title}"
    confirm_path = link_in(confirmation, "bekreft")
    unsubscribe_path = link_in(confirmation, "avslutt")
    assert confirmation.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver{unsubscribe_path}>"
    )

    # A mail scanner opening the link changes nothing; the button does.
    opened = client.get(confirm_path)
    assert opened.status_code == 200
    assert "Bekreft og følg planen" in opened.content.decode()
    assert Subscription.objects.get(email=EMAIL).confirmed_at is None
    done = client.post(confirm_path)
    assert "Nå følger du planen" in done.content.decode()
    assert Subscription.objects.get(email=EMAIL).confirmed_at is not None

    # What happened before the follower came (the demo round opened, …) is not mailed.
    mail.outbox.clear()
    assert "Varslet 0 følgere om 0 hendelser" in notify_followers()
    assert mail.outbox == []

    closing_soon(demo_round)
    output = notify_followers()
    assert f"{plan.title}: 1 hendelser til 1 følgere" in output
    assert "Varslet 1 følgere om 1 hendelser" in output
    assert len(mail.outbox) == 1
    news = mail.outbox[0]
    assert news.to == [EMAIL]
    assert news.subject == f"{plan.title}: tre dager igjen til fristen for «{demo_round.title}»"
    assert news.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe_path}>"
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"http://testserver{unsubscribe_path}" in news.body
    assert "http://testserver/temaplaner/handling-mot-klimaendringene/innspill/" in news.body
    html = news.alternatives[0][0]
    assert f'href="http://testserver{unsubscribe_path}"' in html

    # Nothing is sent twice for the same event.
    mail.outbox.clear()
    assert "Varslet 0 følgere om 0 hendelser" in notify_followers()
    assert mail.outbox == []

    # The mail client's one-click unsubscribe: a POST with no cookie and no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    left = mail_client.post(
        unsubscribe_path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert left.status_code == 200
    assert "Du følger ikke lenger planen" in left.content.decode()
    assert not Subscription.objects.filter(email=EMAIL).exists()
    assert not Notification.objects.exists()

    ParticipationRound.objects.create(
        page=plan,
        title="Ny runde",
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=timezone.now() + timedelta(days=30),
    )
    publish(plan)
    notify_followers()
    assert mail.outbox == []


def test_pending_followers_get_no_event_mail(plan, demo_round, follow, notify_followers):
    follow()
    mail.outbox.clear()
    closing_soon(demo_round)
    assert "Varslet 0 følgere om 0 hendelser" in notify_followers()
    assert mail.outbox == []


def test_each_kind_of_news_is_mailed_and_other_events_are_not(plan, demo_round, notify_followers):
    decision = PoliticalDecision.objects.get(decided_on=date(2020, 11, 17))
    milestone = Milestone.objects.filter(page=plan, kind="adoption").first()
    milestone.original_starts_on, milestone.moved_by = milestone.starts_on, decision
    milestone.starts_on += timedelta(days=90)
    milestone.save()
    publish(plan)
    confirmed(plan)  # that move is history to the new follower
    # A round closed and an answer published are in the feed only.
    demo_round.closes_at = timezone.now() - timedelta(minutes=1)
    demo_round.save()
    publish(plan)
    notify_followers()
    assert mail.outbox == []

    opened = ParticipationRound.objects.create(
        page=plan,
        title="Høring av planforslaget",
        kind="hearing",
        opens_at=timezone.now() - timedelta(minutes=5),
        closes_at=timezone.now() + timedelta(days=40),
    )
    milestone.starts_on += timedelta(days=30)  # moved again: news again
    milestone.save()
    plan.adopted_on = timezone.localdate()
    plan.save_revision().publish()

    notify_followers()
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == sorted(
        [
            f"{plan.title}: {opened.title} – åpnet for innspill",
            f"{plan.title}: «{milestone.title}» er flyttet til {milestone.display_date}",
            f"{plan.title} er vedtatt",
        ]
    )


def test_two_runs_at_once_mail_each_event_once(plan, demo_round, monkeypatch):
    from subscriptions import notifications

    subscription = confirmed(plan)
    closing_soon(demo_round)
    events = notifications.mailed_events([plan], timezone.now())
    first = notifications.claim([subscription], events, timezone.now())
    assert [row.event_key for row in first] == [f"round-closing:{demo_round.pk}"]
    # The second run looked for earlier rows before the first wrote them: only the unique
    # constraint stands between it and a second mail.
    manager = Notification.objects
    monkeypatch.setattr(manager, "filter", lambda *args, **kwargs: manager.none())
    assert notifications.claim([subscription], events, timezone.now()) == []
    monkeypatch.undo()
    assert Notification.objects.filter(event_key=first[0].event_key).count() == 1


def test_following_again_within_ten_minutes_sends_no_new_mail(client, plan, follow):
    first = follow()
    second = follow()
    assert len(mail.outbox) == 1
    assert "Om litt får du en e-post" in visible_text(first)
    assert "for mindre enn ti minutter siden" in visible_text(second)
    # The page is the same for a waiting and a confirmed address.
    Subscription.objects.update(confirmed_at=timezone.now())
    third = follow()
    assert second.content == third.content
    assert len(mail.outbox) == 1

    # Later, a confirmed follower asking again is told they already follow, with the way out.
    Subscription.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    follow()
    assert len(mail.outbox) == 2
    reminder = mail.outbox[1]
    assert reminder.subject == f"Du følger allerede {plan.title}"
    assert "/folg/bekreft/" not in reminder.body
    link_in(reminder, "avslutt")


def test_one_follower_per_address_whatever_the_case_of_the_domain(plan, follow):
    follow(email="Kari@EXAMPLE.no ")
    follow(email="Kari@example.no")
    assert list(Subscription.objects.values_list("email", flat=True)) == ["Kari@example.no"]


def test_an_address_with_bidi_controls_is_stored_without_them(plan, follow):
    """U+202E would show the address backwards in the followers' listing."""
    follow(email="kari@\u202eexample.no")
    assert list(Subscription.objects.values_list("email", flat=True)) == ["kari@example.no"]


def test_an_invalid_address_is_refused_in_norwegian_and_kept(client, plan, follow):
    response = follow(email="kari@")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no." in html
    assert 'value="kari@"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_the_spam_checks_refuse_with_a_clear_message(client, plan, follow, settings):
    trapped = follow(website="http://spam.example")
    assert trapped.status_code == 400
    assert "Et skjult felt mot spam var fylt ut" in trapped.content.decode()

    settings.PARTICIPATION_MIN_FILL_SECONDS = 60
    hasty = follow()
    assert hasty.status_code == 400
    assert "bare sekunder etter at du åpnet det" in hasty.content.decode()
    assert 'value="kari@example.no"' in hasty.content.decode()

    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1
    assert follow().status_code == 200
    limited = follow(email="per@example.no")
    assert limited.status_code == 429
    assert "Vent 10 minutter, og send på nytt" in limited.content.decode()
    assert list(Subscription.objects.values_list("email", flat=True)) == [EMAIL]


@pytest.mark.parametrize("kind", ["bekreft", "avslutt"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_link_gives_a_clear_page(client, demo_site, kind, method):
    response = getattr(client, method)(f"/folg/{kind}/{'x' * 43}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Lenken virker ikke" in html
    assert 'href="/temaplaner/"' in html


def test_an_expired_confirmation_link_gives_a_clear_page(client, plan, follow):
    follow()
    subscription = Subscription.objects.get()
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))
    for method in (client.get, client.post):
        response = method(f"/folg/bekreft/{subscription.token}/")
        assert response.status_code == 410
        html = response.content.decode()
        assert "Lenken er for gammel" in html
        assert f'href="{FOLLOW_URL}"' in html
    assert Subscription.objects.get().confirmed_at is None


def test_opening_the_unsubscribe_link_changes_nothing_the_button_does(client, plan):
    subscription = confirmed(plan)
    page = client.get(f"/folg/avslutt/{subscription.token}/")
    assert page.status_code == 200
    assert "Slutt å følge planen" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert Subscription.objects.exists()
    done = client.post(f"/folg/avslutt/{subscription.token}/")
    assert "Vi har slettet e-postadressen din" in done.content.decode()
    assert f'href="{FOLLOW_URL}"' in done.content.decode()
    assert not Subscription.objects.exists()


def test_the_command_forgets_addresses_never_confirmed(plan, notify_followers):
    old = Subscription.objects.create(
        plan=plan, email="gammel@example.no", created_at=timezone.now() - timedelta(days=8)
    )
    fresh = Subscription.objects.create(plan=plan, email="ny@example.no")
    follower = confirmed(plan)
    Subscription.objects.filter(pk=follower.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    assert "Slettet 1 påmeldinger" in notify_followers()
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, follower.pk}
    assert not Subscription.objects.filter(pk=old.pk).exists()


def test_the_plan_page_invites_to_follow(client, plan):
    html = client.get(PLAN_URL).content.decode()
    assert 'href="#folg"' in html
    assert f'href="{FOLLOW_URL}"' in html


def test_the_follow_page_costs_the_same_queries_every_time(client, plan, django_assert_num_queries):
    client.get(FOLLOW_URL)
    with django_assert_num_queries(8):  # routing to the plan; the page adds none
        assert client.get(FOLLOW_URL).status_code == 200


def test_no_follow_page_where_there_is_no_plan(client, demo_site):
    assert client.get("/temaplaner/finnes-ikke/folg/").status_code == 404


def back_by(delay):
    """Move every mail's last try `delay` into the past, as if that much time had gone."""
    OutboxMail.objects.update(last_attempt_at=timezone.now() - delay)


def test_a_mail_that_fails_is_tried_again_and_sent_once(
    plan, demo_round, notify_followers, settings, caplog
):
    subscription = confirmed(plan)
    closing_soon(demo_round)
    settings.EMAIL_BACKEND = "tests.subscriptions.conftest.RefusingEmailBackend"
    notify_followers()  # the e-mail server refuses: nothing sent, the mail waits
    row = OutboxMail.objects.get(kind="follow_news", about=f"subscription:{subscription.pk}")
    assert row.sent_at is None and row.attempts == 1
    assert "prøves igjen" in caplog.text
    assert EMAIL not in caplog.text  # the log names the follower by number, never the address

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Prøvde" not in notify_followers()  # too soon: not before RETRY_AFTER
    back_by(outbox.RETRY_AFTER)
    output = notify_followers()
    assert "Prøvde 1 e-poster som feilet, på nytt" in output
    assert len(mail.outbox) == 1
    assert "tre dager igjen" in mail.outbox[0].subject + mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    back_by(outbox.RETRY_AFTER)
    notify_followers()
    assert len(mail.outbox) == 1  # sent is sent: never twice


def test_a_mail_that_keeps_failing_is_given_up_and_reported(
    plan, demo_round, notify_followers, settings
):
    confirmed(plan)
    closing_soon(demo_round)
    settings.EMAIL_BACKEND = "tests.subscriptions.conftest.RefusingEmailBackend"
    notify_followers()
    for _ in range(outbox.MAX_ATTEMPTS):
        back_by(outbox.RETRY_AFTER)
        output = notify_followers()
    row = outbox.failing().get()
    assert row.attempts == outbox.MAX_ATTEMPTS and row.given_up_at is not None
    assert "feilet 3 ganger og blir ikke prøvd mer" in output

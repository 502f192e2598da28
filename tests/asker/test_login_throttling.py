"""The admin login slows down password guessing: after five wrong passwords for one username from
one address, that pair is locked out for 15 minutes with a page saying what to do."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import F

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "riktig-hest-batteri-stift"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"
WRONG_PASSWORD_ERROR = "brukernavn og passord stemmer ikke overens"  # Wagtail's own message
LOCKED = "Innloggingen er sperret i 15 minutter"
MINUTES_16 = timedelta(minutes=16)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "r@asker.kommune.no", PASSWORD)


def log_in(client, password, username="redaktor", address=HOME):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, **kwargs):
    return [log_in(client, "feil-passord", **kwargs) for _ in range(times)]


def is_wrong_password_form(response):
    return response.status_code == 200 and WRONG_PASSWORD_ERROR in response.content.decode()


def without_csrf_token(response):
    return re.sub(r'"CSRF_TOKEN": "\w+"', "", response.content.decode())


def is_lockout(response):
    return response.status_code == 429 and LOCKED in response.content.decode()


def test_below_the_limit_the_login_form_shows_its_usual_error(client, editor):
    assert all(is_wrong_password_form(r) for r in fail(client, 4))


def test_the_fifth_wrong_password_locks_and_even_the_right_one_is_then_refused(client, editor):
    *below, fifth = fail(client, 5)
    assert all(is_wrong_password_form(r) for r in below)
    assert is_lockout(fifth)
    sixth = log_in(client, PASSWORD)
    assert is_lockout(sixth)
    html = sixth.content.decode()
    assert "Vent 15 minutter" in html
    assert "kan en administrator oppheve sperren" in html
    assert "_auth_user_id" not in client.session  # not logged in


def test_the_lockout_page_does_not_tell_whether_the_username_exists(client, editor):
    fail(client, 5)
    known = log_in(client, PASSWORD)
    fail(client, 5, username="finnes-ikke")
    unknown = log_in(client, PASSWORD, username="finnes-ikke")
    assert is_lockout(known) and is_lockout(unknown)
    assert without_csrf_token(known) == without_csrf_token(unknown)
    assert b"redaktor" not in known.content


def test_another_address_and_another_user_can_still_log_in(client, editor):
    get_user_model().objects.create_superuser("moderator", "m@asker.kommune.no", PASSWORD)
    fail(client, 5)
    assert log_in(client, PASSWORD, username="moderator").status_code == 302
    client.logout()
    assert log_in(client, PASSWORD, address=ELSEWHERE).status_code == 302


def test_after_the_cool_off_the_right_password_works(client, editor):
    fail(client, 5)
    assert is_lockout(log_in(client, PASSWORD))
    # 16 minutes later: move the recorded attempts back instead of waiting.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - MINUTES_16)
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_right_password_below_the_limit_logs_in_and_starts_the_count_again(client, editor):
    fail(client, 4)
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    # Without the reset this fifth wrong password in a row would lock the account.
    assert all(is_wrong_password_form(r) for r in fail(client, 4))
    assert log_in(client, PASSWORD).status_code == 302


def test_the_limit_counts_the_address_the_proxy_names(client, editor, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "redaktor", "password": "feil"},
            REMOTE_ADDR="10.9.9.9",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    other_client = client.post(
        LOGIN,
        {"username": "redaktor", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert other_client.status_code == 302  # same proxy, another client: not locked


def test_wrong_passwords_are_not_stored(client, editor):
    fail(client, 2)
    assert "feil-passord" not in AccessAttempt.objects.get().post_data


def test_trying_again_during_the_lockout_does_not_lengthen_it(client, editor):
    """Otherwise one wrong guess every 14 minutes would keep an editor out for good."""
    fail(client, 5)
    # 14 minutes into the lockout (moving the record back instead of waiting), one more guess.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert fail(client, 1)[0].status_code == 429
    # Two minutes later the 15 minutes from the lockout are over, whatever the guess did.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=2))
    assert log_in(client, PASSWORD).status_code == 302

"""The admin's sign-in holds against someone with many addresses: an IPv6 client counts as its
/64, a username is locked from everywhere after twenty wrong passwords from all clients
together, and the password reset form mails an address at most three times an hour."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.asker import test_login_throttling as throttling
from tests.asker.test_login_throttling import PASSWORD, fail, is_lockout, log_in

pytestmark = pytest.mark.django_db

editor = throttling.editor  # a superuser «redaktor», r@asker.kommune.no
RESET = "/admin/password_reset/"
ONE_64 = [f"2001:db8:5:7::{n:x}" for n in range(1, 8)]  # seven addresses, one /64


def test_six_addresses_of_one_64_share_the_lockout_and_the_seventh_cannot_log_in(client, editor):
    for address in ONE_64[:5]:
        fail(client, 1, address=address)
    assert is_lockout(log_in(client, PASSWORD, address=ONE_64[6]))
    assert "_auth_user_id" not in client.session
    assert log_in(client, PASSWORD, address="2001:db8:5:8::1").status_code == 302  # other /64


def test_a_username_is_locked_from_everywhere_after_twenty_wrong_passwords(client, editor):
    get_user_model().objects.create_superuser("moderator", "m@asker.kommune.no", PASSWORD)
    for n in range(20):  # one guess from each of twenty networks: no one network is locked
        fail(client, 1, address=f"2001:db8:{n}::1")
    assert is_lockout(log_in(client, PASSWORD, address="2001:db8:99::1"))
    assert is_lockout(log_in(client, PASSWORD, address="192.0.2.1"))
    assert "_auth_user_id" not in client.session
    # Another username is not held back.
    assert log_in(client, PASSWORD, username="moderator", address="192.0.2.1").status_code == 302


def test_nineteen_wrong_passwords_from_many_networks_do_not_lock_the_username(client, editor):
    for n in range(19):
        fail(client, 1, address=f"2001:db8:{n}::1")
    assert log_in(client, PASSWORD, address="192.0.2.1").status_code == 302


def reset(client, email, address="192.0.2.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_ten_reset_requests_for_one_address_send_three_mails_and_read_the_same(client, editor):
    responses = [
        reset(client, email, address=f"198.51.100.{n}")
        for n, email in enumerate(["r@asker.kommune.no", "R@Asker.Kommune.no"] * 5)
    ]
    assert len(mail.outbox) == 3
    unknown = reset(client, "finnes-ikke@asker.kommune.no", address="198.51.100.99")
    for response in [*responses, unknown]:
        assert response.status_code == 302
        assert response["Location"] == responses[0]["Location"]


def test_one_client_gets_ten_reset_requests_an_hour_whatever_the_addresses(client, db):
    for n in range(12):
        get_user_model().objects.create_user(f"bruker{n}", f"bruker{n}@asker.kommune.no", PASSWORD)
    for n, address in enumerate((ONE_64 + ONE_64)[:12]):
        assert reset(client, f"bruker{n}@asker.kommune.no", address=address).status_code == 302
    assert len(mail.outbox) == 10

"""Mails to an address someone typed into a public form are capped per mailbox, across all forms,
counted in the outbox's own table: five an hour and twenty a day, however the address is spelt,
in every worker, with or without a shared cache."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from tests.core import test_outbox

# The outbox tests' fixtures: the note templates, and `post` as a service posts.
note_templates = test_outbox.note_templates
post = test_outbox.post

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "kari@example.no",
    "Kari@example.no",
    "KARI@example.no",
    "kArI@EXAMPLE.NO",
    "karI@example.no",
    "Kari+innspill@example.no",
    "KaRi@Example.No",
    "kari+1@example.no",
]


def test_one_mailbox_has_one_key_however_it_is_spelt():
    assert {outbox.recipient_key(address) for address in SPELLINGS} == {"kari@example.no"}
    assert outbox.recipient_key("Kari.Nordmann@GoogleMail.com") == "karinordmann@gmail.com"
    assert outbox.recipient_key("kari.nordmann@example.no") == "kari.nordmann@example.no"


def test_eight_spellings_of_one_address_get_five_mails_and_the_rest_are_not_posted(post):
    posted = [post(to=[address], unverified=True) for address in SPELLINGS]
    assert [row is not None for row in posted] == [True] * 5 + [False] * 3
    assert len(mail.outbox) == 5
    assert OutboxMail.objects.count() == 5


def test_the_cap_counts_an_hour_and_a_day(post):
    start = timezone.now()
    for hour in range(4):
        with time_machine.travel(start + timedelta(hours=hour, minutes=1), tick=False):
            assert all(post(unverified=True) for _ in range(5))
            assert post(unverified=True) is None  # the sixth in the hour
    with time_machine.travel(start + timedelta(hours=5), tick=False):
        assert post(unverified=True) is None  # twenty in the day
    with time_machine.travel(start + timedelta(days=1, hours=1), tick=False):
        assert post(unverified=True) is not None
    assert len(mail.outbox) == 21


def test_mails_to_known_addresses_are_neither_capped_nor_counted(post):
    for _ in range(8):
        assert post() is not None  # an answer, news to a confirmed follower, staff notices
    assert post(unverified=True) is not None
    assert len(mail.outbox) == 9


def test_other_addresses_are_not_held_back_by_one_that_is(post):
    for _ in range(5):
        post(unverified=True)
    assert post(unverified=True) is None
    assert post(to=["ola@example.no"], unverified=True) is not None

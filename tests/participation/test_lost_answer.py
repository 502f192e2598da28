"""The connection breaks at COMMIT: the row is stored, yet the app hears an error and the sender
gets the 503 page. «Send igjen» then sends the same form (its stamp) again: the sender gets the
receipt of the stored input, nothing is stored twice, and the receipt mail goes out once.

Real commits are needed, so these tests run outside the test transaction (transactional_db)
and build their pages with factories.
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError, connection

from participation.models import Submission
from tests.factories import ParticipationRoundFactory, restore_migrated_rows
from tests.participation.conftest import form_stamp, valid_input
from tests.participation.hidden_inputs import hidden_inputs

TEXT = "Flere benker langs turveien ved Semsvannet."


@pytest.fixture
def open_round(transactional_db):
    restore_migrated_rows()
    return ParticipationRoundFactory(page__parent__parent__slug="forside-for-tapt-svar")


@contextmanager
def answer_to_commit_lost():
    """The first COMMIT goes through, and then the connection breaks before its answer."""
    commit = connection._commit
    lost = []

    def commit_then_break():
        commit()
        if not lost:
            lost.append(True)
            raise OperationalError("server closed the connection unexpectedly")

    with mock.patch.object(connection, "_commit", commit_then_break):
        yield lost


def test_send_again_after_a_lost_commit_answer_gives_the_stored_inputs_receipt(client, open_round):
    url = open_round.page.url + "innspill/"
    data = {**valid_input(open_round, topic="", text=TEXT), "shown_at": form_stamp(client, url)}

    with answer_to_commit_lost() as lost:
        first = client.post(url, data)
    assert lost
    assert first.status_code == 503  # the app could not know the row was stored
    assert Submission.objects.filter(text=TEXT).count() == 1
    assert mail.outbox == []  # the commit's callbacks, the receipt's delivery, never ran

    # The page shows the form as it was sent, with the same stamp: «Send» sends it again.
    shown_again = {**data, **hidden_inputs(first.content.decode())}
    assert shown_again["shown_at"] == data["shown_at"]
    again = client.post(url, shown_again)

    submission = Submission.objects.get(text=TEXT)  # still one
    assert again.status_code == 302
    assert again["Location"].endswith(f"/innspill/mitt/{submission.token}/?mottatt=1")
    receipts = [m for m in mail.outbox if submission.reference in m.subject]
    assert [m.to for m in receipts] == [["kari@example.no"]]

    third = client.post(url, shown_again)
    assert third["Location"] == again["Location"]
    assert Submission.objects.filter(text=TEXT).count() == 1
    assert len([m for m in mail.outbox if submission.reference in m.subject]) == 1

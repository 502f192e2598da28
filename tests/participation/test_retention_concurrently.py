"""A moderator saves an input while the anonymisation job is at it: both changes survive.

SQLite serialises every writer, so the race cannot show there: this module needs PostgreSQL and
is skipped elsewhere with the reason; the PostgreSQL pass of CI runs it.
"""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from participation.models import Submission
from tests.conftest import needs_postgresql
from tests.participation.conftest import make_submission

pytestmark = needs_postgresql("a moderator and the job at once")


@pytest.fixture
def old_input(transactional_db, closed_round):
    closed_round.closes_at = timezone.now() - timedelta(days=400)
    closed_round.save()
    return make_submission(closed_round, name="Kari Testesen", organisation="Laget")


def test_an_answer_saved_while_the_job_waits_for_the_row_is_kept(old_input):
    saving = threading.Event()

    def moderator_publishes_and_answers():
        try:
            # As the moderation form saves: its own fields, on the row locked.
            with transaction.atomic():
                row = Submission.objects.select_for_update().get(pk=old_input.pk)
                row.state, row.answer = "published", "Takk, vi tar det med."
                row.save(update_fields=["state", "answer", "updated_at"])
                saving.set()
                time.sleep(1)  # the job loads its batch and reaches this row meanwhile
        finally:
            connection.close()

    moderator = threading.Thread(target=moderator_publishes_and_answers)
    moderator.start()
    assert saving.wait(10)
    call_command("anonymise_submissions", stdout=StringIO())
    moderator.join(10)

    row = Submission.objects.get(pk=old_input.pk)
    assert (row.state, row.answer) == ("published", "Takk, vi tar det med.")
    assert (row.name, row.email, row.organisation) == ("", "", "") and row.anonymised_at

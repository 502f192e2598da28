"""Personal data goes on schedule; the text, the counts and the answers stay."""

import logging
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from participation import retention
from participation.models import Submission
from tests.participation import files
from tests.participation.conftest import FORM_URL, make_submission
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_round(closed_round):
    """A round that closed 400 days ago, with a published input that has an attachment."""
    closed_round.closes_at = timezone.now() - timedelta(days=400)
    closed_round.save()
    return closed_round


def with_attachment(submission):
    submission.attachment.save("vedlegg", files.upload(files.PDF, "innspill.pdf"), save=False)
    submission.attachment_name = "innspill.pdf"
    submission.save()
    return submission


def test_input_in_rounds_closed_longer_than_the_period_is_anonymised(
    client, old_round, demo_round, caplog, django_capture_on_commit_callbacks
):
    old = with_attachment(
        make_submission(
            old_round, name="Kari Testesen", organisation="Laget", text="Gammelt innspill."
        )
    )
    old.state, old.answer_sent = "published", "Svar."
    old.save()
    file_path = old.attachment.path
    old_link = f"{FORM_URL}mitt/{old.token}/"
    recent = make_submission(demo_round, name="Ola Nordmann")

    output = StringIO()
    with (
        caplog.at_level(logging.INFO, logger="participation.retention"),
        django_capture_on_commit_callbacks(execute=True),  # the file goes after the commit
    ):
        call_command("anonymise_submissions", stdout=output)

    old.refresh_from_db()
    assert (old.name, old.email, old.organisation, old.attachment_name) == ("", "", "", "")
    assert not old.attachment and old.anonymised_at
    assert (old.text, old.state, old.answer_sent, old.category) == (
        "Gammelt innspill.",
        "published",
        "Svar.",
        "private",
    )
    import os

    assert not os.path.exists(file_path)
    assert client.get(old_link).status_code == 404  # the private link is dead
    recent.refresh_from_db()
    assert recent.name == "Ola Nordmann" and not recent.anonymised_at
    assert "Anonymiserte 1 innspill i 1 runder." in output.getvalue()
    assert "Innspill: 1 av 1 (100 %" in output.getvalue()  # progress while it runs
    assert old.reference in caplog.text and "Innspill til kunnskapsgrunnlaget" in caplog.text
    published = visible_text(client.get(FORM_URL + "publiserte/"))
    assert "Gammelt innspill." in published and "Kari Testesen" not in published


def test_the_period_is_configurable_and_a_dry_run_changes_nothing(old_round, settings):
    submission = make_submission(old_round)
    settings.PARTICIPATION_RETENTION_DAYS = 500
    call_command("anonymise_submissions", stdout=StringIO())
    submission.refresh_from_db()
    assert submission.name  # 400 days is within 500
    output = StringIO()
    call_command("anonymise_submissions", "--days", "365", "--dry-run", stdout=output)
    submission.refresh_from_db()
    assert submission.name and "Ville anonymisert 1 innspill" in output.getvalue()
    call_command("anonymise_submissions", "--days", "365", stdout=StringIO())
    submission.refresh_from_db()
    assert not submission.name


def test_running_it_again_does_nothing_more(old_round):
    make_submission(old_round)
    call_command("anonymise_submissions", stdout=StringIO())
    output = StringIO()
    call_command("anonymise_submissions", stdout=output)
    assert "Anonymiserte 0 innspill i 0 runder." in output.getvalue()
    assert Submission.objects.filter(anonymised_at__isnull=False).count() == 1


def run_with(between_load_and_save):
    """Runs the job with `between_load_and_save` called after it has chosen its batch and
    before it anonymises it: the moment a moderator or a second run can act."""
    anonymise_batch = retention.anonymise_batch
    waiting = [between_load_and_save]

    def late(pks, now):
        if waiting:
            waiting.pop()(Submission.objects.get(pk=pks[0]))
        return anonymise_batch(pks, now)

    output = StringIO()
    with mock.patch.object(retention, "anonymise_batch", late):
        call_command("anonymise_submissions", stdout=output)
    return output.getvalue()


def test_a_moderators_edit_made_while_it_runs_is_kept(old_round):
    submission = make_submission(old_round, name="Kari Testesen", organisation="Laget")

    def moderator_answers_and_publishes(loaded):
        # What the moderation form writes: its own fields, on the row as it is now.
        Submission.objects.filter(pk=loaded.pk).update(
            state="published",
            answer="Takk, vi tar det med.",
            answer_sent="Takk, vi tar det med.",
            internal_note="Sjekket mot kartet.",
        )

    run_with(moderator_answers_and_publishes)

    submission.refresh_from_db()
    assert (submission.state, submission.answer, submission.answer_sent) == (
        "published",
        "Takk, vi tar det med.",
        "Takk, vi tar det med.",
    )
    assert submission.internal_note == "Sjekket mot kartet."
    assert (submission.name, submission.email, submission.organisation) == ("", "", "")
    assert submission.anonymised_at


def test_two_runs_at_once_anonymise_each_input_once(old_round):
    submission = make_submission(old_round)
    links = []

    def another_run_first(loaded):
        # The job lock keeps a second command from starting (tests/core/test_job_locks.py);
        # should two get through anyway (a lock lost with its connection), the rows are safe.
        retention.anonymise_due()
        links.append(Submission.objects.get(pk=loaded.pk).token)

    output = run_with(another_run_first)

    submission.refresh_from_db()
    assert submission.token == links[0]  # the second run left the row as the first left it
    assert "Anonymiserte 0 innspill i 0 runder." in output

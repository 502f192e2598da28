"""In a round whose answers need approval, an answer goes out only when a second moderator has
approved it (issue 19): nothing is mailed or shown before, the author cannot approve their own
answer, two approvals at once send it once, and other rounds answer on save as before."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from wagtail.models import ModelLogEntry

from core.models import OutboxMail
from participation import answer_approval, links
from participation.models import MailKind, Submission, SubmissionState
from participation.moderation.permissions import MODERATORS_GROUP
from tests.conftest import needs_postgresql
from tests.participation.conftest import make_submission
from tests.participation.moderation_support import LISTING, make_user

ANSWER = "Takk! Vi tar forslaget om flere ladepunkter med i planen."
WAITING = "Venter på godkjenning."


def edit_url(submission):
    return f"/admin/innspill/edit/{submission.pk}/"


def approve_url(submission):
    return f"/admin/innspill/svar/{submission.pk}/godkjenn/"


def send_back_url(submission):
    return f"/admin/innspill/svar/{submission.pk}/send-tilbake/"


@pytest.fixture
def approval_round(demo_round):
    demo_round.answers_need_approval = True
    demo_round.save(update_fields=["answers_need_approval"])
    return demo_round


@pytest.fixture
def ladepunkter(approval_round):
    return make_submission(
        approval_round,
        name="Lise Lader",
        email="lise@example.no",
        text="Flere ladepunkter ved Asker stasjon.",
        state=SubmissionState.PUBLISHED,
    )


@pytest.fixture
def writer(moderator_client):
    return moderator_client


@pytest.fixture
def reviewer(plan):
    client = Client()
    client.force_login(make_user("kontrollor", MODERATORS_GROUP, first_name="Kari"))
    return client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run a request with the outbox's sending on commit, as outside the test's transaction."""

    def run(request, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(*args, **kwargs)

    return run


def save_answer(client, submission, answer, on_commit):
    data = {
        "state": submission.state,
        "decline_reason": submission.decline_reason,
        "internal_note": submission.internal_note,
        "answer": answer,
    }
    response = on_commit(client.post, edit_url(submission), data, follow=True)
    assert response.status_code == 200
    submission.refresh_from_db()
    return response.content.decode()


def review(client, submission, url, on_commit, **data):
    """Post a button of the approval panel as the browser does, with the stamp it shows."""
    html = client.get(edit_url(submission)).content.decode()
    stamp = answer_approval.stamp(Submission.objects.get(pk=submission.pk))
    assert f'value="{stamp}"' in html
    response = on_commit(client.post, url, {"answer_stamp": stamp, **data}, follow=True)
    submission.refresh_from_db()
    return response.content.decode()


def public_page(client, plan):
    return client.get(links.published_path(plan)).content.decode()


def answer_mails():
    return OutboxMail.objects.filter(kind=MailKind.ANSWER)


def test_an_answer_waits_unseen_until_another_moderator_approves_it(
    writer, reviewer, ladepunkter, plan, on_commit
):
    html = save_answer(writer, ladepunkter, ANSWER, on_commit)
    assert "Svaret venter på godkjenning og sendes når en annen moderator" in html
    html = writer.get(edit_url(ladepunkter)).content.decode()
    assert WAITING in html and "Du skrev svaret" in html
    assert "Godkjenn og send" not in html  # not offered to the author
    assert mail.outbox == [] and not answer_mails().exists()
    assert ladepunkter.answer_sent == "" and ladepunkter.answered_at is None
    assert ANSWER not in public_page(Client(), plan)

    html = reviewer.get(edit_url(ladepunkter)).content.decode()
    assert WAITING in html and "Svaret ovenfor er skrevet av moderator" in html
    assert "Godkjenn og send" in html

    html = review(reviewer, ladepunkter, approve_url(ladepunkter), on_commit)
    assert "er godkjent og sendt på e-post til avsenderen" in html
    assert [m.to for m in mail.outbox] == [["lise@example.no"]]
    assert ANSWER in mail.outbox[0].body
    assert answer_mails().count() == 1
    assert ladepunkter.answer_sent == ANSWER
    assert ANSWER in public_page(Client(), plan)
    entry = ModelLogEntry.objects.get(action=answer_approval.APPROVED_ACTION)
    assert entry.user.username == "kontrollor" and entry.object_id == str(ladepunkter.pk)

    # A second click (another tab, a reload) sends nothing more.
    response = on_commit(
        reviewer.post,
        approve_url(ladepunkter),
        {"answer_stamp": answer_approval.stamp(ladepunkter)},
        follow=True,
    )
    assert "Svaret venter ikke på godkjenning" in response.content.decode()
    assert len(mail.outbox) == 1


def test_the_author_cannot_approve_their_own_answer(writer, ladepunkter, on_commit):
    save_answer(writer, ladepunkter, ANSWER, on_commit)
    response = on_commit(
        writer.post,
        approve_url(ladepunkter),
        {"answer_stamp": answer_approval.stamp(ladepunkter)},
        follow=True,
    )
    assert "Du skrev dette svaret selv. En annen moderator må godkjenne det." in (
        response.content.decode()
    )
    ladepunkter.refresh_from_db()
    assert ladepunkter.answer_approved == "" and ladepunkter.answer_sent == ""
    assert mail.outbox == []


def test_editing_an_approved_answer_waits_again(writer, reviewer, ladepunkter, on_commit):
    save_answer(writer, ladepunkter, ANSWER, on_commit)
    review(reviewer, ladepunkter, approve_url(ladepunkter), on_commit)
    assert len(mail.outbox) == 1

    save_answer(writer, ladepunkter, ANSWER + " Saken behandles i juni.", on_commit)
    assert WAITING in writer.get(edit_url(ladepunkter)).content.decode()
    assert len(mail.outbox) == 1 and ladepunkter.answer_sent == ANSWER
    assert ladepunkter.reference in writer.get(LISTING, {"answer_waiting": "ja"}).content.decode()

    review(reviewer, ladepunkter, approve_url(ladepunkter), on_commit)
    assert len(mail.outbox) == 2 and "behandles i juni" in mail.outbox[1].body


def test_an_answer_changed_after_the_reviewer_read_it_is_not_approved(
    writer, reviewer, ladepunkter, on_commit
):
    save_answer(writer, ladepunkter, ANSWER, on_commit)
    read = answer_approval.stamp(ladepunkter)
    save_answer(writer, ladepunkter, "Et helt annet svar.", on_commit)
    for seen in (read, "ikke en dato"):
        response = on_commit(
            reviewer.post, approve_url(ladepunkter), {"answer_stamp": seen}, follow=True
        )
        assert response.status_code == 200
        assert "Svaret er endret siden du åpnet siden." in response.content.decode()
    assert mail.outbox == []


def test_the_listing_finds_the_answers_waiting_for_approval(writer, ladepunkter, on_commit):
    response = writer.get(LISTING, {"answer_waiting": "ja"})
    assert ladepunkter.reference not in response.content.decode()
    save_answer(writer, ladepunkter, ANSWER, on_commit)
    html = writer.get(LISTING, {"answer_waiting": "ja"}).content.decode()
    assert "Svar venter på godkjenning" in html
    assert ladepunkter.reference in html
    # The demo input's answers were given before: none of them waits.
    assert html.count('id="snippet_') == 1


def test_sent_back_with_a_comment_the_author_sees_why(writer, reviewer, ladepunkter, on_commit):
    save_answer(writer, ladepunkter, ANSWER, on_commit)
    comment = "Nevn at ladepunktene er del av tiltak 4."
    html = review(
        reviewer, ladepunkter, send_back_url(ladepunkter), on_commit, answer_return_comment=comment
    )
    assert "er sendt tilbake" in html
    html = writer.get(edit_url(ladepunkter)).content.decode()
    assert "Sendt tilbake." in html and comment in html and WAITING not in html
    assert ModelLogEntry.objects.filter(action=answer_approval.RETURNED_ACTION).count() == 1
    assert mail.outbox == []
    assert (
        ladepunkter.reference not in writer.get(LISTING, {"answer_waiting": "ja"}).content.decode()
    )

    save_answer(writer, ladepunkter, ANSWER + " Det er tiltak 4.", on_commit)
    html = writer.get(edit_url(ladepunkter)).content.decode()
    assert WAITING in html and comment not in html


def test_an_answer_approved_before_publishing_goes_out_when_published(
    writer, reviewer, approval_round, on_commit
):
    waiting = make_submission(approval_round, email="per@example.no")
    save_answer(writer, waiting, ANSWER, on_commit)
    html = review(reviewer, waiting, approve_url(waiting), on_commit)
    assert "Det sendes til avsenderen når innspillet publiseres" in html
    assert mail.outbox == []

    waiting.state = SubmissionState.PUBLISHED  # the form posts the state chosen
    save_answer(writer, waiting, ANSWER, on_commit)
    assert waiting.state == SubmissionState.PUBLISHED
    assert [m.to for m in mail.outbox] == [["per@example.no"]]


def test_publishing_many_at_once_does_not_send_an_answer_waiting_for_approval(
    writer, approval_round, on_commit
):
    waiting = make_submission(approval_round)
    save_answer(writer, waiting, ANSWER, on_commit)
    url = f"/admin/bulk/participation/submission/publish/?id={waiting.pk}&next={LISTING}"
    response = on_commit(writer.post, url, follow=True)
    assert "1 innspill er publisert." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == SubmissionState.PUBLISHED and waiting.answer_sent == ""
    assert mail.outbox == []
    assert answer_approval.is_waiting(waiting)


def test_rounds_without_the_setting_answer_on_save_as_before(
    moderator_client, demo_round, on_commit
):
    assert not demo_round.answers_need_approval
    answered = make_submission(demo_round, state=SubmissionState.PUBLISHED)
    html = save_answer(moderator_client, answered, ANSWER, on_commit)
    assert "Svaret er sendt på e-post til avsenderen." in html
    html = moderator_client.get(edit_url(answered)).content.decode()
    assert "Godkjenning av svaret" not in html and WAITING not in html
    assert len(mail.outbox) == 1 and answered.answer_sent == ANSWER


def test_the_round_editor_offers_the_setting(plan, admin_client):
    html = admin_client.get(f"/admin/pages/{plan.pk}/edit/").content.decode()
    assert "Svar må godkjennes" in html
    assert "annen moderator enn den som skrev det" in html


@needs_postgresql("two approvals at once")
@pytest.mark.django_db(transaction=True)
def test_two_moderators_approving_at_once_send_the_answer_once(demo_site, demo_round):
    demo_round.answers_need_approval = True
    demo_round.save(update_fields=["answers_need_approval"])
    author = make_user("forfatter", MODERATORS_GROUP)
    reviewers = [make_user(f"kontroll{number}", MODERATORS_GROUP) for number in range(2)]
    waiting = make_submission(demo_round, state=SubmissionState.PUBLISHED)
    waiting.answer = ANSWER
    answer_approval.edited(waiting, "", author)
    waiting.save()
    seen = answer_approval.stamp(waiting)
    start, refusals = threading.Barrier(len(reviewers)), []

    def approve(user):
        try:
            submission = Submission.objects.select_related("round").get(pk=waiting.pk)
            start.wait()
            refusals.append(answer_approval.approve(submission, seen, user))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(map(str, refusals)) == ["", str(answer_approval.NOTHING_WAITING)]
    assert answer_mails().filter(about=f"submission:{waiting.pk}").count() == 1
    assert ModelLogEntry.objects.filter(action=answer_approval.APPROVED_ACTION).count() == 1

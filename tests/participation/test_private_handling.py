"""«Behandlet, ikke publisert etter ønske»: input whose sender asked us not to publish it is
dealt with without a made-up reason, and the sender reads a sentence that makes sense."""

from django.core import mail

from participation.models import Publication, SubmissionState
from tests.participation.conftest import make_submission
from tests.participation.moderation_support import LISTING, demo_input

HANDLED = "Behandlet, ikke publisert etter ønske"
SENDER_READS = (
    "Innspillet ditt er lest og tatt med i arbeidet. Du ba om at det ikke skulle publiseres, "
    "så det vises ikke på nettsiden."
)


def edit_url(submission):
    return f"/admin/innspill/edit/{submission.pk}/"


def save(client, submission, **changes):
    data = {"state": submission.state, "decline_reason": "", "internal_note": "", "answer": ""}
    data.update(changes)
    return client.post(edit_url(submission), data)


def test_input_kept_private_is_handled_without_a_reason_and_the_sender_reads_why(
    moderator_client, client, django_capture_on_commit_callbacks
):
    dahl = demo_input("Nils Dahl")
    assert dahl.publication == Publication.NONE
    assert HANDLED in moderator_client.get(edit_url(dahl)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = save(
            moderator_client, dahl, state="handled_private", answer="Takk, vi tar det med."
        )
    assert response.status_code == 302
    dahl.refresh_from_db()
    assert dahl.state == SubmissionState.HANDLED_PRIVATE and dahl.decline_reason == ""
    assert dahl.published_at is None

    client.logout()
    page = client.get(f"{dahl.round.page.url}innspill/mitt/{dahl.token}/").content.decode()
    assert "behandlet, ikke publisert etter ønske" in page
    assert SENDER_READS in page
    assert "Hvorfor innspillet ikke er publisert" not in page
    # The answer went out, with the same sentence instead of a reason.
    answer = mail.outbox[-1]
    assert "Du ba om at innspillet ikke skulle publiseres" in answer.body
    assert "Begrunnelse" not in answer.body


def test_input_its_sender_wants_published_cannot_be_handled_privately(moderator_client):
    ola = demo_input("Ola Nordmann")
    assert ola.publication != Publication.NONE
    assert HANDLED not in moderator_client.get(edit_url(ola)).content.decode()
    response = save(moderator_client, ola, state="handled_private")
    assert response.status_code == 200
    ola.refresh_from_db()
    assert ola.state != SubmissionState.HANDLED_PRIVATE


def test_publishing_input_kept_private_points_to_the_new_state(moderator_client):
    dahl = demo_input("Nils Dahl")
    response = save(moderator_client, dahl, state="published")
    assert f"Velg «{HANDLED}» når du har behandlet det." in response.content.decode()


def test_bulk_action_handles_input_kept_private_and_skips_the_rest(moderator_client, demo_round):
    private = make_submission(demo_round, publication=Publication.NONE)
    public = make_submission(demo_round, publication=Publication.NAMED)
    url = (
        "/admin/bulk/participation/submission/handle_privately/"
        f"?next={LISTING}&id={private.pk}&id={public.pk}"
    )
    confirm = moderator_client.get(url).content.decode()
    assert f"{public.reference}</a>: avsenderen vil ha innspillet publisert" in confirm
    response = moderator_client.post(url, follow=True)
    html = response.content.decode()
    assert f"1 innspill er satt til «{HANDLED}»." in html
    assert f"Avsenderen vil ha innspillet publisert: {public.reference}." in html
    private.refresh_from_db(), public.refresh_from_db()
    assert private.state == SubmissionState.HANDLED_PRIVATE
    assert public.state == SubmissionState.RECEIVED


def test_listing_filter_and_statistics_know_the_state(moderator_client, demo_round):
    handled = make_submission(
        demo_round,
        name="Hanne Hemmelig",
        publication=Publication.NONE,
        state=SubmissionState.HANDLED_PRIVATE,
    )
    listing = moderator_client.get(LISTING, {"state": "handled_private"}).content.decode()
    assert handled.reference in listing
    assert demo_input("Ola Nordmann").reference not in listing
    statistics = moderator_client.get("/admin/innspillsstatistikk/").content.decode()
    assert HANDLED in statistics

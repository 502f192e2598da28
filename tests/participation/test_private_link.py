"""The sender's private link: status, answer, withdrawal; nobody else gets in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation import services
from participation.models import Submission
from tests.participation import files
from tests.participation.conftest import FORM_URL, PLAN_URL, make_submission
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db


def private_url(submission):
    return f"{FORM_URL}mitt/{submission.token}/"


def test_the_private_page_shows_status_and_the_input_but_is_not_indexed(client, demo_round):
    submission = make_submission(demo_round, text="Om sykkelveier.", topic="Sirkulærøkonomi")
    response = client.get(private_url(submission))
    text = visible_text(response)
    assert "Status: mottatt" in text
    assert submission.reference in text and "Om sykkelveier." in text
    assert "Trekk tilbake innspillet" in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["x" * 43, "feil-token-som-ikke-finnes-i-basen-00000"])
def test_a_wrong_token_finds_nothing(client, demo_round, token):
    make_submission(demo_round)
    assert client.get(f"{FORM_URL}mitt/{token}/").status_code == 404


def test_a_token_under_another_address_leads_to_its_own_plan(client, demo_round):
    submission = make_submission(demo_round)
    response = client.get(f"/temaplaner/kultur/innspill/mitt/{submission.token}/vedlegg/")
    assert response.status_code == 301
    assert response["Location"] == f"{FORM_URL}mitt/{submission.token}/vedlegg/"


def test_the_sender_withdraws_while_the_round_is_open(client, demo_round):
    submission = make_submission(demo_round)
    url = private_url(submission)
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Kryss av for å bekrefte" in visible_text(refused)
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == url + "?trukket=1"
    submission.refresh_from_db()
    assert submission.state == "withdrawn" and submission.withdrawn_at
    text = visible_text(client.get(response["Location"]))
    assert "Du har trukket tilbake innspillet" in text
    assert "Trekk tilbake innspillet" not in text


def test_withdrawal_is_refused_once_the_round_has_closed(client, closed_round):
    submission = make_submission(
        closed_round, received_at=closed_round.closes_at - timedelta(days=1)
    )
    response = client.post(private_url(submission), {"confirm": "on"})
    assert response.status_code == 400
    assert "Runden har stengt" in visible_text(response)
    submission.refresh_from_db()
    assert submission.state == "received"


def test_the_answer_shows_once_it_has_been_given(client, demo_round):
    submission = make_submission(demo_round, answer="Et utkast til svar.")
    assert "Et utkast til svar." not in visible_text(client.get(private_url(submission)))
    services.publish(submission)
    text = visible_text(client.get(private_url(submission)))
    assert "Status: publisert" in text
    assert "Svar fra Asker kommune" in text and "Et utkast til svar." in text


def test_a_declined_input_shows_the_reason(client, demo_round):
    submission = make_submission(demo_round)
    services.decline(submission, "Innspillet nevner andre personer.")
    text = visible_text(client.get(private_url(submission)))
    assert "Status: ikke publisert" in text
    assert "Innspillet nevner andre personer." in text


def test_the_sender_downloads_their_own_attachment_but_the_public_cannot(client, send):
    Submission.objects.all().delete()
    send(attachment=files.upload(files.PDF, "mitt innspill.pdf"))
    submission = Submission.objects.get()
    own = client.get(private_url(submission) + "vedlegg/")
    assert own.status_code == 200
    assert own["Content-Disposition"] == 'attachment; filename="mitt_innspill.pdf"'
    assert own["X-Content-Type-Options"] == "nosniff"
    assert b"".join(own.streaming_content) == files.PDF
    public = f"{FORM_URL}vedlegg/{submission.reference}/"
    assert client.get(public).status_code == 404  # not published yet
    services.publish(submission)
    assert client.get(public).status_code == 200
    assert (
        client.get(f"/temaplaner/kultur/innspill/vedlegg/{submission.reference}/").status_code
        == 404
    )


def test_attachments_never_have_a_media_url(send, settings):
    Submission.objects.all().delete()
    send(attachment=files.upload(files.PDF, "innspill.pdf"))
    submission = Submission.objects.get()
    assert not str(submission.attachment.path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        submission.attachment.url  # noqa: B018


def test_published_input_shows_names_only_where_chosen(client, demo_round):
    Submission.objects.all().delete()
    named = make_submission(demo_round, name="Kari Nordmann", text="Med navn.")
    anonymous = make_submission(
        demo_round, name="Ola Hemmelig", publication="anonymous", text="Uten navn."
    )
    hidden = make_submission(demo_round, name="Per Privat", publication="none", text="Ikke publ.")
    declined = make_submission(demo_round, name="Nei Takk", text="Avslått.")
    withdrawn = make_submission(demo_round, text="Trukket.")
    for submission in (named, anonymous):
        assert services.publish(submission)
    assert not services.publish(hidden)
    services.decline(declined, "Grunn.")
    services.withdraw(withdrawn)
    assert not services.publish(withdrawn)

    text = visible_text(client.get(FORM_URL + "publiserte/"))
    assert "Kari Nordmann" in text and "Med navn." in text
    assert "Uten navn." in text and "Ola Hemmelig" not in text
    for absent in ("Per Privat", "Ikke publ.", "Avslått.", "Trukket.", "Nei Takk"):
        assert absent not in text
    assert "2 publiserte innspill" in text
    plan = visible_text(client.get(PLAN_URL))
    assert "Les 2 publiserte innspill og svar" in plan


def test_published_input_is_paginated(client, demo_round):
    Submission.objects.all().delete()
    for number in range(23):
        submission = make_submission(demo_round, text=f"Innspill nummer {number}.")
        submission.state, submission.published_at = "published", timezone.now()
        submission.save()
    first = visible_text(client.get(FORM_URL + "publiserte/"))
    assert "23 publiserte innspill, side 1 av 3" in first
    assert first.count("Innspill nummer") == 10
    last = visible_text(client.get(FORM_URL + "publiserte/?side=3"))
    assert last.count("Innspill nummer") == 3
    absurd = client.get(FORM_URL + "publiserte/?side=tull")
    assert absurd.status_code == 200 and "side 1 av 3" in visible_text(absurd)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (FORM_URL, 9),
        (FORM_URL + "publiserte/", 11),
    ],  # 11: the rounds, for their published summaries
)
@pytest.mark.parametrize("extra", [0, 30])
def test_participation_pages_use_a_pinned_number_of_queries(
    client, demo_round, django_assert_num_queries, url, queries, extra
):
    for number in range(extra):
        submission = make_submission(demo_round, text=f"Innspill {number}.")
        submission.state = "published"
        submission.save()
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_private_links_are_masked_in_the_log(client, demo_round, caplog):
    import logging

    from participation.log_privacy import HidePrivateLinks

    submission = make_submission(demo_round)
    logger = logging.getLogger("django.request")
    masking = HidePrivateLinks()
    logger.addFilter(masking)  # as the console handler does in production
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            client.post(private_url(submission), {})  # a 400 that Django logs with its path
    finally:
        logger.removeFilter(masking)
    assert "/innspill/mitt/…/" in caplog.text
    assert submission.token not in caplog.text


def test_follow_links_are_masked_in_the_log():
    from participation.log_privacy import mask

    token = "b" * 43
    for path in (f"/folg/bekreft/{token}/", f"/folg/avslutt/{token}/"):
        assert token not in mask(f"Gone: {path}") and "…/" in mask(f"Gone: {path}")


def test_gunicorn_access_lines_are_masked():
    from types import SimpleNamespace

    from gunicorn.config import Config

    from participation.log_privacy import GunicornLogger

    token = "a" * 43
    request = SimpleNamespace(
        headers=[],
        uri=f"/temaplaner/x/innspill/mitt/{token}/",
        query="",
        method="GET",
        path=f"/temaplaner/x/innspill/mitt/{token}/",
        version=(1, 1),
    )
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": request.uri,
        "PATH_INFO": request.path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    from datetime import timedelta

    atoms = GunicornLogger(Config()).atoms(response, request, environ, timedelta(seconds=1))
    assert token not in " ".join(str(value) for value in atoms.values())
    assert "/innspill/mitt/…/" in atoms["r"]

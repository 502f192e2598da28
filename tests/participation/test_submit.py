"""A citizen sends input: the form, every bad input, anti-spam, the receipt and the e-mails."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from participation.models import Submission
from tests.participation import files
from tests.participation.conftest import FORM_URL, form_stamp, valid_input
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


def stored():
    return Submission.objects.count()


def field_error(response, field):
    """The error text shown next to a field (the element the input's aria-describedby names)."""
    match = re.search(rf'id="id_{field}_feil">(.*?)</p>', response.content.decode(), re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("Feil: ", "").strip() if match else None


def summary(response):
    html = response.content.decode()
    match = re.search(r'class="error-summary".*?</ul>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))) if match else ""


def test_the_form_tells_the_sender_what_happens_before_they_write(client, demo_round):
    text = visible_text(client.get(FORM_URL))
    assert "Send innspill" in text
    assert "offentleglova" in text
    assert "sikker digital post" in text
    assert "Hva vi lagrer" in text and "Hvor lenge" in text and "Dine rettigheter" in text
    assert "Frist:" in text and "kl. 23.59" in text
    assert "Sirkulærøkonomi: Avfall og gjenvinning" in client.get(FORM_URL).content.decode()


def test_valid_input_is_stored_and_the_sender_gets_a_receipt(client, send, plan):
    from themeplans.models import Person

    Person.objects.filter(name="Bente Støa").update(email="bente.stoa@asker.kommune.no")
    response = send(text="Flere ombruksstasjoner, takk.\nOg sykkelveier.")
    assert response.status_code == 302
    submission = Submission.objects.get(text__startswith="Flere ombruksstasjoner")
    assert re.fullmatch(r"INN-\d{4}-\d{5}", submission.reference)
    assert response["Location"].endswith(f"innspill/mitt/{submission.token}/?mottatt=1")
    assert (submission.topic, submission.publication, submission.state) == (
        "Sirkulærøkonomi",
        "named",
        "received",
    )

    receipt = visible_text(client.get(response["Location"]))
    assert "Takk! Vi har mottatt innspillet ditt" in receipt
    assert submission.reference in receipt
    assert submission.token in receipt  # the private link, to keep

    to_sender, to_staff = mail.outbox
    assert to_sender.to == ["kari@example.no"]
    assert submission.reference in to_sender.subject
    assert "Og sykkelveier." not in to_sender.body  # no copy: the address is not verified
    assert f"/innspill/mitt/{submission.token}/" in to_sender.body
    assert "Hva skjer nå?" in to_sender.body
    html, mimetype = to_sender.alternatives[0]
    assert mimetype == "text/html" and submission.reference in html
    assert "bente.stoa@asker.kommune.no" in to_staff.to  # everyone on the plan with an e-mail
    assert re.search(rf"http://testserver/admin/\S*/{submission.pk}/", to_staff.body)
    assert "kari@example.no" not in to_staff.body  # personal data stays in the admin


REQUIRED = [
    ("name", "", "Skriv navnet ditt."),
    ("email", "", "Skriv e-postadressen din"),
    ("email", "kari@", "Skriv en gyldig e-postadresse"),
    ("category", None, "Velg hvem du sender innspillet som."),
    ("category", "alien", "Velg ett av alternativene for hvem du sender innspillet som."),
    ("topic", "Et tema som ikke finnes", "Velg et tema fra listen"),
    ("text", "   ", "Skriv innspillet ditt."),
    ("text", "x" * 10_001, "Innspillet kan være høyst 10000 tegn. Nå er det 10001 tegn."),
    ("publication", None, "Velg om vi kan publisere innspillet ditt."),
    ("publication", "everywhere", "Velg ett av de tre alternativene for publisering."),
    ("privacy", None, "Kryss av for at du har lest hvordan kommunen behandler innspillet."),
    ("round", "999999", "Runden du valgte, tar ikke imot innspill nå."),
]


@pytest.mark.parametrize(("field", "value", "message"), REQUIRED)
def test_each_bad_input_is_named_next_to_its_field_and_in_the_summary(send, field, value, message):
    response = send(**{field: value, "organisation": "Eksempellaget"})
    assert response.status_code == 400
    assert stored() == 0
    if field == "round":  # a hidden field: only the summary can name it
        assert message in summary(response)
    else:
        assert message in field_error(response, field)
        assert message in summary(response)
    html = response.content.decode()
    assert 'value="Eksempellaget"' in html  # the rest of the input is kept
    if field != "text":
        assert "Flere ombruksstasjoner, takk." in html
    if field != "name":
        assert 'value="Kari Nordmann"' in html


ACCEPTED = [
    (files.PDF, "innspill.pdf", "innspill.pdf", "application/pdf"),
    (files.DOCX, "Innspill fra laget.docx", "Innspill_fra_laget.docx", "wordprocessingml"),
    (files.ODT, "innspill.odt", "innspill.odt", "opendocument.text"),
    (files.PNG, "kart.png", "kart.png", "image/png"),
    (files.JPEG, "bilde.jpeg", "bilde.jpg", "image/jpeg"),
    (files.PDF, "lurt navn.png", "lurt_navn.pdf", "application/pdf"),  # content decides
    (files.PDF, "../../etc/passwd", "passwd.pdf", "application/pdf"),
]


@pytest.mark.parametrize(("content", "name", "shown_as", "content_type"), ACCEPTED)
def test_attachments_are_recognised_by_content(send, content, name, shown_as, content_type):
    response = send(attachment=files.upload(content, name))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.attachment_name == shown_as
    assert content_type in submission.attachment_type
    assert submission.attachment.read() == content
    assert name not in submission.attachment.name  # stored under a random name


REFUSED = [
    (files.HTML, "innspill.pdf", "Vi kan ikke ta imot denne filtypen"),
    (files.SVG, "kart.png", "Vi kan ikke ta imot denne filtypen"),
    (files.EXE, "innspill.docx", "Vi kan ikke ta imot denne filtypen"),
    (files.ZIP, "innspill.docx", "Vi kan ikke ta imot denne filtypen"),
    (files.ODS, "regneark.odt", "Vi kan ikke ta imot denne filtypen"),
    (b"", "tom.pdf", "Filen er tom"),
]


@pytest.mark.parametrize(("content", "name", "message"), REFUSED)
def test_files_of_other_kinds_are_refused_whatever_their_name(send, content, name, message):
    response = send(attachment=files.upload(content, name, "application/pdf"))
    assert response.status_code == 400
    assert message in field_error(response, "attachment")
    assert "Velg en annen fil, eller send innspillet uten vedlegg." in response.content.decode()
    assert stored() == 0


def test_a_file_over_10_mb_is_refused_with_its_size(send):
    big = files.PDF + b"0" * (10 * 1024 * 1024)
    response = send(attachment=files.upload(big, "stor.pdf"))
    assert response.status_code == 400
    # Stopped as it arrived (upload_limits), so its exact size is never known.
    assert "Filen er for stor (over 10 MB)." in field_error(response, "attachment")
    assert stored() == 0


def test_a_round_without_attachments_has_no_file_field_and_refuses_files(client, send, demo_round):
    demo_round.allow_attachments = False
    demo_round.save()
    assert 'type="file"' not in client.get(FORM_URL).content.decode()
    response = send(attachment=files.upload(files.PDF, "innspill.pdf"))
    assert response.status_code == 302  # the field is not there, so the file is ignored
    assert not Submission.objects.get().attachment


def test_nothing_is_half_stored_when_the_database_fails(send, monkeypatch, settings):
    from pathlib import Path

    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    def files_on_disk():
        return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}

    before = files_on_disk()
    monkeypatch.setattr("participation.models.Submission.reference_for", fail)
    with pytest.raises(RuntimeError):
        send(attachment=files.upload(files.PDF, "innspill.pdf"))
    assert stored() == 0
    assert files_on_disk() == before


def test_the_honeypot_blocks_the_post_with_a_message_and_keeps_the_text(send):
    response = send(website="http://spam.example")
    assert response.status_code == 400
    assert "Et skjult felt mot spam var fylt ut" in summary(response)
    assert "Flere ombruksstasjoner, takk." in response.content.decode()
    assert stored() == 0


def test_a_form_sent_within_seconds_is_refused_and_can_be_sent_again(client, send, settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 3
    response = send()
    assert response.status_code == 400
    assert "Du sendte skjemaet bare sekunder etter at du åpnet det" in summary(response)
    assert stored() == 0
    stamp = re.search(r'name="shown_at" value="([^"]+)"', response.content.decode()).group(1)
    with time_machine.travel(timezone.now() + timedelta(seconds=4), tick=False):
        again = send(shown_at=stamp)
    assert again.status_code == 302


def test_a_forged_or_missing_stamp_counts_as_too_fast(send):
    for stamp in ["", "1700000000", "abc:def"]:
        response = send(shown_at=stamp)
        assert response.status_code == 400
        assert "ligner automatisk spam" in summary(response)
    assert stored() == 0


def test_the_rate_limit_blocks_with_a_clear_message_after_the_limit(send, settings):
    settings.PARTICIPATION_RATE_LIMIT = 2
    settings.PARTICIPATION_RATE_WINDOW = 600
    assert [send().status_code for _ in range(2)] == [302, 302]
    blocked = send(text="Det tredje innspillet.")
    assert blocked.status_code == 429
    assert "Vent 10 minutter, og send på nytt" in summary(blocked)
    assert "Det tredje innspillet." in blocked.content.decode()
    assert stored() == 2


def test_failed_posts_do_not_use_up_the_rate_limit(send, settings):
    settings.PARTICIPATION_RATE_LIMIT = 1
    for _ in range(3):
        assert send(name="").status_code == 400
    assert send().status_code == 302


def test_the_client_address_comes_from_the_proxy_header_when_configured(rf, settings):
    from core.antispam import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.9, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_address(request) == "203.0.113.7"


def test_valid_input_is_kept_in_the_form_after_an_error(send):
    response = send(email="feil", organisation="Eksempellaget", category="association")
    html = response.content.decode()
    assert re.search(r'value="association"[^>]*checked', html)
    assert re.search(r'value="named"[^>]*checked', html)
    assert re.search(r'<option value="Sirkulærøkonomi" selected>', html)
    assert "feil" in html  # even the wrong value, so it can be corrected


def test_choosing_between_two_open_rounds(client, send, demo_round, plan):
    from participation.models import ParticipationRound

    other = ParticipationRound.objects.create(
        page=plan,
        title="Høring av planforslaget",
        kind="hearing",
        opens_at=demo_round.opens_at,
        closes_at=demo_round.closes_at,
    )
    html = client.get(FORM_URL).content.decode()
    assert "Hvilken runde gjelder innspillet?" in html and "Høring av planforslaget" in html
    assert send(round=str(other.pk)).status_code == 302
    assert Submission.objects.get().round == other
    response = send(round=None)
    assert "Velg hvilken runde innspillet gjelder." in summary(response)


def test_valid_input_helper_matches_the_form(demo_round):
    # Guards the helper the other tests rely on: every field it sends is one the form has.
    from participation.forms import SubmissionForm

    form = SubmissionForm(rounds=[demo_round], plan=demo_round.page)
    assert set(valid_input(demo_round)) <= set(form.fields)


def test_line_breaks_count_as_one_character_and_nothing_is_cut_by_the_browser(client, send):
    text = ("123456789\r\n" * 1000).strip()  # 9 999 characters as the browser counts them
    assert len(text.replace("\r\n", "\n")) == 10_000 - 1
    assert send(text=text).status_code == 302
    assert Submission.objects.get().text == text.replace("\r\n", "\n")
    assert (
        "maxlength" not in re.search(r"<textarea[^>]*>", client.get(FORM_URL).content.decode())[0]
    )


def test_the_same_form_sent_twice_is_stored_once_and_both_get_the_receipt(client, send):
    stamp = form_stamp(client)
    first = send(shown_at=stamp)
    second = send(shown_at=stamp)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert stored() == 1
    another_form = send()  # a new form is a new input
    assert another_form["Location"] != first["Location"] and stored() == 2


def test_a_form_open_for_more_than_a_day_is_sent_again_with_the_text_kept(send):
    from core import antispam

    old_stamp = antispam.form_stamp()
    with time_machine.travel(timezone.now() + timedelta(hours=25), tick=False):
        response = send(shown_at=old_stamp)
    assert response.status_code == 400
    assert "Skjemaet har vært åpent i over et døgn" in summary(response)
    assert "Flere ombruksstasjoner, takk." in response.content.decode()
    assert stored() == 0


def test_deploy_check_warns_when_the_rate_limit_would_count_the_proxy(settings):
    from participation.checks import rate_limit_sees_clients

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CLIENT_IP_HEADER = ""
    assert [w.id for w in rate_limit_sees_clients(None)] == ["participation.W001"]
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    assert rate_limit_sees_clients(None) == []

"""The forms cannot be used to mail strangers from the municipality's address.

- The receipt goes to an address nobody has shown to be the sender's, so it carries nothing the
  sender typed: no name, no text, no file name. The form and the receipt say what it holds.
- One mailbox gets at most five mails an hour from the forms, input and follow forms together,
  however its address is spelt; the input is stored all the same and the page says no receipt
  went out.
- Every per-client limit counts an IPv6 client as its /64.
"""

import pytest
from django.core import mail

from core.antispam import client_address
from participation.models import Submission
from tests.participation import files
from tests.participation.conftest import FORM_URL, PLAN_URL, form_stamp, valid_input
from tests.themeplans.visible_text import visible_text

FOLLOW_URL = PLAN_URL + "folg/"
SPELLINGS = ["kari@example.no", "Kari@example.no", "KARI@example.no", "kArI@example.no"]
SPELLINGS += ["karI@example.no", "KaRi@EXAMPLE.NO", "kaRI@example.no", "KARi@example.no"]
ONE_64 = [f"2001:db8:5:7::{n:x}" for n in range(1, 8)]  # seven addresses, one /64


def mails_to(address):
    return [m for m in mail.outbox if m.to[0].casefold() == address.casefold()]


def test_the_receipt_holds_nothing_the_sender_typed_and_says_what_it_holds(send, plan):
    response = send(
        name="Kari Ring-oss-på-815-00-000 Nordmann",
        text="Kontoen din er sperret. Logg inn på https://asker-kommune.example/ for å åpne den.",
        attachment=files.upload(files.PDF, "betal-fakturaen-her.pdf", "application/pdf"),
    )
    submission = Submission.objects.get(text__startswith="Kontoen din")
    (receipt,) = mails_to("kari@example.no")
    html = receipt.alternatives[0][0]
    for what_the_sender_typed in ("Ring-oss", "Kontoen din", "asker-kommune.example", "betal-"):
        assert what_the_sender_typed not in receipt.subject + receipt.body + html
    assert receipt.body.startswith("Hei,\n")
    for what_it_holds in (submission.reference, plan.title, f"/innspill/mitt/{submission.token}/"):
        assert what_it_holds in receipt.body and what_it_holds in html
    assert "Vi skriver ikke navnet ditt eller teksten i innspillet i denne e-posten" in html
    assert "Har du ikke sendt noe innspill?" in receipt.body
    page = visible_text(response.client.get(response["Location"]))
    assert "Vi har sendt en kvittering med referansenummeret og lenken til denne siden" in page


def test_the_form_says_what_the_receipt_holds(client, demo_round):
    text = visible_text(client.get(FORM_URL))
    assert "kvittering på e-post med referansenummer, plan, tidspunkt og en lenke" in text
    assert "Navnet ditt og teksten du skriver står ikke i kvitteringen" in text


def test_eight_spellings_of_one_address_get_five_receipts_and_all_input_is_kept(send, settings):
    settings.PARTICIPATION_RATE_LIMIT = 100  # not the per-client limit: the per-address one
    before = Submission.objects.count()
    responses = [send(email=address, text=f"Innspill {n}.") for n, address in enumerate(SPELLINGS)]
    assert all(response.status_code == 302 for response in responses)
    assert Submission.objects.count() == before + 8  # nothing lost
    assert len(mails_to("kari@example.no")) == 5
    last = visible_text(responses[-1].client.get(responses[-1]["Location"]))
    assert "Takk! Vi har mottatt innspillet ditt" in last
    assert "vi sendte ingen kvittering på e-post til KARi@example.no" in last
    assert Submission.objects.get(text="Innspill 7.").reference in last


def test_the_follow_form_and_the_input_form_share_the_cap(client, send, settings):
    settings.PARTICIPATION_RATE_LIMIT = 100
    for n in range(5):
        send(email=SPELLINGS[n], text=f"Innspill {n}.")
    data = {"email": "KARI@EXAMPLE.NO", "website": "", "shown_at": form_stamp(client, FOLLOW_URL)}
    page = visible_text(client.post(FOLLOW_URL, data))
    assert "Vi sendte ingen e-post nå" in page and "har fått mange e-poster" in page
    assert len(mails_to("kari@example.no")) == 5


def test_an_ipv6_client_is_counted_as_its_64(rf):
    assert client_address(rf.get("/", REMOTE_ADDR="2001:db8:5:7::1")) == "2001:db8:5:7::"
    assert client_address(rf.get("/", REMOTE_ADDR="2001:db8:5:7:ffff:1:2:3")) == "2001:db8:5:7::"
    assert client_address(rf.get("/", REMOTE_ADDR="2001:db8:5:8::1")) == "2001:db8:5:8::"
    assert client_address(rf.get("/", REMOTE_ADDR="::ffff:192.0.2.7")) == "192.0.2.7"
    assert client_address(rf.get("/", REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"


@pytest.mark.parametrize("url", [FORM_URL, FOLLOW_URL])
def test_seven_addresses_of_one_ipv6_64_share_one_limit(client, demo_round, url, settings):
    statuses = []
    for n, address in enumerate(ONE_64):
        if url == FORM_URL:
            data = valid_input(demo_round, email=f"person{n}@example.no")
        else:
            data = {"email": f"person{n}@example.no", "website": ""}
        data["shown_at"] = form_stamp(client, url)
        statuses.append(client.post(url, data, REMOTE_ADDR=address).status_code)
    assert settings.PARTICIPATION_RATE_LIMIT == 5
    assert 429 not in statuses[:5] and statuses[5:] == [429, 429]
    # Another /64 is another client.
    data["shown_at"] = form_stamp(client, url)
    assert client.post(url, data, REMOTE_ADDR="2001:db8:5:8::1").status_code != 429

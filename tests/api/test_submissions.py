"""Published input in the API: only what the public page shows, never the sender's private data."""

import io
import json

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from participation import retention
from participation.models import SubmissionState
from tests.api.conftest import PLAN, add_plan, add_published, add_round
from tests.api.schema import schema_errors
from tests.participation.conftest import make_submission
from tests.participation.files import PDF

URL = f"/api/plans/{PLAN}/submissions/"
PATH = "/api/plans/{slug}/submissions/"


def by_reference(client, **query):
    return {item["reference"]: item for item in client.get(URL, query).json()["items"]}


def test_published_input_matches_schema(client, demo_site, openapi, climate_plan):
    response = client.get(URL)
    assert response.status_code == 200
    assert schema_errors(openapi, PATH, response) == []
    data = response.json()
    assert data["count"] == 3
    answered = [item for item in data["items"] if item["answer"]]
    assert answered and all(item["answered_at"] for item in answered)


def test_name_only_when_the_sender_chose_to_publish_it(client, openapi, climate_plan):
    round = add_round(climate_plan)
    named = add_published(
        round, name="Nina Navn", organisation="Velforeningen", publication="named"
    )
    anonymous = add_published(
        round,
        name="Anne Anonym",
        email="anne@example.no",
        organisation="Hemmelig AS",
        publication="anonymous",
    )
    items = by_reference(client)
    assert items[named.reference]["name"] == "Nina Navn, Velforeningen"
    assert items[anonymous.reference]["name"] is None
    assert items[anonymous.reference]["category"] == {"code": "private", "label": "Privatperson"}
    body = client.get(URL).content.decode()
    for secret in ("Anne Anonym", "anne@example.no", "Hemmelig AS", "ola@example.no"):
        assert secret not in body


def test_anonymised_input_loses_its_name(client, climate_plan):
    round = add_round(climate_plan)
    submission = add_published(round, name="Gammel Avsender", publication="named")
    retention.anonymise(submission, timezone.now())
    assert by_reference(client)[submission.reference]["name"] is None
    assert "Gammel Avsender" not in client.get(URL).content.decode()


def test_notes_reasons_drafts_and_tokens_stay_private(client, climate_plan):
    round = add_round(climate_plan)
    submission = add_published(round, internal_note="INTERN-MERKNAD", answer="UTKAST-TIL-SVAR")
    item = by_reference(client)[submission.reference]
    assert item["answer"] is None and item["answered_at"] is None
    body = client.get(URL).content.decode()
    for secret in ("INTERN-MERKNAD", "UTKAST-TIL-SVAR", submission.token, "privacy", "email"):
        assert secret not in body


def test_only_published_input_is_listed(client, climate_plan):
    round = add_round(climate_plan)
    hidden = [
        make_submission(round, text="MOTTATT-TEKST"),
        make_submission(
            round,
            text="AVVIST-TEKST",
            state=SubmissionState.DECLINED,
            decline_reason="AVVIST-GRUNN",
        ),
        make_submission(round, text="TRUKKET-TEKST", state=SubmissionState.WITHDRAWN),
    ]
    shown = add_published(round, text="PUBLISERT-TEKST")
    items = by_reference(client)
    assert shown.reference in items
    assert not {s.reference for s in hidden} & set(items)
    body = client.get(URL).content.decode()
    assert "PUBLISERT-TEKST" in body
    for secret in ("MOTTATT-TEKST", "AVVIST-TEKST", "AVVIST-GRUNN", "TRUKKET-TEKST"):
        assert secret not in body


def test_input_on_other_plans_is_not_listed(client, demo_site):
    other = add_plan("Annen plan")
    submission = add_published(add_round(other), text="ANNEN-PLAN")
    assert submission.reference not in by_reference(client)
    assert [
        i["text"] for i in client.get("/api/plans/annen-plan/submissions/").json()["items"]
    ] == ["ANNEN-PLAN"]


def test_attachment_link_is_the_public_download(client, climate_plan):
    round = add_round(climate_plan)
    with_file = add_published(
        round, attachment_name="mitt navn.pdf", attachment_type="application/pdf"
    )
    with_file.attachment.save("vedlegg", ContentFile(PDF), save=True)
    without = add_published(round)
    items = by_reference(client)
    url = items[with_file.reference]["attachment_url"]
    assert url == (f"http://testserver/temaplaner/{PLAN}/innspill/vedlegg/{with_file.reference}/")
    assert "mitt navn" not in json.dumps(items[with_file.reference])
    assert items[without.reference]["attachment_url"] is None
    download = client.get(url)
    assert download.status_code == 200
    # The public copy: the same one-page PDF, written again without its metadata.
    assert len(PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages) == 1


def test_pages_of_input(client, demo_site, openapi, climate_plan):
    round = add_round(climate_plan)
    for n in range(4):
        add_published(round, text=f"Innspill {n}")
    first = client.get(URL, {"page_size": 5})
    assert schema_errors(openapi, PATH, first) == []
    data = first.json()
    assert (data["count"], data["pages"], len(data["items"])) == (7, 2, 5)
    second = client.get(data["next"]).json()
    assert len(second["items"]) == 2 and second["next"] is None
    references = [i["reference"] for i in data["items"] + second["items"]]
    assert len(set(references)) == 7
    bad = client.get(URL, {"page": "x"})
    assert bad.status_code == 400
    assert schema_errors(openapi, PATH, bad) == []


def test_unknown_plan_is_404(client, openapi, demo_site):
    response = client.get("/api/plans/finnes-ikke/submissions/")
    assert response.status_code == 404
    assert schema_errors(openapi, PATH, response) == []

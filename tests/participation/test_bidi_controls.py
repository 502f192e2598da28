"""Bidi controls (U+202E and its kin) in what a sender types never reach published input: one
in a name would show the rest of it backwards, so «Kari» could read as anything."""

import pytest

from participation import services
from participation.models import Submission
from tests.participation.conftest import FORM_URL, make_submission
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db

RLO, LRI, PDI, RLM = "\u202e", "\u2066", "\u2069", "\u200f"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


def test_a_name_with_bidi_controls_is_stored_and_published_without_them(client, send):
    response = send(
        name=f"Kari {RLO}nnamdroN",
        organisation=f"{LRI}Vel{PDI} og lag",
        text=f"Flere{RLM} trær{BIDI}, takk.",
        publication="named",
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.name == "Kari nnamdroN"
    assert submission.organisation == "Vel og lag"
    assert submission.text == "Flere trær, takk."
    assert services.publish(submission)
    page = client.get(FORM_URL + "publiserte/").content.decode()
    assert "Kari nnamdroN, Vel og lag" in page
    assert not set(BIDI) & set(page)


def test_a_name_of_bidi_controls_alone_is_no_name(client, send):
    response = send(name=f" {RLO}{RLM} ", text="Mitt innspill.")
    assert response.status_code == 400
    assert "Skriv navnet ditt." in visible_text(response)
    assert "Mitt innspill." in response.content.decode()  # the rest is kept
    assert not Submission.objects.exists()


def test_input_stored_with_bidi_controls_is_published_without_them(client, demo_round):
    """Input sent before the form took them out."""
    submission = make_submission(
        demo_round, name=f"Ola {RLO}nnamdroN", text=f"Tekst{RLO} snudd.", publication="named"
    )
    assert services.publish(submission)
    page = client.get(FORM_URL + "publiserte/").content.decode()
    assert "Ola nnamdroN" in page and "Tekst snudd." in page
    api = client.get("/api/plans/handling-mot-klimaendringene/submissions/").json()
    assert api["items"][0]["name"] == "Ola nnamdroN"
    assert api["items"][0]["text"] == "Tekst snudd."

"""The form's privacy text: the public-record warning and a short summary in view, the full
account folded in a native <details> that opens without JavaScript."""

import re

import pytest

from tests.participation.conftest import FORM_URL

pytestmark = pytest.mark.django_db


def test_the_long_privacy_text_is_folded_under_a_short_summary(client, demo_round):
    html = client.get(FORM_URL).content.decode()
    notice = re.search(r'<section class="privacy-notice".*?</section>', html, re.S).group(0)
    folded = re.search(r"<details[^>]*>(.*?)</details>", notice, re.S)
    assert folded, "the full account is in a <details>"
    assert " open" not in folded.group(0).split(">", 1)[0]  # closed until the sender opens it
    assert re.search(r"<summary[^>]*>\s*Les mer", folded.group(1))
    for heading in (
        "Hva vi lagrer",
        "Hvorfor",
        "Hvor lenge",
        "Hvem som ser det",
        "Dine rettigheter",
    ):
        assert f"<dt>{heading}</dt>" in folded.group(1)
    before = notice.split("<details", 1)[0]
    assert "Innspill er offentlige." in before  # the public-record warning stays in view
    assert "Ikke skriv om sensitive forhold" in before
    assert "Kort fortalt:" in before and "E-postadressen" in before

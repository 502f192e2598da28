"""The follow form sends one confirmation per mailbox and plan in ten minutes, however the
address is spelt, and no more than the forms' cap per mailbox (core.outbox)."""

from django.core import mail

from subscriptions.models import Subscription
from tests.participation.conftest import form_stamp
from tests.subscriptions.conftest import FOLLOW_URL
from tests.themeplans.visible_text import visible_text

SPELLINGS = ["kari@example.no", "Kari@example.no", "KARI@example.no", "kArI@example.no"]
SPELLINGS += ["karI@example.no", "KaRi@example.no", "kaRI@example.no", "KARi@example.no"]


def test_eight_spellings_of_one_address_from_eight_clients_get_one_confirmation(
    client, plan, django_capture_on_commit_callbacks
):
    pages = []
    for n, address in enumerate(SPELLINGS):
        data = {"email": address, "website": "", "shown_at": form_stamp(client, FOLLOW_URL)}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(FOLLOW_URL, data, REMOTE_ADDR=f"198.51.100.{n + 1}")
        assert response.status_code == 200
        pages.append(visible_text(response))
    assert len(mail.outbox) == 1
    assert list(Subscription.objects.filter(plan=plan).values_list("email", flat=True)) == [
        "kari@example.no"
    ]
    assert "Om litt får du en e-post til kari@example.no" in pages[0]
    assert all("Vi sendte ingen ny e-post nå" in page for page in pages[1:])

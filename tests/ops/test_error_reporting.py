"""Errors go to Sentry only when SENTRY_DSN is set, and never with a sender's private link.

Sentry is started in a child process: its Django integration patches Django for the whole
process, which must not leak into the other tests.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from asker.error_reporting import before_send

TOKEN = "k" * 43
PRIVATE_URL = f"https://temaplaner.example/temaplaner/plan/innspill/mitt/{TOKEN}/"

# Loads the production settings, catches what the client would send, logs an error on a private
# link (the logging integration makes it an event) and prints the events and the client's options.
CHILD = f"""
import json, logging, django
django.setup()
import sentry_sdk
client = sentry_sdk.get_client()
events = []
if client.is_active():
    client.transport.capture_envelope = lambda envelope: events.extend(
        item.payload.json for item in envelope.items if item.type == "event"
    )
    logging.getLogger("asker").error("Feil på %s", "{PRIVATE_URL}")

    def send_receipt(email="kari.nordmann@example.no", text="Det jeg skrev om nabolaget"):
        try:
            raise ValueError("e-postserveren svarte ikke")
        except ValueError:
            sentry_sdk.capture_exception()

    send_receipt()
    client.flush()
print(json.dumps({{
    "active": client.is_active(),
    "send_default_pii": client.options.get("send_default_pii"),
    "events": events,
}}))
"""


def run_child(**environment):
    root = Path(__file__).resolve().parents[2]
    env = {key: value for key, value in os.environ.items() if not key.startswith("SENTRY_")}
    env.update(DJANGO_SETTINGS_MODULE="tests.settings", **environment)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_without_a_dsn_sentry_is_not_started():
    assert run_child() == {"active": False, "send_default_pii": None, "events": []}


def test_with_a_dsn_errors_are_sent_without_personal_data_or_private_links():
    child = run_child(SENTRY_DSN="http://public@127.0.0.1:9/1", SENTRY_ENVIRONMENT="test")
    assert child["active"] and child["send_default_pii"] is False
    logged, raised = child["events"]
    assert logged["environment"] == "test"
    assert "/innspill/mitt/…/" in logged["logentry"]["formatted"]
    assert TOKEN not in json.dumps(logged)
    # An exception's stack frames come without their local variables: those held a sender's
    # address and text.
    assert raised["exception"]["values"][0]["type"] == "ValueError"
    assert "kari.nordmann@example.no" not in json.dumps(raised)
    assert "nabolaget" not in json.dumps(raised)


def test_before_send_masks_private_links_everywhere_in_an_event():
    event = {
        "transaction": f"/temaplaner/plan/innspill/mitt/{TOKEN}/",
        "request": {
            "url": PRIVATE_URL,
            "headers": {"Referer": f"https://x.example/folg/avslutt/{TOKEN}/"},
        },
        "exception": {"values": [{"value": f"Ingen side for /folg/bekreft/{TOKEN}/"}]},
        "breadcrumbs": {"values": [{"message": f"GET {PRIVATE_URL}", "level": "info"}]},
        "level": "error",
    }
    sent = before_send(event, {})
    assert TOKEN not in json.dumps(sent)
    assert sent["request"]["url"].endswith("/innspill/mitt/…/")
    assert sent["request"]["headers"]["Referer"].endswith("/folg/avslutt/…/")
    assert sent["level"] == "error"

"""Many people send input at the same moment: nothing is lost, doubled or refused with a 500.

Real HTTP clients (one `requests` session each, like one browser each) open the form for its
CSRF cookie, token and signed stamp, then post together against pytest-django's live server,
which is threaded and gives every request thread its own database connection. The whole path
runs as in production: CSRF, the anti-spam checks, `services.submit()` and the receipt.

SQLite serialises every writer, so it cannot show a race and this module needs PostgreSQL:
elsewhere (the SQLite pass of CI included) it is skipped with the reason; the PostgreSQL pass
of CI runs it.
"""

import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests
from django.utils import timezone

from participation.models import Submission
from tests.conftest import needs_postgresql
from tests.participation.hidden_inputs import hidden_inputs

FORM_PATH = "/temaplaner/handling-mot-klimaendringene/innspill/"
POSTS = 50
OPENING_AT_ONCE = 8
REFERENCE = re.compile(r"INN-(\d{4})-(\d{5,})")
RECEIPT_REFERENCE = re.compile(r"Referansenummer:(?:\s|<[^>]*>)*([^<\s]+)")
TOKEN_IN_LOCATION = re.compile(r"/innspill/mitt/([-\w]{20,64})/\?mottatt=1$")
RATE_LIMIT_MESSAGE = "Vi har fått mange skjemaer fra samme nettverk på kort tid. Vent 10 minutter"
TIMEOUT = 60

pytestmark = needs_postgresql("concurrent posts")


@dataclass
class Sender:
    """One person with the form open in their own browser."""

    number: int
    text: str
    session: requests.Session
    hidden: dict
    csrf_cookie: str
    status: int | None = None
    token: str = ""
    reference: str = ""
    body: str = ""
    error: str = ""
    seconds: float = 0.0
    email: str = ""  # the address typed; person<number>@example.no when empty


def open_form(url, number, marker):
    session = requests.Session()
    response = session.get(url, timeout=TIMEOUT)
    assert response.status_code == 200, f"the form answered {response.status_code}"
    fields = hidden_inputs(response.text)
    assert {"csrfmiddlewaretoken", "shown_at", "round"} <= fields.keys()
    text = f"Innspill {number} av {marker}: flere sykkelveier, færre parkeringsplasser."
    # CSRF_COOKIE_SECURE is on (production settings), so requests would keep the cookie for
    # HTTPS only; it is sent back by hand over the live server's plain HTTP.
    # The post goes on the form's kept-alive connection: Django's test server listens with a
    # backlog of 10, so 50 new connections at once would be reset by the kernel before Django
    # sees them, and it never closes an idle connection (gunicorn does after 2 s; the bench
    # opens a new one). Each connection already has its server thread waiting for the post.
    return Sender(number, text, session, fields, response.cookies["csrftoken"])


def post_form(sender, url, start=None):
    """Post the form as a browser does (multipart), then open the receipt it redirects to."""
    fields = {
        **sender.hidden,
        "name": f"Testperson {sender.number}",
        "email": sender.email or f"person{sender.number}@example.no",
        "organisation": "",
        "category": "private",
        "topic": "",
        "text": sender.text,
        "publication": "none",
        "privacy": "on",
        "website": "",
    }
    if start is not None:
        start.wait(timeout=TIMEOUT)  # every sender presses «Send» at the same moment
    began = time.perf_counter()
    try:
        response = sender.session.post(
            url,
            files={name: (None, value) for name, value in fields.items()},
            cookies={"csrftoken": sender.csrf_cookie},
            headers={"Referer": url},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        sender.seconds = time.perf_counter() - began
        sender.status = response.status_code
        if response.status_code in (301, 302, 303):
            location = response.headers["Location"]
            match = TOKEN_IN_LOCATION.search(location)
            sender.token = match.group(1) if match else ""
            receipt = sender.session.get(requests.compat.urljoin(url, location), timeout=TIMEOUT)
            match = RECEIPT_REFERENCE.search(receipt.text)
            sender.reference = match.group(1) if receipt.status_code == 200 and match else ""
        else:
            sender.body = response.text
    except requests.RequestException as error:
        sender.error = f"{type(error).__name__}: {error}"
    finally:
        sender.session.close()
    return sender


def post_together(url, count, marker, emails=()):
    """Open `count` forms, then post them all at once; the senders with what happened.
    `emails`: the addresses typed, one per sender, if not each their own."""
    # Forms open a few at a time, within the test server's listen backlog (see open_form).
    with ThreadPoolExecutor(max_workers=OPENING_AT_ONCE) as pool:
        senders = list(pool.map(lambda n: open_form(url, n, marker), range(1, count + 1)))
    for sender, email in zip(senders, emails, strict=False):
        sender.email = email
    start = threading.Barrier(count)
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda sender: post_form(sender, url, start), senders))


def is_clear_error_page(sender):
    """A refused post is shown again with the reason on top (or the round's closed page)."""
    return 400 <= sender.status < 500 and (
        'class="error-summary"' in sender.body or "Innspillet ble ikke sendt" in sender.body
    )


def stored(marker):
    return {s.token: s for s in Submission.objects.filter(text__contains=marker)}


@pytest.fixture
def form_url(transactional_db, demo_site, live_server, settings):
    """The climate plan's open demo round, served for real, with the fill-time check off."""
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1000
    return live_server.url + FORM_PATH


def test_fifty_concurrent_posts_are_all_stored_once(form_url):
    marker = f"samtidig-{uuid.uuid4().hex[:12]}"
    before = Submission.objects.count()
    began = time.perf_counter()
    senders = post_together(form_url, POSTS, marker)
    wall = time.perf_counter() - began

    ok = [s for s in senders if s.status is not None and 200 <= s.status < 400]
    refused = [s for s in senders if s.status is not None and s.status >= 400]
    latencies = sorted(s.seconds for s in senders if s.status is not None)
    print(
        f"\n{POSTS} concurrent posts in {wall:.2f} s: {len(ok)} receipts, "
        f"{len(refused)} refused, {sum(1 for s in senders if s.error)} connection errors; "
        f"post latency p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms"
    )

    assert not [s.error for s in senders if s.error], "every post got an answer"
    assert not [(s.number, s.status) for s in refused if s.status >= 500], "no server errors"
    unclear = [(s.number, s.status, s.body[:300]) for s in refused if not is_clear_error_page(s)]
    assert not unclear, "a refused post must show the form again with the reason"

    rows = stored(marker)
    assert len(rows) == len(ok), "one row per receipt, and no row without one"
    assert Submission.objects.count() - before == len(ok)
    for sender in ok:
        assert sender.status == 302
        row = rows.get(sender.token)
        assert row is not None, f"post {sender.number}: receipt {sender.token} not stored"
        assert row.text == sender.text
        assert row.name == f"Testperson {sender.number}"
        assert row.reference == sender.reference, "the receipt shows the stored reference"
        match = REFERENCE.fullmatch(row.reference or "")
        assert match, f"malformed reference {row.reference!r}"
        assert int(match.group(1)) == timezone.localtime(row.received_at).year
        assert int(match.group(2)) == row.pk
    references = [s.reference for s in ok]
    assert len(set(references)) == len(references), "references are unique"
    assert len({s.token for s in ok}) == len(ok), "private links are unique"
    # With the limits lifted no post has a reason to be refused.
    assert len(ok) == POSTS, [(s.number, s.status) for s in refused]


def test_rate_limit_blocks_the_post_after_the_limit(form_url, settings):
    limit = 3
    settings.PARTICIPATION_RATE_LIMIT = limit
    marker = f"grense-{uuid.uuid4().hex[:12]}"
    before = Submission.objects.count()

    senders = [post_form(open_form(form_url, n, marker), form_url) for n in range(1, limit + 2)]

    assert [s.status for s in senders] == [302] * limit + [429]
    last = senders[-1]
    assert RATE_LIMIT_MESSAGE in last.body
    assert last.text in last.body, "the refused text is given back to the sender"
    assert len(stored(marker)) == limit
    assert Submission.objects.count() - before == limit


def test_rate_limit_holds_when_posts_arrive_together(form_url, settings):
    """The counter is shared and atomic: of many simultaneous posts, exactly the limit get in."""
    limit, count = 5, 12
    settings.PARTICIPATION_RATE_LIMIT = limit
    marker = f"grense-samtidig-{uuid.uuid4().hex[:12]}"

    senders = post_together(form_url, count, marker)

    statuses = sorted(s.status for s in senders)
    assert statuses == [302] * limit + [429] * (count - limit), [s.error for s in senders]
    assert all(RATE_LIMIT_MESSAGE in s.body for s in senders if s.status == 429)
    rows = stored(marker)
    assert sorted(rows) == sorted(s.token for s in senders if s.status == 302)


def test_simultaneous_posts_to_one_address_get_five_receipts_and_are_all_stored(form_url):
    """The cap on mails per address counts posts that arrive together (core.outbox locks the
    address while it counts): twelve spellings of one address at once, five receipts."""
    from core.models import OutboxMail

    count = 12
    marker = f"samme-adresse-{uuid.uuid4().hex[:12]}"
    emails = [
        "".join(c.upper() if n >> i & 1 else c for i, c in enumerate("kari")) + "@example.no"
        for n in range(count)
    ]

    senders = post_together(form_url, count, marker, emails)

    assert sorted(s.status for s in senders) == [302] * count, [s.error for s in senders]
    assert len(stored(marker)) == count  # every input kept
    receipts = OutboxMail.objects.filter(kind="receipt", recipient_key="kari@example.no")
    assert receipts.count() == 5


def test_one_form_sent_many_times_at_once_is_stored_once(form_url):
    """A double (or tenfold) click: the posts race, the form's stamp is unique in the database,
    so one row is stored and every post gets its receipt."""
    marker = f"samme-skjema-{uuid.uuid4().hex[:12]}"
    opened = open_form(form_url, 1, marker)
    opened.session.close()
    clicks = [
        Sender(1, opened.text, requests.Session(), opened.hidden, opened.csrf_cookie)
        for _ in range(6)
    ]
    start = threading.Barrier(len(clicks))
    with ThreadPoolExecutor(max_workers=len(clicks)) as pool:
        senders = list(pool.map(lambda sender: post_form(sender, form_url, start), clicks))

    assert [s.status for s in senders] == [302] * len(clicks), [s.body[:200] for s in senders]
    rows = stored(marker)
    assert len(rows) == 1
    assert {s.token for s in senders} == set(rows)

"""The input form fuzzed: any value in any field, wrong types, missing and extra fields, odd
files. The site never fails (no 5xx), never echoes markup, and stores all or nothing."""

import io
from pathlib import Path

import pytest
from django.core.cache import cache
from hypothesis import event, given
from hypothesis import strategies as st

from core import antispam, outbox
from core.text import without_bidi_controls
from participation import kept_attachments, mails
from participation.models import Submission
from tests.fuzz.conftest import assert_shown_escaped, fuzz, nasty_text, unicode_text
from tests.participation import files
from tests.participation.conftest import FORM_URL, valid_input

FIELDS = ("round", "name", "email", "organisation", "category", "topic", "text")
FIELDS += ("publication", "privacy", "website", "shown_at")
MISSING = object()

# Values of the wrong type for the choice fields: numbers out of range, decimals, lists.
wrong_types = st.one_of(
    st.integers().map(str),
    st.sampled_from(["", "-1", "0", "1.5", "1e9", "99999999999999999999999", "None", "[]"]),
    st.lists(unicode_text(10), min_size=2, max_size=3),
)

# The first bytes decide how a file is recognised; after them, anything.
file_heads = st.sampled_from(
    [b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", files.PDF, files.DOCX]
)


def as_browser_sends(name):
    """Browsers escape these in a multipart header (WHATWG), and the test client does not."""
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def upload(head, tail, name):
    # A plain file object: Django's SimpleUploadedFile would refuse the odd names on this side.
    file = io.BytesIO(head + tail)
    file.name = as_browser_sends(name)
    return file


uploads = st.builds(
    upload,
    file_heads,
    st.binary(max_size=300),
    st.one_of(st.sampled_from(["innspill.pdf", "../../etc/passwd", "a.docx", ""]), nasty_text(40)),
)


def odd_values(topics):
    """For each field, the values that are not a plain valid answer (MISSING: left out)."""
    choice = st.one_of(wrong_types, nasty_text(), st.just(MISSING))
    return {
        "round": choice,
        "email": st.one_of(choice, unicode_text(20).map(lambda local: f"{local}@example.no")),
        "category": st.one_of(st.sampled_from(["association", "public"]), choice),
        "topic": st.one_of(st.sampled_from(["", *topics]), choice),
        "publication": st.one_of(st.sampled_from(["none", "anonymous"]), choice),
        "privacy": choice,
        "website": st.one_of(nasty_text(10), st.just(MISSING)),  # the trap: a person leaves it
        "shown_at": choice,  # a stamp that is not ours, or none
    }


# Unicode's bidi controls, listed here rather than taken from core.text: none is ever stored.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

FRESH_STAMP = "fresh"  # the stamp of a form just loaded, filled in at post time


@st.composite
def posts(draw, for_round, topics):
    """A post with any text in the free-text fields and a few other fields made odd: few
    enough that many posts are still valid and reach storing."""
    data = valid_input(for_round, topic=topics[0], shown_at=FRESH_STAMP)
    for name in ("name", "organisation", "text"):
        data[name] = draw(st.one_of(nasty_text(), nasty_text(), st.just(MISSING)), label=name)
    odd = odd_values(topics)
    for name in draw(st.sets(st.sampled_from(sorted(odd)), max_size=3), label="odd fields"):
        data[name] = draw(odd[name], label=name)
    extra = draw(
        st.dictionaries(
            unicode_text(15)
            .map(as_browser_sends)
            .filter(lambda key: key not in (*FIELDS, "attachment")),
            nasty_text(),
            max_size=2,
        ),
        label="extra fields",
    )
    attachment = draw(st.one_of(st.none(), uploads), label="attachment")
    data = {key: value for key, value in data.items() if value is not MISSING}
    return {**data, **extra}, attachment


@pytest.fixture
def private_media(settings, tmp_path):
    """Attachments go to a directory of this test's own, so every file in it can be counted."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def form_fuzz(settings, demo_round, plan, private_media):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1_000_000
    return demo_round, plan.participation_topics()


def stored_files(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def expected_text(sent):
    """The text as stored: without bidi controls, trimmed, with the browser's CRLF (and a lone
    CR) made LF."""
    return without_bidi_controls(sent).strip().replace("\r\n", "\n").replace("\r", "\n").strip()


@given(drawn=st.data())
@fuzz
def test_any_post_to_the_form_is_answered_and_stored_whole_or_not_at_all(
    client, form_fuzz, private_media, django_capture_on_commit_callbacks, drawn
):
    demo_round, topics = form_fuzz
    data, attachment = drawn.draw(posts(demo_round, topics), label="post")
    cache.clear()
    if data.get("shown_at") == FRESH_STAMP:
        data["shown_at"] = antispam.form_stamp()  # a fresh form, as a browser would load
    if attachment is not None:
        data["attachment"] = attachment
    before = set(Submission.objects.values_list("pk", flat=True))
    files_before = stored_files(private_media)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, data)

    event(f"status {response.status_code}")
    assert response.status_code < 500
    assert_shown_escaped(response, list(data.values()))
    new = Submission.objects.exclude(pk__in=before)
    assert not Submission.objects.filter(reference__isnull=True).exists()
    if response.status_code != 302:
        assert not new.exists()
        # A valid file may be kept, privately, for the sender's next try
        # (participation.kept_attachments); nothing else is stored.
        kept = set(stored_files(private_media)) - set(files_before)
        assert all(path.parent.name == kept_attachments.FOLDER for path in kept)
        assert len(kept) <= (1 if attachment is not None else 0)
        return
    submission = new.get()
    assert submission.text == expected_text(data["text"])
    assert submission.name == without_bidi_controls(data["name"]).strip()
    assert submission.email == without_bidi_controls(data["email"]).strip()
    assert submission.organisation == without_bidi_controls(data.get("organisation", "")).strip()
    published = submission.name + submission.organisation + submission.text
    assert not set(BIDI_CONTROLS) & set(published)
    assert submission.topic == data.get("topic", "")
    added = set(stored_files(private_media)) - set(files_before)
    if submission.attachment:
        event("stored with attachment")
        assert added == {private_media / submission.attachment.name}
        # Shown and downloaded under this name: never a path, whatever name was sent.
        assert "/" not in submission.attachment_name and "\\" not in submission.attachment_name
    else:
        assert not added
    # The receipt and the staff notice went out, whatever the sender typed.
    assert not outbox.failing().filter(about=mails.about(submission)).exists()


# Names made of letters and bidi controls, the controls anywhere, often several together.
bidi_names = st.text(
    alphabet=st.one_of(st.sampled_from(BIDI_CONTROLS), st.sampled_from("Kari Nordmann, æøå")),
    min_size=1,
    max_size=30,
)


@given(name=bidi_names, organisation=bidi_names)
@fuzz
def test_bidi_controls_never_reach_a_stored_name(
    client, form_fuzz, django_capture_on_commit_callbacks, name, organisation
):
    demo_round, topics = form_fuzz
    cache.clear()
    data = valid_input(demo_round, topic=topics[0], shown_at=antispam.form_stamp())
    data.update(name=name, organisation=organisation)
    before = set(Submission.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, data)
    assert response.status_code in (302, 400)
    new = Submission.objects.exclude(pk__in=before)
    event(f"status {response.status_code}")
    if response.status_code == 400:
        assert not new.exists()
        return
    submission = new.get()
    assert submission.name.strip() and not set(BIDI_CONTROLS) & set(submission.name)
    assert not set(BIDI_CONTROLS) & set(submission.organisation)
    assert not set(BIDI_CONTROLS) & set(submission.public_name)

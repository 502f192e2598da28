"""Search and the follow form fuzzed: any query, type and page number, any e-mail string.
Never a 5xx, and what the visitor typed is shown escaped."""

import pytest
from django.core.cache import cache
from hypothesis import event, given
from hypothesis import strategies as st

from asker.search.views import read_query
from core import antispam
from tests.fuzz.conftest import FUZZ_MARK, assert_shown_escaped, fuzz, nasty_text, unicode_text

FOLLOW_URL = "/temaplaner/handling-mot-klimaendringene/folg/"

# Words with hits in the demo content, the operators of SQLite FTS5 and PostgreSQL tsquery,
# and SQL that must stay a search for those characters.
FOUND = ["klima", "Asker", "klimaendringene", "temaplan"]
WORDS = ["klima", "klimaendringene", "innspill", "Asker", "kultur", "plan", "æøå"]
OPERATORS = ["OR", "AND", "NOT", "NEAR", "NEAR/2", "*", '"', "(", ")", "-", "+", "^", ":", "|"]
OPERATORS += ["&", "!", "<->", "{", "}", "col:", "\\", "%", "_", "''"]
SQL = ["' OR 1=1 --", "'; DROP TABLE participation_submission; --", '" OR ""="', "/*", "*/"]

query_parts = st.one_of(st.sampled_from(WORDS + OPERATORS + SQL), unicode_text(12), nasty_text(30))
# One word with hits, wrapped in operators: the punctuation is dropped and the word is found.
found_queries = st.tuples(
    st.sampled_from(["", *OPERATORS]), st.sampled_from(FOUND), st.sampled_from(["", *OPERATORS])
).map("".join)
queries = st.one_of(
    found_queries,
    st.lists(query_parts, max_size=14).map(" ".join),
    st.lists(query_parts, max_size=6).map("".join),
    nasty_text(),
    st.integers(150, 5_000).map(lambda n: "klima " * (n // 6) + FUZZ_MARK),
)
kinds = st.one_of(st.sampled_from(["temaplaner", "sider", "innspill", "alle"]), nasty_text(20))
page_numbers = st.one_of(
    st.integers(-5, 50).map(str),
    st.sampled_from(["last", "0", "1e3", "2.0", " 2", "99999999999999999999999999", ""]),
    nasty_text(20),
)


def maybe(strategy):
    return st.one_of(st.none(), strategy, strategy)


@given(
    q=maybe(st.one_of(found_queries, queries, st.lists(queries, min_size=2, max_size=3))),
    kind=maybe(kinds),
    page=maybe(page_numbers),
)
@fuzz
def test_any_search_is_answered_and_shows_the_query_escaped(client, demo_site, q, kind, page):
    params = {"q": q, "type": kind, "side": page}
    params = {name: value for name, value in params.items() if value is not None}
    response = client.get("/sok/", params)
    assert response.status_code == 200
    # The page shows the query as searched (single-spaced, cut short): check that form too.
    shown = [read_query(value)[0] for value in ([q] if isinstance(q, str) else q or [])]
    assert_shown_escaped(response, [*params.values(), *shown])
    event("with hits" if 'class="search-results"' in response.content.decode() else "no hits")


@pytest.fixture
def no_spam_limits(settings):
    """Set once per test, not per example: each `settings.X =` stacks another override."""
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1_000_000


emails = st.one_of(
    st.emails(),
    st.emails().map(lambda address: f" {address.upper()}\r\n"),
    nasty_text(),
    st.tuples(unicode_text(20), unicode_text(20)).map("@".join),
    st.tuples(nasty_text(20), st.sampled_from(["@example.no", "@eksempel.no", "@[127.0.0.1]"])).map(
        "".join
    ),
    st.sampled_from(["kari@example.no", "KARI@EXAMPLE.NO", "kari+plan@example.no", "a@b"]),
    st.integers(240, 400).map(lambda n: "k" * n + "@example.no"),
)


@given(
    email=st.one_of(emails, st.lists(emails, min_size=2, max_size=3)),
    trap=st.one_of(st.none(), st.none(), st.none(), nasty_text(10)),
)
@fuzz
def test_any_e_mail_address_sent_to_the_follow_form_is_answered(
    client, demo_site, no_spam_limits, email, trap
):
    cache.clear()
    data = {"email": email, "shown_at": antispam.form_stamp(), "website": trap or ""}
    response = client.post(FOLLOW_URL, data)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400)
    assert_shown_escaped(response, [email])

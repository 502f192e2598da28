"""Rank a few documents (plans, pages) against what a citizen types, the same on every database.

The site has tens of pages, not thousands, so they are scored here in Python and SQLite ranks
exactly as PostgreSQL does. (Input, the large table, is searched in the database.)

A document is a list of fields, each (weight, text). Every query word must match somewhere:
- the same word (1.0), or the start of a longer one: «klima» finds «klimaendringene» (0.9);
- a word part inside a compound: «plan» finds «temaplan» (0.6);
- a compound of two parts found apart: «klimaplan» finds «Temaplan for … klimaendringene»;
- a close spelling, by trigram similarity as pg_trgm counts it: «sykelvei» finds «sykkelvei».
A word's score is its best match times the field's weight, so a word in the title outranks the
same word in body text; a document's score is the sum over the words.
"""

import re
from dataclasses import dataclass

from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.rich_text import RichText, get_text_for_indexing

WORD = re.compile(r"\w+")
# Words that say nothing about a plan; dropped unless the query has nothing else.
STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "på",
        "for",
        "til",
        "av",
        "om",
        "med",
        "en",
        "et",
        "ei",
        "den",
        "det",
        "de",
        "som",
        "er",
        "å",
        "hva",
        "hvor",
        "når",
        "jeg",
        "vi",
        "kan",
    ]
)
TITLE, NAMES, LEAD, BODY = 10.0, 6.0, 3.0, 1.0  # field weights
MIN_PART = 3  # the shortest part of a compound worth matching
SIMILAR = 0.5  # trigram similarity from which a word counts as a misspelling of another


def query_terms(terms):
    """Lower-cased query words, without stop words when there is anything else."""
    words = [term.lower() for term in terms]
    meaningful = [word for word in words if word not in STOP_WORDS]
    return meaningful or words


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb)


def word_match(term, word):
    """How well one query word matches one word of a text, 0 to 1."""
    if word == term:
        return 1.0
    if word.startswith(term):
        return 0.9
    if len(term) >= 4 and term in word:
        return 0.6
    if len(term) >= 5 and abs(len(term) - len(word)) <= 2:
        score = similarity(term, word)
        if score >= SIMILAR:
            return 0.5 * score
    return 0.0


@dataclass
class Document:
    obj: object
    fields: list  # [(weight, set of words)]

    @classmethod
    def of(cls, obj, fields):
        """`fields`: (weight, text) pairs; empty texts are skipped."""
        return cls(
            obj, [(weight, set(WORD.findall(text.lower()))) for weight, text in fields if text]
        )

    def best(self, matcher):
        """The best weighted score of `matcher(word)` over all fields."""
        best = 0.0
        for weight, words in self.fields:
            for word in words:
                score = matcher(word)
                if score:
                    best = max(best, weight * score)
        return best

    def term_score(self, term):
        direct = self.best(lambda word: word_match(term, word))
        compound = 0.0
        for cut in range(MIN_PART, len(term) - MIN_PART + 1):
            left, right = term[:cut], term[cut:]
            left_score = self.best(lambda word, left=left: 1.0 if word.startswith(left) else 0.0)
            if not left_score:
                continue
            right_score = self.best(lambda word, right=right: 1.0 if right in word else 0.0)
            compound = max(compound, 0.8 * min(left_score, right_score))
        return max(direct, compound)

    def score(self, terms):
        """The sum of each word's best score, or 0 when any word is missing."""
        total = 0.0
        for term in terms:
            found = self.term_score(term)
            if not found:
                return 0.0
            total += found
        return total


def rank(documents, terms, tiebreak=None):
    """The documents' objects that match every term, best first (ties in `tiebreak` order)."""
    terms = query_terms(terms)
    scored = [
        (document.score(terms), index, document.obj) for index, document in enumerate(documents)
    ]
    scored = [item for item in scored if item[0] > 0]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [obj for _score, _index, obj in scored]


def block_text(block, value):
    """Plain text of a block's value: the editors' words, never a choice's label
    («Overskrift 2»)."""
    if value is None or isinstance(block, BaseChoiceBlock):
        return []
    if isinstance(block, StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in block_text(child, value.get(name))
        ]
    if isinstance(block, ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    if isinstance(block, StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    return [str(text) for text in block.get_searchable_content(value)]


def plain_text(value):
    """A field's value as plain text: a StreamField walked by block, rich text stripped."""
    if not value:
        return ""
    if hasattr(value, "stream_block"):
        return " ".join(block_text(value.stream_block, value))
    if isinstance(value, RichText):
        value = value.source
    text = str(value)
    return get_text_for_indexing(text) if "<" in text else text

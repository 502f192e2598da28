"""Highlighted context for a search hit: a short excerpt around the first match.

Wagtail's database backend has no highlighter, so this works on the plain text. An excerpt
is a list of pieces (text, marked) that the template escapes: nothing here makes HTML.
"""

import re
from dataclasses import dataclass

EXCERPT_LENGTH = 220
LEAD_IN = 60  # characters of context before the first match
# Norwegian endings, tried in this order: PostgreSQL's stemmer lets «klimaendringene» find
# «klimaendring», so the highlight looks for the stem as well.
ENDINGS = ("ene", "ane", "ing", "er", "en", "et", "ar", "a", "e")
MIN_STEM = 4


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool = False


def term_pattern(terms):
    """A case-insensitive pattern for words that start with a term or with its stem."""
    variants = set()
    for term in terms:
        variants.add(term)
        for ending in ENDINGS:
            if term.lower().endswith(ending) and len(term) - len(ending) >= MIN_STEM:
                variants.add(term[: -len(ending)])
                break
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def excerpt(text, pattern, length=EXCERPT_LENGTH):
    """Pieces of `text` around its first match (or from its start), every match marked."""
    text = " ".join(text.split())
    match = pattern.search(text)
    start = 0
    if match and match.start() > LEAD_IN:
        cut = match.start() - LEAD_IN
        space = text.find(" ", cut, match.start())
        start = space + 1 if space >= 0 else cut
    end = min(len(text), max(start + length, match.end() if match else 0))
    if end < len(text):
        space = text.rfind(" ", match.end() if match else start, end)
        end = space if space > 0 else end
    window = text[start:end]
    pieces = [Piece("…")] if start > 0 else []
    position = 0
    for found in pattern.finditer(window):
        if found.start() > position:
            pieces.append(Piece(window[position : found.start()]))
        pieces.append(Piece(found.group(), marked=True))
        position = found.end()
    if position < len(window):
        pieces.append(Piece(window[position:]))
    if end < len(text):
        pieces.append(Piece("…"))
    return pieces


def best_excerpt(texts, pattern):
    """(label, pieces) from the first text that matches, else from the first non-empty one.

    `texts` are (label, text) pairs, such as ("Tema", "Sirkulærøkonomi: …").
    """
    texts = [(label, text) for label, text in texts if text and text.strip()]
    for label, text in texts:
        if pattern.search(text):
            return label, excerpt(text, pattern)
    if texts:
        label, text = texts[0]
        return label, excerpt(text, pattern)
    return "", []

"""Colour contrast (WCAG 1.4.3 and 1.4.11) from the design tokens, as the CSS actually uses them.

The colour tokens are the custom properties in static/css/tokens.css. Every rule in
static/css/*.css that sets a text colour is paired with the background it is drawn on: the
rule's own background, else the background of its component (the BEM block: `.receipt` for
`.receipt__label`; a focused link: the focus ring's yellow), else the page background. Text
needs 4.5:1. Borders of controls in their default or strong token, and the focus ring, need
3:1 (WCAG 1.4.11). A failure names the file, the selector and both tokens.
"""

import re
from pathlib import Path

import pytest

from tests.contrast import contrast

CSS = Path(__file__).resolve().parents[2] / "static" / "css"
TOKENS = CSS / "tokens.css"
PAGE_BACKGROUND = "--color-background"
COLOUR = r"(var\(--[\w-]+\)|#[0-9a-fA-F]{3,8}\b)"


def _strip_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def tokens():
    """{"--name": "value"} for every custom property in tokens.css."""
    text = _strip_comments(TOKENS.read_text())
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", text))


def resolve(value, table):
    """A colour value as #rrggbb, following var() aliases; None for anything else."""
    for _ in range(10):
        value = value.strip()
        found = re.fullmatch(r"var\((--[\w-]+)(?:,[^)]*)?\)", value)
        if not found:
            break
        value = table.get(found.group(1), "")
    if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower() if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else None


def rules():
    """(file name, selector, {property: value}) for every innermost rule in static/css."""
    for path in sorted(CSS.glob("*.css")):
        if path.name in ("tokens.css", "print.css"):  # print: black on white, no tokens
            continue
        text = _strip_comments(path.read_text())
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            selector = " ".join(selector.split())
            if selector.startswith("@") or selector.startswith(("from", "to")):
                continue
            declarations = dict(
                (name.strip(), value.strip())
                for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body)
            )
            yield path.name, selector, declarations


def _colour_in(value):
    """The first colour token or literal in a declaration value (backgrounds, borders)."""
    if "gradient" in value:
        return None
    found = re.search(COLOUR, value)
    return found.group(1) if found else None


def _blocks(selector):
    """The BEM block classes a selector may be drawn in, nearest first: the block of its last
    compound (`receipt` for `.receipt__label:visited`), then the first class in it
    (`site-footer` for `.site-footer .link__meta`)."""
    first = selector.split(",")[0]
    found = []
    for part in (first.split()[-1], first):
        match = re.search(r"\.([a-z][\w-]*)", part)
        if match:
            found.append(match.group(1).split("__")[0].split("--")[0])
    return found


def _background(declarations, selector, blocks):
    own = declarations.get("background-color") or declarations.get("background")
    if own and _colour_in(own):
        return _colour_in(own)
    if ":focus" in selector:  # a focused link is painted with the ring's inner colour (base.css)
        return "var(--focus-inner-color)"
    for block in _blocks(selector):
        if block in blocks:
            return blocks[block]
    return f"var({PAGE_BACKGROUND})"


def backgrounds():
    """{block: background value} from the rules that give a whole block its background."""
    found = {}
    for _file, selector, declarations in rules():
        value = declarations.get("background-color") or declarations.get("background")
        colour = value and _colour_in(value)
        if colour and re.fullmatch(r"\.[a-z][a-z0-9-]*", selector):
            found.setdefault(selector[1:], colour)
    return found


def text_pairs():
    """(where, text value, background value) for every rule that sets a text colour."""
    blocks = backgrounds()
    pairs = []
    for file, selector, declarations in rules():
        text = declarations.get("color")
        if not text or not re.fullmatch(COLOUR, text):
            continue
        pairs.append((f"{file} `{selector}`", text, _background(declarations, selector, blocks)))
    return pairs


def ui_pairs():
    """(where, border value, background value) for control borders in a default or strong
    token: what shows where a control begins (WCAG 1.4.11)."""
    blocks = backgrounds()
    pairs = []
    for file, selector, declarations in rules():
        for name, value in declarations.items():
            if not name.startswith("border") or ("color" not in name and "solid" not in value):
                continue
            colour = _colour_in(value)
            if not colour or not re.search(r"border-(default|strong)\)", colour):
                continue
            background = _background(declarations, selector, blocks)
            pairs.append((f"{file} `{selector}` {name}", colour, background))
    return pairs


def _failures(pairs, minimum, table):
    failures = []
    for where, fore, back in pairs:
        fore_hex = resolve(fore, table)
        back_hex = resolve(back, table)
        if not fore_hex or not back_hex or fore_hex == back_hex:  # no colour, or a filled shape
            continue
        ratio = contrast(fore_hex, back_hex)
        if ratio < minimum:
            failures.append(f"{where}: {fore} {fore_hex} on {back} {back_hex} = {ratio:.2f}:1")
    return failures


def test_the_tokens_are_read():
    table = tokens()
    assert resolve("var(--color-text)", table) == "#1c2430"
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert len(text_pairs()) > 50


def test_every_text_colour_has_4_5_to_1_on_its_background():
    assert _failures(text_pairs(), 4.5, tokens()) == []


def test_every_control_border_has_3_to_1_on_its_background():
    assert _failures(ui_pairs(), 3, tokens()) == []


@pytest.mark.parametrize(
    ("fore", "back"),
    [
        ("--focus-outer-color", "--color-neutral-background-default"),
        ("--focus-outer-color", "--color-accent-background-tinted"),
        ("--focus-outer-color", "--focus-inner-color"),
        ("--focus-inner-color", "--color-accent-base-default"),
        ("--color-neutral-border-default", "--color-neutral-background-default"),
        ("--color-neutral-border-default", "--color-neutral-background-tinted"),
        ("--color-accent-border-default", "--color-neutral-background-default"),
    ],
)
def test_focus_ring_and_control_edges_have_3_to_1(fore, back):
    table = tokens()
    ratio = contrast(resolve(f"var({fore})", table), resolve(f"var({back})", table))
    assert ratio >= 3, f"{fore} on {back}: {ratio:.2f}:1"

"""A horizontal stacked bar chart drawn on the server as SVG: no JavaScript, no library.

Built with ElementTree, so every label is escaped and the markup is well-formed XML. The chart
is one image to assistive technology (role="img" named by its <title> and <desc>); the figures
themselves are in the table the page shows next to it.

Colours are the Wagtail admin's palette. Each bar segment has at least 3:1 contrast with the
white background and is set off from its neighbour by a white gap, and the number on it has at
least 4.5:1 with the segment.
"""

import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils.safestring import mark_safe

WIDTH = 400
PADDING = 12
FONT_SIZE = 15
LINE = 19
BAR_HEIGHT = 26
ROW_GAP = 14
GAP = 2  # white between segments
TOTAL_ROOM = 48  # right of the longest bar, for its total
CHAR_WIDTH = 0.6 * FONT_SIZE  # a generous average, as the font is the admin's
TEXT = "#262626"  # the admin's grey-600 on white: 15:1


@dataclass(frozen=True)
class Series:
    """One kind of segment: its legend label, its fill and the colour of its number."""

    label: str
    fill: str
    text: str = "#ffffff"


# From Wagtail's palette: contrast with white is 14.3, 4.5, 3.1, 4.6 and 6.7 to 1.
PRIMARY = "#2e1f5e"
POSITIVE = "#1b8666"
CRITICAL = "#fd5765"  # light: its numbers are dark (4.9:1)
INFO = "#1f7e9a"
GREY = "#5c5c5c"


def _text(parent, x, y, content, **attrs):
    element = ET.SubElement(parent, "text", x=_n(x), y=_n(y), **attrs)
    element.text = str(content)  # a label may be a lazy translation
    return element


def _n(number):
    """Coordinates to a tenth of a pixel, without a trailing «.0»."""
    return f"{round(number, 1):g}"


def _fits(number, width):
    return width >= len(str(number)) * CHAR_WIDTH + 6


def stacked_bars(element_id, title, description, rows, series):
    """An SVG bar per row in `rows` ((label, counts) with a count per `series`), split into
    one segment per count above zero, with the row's total after it.

    Returns safe HTML to put inline in a page; `element_id` makes the ids of its title and
    description unique there."""
    inner = WIDTH - 2 * PADDING
    bar_room = inner - TOTAL_ROOM
    largest = max((sum(counts) for _, counts in rows), default=0) or 1
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        role="img",
        id=element_id,
        width=str(WIDTH),
        # Scales down on a phone (static/css/admin/statistics.css); no inline style for a CSP.
        **{"class": "statistics-chart__svg"},
        **{"aria-labelledby": f"{element_id}-title {element_id}-desc", "font-size": str(FONT_SIZE)},
    )
    ET.SubElement(svg, "title", id=f"{element_id}-title").text = str(title)
    ET.SubElement(svg, "desc", id=f"{element_id}-desc").text = str(description)
    background = ET.SubElement(svg, "rect", width=str(WIDTH), fill="#ffffff")

    # The legend, two to a line, or one when a label is too long for half the width
    # («Behandlet, ikke publisert etter ønske»).
    y = PADDING
    per_line = 2 if all(20 + len(str(s.label)) * CHAR_WIDTH <= inner / 2 for s in series) else 1
    column = inner / per_line
    for index, item in enumerate(series):
        x = PADDING + (index % per_line) * column
        top = y + (index // per_line) * LINE * 1.4
        ET.SubElement(svg, "rect", x=_n(x), y=_n(top + 2), width="14", height="14", fill=item.fill)
        _text(svg, x + 20, top + 14, item.label, fill=TEXT)
    y += -(-len(series) // per_line) * LINE * 1.4 + ROW_GAP

    chars_per_line = int(inner / CHAR_WIDTH * 1.15)  # labels are mostly narrow letters
    for label, counts in rows:
        for line in textwrap.wrap(str(label), chars_per_line) or [""]:
            y += LINE
            _text(svg, PADDING, y - 4, line, fill=TEXT)
        y += 4
        x = PADDING
        for item, number in zip(series, counts, strict=True):
            if not number:
                continue
            width = number / largest * bar_room
            segment = ET.SubElement(
                svg,
                "rect",
                x=_n(x),
                y=_n(y),
                width=_n(max(width - GAP, 1)),
                height=str(BAR_HEIGHT),
                fill=item.fill,
                **{"class": "bar", "data-label": str(item.label), "data-value": str(number)},
            )
            ET.SubElement(segment, "title").text = f"{label}, {item.label}: {number}"
            if _fits(number, width - GAP):
                _text(
                    svg,
                    x + (width - GAP) / 2,
                    y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35,
                    str(number),
                    fill=item.text,
                    **{"text-anchor": "middle"},
                )
            x += width
        _text(
            svg,
            x + 6,
            y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35,
            str(sum(counts)),
            fill=TEXT,
            **{"font-weight": "bold", "class": "total"},
        )
        y += BAR_HEIGHT + ROW_GAP

    height = _n(y + PADDING - ROW_GAP)
    svg.set("height", height)
    svg.set("viewBox", f"0 0 {WIDTH} {height}")
    background.set("height", height)
    # ElementTree escapes every label and attribute.
    return mark_safe(ET.tostring(svg, encoding="unicode"))

"""The text a reader sees on a page: tags stripped, entities decoded, whitespace collapsed."""

import html
import re


def visible_text(response) -> str:
    markup = response.content.decode()
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return re.sub(r"\s+", " ", text).strip()

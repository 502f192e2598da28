"""Reading pages and e-mails in tests."""

import re


def html_lang(source):
    """The <html lang> of a page or mail: an HTML string, a response or an e-mail message."""
    if hasattr(source, "alternatives"):
        source = source.alternatives[0][0]
    elif hasattr(source, "content"):
        source = source.content.decode()
    return re.search(r'<html lang="([^"]+)"', source).group(1)

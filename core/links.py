"""Addresses the site hands out: absolute links for e-mails and feeds, tel: links."""

import re

from django.conf import settings


def page_path(page):
    """The page's path on its site, e.g. /temaplaner/handling-mot-klimaendringene/."""
    return page.get_url_parts()[2]


def absolute(path):
    """A path on the site as a full address, for an e-mail or a feed read elsewhere."""
    return settings.SITE_URL + path


def tel_href(phone):
    """A tel: link for a phone number as people write it ("66 90 00 00" -> "tel:66900000")."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


# A root-relative address in an attribute: href="/…" or src="/…" (not protocol-relative "//…").
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_in_html(html):
    """Rich text with its links to pages and documents as full addresses: in an e-mail, a
    link to "/temaplaner/…" leads nowhere."""
    return _ROOT_RELATIVE.sub(lambda match: f"{match.group(1)}{settings.SITE_URL}/", html)

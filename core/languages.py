"""The interface language: Norwegian at the plain address, English under /en/.

Editors write in Norwegian, so under /en/ the interface is English around Norwegian content,
and elements holding that content carry lang="nb" for screen readers and hyphenation."""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Open Graph wants a territory with the language.
OG_LOCALES = {"nb": "nb_NO", "en": "en_GB"}
# Each language's own name, as a reader of that language looks for it.
NATIVE_NAMES = {"nb": "Norsk", "en": "English"}


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


# The language of the editors' text being rendered: Norwegian, except inside
# `content_written_in("en")` (a legal page's English tab, legal/templatetags/legal_tags.py).
_content_language = ContextVar("content_language", default=None)


@contextmanager
def content_written_in(language):
    token = _content_language.set(language)
    try:
        yield
    finally:
        _content_language.reset(token)


def content_language():
    """The language of the editors' text being rendered."""
    return _content_language.get() or settings.LANGUAGE_CODE


def lang_mark(language=None):
    """The lang attribute that text in `language` (by default the editors' language) needs
    on this page: "" when it is the interface's own."""
    language = language or content_language()
    return "" if language == active_language() else language


def lang_attribute(language=None):
    """` lang="nb"` on elements holding editors' (Norwegian) text when the interface is not;
    with a language, ` lang="…"` on text written in it (a sender's input) when that differs."""
    mark = lang_mark(language)
    return mark_safe(f' lang="{escape(mark)}"') if mark else ""


def is_content_language():
    """True when the interface speaks the editors' language, so content needs no lang mark."""
    return not lang_mark()


def og_locale():
    return OG_LOCALES.get(active_language(), OG_LOCALES[settings.LANGUAGE_CODE])


# What a browser reads as the start of another site's address in a link: two or more slashes
# or backslashes, with the tabs and line breaks it drops (and spaces it trims) among them.
OFF_SITE_START = re.compile(r"^[/\\\s]+")


def on_this_site(path):
    """`path` as an address on this site: one slash at the start, however it began."""
    return "/" + OFF_SITE_START.sub("", path)


def address_in(path, code, current):
    """`path` (the active language's address) in language `code`, always on this site: a
    request for //evil.example.com/ must not offer a link to that host."""
    path = on_this_site(path)
    translated = translate_url(path, code)
    if translated != path or code == current:
        return on_this_site(translated)
    # Not an address Django can resolve (a 404 such as /en/sitemap.xml): swap the prefix.
    prefix = f"/{current}/"
    bare = "/" + path.removeprefix(prefix) if path.startswith(prefix) else path
    return on_this_site(bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}")


def alternates(request, keep_query=True):
    """This page in every interface language: code, native name, address, whether active.

    Kept on the request: the head and the header both ask, and each address costs a resolve
    and a reverse."""
    path = request.get_full_path() if keep_query else request.path
    current = active_language()
    remembered = request.__dict__.setdefault("_language_alternates", {})
    if (path, current) not in remembered:
        remembered[path, current] = [
            {
                "code": code,
                "name": NATIVE_NAMES.get(code, code),
                "url": address_in(path, code, current),
                "is_active": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]
    return remembered[path, current]


class AddressLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without `Vary: Accept-Language`.

    With `prefix_default_language=False` a plain address is always Norwegian, whatever the
    browser asks for, so telling caches that the answer varies with Accept-Language would only
    split them for nothing."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        kept = [
            header.strip()
            for header in response.get("Vary", "").split(",")
            if header.strip() and header.strip().lower() != "accept-language"
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif response.has_header("Vary"):
            del response["Vary"]
        return response

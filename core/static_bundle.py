"""One stylesheet per page instead of an entry file with an `@import` per component.

A browser finds an `@import` only after it has fetched the file that holds it, so a phone
would fetch the entry stylesheet and then each component in turn before it can draw. The
sources stay as they are (static/css/main.css and its components); STATIC_BUNDLES names each
bundle and its entry file, e.g. {"css/bundle.css": "css/main.css"}, and BundleFinder, a
staticfiles finder, writes the bundle with every `@import` replaced by the imported file:

- collectstatic (the Dockerfile, production with WhiteNoise's manifest storage) copies and
  hashes it like any other static file;
- the development server and WhiteNoise with WHITENOISE_USE_FINDERS (tests) ask the finder for
  it on each request, and it is written again whenever a source is newer.

The bundle is written under STATIC_BUNDLE_ROOT (build/static/ in the checkout by default).
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage

IMPORT = re.compile(r"""^\s*@import\s+url\(\s*["']?([^"')]+)["']?\s*\)\s*;\s*$""", re.M)


def source_finder():
    return finders.FileSystemFinder()


def inline_imports(path: Path, seen=()) -> str:
    """The file's text with each `@import url("x.css");` replaced by x.css's own text."""
    if path in seen:
        raise ValueError(f"{path} imports itself")
    text = path.read_text(encoding="utf-8")

    def inline(match):
        imported = (path.parent / match.group(1)).resolve()
        body = inline_imports(imported, (*seen, path)).rstrip("\n")
        return f"/* --- {match.group(1)} --- */\n{body}\n"

    return IMPORT.sub(inline, text)


def sources_of(path: Path) -> list[Path]:
    """The entry file and every file it imports, for the freshness check."""
    found = [path]
    for name in IMPORT.findall(path.read_text(encoding="utf-8")):
        found += sources_of((path.parent / name).resolve())
    return found


def build(bundle: str, entry: str, root: Path) -> Path:
    """Write `bundle` under `root` from `entry` (a static path) unless it is newer than every
    source; return its path."""
    source = source_finder().find(entry)
    if not source:
        raise FileNotFoundError(f"STATIC_BUNDLES: {entry} is not among the static files")
    source = Path(source)
    target = root / bundle
    newest = max(p.stat().st_mtime for p in sources_of(source))
    if not target.exists() or target.stat().st_mtime < newest:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = inline_imports(source)
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)  # a request never reads half a file
    return target


class BundleFinder(finders.BaseFinder):
    """Finds the bundles in STATIC_BUNDLES, built fresh from their sources when asked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bundles = dict(getattr(settings, "STATIC_BUNDLES", {}))
        self.root = Path(settings.STATIC_BUNDLE_ROOT)
        self.storage = FileSystemStorage(location=self.root)

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)  # the name before Django 5.2
        if path not in self.bundles:
            return [] if find_all else None
        built = str(build(path, self.bundles[path], self.root))
        return [built] if find_all else built

    def list(self, ignore_patterns):
        for bundle, entry in self.bundles.items():
            build(bundle, entry, self.root)
            yield bundle, self.storage

    def check(self, **kwargs):
        return []

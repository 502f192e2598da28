"""The message catalogues: every interface string has its English translation, the compiled
catalogues are the ones Django loads, and placeholders survive translation."""

import ast
import gettext
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def read_po(path):
    """Entries of a .po file as {(context, msgid, msgid_plural): [msgstr, ...]}; fuzzy ones are
    marked by a None context key in `fuzzy`."""
    entries, fuzzy = {}, set()
    entry, field, flags = {}, None, ""

    def finish():
        if entry.get("msgid"):
            key = (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
            entries[key] = [entry[k] for k in sorted(entry) if k.startswith("msgstr")]
            if "fuzzy" in flags:
                fuzzy.add(key)

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            finish()
            entry, field, flags = {}, None, ""
        elif line.startswith("#,"):
            flags = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries, fuzzy


@pytest.fixture(scope="module")
def english():
    return read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")


def test_every_interface_string_has_an_english_translation(english):
    entries, fuzzy = english
    assert len(entries) > 300, "the catalogue is nearly empty: run makemessages"
    missing = [key[1] for key, strings in entries.items() if not all(strings)]
    assert not missing, f"{len(missing)} strings lack English, e.g. {missing[:5]}"
    assert not fuzzy, f"fuzzy translations are not used by Django: {[k[1] for k in fuzzy][:5]}"


def test_placeholders_survive_translation(english):
    entries, _fuzzy = english
    wrong = []
    for (_context, msgid, plural), strings in entries.items():
        wanted = {m.group(0) for m in PLACEHOLDER.finditer(msgid + (plural or ""))}
        for translated in strings:
            if {m.group(0) for m in PLACEHOLDER.finditer(translated)} - wanted:
                wrong.append(msgid)
            if not plural and wanted - {m.group(0) for m in PLACEHOLDER.finditer(translated)}:
                wrong.append(msgid)
    assert not wrong, f"placeholders differ in: {wrong[:5]}"


@pytest.mark.parametrize("language", ["en", "nb"])
def test_compiled_catalogue_matches_its_source(language):
    """The .mo Django loads must be compiled from the .po in the repository
    (`manage.py compilemessages` after editing a .po)."""
    folder = LOCALE / language / "LC_MESSAGES"
    entries, fuzzy = read_po(folder / "django.po")
    with open(folder / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    for (context, msgid, plural), strings in entries.items():
        if not all(strings) or (context, msgid, plural) in fuzzy:
            continue
        key = f"{context}\x04{msgid}" if context else msgid
        if plural:
            assert catalogue.get((key, 0)) == strings[0], f"stale .mo for {msgid!r}"
        else:
            assert catalogue.get(key) == strings[0], f"stale .mo for {msgid!r}"


def test_the_catalogue_holds_every_string_in_the_code_and_no_other(monkeypatch):
    """Collects the strings afresh, as `make messages` does, into a scratch folder: a string
    added to a template but never put in the catalogue fails here, not on an English page."""
    if shutil.which("xgettext") is None:
        reason = "xgettext not found (apt-get install gettext): cannot collect the strings"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # makemessages writes a file's strings to the first locale folder whose parent holds the
    # file, so the scratch folder must sit in the project folder itself (.gitignore has it).
    scratch = Path(settings.BASE_DIR) / f"locale-check-{os.getpid()}"
    monkeypatch.chdir(settings.BASE_DIR)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [scratch])
    # The same folders as MESSAGES_IGNORE in the Makefile, and the real catalogues' folder
    # (makemessages would otherwise prefer it to the scratch one).
    ignored = [
        ".venv/*",
        "tests/*",
        "bench/*",
        "staticfiles/*",
        "docs/*",
        "locale",
        "locale-check-*",
    ]
    try:
        call_command("makemessages", locale=["en"], ignore_patterns=ignored, verbosity=0)
        fresh, _fuzzy = read_po(scratch / "en" / "LC_MESSAGES" / "django.po")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    committed, _fuzzy = read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    missing = sorted(key[1] for key in set(fresh) - set(committed))
    stale = sorted(key[1] for key in set(committed) - set(fresh))
    assert not missing, f"run `make messages` and translate: {missing[:5]}"
    assert not stale, f"run `make messages` to drop strings no longer used: {stale[:5]}"

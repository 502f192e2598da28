"""Keep locale_wagtail/ (Norwegian for the Wagtail admin strings Wagtail's own nb catalogue lacks).

Wagtail ships about half of its admin strings in Norwegian Bokmål, so staff saw «Collapse all»,
«History» and «Filter by» among Norwegian text. locale_wagtail/ holds the rest; Django reads it
after locale/ and before Wagtail's own catalogues (settings.LOCALE_PATHS).

    python scripts/wagtail_nb_catalogue.py missing      # what neither catalogue translates
    python scripts/wagtail_nb_catalogue.py add F.json   # add {"msgid": "msgstr" | [one, many]}

`missing` is also what tests/asker/test_admin_language.py checks after a Wagtail upgrade.
"""

import json
import sys
from pathlib import Path

import polib
import wagtail

WAGTAIL = Path(wagtail.__file__).parent
OVERRIDES = Path(__file__).resolve().parents[1] / "locale_wagtail" / "nb" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
# Wagtail's own Norwegian with a typo; ours wins.
CORRECTIONS = {
    "The page title as you'd like it to be seen by the public": (
        "Tittel på siden slik den vises offentlig"
    ),
}


def key(entry):
    return (entry.msgctxt, entry.msgid)


def source_entries(domain):
    """Every string Wagtail's apps ask for in this domain (their English catalogues)."""
    seen = {}
    for path in sorted(WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(path)):
            seen.setdefault(key(entry), entry)
    return seen


def translated_by_wagtail(domain):
    return {
        key(entry)
        for path in WAGTAIL.glob(f"**/locale/nb/LC_MESSAGES/{domain}.po")
        for entry in polib.pofile(str(path))
        if entry.translated()
    }


def overrides(domain):
    path = OVERRIDES / f"{domain}.po"
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "Asker temaplaner: Wagtail admin in Norwegian",
        "Language-Team": "Asker kommune",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": "nb",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    return catalogue


def missing(domain):
    ours = {key(entry) for entry in overrides(domain) if entry.translated()}
    done = translated_by_wagtail(domain) | ours
    return [entry for k, entry in source_entries(domain).items() if k not in done]


def add(domain, translations):
    catalogue = overrides(domain)
    known = {key(entry) for entry in catalogue}
    for entry in missing(domain):
        text = translations.get(entry.msgid)
        if text is None or key(entry) in known:
            continue
        # The format flags let `msgfmt --check` compare the placeholders with the English.
        new = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, flags=list(entry.flags))
        if entry.msgid_plural:
            one, many = text if isinstance(text, list) else (text, text)
            new.msgid_plural, new.msgstr_plural = entry.msgid_plural, {0: one, 1: many}
        else:
            new.msgstr = text
        catalogue.append(new)
    if domain == "django":
        for msgid, msgstr in CORRECTIONS.items():
            if (None, msgid) not in {key(entry) for entry in catalogue}:
                catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    OVERRIDES.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(OVERRIDES / f"{domain}.po"))
    catalogue.save_as_mofile(str(OVERRIDES / f"{domain}.mo"))


if __name__ == "__main__":
    if sys.argv[1] == "missing":
        for domain in DOMAINS:
            for entry in missing(domain):
                print(domain, json.dumps(entry.msgid, ensure_ascii=False))
    elif sys.argv[1] == "add":
        domain = sys.argv[3] if len(sys.argv) > 3 else "django"
        add(domain, json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))

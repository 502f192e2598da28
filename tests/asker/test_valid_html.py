"""Every public page type is valid HTML by the Nu HTML Checker (vnu.jar, issue 20 point 9).

vnu.jar comes from npm (package.json: `npm ci` puts it in node_modules/vnu-jar/) and runs on
Java 17. Locally the test skips, saying why, when either is missing; in CI (CI=true) it is
mandatory, as the browser tests are. All pages go to one JVM start, `--format json`.
"""

import json
import os
import shutil
import subprocess

import pytest
from django.conf import settings

from asker.models import ContentPage, HomePage
from participation import links
from participation.models import ParticipationRound
from tests.browser.test_accessibility import _content_page_fields
from tests.participation.conftest import form_stamp, make_submission, valid_input

pytestmark = pytest.mark.django_db

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PLAN = "/temaplaner/handling-mot-klimaendringene/"
FORM = PLAN + "innspill/"
LEGAL = ["tilgjengelighetserklaering", "personvern", "informasjonskapsler"]

# (name, address, status): every public page type, with the demo content.
PAGES = [
    ("home", "/", 200),
    ("index", "/temaplaner/", 200),
    ("plan", PLAN, 200),
    ("plan-without-content", "/temaplaner/kultur/", 200),
    ("form", FORM, 200),
    ("closed-round", "/temaplaner/kultur/innspill/", 200),
    ("published-input", FORM + "publiserte/", 200),
    ("follow", PLAN + "folg/", 200),
    ("search-empty", "/sok/", 200),
    ("search-hits", "/sok/?q=klima", 200),
    *[(f"legal-{slug}", f"/{slug}/", 200) for slug in LEGAL],
    ("content", "/om/", 200),
    ("not-found", "/finnes-ikke/", 404),
    ("en-home", "/en/", 200),
    ("en-plan", "/en" + PLAN, 200),
]


def java():
    return shutil.which("java") or ("/usr/bin/java" if os.path.exists("/usr/bin/java") else None)


@pytest.fixture(scope="module")
def vnu():
    """The command that runs the checker; skip with the reason when it cannot run here."""
    missing = []
    if java() is None:
        missing.append("Java 17 (apt-get install -y openjdk-17-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR} (npm ci)")
    if missing:
        message = "The Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: the HTML check is mandatory in CI")
        print(message)  # shown with -rs and in the log, so a skip is never silent
        pytest.skip(message)
    return [java(), "-Xss1m", "-jar", str(VNU_JAR)]


def rendered_pages(client):
    """{name: HTML} for every page type, plus the receipt and the sender's private page."""
    home = HomePage.objects.get()
    home.add_child(
        instance=ContentPage(title="Om temaplanene", slug="om", **_content_page_fields())
    )
    pages = {}
    for name, path, status in PAGES:
        response = client.get(path)
        assert response.status_code == status, (name, response.status_code)
        pages[name] = response.content.decode()
    demo_round = ParticipationRound.objects.get(
        page__url_path__endswith="klimaendringene/", title__startswith="Demo"
    )
    errors = client.post(FORM, {"shown_at": form_stamp(client, FORM)})
    pages["form-errors"] = errors.content.decode()
    data = {**valid_input(demo_round), "shown_at": form_stamp(client, FORM)}
    receipt = client.post(FORM, data, follow=True)
    assert receipt.status_code == 200
    pages["receipt"] = receipt.content.decode()
    private = client.get(links.private_path(make_submission(demo_round)))
    assert private.status_code == 200
    pages["private-link"] = private.content.decode()
    return pages


def test_every_public_page_type_is_valid_html(client, demo_site, settings, vnu, tmp_path):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    files = []
    for name, html in rendered_pages(client).items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']} "
        f"«{m.get('extract', '')}»"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
    assert len(files) == len(PAGES) + 3

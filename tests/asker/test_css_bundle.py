"""One stylesheet per page: the components of static/css/main.css inlined into css/bundle.css
(core/static_bundle.py), served in tests and development and collected for production."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static

CSS = Path(__file__).resolve().parents[2] / "static" / "css"
COMPONENTS = re.findall(r'@import url\("([^"]+)"\);', (CSS / "main.css").read_text())


def rules(text):
    """The file's rules without its comments, as one normalised string."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"\s+", " ", text).strip()


def assert_whole_bundle(css):
    assert "@import" not in css
    for name in COMPONENTS:
        assert rules((CSS / name).read_text()) in rules(css), name


def test_main_css_still_has_its_components():
    assert len(COMPONENTS) > 30  # the sources stay as they are


@pytest.mark.django_db
def test_the_served_stylesheet_holds_every_component_and_no_import(client):
    response = client.get(static("css/bundle.css"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert_whole_bundle(b"".join(response.streaming_content).decode())


def test_pages_link_the_bundle_only(client, demo_site):
    html = client.get("/temaplaner/handling-mot-klimaendringene/").content.decode()
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)  # not media="print"
    assert sheets == [static("css/bundle.css")]
    assert "main.css" not in html


def test_a_changed_component_is_in_the_next_bundle(settings, tmp_path):
    from core.static_bundle import build

    entry = tmp_path / "src" / "css"
    entry.mkdir(parents=True)
    (entry / "a.css").write_text(".a { color: red; }\n")
    (entry / "main.css").write_text('@import url("a.css");\n.main { margin: 0; }\n')
    settings.STATICFILES_DIRS = [tmp_path / "src"]
    built = build("css/bundle.css", "css/main.css", tmp_path / "out")
    assert built.read_text().endswith(".a { color: red; }\n\n.main { margin: 0; }\n")

    (entry / "a.css").write_text(".a { color: blue; }\n")
    os.utime(entry / "a.css", (built.stat().st_mtime + 5,) * 2)
    assert (
        ".a { color: blue; }"
        in build("css/bundle.css", "css/main.css", tmp_path / "out").read_text()
    )


def test_collectstatic_ships_the_hashed_bundle(settings, tmp_path):
    """Production: the manifest storage hashes the bundle like any other file."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_BUNDLE_ROOT = tmp_path / "build"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["wagtail*"])
    hashed = list((tmp_path / "static" / "css").glob("bundle.*.css"))
    assert len(hashed) == 1
    assert_whole_bundle(hashed[0].read_text())

"""The admin speaks Norwegian to the staff who use it (issue #19, point 8).

Wagtail's own Norwegian catalogue covers about half of its admin; locale_wagtail/ has the rest
(scripts/wagtail_nb_catalogue.py). These tests fail after a Wagtail upgrade that brings strings
nobody has translated, and list them.
"""

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from participation.models import Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.participation.moderation_support import make_user
from themeplans.models import ThemePlanPage
from themeplans.roles import PLAN_EDITORS_GROUP

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "wagtail_nb_catalogue.py"
spec = importlib.util.spec_from_file_location("wagtail_nb_catalogue", SCRIPT)
catalogue = importlib.util.module_from_spec(spec)
spec.loader.exec_module(catalogue)

# What the walk-through saw in English, word for word.
SEEN_IN_ENGLISH = [
    "Collapse all",
    "Search all pages…",
    "History",
    "Filter by",
    "Autosave is paused",
    "Title tag",
    "Help",
    "You have unsaved edits",
    "Actions",  # the header buttons' label, English in Wagtail's template
]


@pytest.mark.parametrize("domain", catalogue.DOMAINS)
def test_every_wagtail_admin_string_has_norwegian(domain):
    missing = [entry.msgid for entry in catalogue.missing(domain)]
    assert missing == [], "run scripts/wagtail_nb_catalogue.py missing, and add Norwegian"


def test_the_strings_staff_saw_in_english_are_norwegian_now():
    with translation.override("nb"):
        assert translation.gettext("Filter by") == "Filtrer etter"
        assert translation.gettext("History") == "Historikk"
        assert translation.gettext("Search all pages…") == "Søk i alle sider …"
        assert translation.gettext("Autosave is paused") == "Automatisk lagring er satt på pause"
        assert translation.gettext("title tag") == "tittel for søkemotorer"
        # Wagtail's own Norwegian has a typo here («Tiittel»).
        assert translation.gettext(
            "The page title as you'd like it to be seen by the public"
        ).startswith("Tittel på siden")


class VisibleText(HTMLParser):
    """The text a person reads: text nodes, labels in title/aria-label/placeholder."""

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def english_phrases():
    """Wagtail's English strings of two words or more without placeholders: a text node equal
    to one of them is Wagtail speaking English."""
    phrases = set()
    for domain in catalogue.DOMAINS:
        for entry in catalogue.source_entries(domain).values():
            text = entry.msgid
            if " " in text and not re.search(r"%\(|\{|<", text):
                phrases.add(text)
    return phrases | set(SEEN_IN_ENGLISH)


@pytest.fixture
def staff_pages(demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    submission = Submission.objects.first()
    moderator = [
        reverse("wagtailadmin_home"),
        reverse("wagtailsnippets_participation_submission:list"),
        reverse("wagtailsnippets_participation_submission:edit", args=[submission.pk]),
        reverse("participation_rounds:index"),
        reverse("participation_statistics:index"),
        reverse("wagtailsnippets_subscriptions_subscription:list"),
    ]
    editor = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[plan.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[plan.pk]),
        reverse("wagtailsnippets_themeplans_person:list"),
        reverse("wagtailsnippets_themeplans_person:add"),
        reverse("wagtaildocs:index"),
        reverse("wagtailimages:index"),
    ]
    return {MODERATORS_GROUP: moderator, PLAN_EDITORS_GROUP: editor}


@pytest.mark.django_db
@pytest.mark.parametrize("group", [MODERATORS_GROUP, PLAN_EDITORS_GROUP])
def test_the_admin_pages_staff_use_show_no_english(client, staff_pages, group):
    client.force_login(make_user("ansatt", group))
    english = english_phrases()
    found = {}
    for url in staff_pages[group]:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = VisibleText()
        parser.feed(response.content.decode())
        if hits := sorted({text for text in parser.texts if text in english}):
            found[url] = hits
    assert found == {}


@pytest.mark.django_db
def test_the_admins_javascript_speaks_norwegian(admin_client):
    """The strings Wagtail's scripts show («Collapse all», «Changes have been autosaved.»)
    come from the JavaScript catalogue."""
    script = admin_client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    assert "Lukk alle" in script and "Endringene er lagret automatisk." in script

"""Editors create and list the legal pages in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from asker.models import ContentPage, HomePage
from legal.models import LegalKind, LegalPage
from tests.factories import HomePageFactory, LegalPageFactory

LEGAL_PAGES = [
    (LegalKind.ACCESSIBILITY, "Tilgjengelighetserklæring", "tilgjengelighet"),
    (LegalKind.PRIVACY, "Personvernerklæring", "personvern"),
    (LegalKind.COOKIES, "Informasjonskapsler", "informasjonskapsler"),
]


def form_data(**fields):
    return nested_form_data(
        {
            "title": "Informasjonskapsler",
            "slug": "informasjonskapsler",
            "kind": LegalKind.COOKIES,
            "lead": "Vi bruker bare nødvendige informasjonskapsler.",
            "body": streamfield([]),
            "last_reviewed": "2026-11-01",
            "known_issues": streamfield([]),
            "response_days": 5,
            "body_en": streamfield([]),
            **fields,
        }
    )


@pytest.mark.django_db
class TestLegalPageAdmin(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePageFactory()
        for kind, title, slug in LEGAL_PAGES:
            LegalPageFactory(parent=self.home, kind=kind, title=title, slug=slug)
        self.user = get_user_model().objects.create_superuser("redaktor", password="passord-123")
        self.client.force_login(self.user)

    def test_legal_pages_go_under_the_home_page_and_have_no_children(self):
        self.assertCanCreateAt(HomePage, LegalPage)
        self.assertCanNotCreateAt(ContentPage, LegalPage)
        self.assertAllowedSubpageTypes(LegalPage, {})
        self.assertAllowedParentPageTypes(LegalPage, {HomePage})

    def test_an_editor_creates_a_page_of_a_free_kind(self):
        LegalPage.objects.get(kind=LegalKind.COOKIES).delete()
        self.assertCanCreate(self.home, LegalPage, form_data())
        page = LegalPage.objects.get(kind=LegalKind.COOKIES)
        self.assertTrue(page.live)

    def test_a_second_page_of_a_kind_is_refused_with_a_clear_message(self):
        response = self.client.post(
            f"/admin/pages/add/legal/legalpage/{self.home.pk}/",
            form_data(slug="informasjonskapsler-2"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Nettstedet har allerede en side av typen «Informasjonskapsler»: "
            "«Informasjonskapsler». Rediger den siden i stedet for å lage en ny.",
            response.content.decode(),
        )
        self.assertEqual(LegalPage.objects.filter(kind=LegalKind.COOKIES).count(), 1)

    def test_the_edit_form_shows_the_tabs_and_help_texts(self):
        page = LegalPage.objects.get(kind=LegalKind.ACCESSIBILITY)
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        for text in ("Tilgjengelighetserklæring", "English", "Nettstedet kan ha én side av hver"):
            self.assertIn(text, html)

    def test_the_listing_shows_every_legal_page_with_its_kind(self):
        response = self.client.get("/admin/legal_pages/")
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        for title in ("Tilgjengelighetserklæring", "Personvernerklæring", "Informasjonskapsler"):
            self.assertIn(title, html)
        self.assertEqual(Page.objects.type(LegalPage).count(), 3)

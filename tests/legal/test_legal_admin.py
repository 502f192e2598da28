"""Editors create and list the legal pages in the Wagtail admin: one page type each, at most
one of each per site."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from asker.models import ContentPage, HomePage
from legal.models import AccessibilityStatementPage, CookiesPage, LegalPage, PrivacyPage
from tests.factories import (
    AccessibilityStatementPageFactory,
    CookiesPageFactory,
    HomePageFactory,
    PrivacyPageFactory,
)

LEGAL_TYPES = [AccessibilityStatementPage, PrivacyPage, CookiesPage]


def form_data(**fields):
    return nested_form_data(
        {
            "title": "Informasjonskapsler",
            "slug": "informasjonskapsler",
            "lead": "Vi bruker bare nødvendige informasjonskapsler.",
            "body": streamfield([]),
            "last_reviewed": "2026-11-01",
            "body_en": streamfield([]),
            **fields,
        }
    )


@pytest.mark.django_db
class TestLegalPageAdmin(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePageFactory()
        self.statement = AccessibilityStatementPageFactory(parent=self.home)
        self.privacy = PrivacyPageFactory(parent=self.home)
        self.cookies = CookiesPageFactory(parent=self.home)
        self.user = get_user_model().objects.create_superuser("redaktor", password="passord-123")
        self.client.force_login(self.user)

    def add_url(self, model):
        return f"/admin/pages/add/legal/{model._meta.model_name}/{self.home.pk}/"

    def test_legal_pages_go_under_the_home_page_and_have_no_children(self):
        for model in LEGAL_TYPES:
            self.assertCanCreateAt(HomePage, model)
            self.assertCanNotCreateAt(ContentPage, model)
            self.assertAllowedSubpageTypes(model, {})
            self.assertAllowedParentPageTypes(model, {HomePage})
        self.assertFalse(LegalPage.is_creatable)  # only through one of its types

    def test_add_child_page_offers_only_the_types_the_site_lacks(self):
        url = f"/admin/pages/{self.home.pk}/add_subpage/"
        html = self.client.get(url).content.decode()
        for model in LEGAL_TYPES:
            self.assertNotIn(self.add_url(model), html)
        self.assertIn("/admin/pages/add/asker/contentpage/", html)

        self.privacy.delete()
        html = self.client.get(url).content.decode()
        self.assertIn(self.add_url(PrivacyPage), html)
        self.assertIn("Personvernerklæring", html)
        self.assertNotIn(self.add_url(CookiesPage), html)

    def test_the_form_for_a_type_the_site_has_is_refused(self):
        for method in (self.client.get, self.client.post):
            response = method(self.add_url(CookiesPage), form_data(slug="informasjonskapsler-2"))
            # Wagtail's own refusal: the admin's «no permission» redirect, never a 500.
            self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(CookiesPage.objects.count(), 1)

    def test_copying_a_page_the_site_has_to_the_home_page_is_refused(self):
        response = self.client.post(
            f"/admin/pages/{self.cookies.pk}/copy/",
            {"new_title": "Kopi", "new_slug": "kopi", "new_parent_page": self.home.pk},
        )
        self.assertEqual(response.status_code, 200)
        # Wagtail's own refusal, on the parent page field.
        self.assertIn(
            "Du har ikke tilgang til å kopiere siden «Temaplaner i Asker kommune»",
            response.content.decode(),
        )
        self.assertEqual(CookiesPage.objects.count(), 1)

    def test_an_editor_creates_a_page_of_a_type_the_site_lacks(self):
        self.cookies.delete()
        self.assertCanCreate(self.home, CookiesPage, form_data())
        self.assertTrue(CookiesPage.objects.get().live)

    def test_an_editor_saves_the_page_the_site_has(self):
        data = {**form_data(lead="Ny ingress."), "action-publish": "publish"}
        response = self.client.post(f"/admin/pages/{self.cookies.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(CookiesPage.objects.get().lead, "Ny ingress.")

    def test_the_edit_form_shows_the_tabs_and_help_texts(self):
        html = self.client.get(f"/admin/pages/{self.statement.pk}/edit/").content.decode()
        for text in ("Tilgjengelighetserklæring", "English", "Kjente avvik"):
            self.assertIn(text, html)
        self.assertIn("Nettstedet kan ha én slik side. Den vises i bunnteksten.", html)

        html = self.client.get(f"/admin/pages/{self.privacy.pk}/edit/").content.decode()
        self.assertIn("English", html)
        self.assertNotIn("Kjente avvik", html)  # the statement's fields are its own

    def test_the_listing_shows_every_legal_page_with_its_type(self):
        response = self.client.get("/admin/legal_pages/")
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Type side", html)
        for page in (self.statement, self.privacy, self.cookies):
            self.assertIn(f"/admin/pages/{page.pk}/edit/", html)
            type_cell = rf"<td >\s*{page.specific_class._meta.verbose_name}\s*</td>"
            self.assertRegex(html, type_cell)
        self.assertEqual(Page.objects.type(LegalPage).count(), 3)

"""legal/0002 and 0003: a site's legal pages, written while they were one type with a `kind`,
become pages of their own type with the same ids, addresses, text, state and revisions, and
Wagtail edits, previews and serves them as before. Backwards too."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Locale, Page, PageLogEntry, Revision

from legal.models import AccessibilityStatementPage, CookiesPage, PrivacyPage
from tests.factories import HomePageFactory

BEFORE = [("legal", "0001_legal_pages")]
ISSUES = [
    {
        "type": "issue",
        "id": "6f1c1f6e-0000-4000-8000-000000000001",
        "value": {"criterion": "1.3.1", "problem": "Tabellen mangler overskrifter."},
    }
]
PAGES = [  # kind, slug, title, live, the type it becomes
    (
        "accessibility",
        "tilgjengelighetserklaering",
        "Tilgjengelighet",
        True,
        AccessibilityStatementPage,
    ),
    ("privacy", "personvern", "Personvern", True, PrivacyPage),
    ("cookies", "informasjonskapsler", "Informasjonskapsler", False, CookiesPage),
]


def empty_tree():
    """A tree with only its root. This test runs outside a transaction, after tests that may
    have loaded the demo site: empty the database as pytest-django does after each such test,
    then put back the rows Wagtail's migrations create."""
    call_command("flush", interactive=False, verbosity=0)
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.add_root(title="Root", slug="root")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


def write_old_pages(apps, home):
    """The pages as the code before 0002 left them: rows of the one type, each with a
    revision and a log entry keyed by that type."""
    LegalPage = apps.get_model("legal", "LegalPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    legal_type, _ = ContentType.objects.get_or_create(app_label="legal", model="legalpage")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    ids = {}
    for number, (kind, slug, title, live, _model) in enumerate(PAGES, start=1):
        statement = kind == "accessibility"
        page = LegalPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            kind=kind,
            lead=f"Ingress for {slug}.",
            body=[{"type": "heading", "value": {"text": "Overskrift", "level": "h2"}}],
            title_en=f"{title} (en)",
            last_reviewed=date(2026, 11, 1),
            content_type=legal_type,
            locale_id=home.locale_id,
            path=f"{home.path}{number:04d}",
            depth=home.depth + 1,
            url_path=f"{home.url_path}{slug}/",
            live=live,
            has_unpublished_changes=not live,
            first_published_at=timezone.now() if live else None,
            scope="Hele nettstedet." if statement else "",
            conformance="partly" if statement else "",
            known_issues=ISSUES if statement else [],
            tested_on=date(2026, 10, 1) if statement else None,
            feedback_email="tilgjengelighet@asker.kommune.no" if statement else "",
            response_days=7 if statement else 5,
            testing_en="Tested by hand." if statement else "",
        )
        content = get_serializable_data_for_fields(page)
        content["title"] = f"{title} (utkast)"
        revision = Revision.objects.create(
            content_type=legal_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=timezone.now(),
            content=content,
            object_str=title,
        )
        LegalPage.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision if live else None
        )
        PageLogEntry.objects.create(
            content_type=legal_type,
            page_id=page.pk,
            label=title,
            action="wagtail.create",
            timestamp=timezone.now(),
        )
        ids[kind] = page.pk
    Page.objects.filter(pk=home.pk).update(numchild=len(PAGES))
    return ids


@pytest.mark.django_db(transaction=True)
def test_each_legal_page_becomes_a_page_of_its_own_type(client):
    home = HomePageFactory(parent=empty_tree())
    admin_client = Client()
    admin_client.force_login(get_user_model().objects.create_superuser("redaktor"))
    try:
        ids = write_old_pages(migrate(BEFORE), home)
        migrate(None)

        for kind, slug, title, live, model in PAGES:
            page = Page.objects.get(pk=ids[kind])
            assert page.specific_class is model
            assert (page.title, page.url_path, page.live) == (title, f"/forside/{slug}/", live)
            specific = page.specific
            assert specific.lead == f"Ingress for {slug}." and specific.title_en == f"{title} (en)"
            assert specific.body[0].value["text"] == "Overskrift"
            model_type = ContentType.objects.get_for_model(model)
            revision = Revision.page_revisions.get(object_id=str(page.pk))
            assert revision.content_type == model_type
            assert revision.base_content_type == ContentType.objects.get_for_model(Page)
            draft = revision.as_object()
            assert type(draft) is model and draft.title == f"{title} (utkast)"
            assert PageLogEntry.objects.get(page_id=page.pk).content_type == model_type
            # Editors open the page, its draft's preview and its history as before.
            assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
            assert admin_client.get(f"/admin/pages/{page.pk}/edit/preview/").status_code == 200
            assert admin_client.get(f"/admin/pages/{page.pk}/history/").status_code == 200
            # Visitors read the published pages at their old addresses.
            assert client.get(f"/{slug}/").status_code == (200 if live else 404)

        statement = AccessibilityStatementPage.objects.get()
        assert (statement.scope, statement.conformance) == ("Hele nettstedet.", "partly")
        assert statement.known_issues[0].value["problem"] == "Tabellen mangler overskrifter."
        assert (statement.tested_on, statement.response_days) == (date(2026, 10, 1), 7)
        assert statement.feedback_email == "tilgjengelighet@asker.kommune.no"
        assert statement.testing_en == "Tested by hand."
        html = client.get("/tilgjengelighetserklaering/").content.decode()
        assert "Tabellen mangler overskrifter." in html and "Hele nettstedet." in html

        # Backwards: the pages are of the one type again, with their kind and fields.
        apps = migrate(BEFORE)
        LegalPage = apps.get_model("legal", "LegalPage")
        old_type = ContentType.objects.get(app_label="legal", model="legalpage")
        assert dict(LegalPage.objects.values_list("pk", "kind")) == {
            pk: kind for kind, pk in ids.items()
        }
        old_statement = LegalPage.objects.get(kind="accessibility")
        assert (old_statement.scope, old_statement.response_days) == ("Hele nettstedet.", 7)
        assert set(
            Page.objects.filter(pk__in=ids.values()).values_list("content_type", flat=True)
        ) == {old_type.pk}
    finally:
        migrate(None)

"""Screenshots of the moderation screens as a moderator sees them, at desktop and phone widths."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from participation.models import Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.browser.admin_helpers import log_in, screenshot_editor

USERNAME, PASSWORD = "moderator", "langt-og-trygt-passord"


def make_moderator():
    # Earlier transactional tests may have emptied the tables the migration filled.
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_submission", "change_submission"]
        )
    )
    user = get_user_model().objects.create_user(USERNAME, "moderator@asker.kommune.no", PASSWORD)
    user.first_name, user.last_name = "Mona", "Moderator"
    user.save()
    user.groups.add(group)


def attach_pdf(submission):
    """Demo input has no attachments; one shows how the form links to it."""
    submission.attachment.save("vedlegg", ContentFile(b"%PDF-1.4\n" + b"%" * 180_000), save=False)
    submission.attachment_name = "Forslag om fossilfrie byggeplasser.pdf"
    submission.attachment_type = "application/pdf"
    submission.attachment_size = submission.attachment.size
    submission.save()


def test_moderator_screens(browser, site_url):
    make_moderator()
    dahl = Submission.objects.get(name="Nils Dahl")
    attach_pdf(dahl)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)

    page.goto(site_url + "/admin/innspill/")
    expect(page.get_by_role("link", name=dahl.reference)).to_be_visible()
    screenshot_editor(page, "admin-innspill-liste.png")

    page.get_by_role("link", name=dahl.reference).click()
    expect(page.get_by_text("Forslag om fossilfrie byggeplasser.pdf")).to_be_visible()
    screenshot_editor(page, "admin-innspill-detalj.png")

    page.goto(site_url + "/admin/innspillsrunder/")
    expect(
        page.get_by_role("link", name="Demo: innspill til temaplan for klima", exact=True)
    ).to_be_visible()
    screenshot_editor(page, "admin-innspillsrunder.png")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "/admin/innspill/")
    expect(page.get_by_role("link", name=dahl.reference)).to_be_visible()
    screenshot_editor(page, "admin-innspill-liste-mobil.png")
    context.close()

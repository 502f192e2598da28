"""Edges found in review: links that outlive a renamed plan, names in file names, missing
files, clock changes, escaped subjects, copies of plans, deleting above a plan."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile

from participation import services
from participation.models import ParticipationRound, Submission
from tests.participation import files
from tests.participation.conftest import FORM_URL, make_submission
from tests.themeplans.visible_text import visible_text
from themeplans.models import ThemePlanIndexPage, ThemePlanPage

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def test_the_private_link_survives_a_renamed_and_an_unpublished_plan(client, plan, demo_round):
    submission = make_submission(demo_round, text="Mitt innspill.")
    old_link = f"{FORM_URL}mitt/{submission.token}/"
    plan.slug = "klima"
    plan.save_revision().publish()
    moved = client.get(old_link + "?mottatt=1")
    assert moved.status_code == 301
    assert moved["Location"] == f"/temaplaner/klima/innspill/mitt/{submission.token}/?mottatt=1"
    ThemePlanPage.objects.get(pk=plan.pk).unpublish()
    page = client.get(moved["Location"])
    assert page.status_code == 200 and "Mitt innspill." in visible_text(page)


def test_published_attachments_are_named_by_reference_not_by_the_sender(client, demo_round):
    submission = make_submission(demo_round, publication="anonymous", text="Anonymt.")
    submission.attachment.save("vedlegg", ContentFile(files.PDF), save=False)
    submission.attachment_type = "application/pdf"
    submission.attachment_name = "Kari_Nordmann_innspill.pdf"
    submission.save()
    services.publish(submission)
    listing = client.get(FORM_URL + "publiserte/").content.decode()
    assert "Kari_Nordmann" not in listing
    assert f"Vedlegg: {submission.reference}.pdf" in listing
    download = client.get(f"{FORM_URL}vedlegg/{submission.reference}/")
    assert download["Content-Disposition"] == f'attachment; filename="{submission.reference}.pdf"'


def test_an_attachment_missing_on_disk_gives_404_not_500(client, demo_round):
    submission = make_submission(demo_round)
    submission.attachment.save("vedlegg", ContentFile(b"%PDF-1.4\n"), save=False)
    submission.save()
    submission.attachment.storage.delete(submission.attachment.name)
    assert client.get(f"{FORM_URL}mitt/{submission.token}/vedlegg/").status_code == 404


def test_an_answer_on_anonymised_input_is_still_shown(client, demo_round):
    submission = make_submission(demo_round, text="Gammelt.", answer="Svaret vårt.")
    submission.name = submission.email = ""
    submission.save()
    services.decline(submission, "Grunn.")
    submission.refresh_from_db()
    assert submission.answer_sent == "Svaret vårt." and not mail.outbox


def test_a_declined_input_can_be_withdrawn_while_the_round_is_open(client, demo_round):
    submission = make_submission(demo_round)
    services.decline(submission, "Grunn.")
    assert services.withdraw(submission)
    again = client.post(f"{FORM_URL}mitt/{submission.token}/", {"confirm": "on"})
    assert again.status_code == 400
    assert "Innspillet er allerede trukket tilbake." in visible_text(again)


def test_six_weeks_across_the_clock_change_are_42_days(plan):
    hearing = ParticipationRound(
        page=plan,
        kind="hearing",
        opens_at=datetime(2027, 3, 2, tzinfo=OSLO),
        closes_at=datetime(2027, 4, 13, tzinfo=OSLO),
    )
    assert hearing.duration_days == 42 and not hearing.is_short_hearing


def test_e_mail_subjects_are_not_html_escaped(send, plan):
    plan.title = "Kultur & idrett"
    plan.save_revision().publish()
    Submission.objects.all().delete()
    send()
    assert mail.outbox[0].subject.endswith(": Kultur & idrett")


def test_a_page_called_innspill_elsewhere_is_served_by_wagtail(client, demo_site):
    from asker.models import ContentPage, HomePage

    home = HomePage.objects.get()
    about = home.add_child(instance=ContentPage(title="Om oss", slug="om-oss"))
    about.add_child(instance=ContentPage(title="Innspill til nettstedet", slug="innspill"))
    response = client.get("/om-oss/innspill/")
    assert response.status_code == 200
    assert "Innspill til nettstedet" in visible_text(response)


def test_a_copied_plan_has_no_rounds(plan):
    copy = plan.copy(update_attrs={"slug": "klima-kopi", "title": "Kopi"})
    assert not ParticipationRound.objects.filter(page=copy).exists()
    assert ParticipationRound.objects.filter(page=plan).count() == 2


def test_the_index_above_plans_with_input_cannot_be_deleted(client, plan):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.no", "passord")
    client.force_login(admin)
    index = ThemePlanIndexPage.objects.get()
    client.post(f"/admin/pages/{index.pk}/delete/")
    assert ThemePlanIndexPage.objects.filter(pk=index.pk).exists()
    bulk = f"/admin/bulk/wagtailcore/page/delete/?next=/admin/pages/&id={plan.pk}"
    response = client.post(bulk, follow=True)
    assert response.status_code == 200
    assert ThemePlanPage.objects.filter(pk=plan.pk).exists()

"""Two moderators in a round whose answers need approval: one writes the answer, the other
approves it, and only then does it go out (issue 19)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from playwright.sync_api import expect

from participation.models import ParticipationRound, Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.browser.admin_helpers import log_in
from tests.browser.screenshots import save_screenshot

PASSWORD = "langt-og-trygt-passord"
ANSWER = "Takk! Flere sykkelveier blir et eget tiltak i planen."


def make_moderators(*names):
    # Earlier transactional tests may have emptied the tables the migration filled.
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_submission", "change_submission"]
        )
    )
    for username, first, last in names:
        user = get_user_model().objects.create_user(
            username, f"{username}@asker.kommune.no", PASSWORD, first_name=first, last_name=last
        )
        user.groups.add(group)


def test_a_second_moderator_approves_the_answer(browser, site_url):
    make_moderators(("mona", "Mona", "Moderator"), ("kari", "Kari", "Kontroll"))
    ola = Submission.objects.get(name="Ola Nordmann")
    ParticipationRound.objects.filter(pk=ola.round_id).update(answers_need_approval=True)
    edit = f"{site_url}/admin/innspill/edit/{ola.pk}/"

    writer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(writer, site_url, "mona", PASSWORD)
    writer.goto(edit)
    writer.locator("#id_answer").fill(ANSWER)
    writer.get_by_role("button", name="Lagre").click()
    expect(writer.locator(".messages")).to_contain_text("venter på godkjenning")
    writer.context.close()
    assert not any(ANSWER in message.body for message in mail.outbox)

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(reviewer, site_url, "kari", PASSWORD)
    reviewer.goto(edit)
    panel = reviewer.locator("[data-answer-approval]")
    expect(panel).to_contain_text("Venter på godkjenning.")
    expect(panel).to_contain_text("skrevet av Mona Moderator")
    # The answer, the panel and its buttons, clear of the sticky «Lagre» bar; on a phone the
    # panel's section alone (the form scrolls in the page there).
    panel.locator("button").first.evaluate("button => button.scrollIntoView({block: 'center'})")
    save_screenshot(reviewer, "admin-answer-approval-1280.png")
    reviewer.set_viewport_size({"width": 375, "height": 900})
    save_screenshot(panel.locator("xpath=ancestor::section[1]"), "admin-answer-approval-375.png")
    reviewer.get_by_role("button", name="Godkjenn og send").click()
    expect(reviewer.locator(".messages")).to_contain_text("godkjent og sendt på e-post")
    answers = [message for message in mail.outbox if ANSWER in message.body]
    assert [message.to for message in answers] == [[ola.email]]

"""E-mails about input, sent in the background through django_tasks.

Each task takes the submission's id and reads it afresh, so a retry sends what is current.
"""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from participation import links

MODERATORS_GROUP = "Innspillsmoderatorer"


def _submission(submission_id):
    from participation.models import Submission

    return Submission.objects.select_related("round__page").get(pk=submission_id)


def send_mail(template, to, context, headers=None):
    """Render participation/emails/<template>.{subject.txt,txt,html} and send it.

    A template with a folder («subscriptions/emails/confirm») is taken as it is; `headers` are
    extra e-mail headers, such as List-Unsubscribe.
    """
    base = template if "/" in template else f"participation/emails/{template}"
    subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject, render_to_string(f"{base}.txt", context), to=to, headers=headers
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    message.send()


def _context(submission):
    plan = submission.round.page
    return {
        "submission": submission,
        "round": submission.round,
        "plan": plan,
        "private_url": links.absolute(links.private_path(submission)),
        "plan_url": links.absolute(links.plan_path(plan)),
    }


@task()
def send_receipt(submission_id):
    submission = _submission(submission_id)
    if submission.email:
        send_mail("receipt", [submission.email], _context(submission))


def staff_recipients(plan):
    """People on the plan with a work e-mail; else everyone in the moderators' group."""
    emails = [p.person.email for p in plan.people.select_related("person") if p.person.email]
    if not emails:
        users = (
            get_user_model()
            .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
            .exclude(email="")
        )
        emails = list(users.values_list("email", flat=True))
    return sorted(set(emails))


@task()
def notify_staff(submission_id):
    from django.conf import settings
    from django.urls import reverse

    submission = _submission(submission_id)
    recipients = staff_recipients(submission.round.page)
    if recipients:
        admin_url = settings.SITE_URL + reverse(
            "wagtailsnippets_participation_submission:edit", args=[submission.pk]
        )
        send_mail("staff_notice", recipients, {**_context(submission), "admin_url": admin_url})


@task()
def send_answer(submission_id):
    submission = _submission(submission_id)
    if submission.email:
        send_mail("answer", [submission.email], _context(submission))

"""Moderators find input in the admin, publish or decline it, answer the sender, and nobody
else sees it."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from participation import services
from participation.models import Submission, SubmissionState
from participation.moderation.permissions import MODERATORS_GROUP
from tests.factories import SubmissionFactory
from tests.participation.files import PDF, upload
from tests.participation.moderation_support import LISTING, ROUNDS, demo_input, make_user

ROW_TITLE = re.compile(r'id="snippet_\d+_title">(INN-\d{4}-\d{5})<')


def references(response):
    """The references in the listing's rows, top to bottom."""
    return ROW_TITLE.findall(response.content.decode())


def edit_url(submission):
    return f"/admin/innspill/edit/{submission.pk}/"


def form_data(submission, **changes):
    data = {
        "state": submission.state,
        "decline_reason": submission.decline_reason,
        "internal_note": submission.internal_note,
        "answer": submission.answer,
    }
    data.update(changes)
    return data


@pytest.fixture
def with_attachment(demo_round):
    return services.submit(
        demo_round,
        {
            "name": "Vera Vedlegg",
            "email": "vera@example.no",
            "category": "private",
            "text": "Se vedlagt notat om sykkelparkering.",
            "publication": "named",
            "privacy": "on",
        },
        upload(PDF, "notat om parkering.pdf", "application/pdf"),
    )


# The listing


def test_listing_shows_the_demo_input_newest_first(moderator_client):
    response = moderator_client.get(LISTING)
    assert response.status_code == 200
    expected = list(Submission.objects.order_by("-received_at").values_list("reference", flat=True))
    assert len(expected) == 11  # 7 on the climate plan, 4 in the water plan's closed round
    assert references(response) == expected
    html = response.content.decode()
    assert "Temaplan for handling mot klimaendringene" in html
    assert "Ikke publisert" in html and "Trukket tilbake" in html


@pytest.mark.parametrize(
    ("state", "senders"),
    [
        (
            "published",
            [
                *["Kari Nordmann", "Ola Nordmann", "Per Hansen"],
                *["Demo Innbygger 1", "Demo Innbygger 2", "Demo Leder", "Demo Rådgiver"],
            ],
        ),
        ("declined", ["Lise Berg"]),
        ("received", ["Nils Dahl"]),
    ],
)
def test_listing_filters_by_state(moderator_client, state, senders):
    response = moderator_client.get(LISTING, {"state": state})
    expected = {demo_input(name).reference for name in senders}
    assert set(references(response)) == expected


def test_listing_filters_by_round(moderator_client, demo_round, closed_round):
    old = Submission.objects.create(
        round=closed_round, name="Gammel", email="g@example.no", category="private", text="Før."
    )
    old.reference = old.reference_for()
    old.save()
    assert references(moderator_client.get(LISTING, {"round": closed_round.pk})) == [old.reference]
    in_demo = references(moderator_client.get(LISTING, {"round": demo_round.pk}))
    assert len(in_demo) == 7 and old.reference not in in_demo


def test_search_finds_input_by_reference_and_by_text(moderator_client):
    dahl = demo_input("Nils Dahl")
    assert references(moderator_client.get(LISTING, {"q": dahl.reference})) == [dahl.reference]
    ola = demo_input("Ola Nordmann")
    assert references(moderator_client.get(LISTING, {"q": "sykkelveier"})) == [ola.reference]
    berg = demo_input("Lise Berg")
    assert references(moderator_client.get(LISTING, {"q": "lise.berg@example"})) == [berg.reference]


# The form for one input


def test_form_shows_everything_the_sender_sent(moderator_client, with_attachment):
    html = moderator_client.get(edit_url(with_attachment)).content.decode()
    for text in [
        with_attachment.reference,
        "Vera Vedlegg",
        "vera@example.no",
        "Privatperson",
        "Se vedlagt notat om sykkelparkering.",
        "Publiser innspillet med navnet mitt",
        "Demo: innspill til temaplan for klima",
        "Temaplan for handling mot klimaendringene",
        "notat_om_parkering.pdf",
        f'href="/admin/innspill/vedlegg/{with_attachment.pk}/"',
        "Svar til avsenderen",
        "Avsenderen får svaret på e-post",
        "vises svaret også på planens side",
    ]:
        assert text in html, text
    assert 'value="withdrawn"' not in html  # not a state a moderator can choose


def test_form_shows_that_the_sender_withdrew_and_keeps_the_state(moderator_client):
    anne = demo_input("Anne Lie")
    html = moderator_client.get(edit_url(anne)).content.decode()
    assert "Avsenderen trakk innspillet tilbake" in html
    response = moderator_client.post(
        edit_url(anne), form_data(anne, state="published", internal_note="Sjekket.")
    )
    assert response.status_code == 302
    anne.refresh_from_db()
    assert anne.state == SubmissionState.WITHDRAWN
    assert anne.internal_note == "Sjekket."


def test_publishing_sends_the_answer_once_and_again_only_when_it_changes(
    moderator_client, django_capture_on_commit_callbacks
):
    dahl = demo_input("Nils Dahl")
    dahl.publication = "anonymous"
    dahl.save()

    def save(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = moderator_client.post(edit_url(dahl), form_data(dahl, **changes))
        assert response.status_code == 302, response.content.decode()[:3000]
        dahl.refresh_from_db()

    save(state="published", answer="Takk, vi tar det med i planarbeidet.")
    assert dahl.state == SubmissionState.PUBLISHED
    assert dahl.published_at is not None and dahl.answered_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nils.dahl@example.no"]
    assert "Takk, vi tar det med i planarbeidet." in mail.outbox[0].body

    save()  # saved again without changes
    assert len(mail.outbox) == 1

    save(answer="Takk, vi tar det med i planarbeidet. Saken behandles i juni.")
    assert len(mail.outbox) == 2
    assert "behandles i juni" in mail.outbox[1].body


def test_success_message_says_the_answer_was_sent(moderator_client):
    kari = demo_input("Kari Nordmann")
    response = moderator_client.post(
        edit_url(kari), form_data(kari, answer="Et nytt svar."), follow=True
    )
    assert f"Innspillet {kari.reference} er lagret og publisert." in response.content.decode()
    assert "Svaret er sendt på e-post til avsenderen." in response.content.decode()


def test_input_the_sender_wanted_kept_private_cannot_be_published(moderator_client):
    dahl = demo_input("Nils Dahl")
    response = moderator_client.post(edit_url(dahl), form_data(dahl, state="published"))
    assert response.status_code == 200
    assert "Avsenderen har bedt om at innspillet ikke publiseres." in response.content.decode()
    dahl.refresh_from_db()
    assert dahl.state == SubmissionState.RECEIVED and dahl.published_at is None


def test_declining_needs_a_reason(moderator_client):
    ola = demo_input("Ola Nordmann")
    response = moderator_client.post(
        edit_url(ola), form_data(ola, state="declined", decline_reason="  ")
    )
    assert response.status_code == 200
    assert "Skriv hvorfor du ikke publiserer innspillet." in response.content.decode()
    ola.refresh_from_db()
    assert ola.state == SubmissionState.PUBLISHED


def test_declining_published_input_takes_it_off_the_page(
    moderator_client, django_capture_on_commit_callbacks
):
    per = demo_input("Per Hansen")
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            edit_url(per),
            form_data(per, state="declined", decline_reason="Gjelder en annen plan.", answer="Hei"),
        )
    assert response.status_code == 302
    per.refresh_from_db()
    assert per.state == SubmissionState.DECLINED
    assert per.published_at is None and per.decline_reason == "Gjelder en annen plan."
    assert len(mail.outbox) == 1


def test_back_to_received_unpublishes_and_sends_nothing(moderator_client):
    kari = demo_input("Kari Nordmann")
    moderator_client.post(edit_url(kari), form_data(kari, state="received"))
    kari.refresh_from_db()
    assert kari.state == SubmissionState.RECEIVED and kari.published_at is None
    assert mail.outbox == []


# Bulk actions


def bulk_url(action, *submissions, **params):
    ids = "&".join(f"id={s.pk}" for s in submissions)
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/bulk/participation/submission/{action}/?{ids}{extra}&next={LISTING}"


def test_bulk_publish_skips_what_cannot_be_published_and_says_why(moderator_client):
    dahl, anne, berg = (demo_input(n) for n in ["Nils Dahl", "Anne Lie", "Lise Berg"])
    url = bulk_url("publish", dahl, anne, berg)
    confirm = moderator_client.get(url).content.decode()
    assert "2 av innspillene du valgte, blir hoppet over" in confirm
    response = moderator_client.post(url, follow=True)
    html = response.content.decode()
    assert "1 innspill er publisert." in html
    assert "2 innspill ble hoppet over og er ikke publisert." in html
    assert f"Avsenderen har sagt nei til publisering: {dahl.reference}." in html
    assert f"Trukket tilbake av avsenderen: {anne.reference}." in html
    states = {
        s.name: s.state for s in Submission.objects.filter(pk__in=[dahl.pk, anne.pk, berg.pk])
    }
    assert states == {"Nils Dahl": "received", "Anne Lie": "withdrawn", "Lise Berg": "published"}


def test_bulk_decline_needs_a_reason_and_sets_it_on_each(moderator_client):
    kari, ola = demo_input("Kari Nordmann"), demo_input("Ola Nordmann")
    url = bulk_url("decline", kari, ola)
    refused = moderator_client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "Skriv hvorfor du ikke publiserer innspillet." in refused.content.decode()
    assert Submission.objects.get(pk=kari.pk).state == SubmissionState.PUBLISHED

    response = moderator_client.post(url, {"reason": "Utenfor planens tema."}, follow=True)
    assert "2 innspill er satt til «Ikke publisert»." in response.content.decode()
    for submission in (kari, ola):
        submission.refresh_from_db()
        assert submission.state == SubmissionState.DECLINED
        assert submission.decline_reason == "Utenfor planens tema."


def test_bulk_select_all_keeps_to_the_filtered_listing(moderator_client, demo_round):
    url = f"/admin/bulk/participation/submission/decline/?id=all&state=received&next={LISTING}"
    moderator_client.post(url, {"reason": "Alle mottatte."})
    declined = Submission.objects.filter(decline_reason="Alle mottatte.")
    assert [s.name for s in declined] == ["Nils Dahl"]


def test_listing_offers_publish_and_decline_but_never_delete(moderator_client, admin_client):
    for client in (moderator_client, admin_client):
        html = client.get(LISTING).content.decode()
        assert "/admin/bulk/participation/submission/publish/" in html
        assert "/admin/bulk/participation/submission/decline/" in html
        assert "/admin/bulk/participation/submission/delete/" not in html


# Attachments and rounds


def test_moderator_downloads_an_attachment(moderator_client, with_attachment):
    response = moderator_client.get(f"/admin/innspill/vedlegg/{with_attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="notat_om_parkering.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_rounds_overview_counts_input_per_state_and_links_downloads(
    moderator_client, demo_round, closed_round
):
    response = moderator_client.get(ROUNDS)
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index(demo_round.title) :]
    row = row[: row.index("</tr>")]
    counts = re.findall(r"<li>([^<:]+): <span data-count>(\d+)</span></li>", row)
    assert counts == [
        ("Mottatt", "1"),
        ("Publisert", "3"),
        ("Ikke publisert", "1"),
        ("Behandlet, ikke publisert etter ønske", "1"),
        ("Trukket tilbake", "1"),
    ]
    assert "<strong>7 i alt</strong>" in row
    assert "Åpen for innspill" in row
    assert f'href="{LISTING}?round={demo_round.pk}"' in row
    assert f'href="{LISTING}?round={demo_round.pk}&amp;export=csv"' in row
    assert f'href="{LISTING}?round={demo_round.pk}&amp;export=xlsx"' in row
    assert "Ingen vedlegg" in row  # the demo input has none
    assert "Stengt" in html[html.index(closed_round.title) :]


# Who may see input


def moderation_urls(submission, round):
    return [
        LISTING,
        LISTING + "?export=csv",
        f"/admin/innspill/edit/{submission.pk}/",
        f"/admin/innspill/vedlegg/{submission.pk}/",
        ROUNDS,
        f"/admin/innspillsrunder/{round.pk}/vedlegg/",
        "/admin/snippets/choose/participation/submission/",
        f"/admin/bulk/participation/submission/publish/?id={submission.pk}",
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, with_attachment, demo_round):
    for url in moderation_urls(with_attachment, demo_round):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_editors_without_the_moderators_group_are_refused(
    editor_client, with_attachment, demo_round
):
    for url in moderation_urls(with_attachment, demo_round):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url
    dashboard = editor_client.get("/admin/").content.decode()
    assert "Ikke publisert" not in dashboard
    assert LISTING not in dashboard and ROUNDS not in dashboard


def test_moderators_reach_every_moderation_page(moderator_client, with_attachment, demo_round):
    for url in moderation_urls(with_attachment, demo_round):
        assert moderator_client.get(url).status_code == 200, url
    dashboard = moderator_client.get("/admin/").content.decode()
    assert LISTING in dashboard and ROUNDS in dashboard


def test_nobody_adds_or_deletes_input_in_the_admin(admin_client):
    dahl = demo_input("Nils Dahl")
    assert admin_client.get("/admin/innspill/add/")["Location"] == "/admin/"
    admin_client.post("/admin/innspill/add/", {"name": "X", "text": "Y"})
    assert admin_client.post(f"/admin/innspill/delete/{dahl.pk}/")["Location"] == "/admin/"
    admin_client.post(f"/admin/bulk/participation/submission/delete/?id={dahl.pk}")
    assert Submission.objects.filter(pk=dahl.pk).exists()
    assert Submission.objects.count() == 11
    html = admin_client.get(edit_url(dahl)).content.decode()
    assert f"/admin/innspill/delete/{dahl.pk}/" not in html


def test_moderators_group_can_see_and_change_input_and_nothing_more(plan):
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("participation", "view_submission"),
        ("participation", "change_submission"),
        # Name and organisation in an export, for the case file (migration 0010).
        ("participation", "export_personal_data"),
        # Followers' addresses are personal data too: moderators see them and remove one on
        # request (subscriptions/migrations/0002), but never add or change them.
        ("subscriptions", "view_subscription"),
        ("subscriptions", "delete_subscription"),
    }


def test_staff_notice_links_to_the_form(demo_round):
    dahl = demo_input("Nils Dahl")
    url = reverse("wagtailsnippets_participation_submission:edit", args=[dahl.pk])
    assert url == edit_url(dahl)


def test_a_view_only_user_sees_the_listing_but_cannot_save(plan, client):
    from django.contrib.auth.models import Permission

    viewer = make_user("leser")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_submission"),
    )
    client.force_login(viewer)
    assert client.get(LISTING).status_code == 200
    dahl = demo_input("Nils Dahl")
    assert client.post(edit_url(dahl), form_data(dahl, state="declined"))["Location"] == "/admin/"
    assert "/admin/bulk/participation/submission/" not in client.get(LISTING).content.decode()


def test_a_withdrawal_while_the_moderator_had_the_form_open_is_not_undone(
    moderator_client, monkeypatch
):
    from participation.moderation.forms import ModerationForm

    dahl = demo_input("Per Hansen")  # published, named
    real_save = ModerationForm.save

    def sender_withdraws_first(form, commit=True):
        Submission.objects.filter(pk=dahl.pk).update(state=SubmissionState.WITHDRAWN)
        return real_save(form, commit)

    monkeypatch.setattr(ModerationForm, "save", sender_withdraws_first)
    response = moderator_client.post(
        edit_url(dahl), form_data(dahl, state="published", answer="Takk for innspillet.")
    )
    assert response.status_code == 302
    dahl.refresh_from_db()
    assert dahl.state == SubmissionState.WITHDRAWN
    assert dahl.answer == "Takk for innspillet." and not dahl.answer_sent
    assert mail.outbox == []


class FooterSkeleton(HTMLParser):
    """The bulk-action footer's elements and attributes, without text and without the buttons
    (those are the only part meant to differ), e.g. [("section", {...}), ("h2", {...}), …];
    and apart, the addresses the buttons lead to."""

    def __init__(self, html):
        super().__init__()
        self.elements, self.buttons, self.in_footer, self.in_buttons = [], [], 0, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-bulk-action-footer" in attrs or self.in_footer:
            self.in_footer += tag not in VOID_ELEMENTS
            if self.in_buttons:
                self.in_buttons += tag not in VOID_ELEMENTS
                if tag == "a":
                    self.buttons.append(attrs["href"])
                return
            self.elements.append((tag, attrs))
            self.in_buttons = int("bulk-actions-buttons" in attrs.get("class", ""))

    def handle_endtag(self, tag):
        if self.in_footer:
            self.in_footer -= 1
            self.in_buttons = max(self.in_buttons - 1, 0)


VOID_ELEMENTS = {"input", "br", "img", "hr", "meta", "link"}


def test_listing_footer_is_wagtails_own_apart_from_the_buttons(moderator_client, demo_round):
    """The input listing copies Wagtail's bulk-action footer only to leave «Slett» out (Wagtail
    has no hook to filter bulk actions per model: wagtail/wagtail#11732). If an upgrade changes
    Wagtail's footer (wagtailadmin/bulk_actions/footer.html), update
    templates/participation/admin/submission_index.html to match."""
    SubmissionFactory.create_batch(50, round=demo_round)  # a second page: «select all» shows
    response = moderator_client.get(LISTING)
    page_obj = response.context["page_obj"]
    assert page_obj.has_other_pages()
    wagtails = render_to_string(
        "wagtailadmin/bulk_actions/footer.html",
        {
            "app_label": "participation",
            "model_name": "submission",
            "objects": page_obj,
            "item_type": "ITEM",
            "select_all_obj_text": "Velg alle innspill i listen",
        },
    )
    ours = FooterSkeleton(response.content.decode())
    assert ours.elements == FooterSkeleton(wagtails).elements
    assert ours.buttons == [
        reverse("wagtail_bulk_action", args=["participation", "submission", action])
        for action in ("publish", "handle_privately", "decline")
    ]


def test_a_download_while_the_file_store_is_away_gets_the_503_page(
    moderator_client, with_attachment, monkeypatch
):
    """An object store that does not answer is an OSError (core.object_storage): the moderator
    is asked to try again soon, as when the database is away, not shown a server error."""
    from django.db.models.fields.files import FieldFile

    def away(self, mode="rb"):
        raise ConnectionRefusedError("objektlageret svarer ikke")

    monkeypatch.setattr(FieldFile, "open", away)
    response = moderator_client.get(f"/admin/innspill/vedlegg/{with_attachment.pk}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Prøv igjen om et minutt eller to" in response.content.decode()

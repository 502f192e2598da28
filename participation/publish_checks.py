"""What to fix in a page's participation rounds before (or just after) it is published.

Warnings, never refusals: an editor may have good reason to publish a plan whose hearing
documents come tomorrow, and a correction must never wait for them. The page that takes input
combines these with its own checks (themeplans.publish_checks) in its editor and on publish.

Also where a page stands as the public sees it (`page_state`), for the rounds overview: a round
is only open to anyone when its page is live.
"""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.models import ParticipationRound, RoundKind, RoundState


class PageState(models.TextChoices):
    """A page as the public sees it, in Wagtail's terms: live, with a newer draft, never
    published, or taken down."""

    LIVE = "live", _("Publisert")
    LIVE_WITH_DRAFT = "live_with_draft", _("Publisert, med endringer som ikke er publisert")
    DRAFT = "draft", _("Utkast, ikke publisert")
    UNPUBLISHED = "unpublished", _("Avpublisert")


def page_state(page) -> PageState:
    """From the page's own fields (no query): `last_published_at` survives unpublishing."""
    if page.live:
        return PageState.LIVE_WITH_DRAFT if page.has_unpublished_changes else PageState.LIVE
    return PageState.UNPUBLISHED if page.last_published_at else PageState.DRAFT


def is_blank(html) -> bool:
    """Rich text with nothing to read: the editor leaves «<p></p>» behind an emptied field."""
    return not strip_tags(html or "").replace("&nbsp;", " ").strip()


def _day(moment):
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def round_warnings(page, rounds, moment=None) -> list[str]:
    """What is wrong with the rounds that are open or still to open, as the editor has saved
    them (`rounds`, in memory from the page's latest revision). Closed rounds are history: what
    people saw then cannot be changed now."""
    moment = moment or timezone.now()
    coming = [r for r in rounds if r.state_at(moment) != RoundState.CLOSED]
    warnings = _not_live(page, coming, moment)
    for item in coming:
        if is_blank(item.intro):
            warnings.append(
                gettext(
                    "Runden «%(round)s» sier ikke hva dere vil ha innspill på. Skriv det under "
                    "Medvirkning, i feltet «Hva vi vil ha innspill på»."
                )
                % {"round": item.title}
            )
        if item.kind == RoundKind.HEARING and not item.hearing_documents:
            warnings.append(
                gettext(
                    "Høringen «%(round)s» har ingen dokumenter. Legg til høringsutkastet og "
                    "høringsbrevet under Medvirkning, i feltet «Dokumenter»."
                )
                % {"round": item.title}
            )
    return warnings


def _not_live(page, coming, moment):
    """Rounds the public cannot reach: the page is not live, or the round (or its dates) is
    only in the draft, while the live page still has what was published last."""
    if not coming:
        return []
    if not page.live:
        return [
            gettext(
                "Runden «%(round)s» er åpen, men planen er ikke publisert, så ingen kan sende "
                "innspill. Publiser planen."
            )
            % {"round": item.title}
            if item.state_at(moment) == RoundState.OPEN
            else gettext(
                "Runden «%(round)s» åpner %(day)s, men planen er ikke publisert. Publiser "
                "planen før runden åpner, ellers kan ingen sende innspill."
            )
            % {"round": item.title, "day": _day(item.opens_at)}
            for item in coming
        ]
    if not page.has_unpublished_changes:
        return []
    live = {
        pk: (opens, closes)
        for pk, opens, closes in ParticipationRound.objects.filter(page_id=page.pk).values_list(
            "pk", "opens_at", "closes_at"
        )
    }
    warnings = []
    for item in coming:
        if item.pk not in live:
            warnings.append(
                gettext(
                    "Runden «%(round)s» er bare lagret i utkastet. Publiser planen, ellers "
                    "kommer den ikke på nettsiden."
                )
                % {"round": item.title}
            )
        elif live[item.pk] != (item.opens_at, item.closes_at):
            warnings.append(
                gettext(
                    "De nye datoene for runden «%(round)s» er bare lagret i utkastet. Publiser "
                    "planen, ellers gjelder de gamle datoene på nettsiden."
                )
                % {"round": item.title}
            )
    return warnings


def unreachable_label(state, page) -> str:
    """For the rounds overview: a round that is open or about to open while its page is not
    live takes no input, whatever its dates say. "" when the round stands as its dates say."""
    if page.live or state == RoundState.CLOSED:
        return ""
    if state == RoundState.OPEN:
        return gettext("Åpen, men planen er ikke publisert")
    return gettext("Planen må publiseres før runden åpner")

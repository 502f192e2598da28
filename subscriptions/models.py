"""People who follow a plan by e-mail, and which events each of them has been told about."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import tokens

# An address not confirmed within this time is forgotten (manage.py notify_followers).
CONFIRMATION_VALID = timedelta(days=7)


new_token = tokens.new_token


def normalise_email(email):
    """The address as stored: no surrounding space, the domain in lower case (the local part
    may be case-sensitive, so it is left alone)."""
    local, at, domain = email.strip().rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else email.strip()


def followed_label(page, scope):
    if scope == Scope.ALL:
        return gettext("alle temaplanene")
    if scope == Scope.ROUNDS:
        return gettext("nye innspillsrunder på temaplanene")
    return page.title


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def expired(self, now=None):
        return self.pending().filter(created_at__lt=(now or timezone.now()) - CONFIRMATION_VALID)


class Scope(models.TextChoices):
    """What a follower hears of: one plan, or every plan under a page (the plans' index)."""

    PLAN = "plan", _("Planen")
    ALL = "all", _("Alt som skjer med alle planene")
    ROUNDS = "rounds", _("Når en innspillsrunde åpner på en av planene")


class Subscription(models.Model):
    """One address following one plan, or all the plans under a page (`scope`). Unsubscribing
    deletes the row: no address is kept."""

    # The plan followed; for ALL and ROUNDS the page the plans are under (the index).
    plan = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("Plan"),
    )
    scope = models.CharField(
        _("Følger"), max_length=10, choices=Scope, default=Scope.PLAN, editable=False
    )
    email = models.EmailField(_("E-post"), max_length=254)
    # The secret in the confirm and unsubscribe links.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("Meldt på"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("Bekreftet"), null=True, blank=True)
    # When the last confirmation e-mail went out: at most one per CONFIRMATION_INTERVAL.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The interface language of the follow form (nb or en): the language of every mail to
    # this follower, including the ones cron sends.
    language = models.CharField(_("Språk"), max_length=8, default="nb", editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Følger")
        verbose_name_plural = _("Følgere")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "scope", "email"], name="one_subscription_per_address_and_scope"
            )
        ]
        indexes = [
            models.Index(fields=["confirmed_at", "created_at"]),
            # The admin listing, newest first (subscriptions.wagtail_hooks).
            models.Index(fields=["created_at"], name="subscription_created"),
        ]

    def __str__(self):
        # Not the address: Wagtail keeps this label in the admin's history, also after the
        # follower is deleted on request.
        return gettext("Følger nr. %(number)s") % {"number": self.pk}

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def is_expired(self, now=None):
        return not self.is_confirmed and self.created_at < (
            (now or timezone.now()) - CONFIRMATION_VALID
        )

    @property
    def is_wide(self):
        """Follows every plan under the page, not the page itself."""
        return self.scope != Scope.PLAN

    @property
    def followed(self):
        """What is followed, as a sentence's object: «Klimaplan», «alle temaplanene»."""
        return followed_label(self.plan, self.scope)

    @property
    def status(self):
        return _("Aktiv") if self.is_confirmed else _("Venter på bekreftelse")


class Notification(models.Model):
    """One event told to one follower. The row, unique per (subscription, event), is what keeps
    an event from being mailed twice: it is written in the transaction that posts the mail to
    the outbox (core.outbox), which sends it and tries again when it fails.

    Events that had already happened when the follower confirmed are written as known before
    and never mailed, so a new follower is not sent the plan's history.
    """

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="notifications"
    )
    event_key = models.CharField(max_length=200)
    known_before = models.BooleanField(default=False)  # happened before the follower joined
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Varsel")
        verbose_name_plural = _("Varsler")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_key"], name="one_notification_per_event"
            )
        ]

    def __str__(self):
        return self.event_key

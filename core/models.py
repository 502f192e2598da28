"""The two records every feature writes to: the mail outbox and the event log.

Neither knows the domain: a mail says what it is about as a string ("submission:12"), an event
names its page and carries its wording per language.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class OutboxMail(models.Model):
    """One e-mail the site sends, rendered when it is posted and kept until it is sent.

    Every mail goes through here (receipts, staff notices, answers, follower confirmations and
    news): one task sends it, one retry policy applies, and a send is claimed first, so a mail
    goes out once however many workers or scheduled runs overlap."""

    kind = models.CharField(_("Type"), max_length=50)
    # What the mail concerns, as "<model>:<pk>", so staff see failures next to the record
    # and removing personal data removes its mails too.
    about = models.CharField(max_length=100, blank=True, db_index=True)
    to = models.JSONField(_("Til"), default=list)
    # For a mail to an address someone typed into a public form (a receipt, a confirmation):
    # that address made comparable (core.outbox.recipient_key), to count the mails it got.
    recipient_key = models.CharField(max_length=320, blank=True, editable=False)
    subject = models.CharField(_("Emne"), max_length=998)
    text = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A sender holds the row until then; after that another may take it over.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Utgående e-post")
        verbose_name_plural = _("Utgående e-post")
        indexes = [
            models.Index(fields=["sent_at", "given_up_at", "last_attempt_at"]),
            models.Index(fields=["recipient_key", "created_at"]),
        ]

    def __str__(self):
        return f"{self.kind} ({self.about or self.pk})"


class Event(models.Model):
    """Something that happened to a page (a plan published, a milestone moved, a round opened),
    stored when it happens so feeds, mails and the home page read it with one bounded query.

    `key` is stable ("<kind>:<id>[:<detail>]"): a feed item keeps its guid and a follower is
    told once. `data` holds the wording per language and the link below the page."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50)
    key = models.CharField(max_length=200, unique=True)
    happened_at = models.DateTimeField()
    # News only until then (a warning that a deadline is near); none for lasting news.
    until = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Hendelse")
        verbose_name_plural = _("Hendelser")
        indexes = [
            models.Index(fields=["page", "happened_at"]),
            models.Index(fields=["kind", "happened_at"]),
            models.Index(fields=["happened_at"]),
        ]

    def __str__(self):
        return self.key

    def _words(self):
        words = self.data["words"]
        return words.get(translation.get_language()) or words[settings.LANGUAGE_CODE]

    @property
    def title(self):
        """In the active language (the site's own when the event has none in it)."""
        return self._words()[0]

    @property
    def description(self):
        return self._words()[1]

    @property
    def moment(self):
        """When it happened; what happened on a day, at that day's start in the site's time."""
        if self.data.get("on_day"):
            return timezone.localtime(self.happened_at)
        return self.happened_at

    @property
    def link(self):
        return self.page.url + self.data["below"]


class PublicContentVersion(models.Model):
    """One row whose number goes up with every change to what the public pages show
    (core.public_content): the cached main content of a page is kept under the number it was
    rendered at, so a change makes every process render afresh, in the same transaction."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("Versjon av offentlig innhold")

    def __str__(self):
        return str(self.number)

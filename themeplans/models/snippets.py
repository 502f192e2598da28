"""Snippets shared by many plans: people, political bodies, goals and decisions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.links import tel_href
from themeplans.validators import validate_case_number


class Person(index.Indexed, models.Model):
    """A municipal employee named on plans (work contact details only)."""

    name = models.CharField(_("Navn"), max_length=120)
    title = models.CharField(
        _("Stilling"), max_length=160, help_text=_("For eksempel «miljørådgiver».")
    )
    unit = models.CharField(_("Enhet eller område"), max_length=160, blank=True)
    email = models.EmailField(_("E-post på jobb"), blank=True)
    phone = models.CharField(_("Telefon på jobb"), max_length=30, blank=True)
    show_contact_publicly = models.BooleanField(
        _("Vis e-post og telefon offentlig"),
        default=False,
        help_text=_(
            "Kryss av når personen skal kunne kontaktes av innbyggere. Da vises e-post og "
            "telefon på jobb på planene personen står på."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Portrett"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("unit"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("show_contact_publicly")],
            heading=_("Kontakt"),
        ),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("title"),
        index.SearchField("unit"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personer")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.title}"

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def public_email(self):
        """The work e-mail when the editor has ticked «show publicly», else ""."""
        return self.email if self.show_contact_publicly else ""

    @property
    def public_phone(self):
        return self.phone if self.show_contact_publicly else ""

    @property
    def is_contactable(self):
        return bool(self.public_email or self.public_phone)


class PoliticalBodyKind(models.TextChoices):
    MUNICIPAL_COUNCIL = "kommunestyre", _("Kommunestyre")
    EXECUTIVE_COMMITTEE = "formannskap", _("Formannskap")
    COMMITTEE = "utvalg", _("Utvalg")
    OTHER = "annet", _("Annet organ")


class PoliticalBody(index.Indexed, models.Model):
    """A body that treats plans: the municipal council, the executive committee, a committee."""

    name = models.CharField(_("Navn"), max_length=160, unique=True)
    kind = models.CharField(_("Type"), max_length=20, choices=PoliticalBodyKind.choices)
    contact_url = models.URLField(
        _("Kontaktside"), blank=True, help_text=_("Siden med medlemmer og kontaktinformasjon.")
    )
    contact_email = models.EmailField(_("E-post"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("contact_url"),
        FieldPanel("contact_email"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("Politisk organ")
        verbose_name_plural = _("Politiske organer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PlanGoal(index.Indexed, models.Model):
    """A main goal or sub-goal of kommuneplanens samfunnsdel that plans serve."""

    code = models.CharField(
        _("Nummer"), max_length=10, unique=True, help_text=_("For eksempel 1 eller 1.2.")
    )
    title = models.CharField(_("Mål"), max_length=300)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Hovedmål"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_goals",
        help_text=_("La feltet stå tomt for et hovedmål. For et delmål velger du hovedmålet."),
    )

    panels = [FieldPanel("code"), FieldPanel("title"), FieldPanel("parent")]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("code"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        verbose_name = _("Mål i kommuneplanen")
        verbose_name_plural = _("Mål i kommuneplanen")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Et mål kan ikke være sitt eget hovedmål.")})
        if self.parent and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("Velg et hovedmål. Et delmål kan ikke ha egne delmål.")}
            )


class PoliticalDecision(index.Indexed, models.Model):
    """A decision by a political body, e.g. one that moved milestones of several plans."""

    body = models.ForeignKey(
        PoliticalBody,
        verbose_name=_("Politisk organ"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_on = models.DateField(_("Vedtaksdato"))
    case_number = models.CharField(
        _("Saksnummer"), max_length=20, blank=True, validators=[validate_case_number]
    )
    title = models.CharField(_("Tittel"), max_length=250)
    summary = models.TextField(_("Kort om vedtaket"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Vedtaksdokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("Lenke til vedtaket"), blank=True)

    panels = [
        FieldPanel("body"),
        FieldPanel("decided_on"),
        FieldPanel("case_number"),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("link_url")], heading=_("Vedtaket")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.SearchField("case_number"),
        index.FilterField("decided_on"),
        index.FilterField("body"),
    ]

    class Meta:
        verbose_name = _("Politisk vedtak")
        verbose_name_plural = _("Politiske vedtak")
        ordering = ["-decided_on"]

    def __str__(self):
        return f"{self.body} {self.decided_on:%d.%m.%Y}: {self.title}"

    @property
    def href(self):
        return self.document.url if self.document else self.link_url

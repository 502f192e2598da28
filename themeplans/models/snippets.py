"""Snippets shared by many plans: people, political bodies, goals and decisions."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from asker.models import tel_href
from themeplans.validators import validate_case_number


class Person(index.Indexed, models.Model):
    """A municipal employee named on plans (work contact details only)."""

    name = models.CharField("Navn", max_length=120)
    title = models.CharField("Stilling", max_length=160, help_text="For eksempel «miljørådgiver».")
    unit = models.CharField("Enhet eller område", max_length=160, blank=True)
    email = models.EmailField("E-post på jobb", blank=True)
    phone = models.CharField("Telefon på jobb", max_length=30, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Portrett",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("unit"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading="Kontakt"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("title"),
        index.SearchField("unit"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = "Person"
        verbose_name_plural = "Personer"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.title}"

    @property
    def phone_href(self):
        return tel_href(self.phone)


class PoliticalBodyKind(models.TextChoices):
    MUNICIPAL_COUNCIL = "kommunestyre", "Kommunestyre"
    EXECUTIVE_COMMITTEE = "formannskap", "Formannskap"
    COMMITTEE = "utvalg", "Utvalg"
    OTHER = "annet", "Annet organ"


class PoliticalBody(index.Indexed, models.Model):
    """A body that treats plans: the municipal council, the executive committee, a committee."""

    name = models.CharField("Navn", max_length=160, unique=True)
    kind = models.CharField("Type", max_length=20, choices=PoliticalBodyKind.choices)
    contact_url = models.URLField(
        "Kontaktside", blank=True, help_text="Siden med medlemmer og kontaktinformasjon."
    )
    contact_email = models.EmailField("E-post", blank=True)

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
        verbose_name = "Politisk organ"
        verbose_name_plural = "Politiske organer"
        ordering = ["name"]

    def __str__(self):
        return self.name


class PlanGoal(index.Indexed, models.Model):
    """A main goal or sub-goal of kommuneplanens samfunnsdel that plans serve."""

    code = models.CharField(
        "Nummer", max_length=10, unique=True, help_text="For eksempel 1 eller 1.2."
    )
    title = models.CharField("Mål", max_length=300)
    parent = models.ForeignKey(
        "self",
        verbose_name="Hovedmål",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_goals",
        help_text="Tomt for et hovedmål; velg hovedmålet for et delmål.",
    )

    panels = [FieldPanel("code"), FieldPanel("title"), FieldPanel("parent")]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("code"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        verbose_name = "Mål i kommuneplanen"
        verbose_name_plural = "Mål i kommuneplanen"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "Et mål kan ikke være sitt eget hovedmål."})
        if self.parent and self.parent.parent_id:
            raise ValidationError({"parent": "Velg et hovedmål; delmål kan ikke ha egne delmål."})


class PoliticalDecision(index.Indexed, models.Model):
    """A decision by a political body, e.g. one that moved milestones of several plans."""

    body = models.ForeignKey(
        PoliticalBody,
        verbose_name="Politisk organ",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_on = models.DateField("Vedtaksdato")
    case_number = models.CharField(
        "Saksnummer", max_length=20, blank=True, validators=[validate_case_number]
    )
    title = models.CharField("Tittel", max_length=250)
    summary = models.TextField("Kort om vedtaket", blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Vedtaksdokument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField("Lenke til vedtaket", blank=True)

    panels = [
        FieldPanel("body"),
        FieldPanel("decided_on"),
        FieldPanel("case_number"),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("link_url")], heading="Vedtaket"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.SearchField("case_number"),
        index.FilterField("decided_on"),
        index.FilterField("body"),
    ]

    class Meta:
        verbose_name = "Politisk vedtak"
        verbose_name_plural = "Politiske vedtak"
        ordering = ["-decided_on"]

    def __str__(self):
        return f"{self.body} {self.decided_on:%d.%m.%Y}: {self.title}"

    @property
    def href(self):
        return self.document.url if self.document else self.link_url

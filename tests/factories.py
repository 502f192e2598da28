"""Factories for what a test reads: build the few pages and rows it needs, not the demo site.

`ThemePlanPageFactory()` alone builds the whole way down: a home page at the root of the default
site, the plan index under it and the plan. Pass `parent=` to put more pages in the same tree.
Pages are published (a revision and live), as the editors' pages are.
"""

from datetime import date, timedelta

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from asker.models import HomePage
from legal.models import AccessibilityStatementPage, ConformanceStatus, CookiesPage, PrivacyPage
from participation.models import ParticipationRound, Publication, SenderCategory, Submission
from subscriptions.models import Subscription
from themeplans.models import (
    Milestone,
    Person,
    PlanGoal,
    PlanPerson,
    PoliticalBody,
    PoliticalDecision,
    ThemePlanIndexPage,
    ThemePlanPage,
)
from themeplans.models.plans import PersonRole
from themeplans.models.snippets import PoliticalBodyKind


def restore_migrated_rows():
    """Put back the rows migrations made (the default locale, the page tree's root): a
    transactional test before may have emptied the tables, and factories need them."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page saved with a published revision, as the admin leaves it."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # publish() saves

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            page.save_revision().publish()


class HomePageFactory(PublishedPageFactory):
    """The home page, made the root of the default site (the one the test client asks for)."""

    title = "Temaplaner i Asker kommune"
    slug = "forside"
    lead = "Her finner du kommunens temaplaner."
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage

    @factory.post_generation
    def site(home, create, extracted, **kwargs):
        if create:
            Site.objects.filter(is_default_site=True).delete()
            Site.objects.create(
                hostname="testserver",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )


class ThemePlanIndexPageFactory(PublishedPageFactory):
    title = "Temaplaner for Asker kommune"
    slug = "temaplaner"
    intro = "<p>Alle temaplanene.</p>"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = ThemePlanIndexPage


class ThemePlanPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Temaplan {n}")
    teaser = "En plan for kommunen."
    parent = factory.SubFactory(ThemePlanIndexPageFactory)

    class Meta:
        model = ThemePlanPage


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Rådgiver"
    email = factory.LazyAttribute(
        lambda person: f"{person.name.lower().replace(' ', '.')}@asker.no"
    )

    class Meta:
        model = Person


class PoliticalBodyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Utvalg {n}")
    kind = PoliticalBodyKind.COMMITTEE

    class Meta:
        model = PoliticalBody


class PoliticalDecisionFactory(DjangoModelFactory):
    body = factory.SubFactory(PoliticalBodyFactory)
    decided_on = date(2024, 2, 1)
    title = factory.Sequence(lambda n: f"Vedtak {n}")

    class Meta:
        model = PoliticalDecision


class PlanGoalFactory(DjangoModelFactory):
    code = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Mål {n + 1}")

    class Meta:
        model = PlanGoal


class MilestoneFactory(DjangoModelFactory):
    page = factory.SubFactory(ThemePlanPageFactory)
    title = factory.Sequence(lambda n: f"Milepæl {n}")
    starts_on = date(2024, 2, 1)

    class Meta:
        model = Milestone


class PlanPersonFactory(DjangoModelFactory):
    page = factory.SubFactory(ThemePlanPageFactory)
    person = factory.SubFactory(PersonFactory)
    role = PersonRole.CONTACT

    class Meta:
        model = PlanPerson


class ParticipationRoundFactory(DjangoModelFactory):
    """A round open now, for a month."""

    page = factory.SubFactory(ThemePlanPageFactory)
    title = factory.Sequence(lambda n: f"Innspillsrunde {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    intro = "<p>Hva mener du?</p>"

    class Meta:
        model = ParticipationRound


class SubmissionFactory(DjangoModelFactory):
    """Input as the form leaves it, with its reference."""

    round = factory.SubFactory(ParticipationRoundFactory)
    name = "Kari Nordmann"
    email = factory.Sequence(lambda n: f"kari{n}@example.no")
    category = SenderCategory.PRIVATE_PERSON
    text = "Kommunen bør plante flere trær langs veiene."
    publication = Publication.NONE
    privacy_accepted = True

    class Meta:
        model = Submission
        skip_postgeneration_save = True  # reference() saves

    @factory.post_generation
    def reference(submission, create, extracted, **kwargs):
        if create and not submission.reference:
            submission.reference = extracted or submission.reference_for()
            submission.save(update_fields=["reference"])


class SubscriptionFactory(DjangoModelFactory):
    plan = factory.SubFactory(ThemePlanPageFactory)
    email = factory.Sequence(lambda n: f"folger{n}@example.no")

    class Meta:
        model = Subscription


class LegalPageFactory(PublishedPageFactory):
    """What the three legal page types share; use one of the factories below."""

    lead = "Slik behandler vi personopplysningene dine."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        abstract = True


class PrivacyPageFactory(LegalPageFactory):
    title = "Personvernerklæring"
    slug = "personvern"

    class Meta:
        model = PrivacyPage


class CookiesPageFactory(LegalPageFactory):
    title = "Informasjonskapsler"
    slug = "informasjonskapsler"
    lead = "Vi bruker bare nødvendige informasjonskapsler."

    class Meta:
        model = CookiesPage


class AccessibilityStatementPageFactory(LegalPageFactory):
    title = "Tilgjengelighetserklæring"
    slug = "tilgjengelighetserklaering"
    lead = "Slik oppfyller nettstedet kravene til universell utforming."
    # What an accessibility statement must say.
    conformance = ConformanceStatus.PARTLY
    tested_on = date(2026, 10, 1)
    feedback_email = "tilgjengelighet@asker.kommune.no"

    class Meta:
        model = AccessibilityStatementPage

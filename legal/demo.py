"""Demo content: the accessibility statement, the privacy statement and the cookie page, in
Norwegian and English, true to what this code does (participation/retention.py, the
subscriptions app, asker/security.py, SECURITY.md).

Pages are created only when the site has none of their type, so editors' changes survive.
"""

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from legal.models import (
    AccessibilityStatementPage,
    ConformanceStatus,
    CookiesPage,
    LegalPage,
    PrivacyPage,
)
from subscriptions.models import CONFIRMATION_VALID

# A placeholder: the repository names no data protection officer. Asker kommune must put the
# real address here (in the admin) before the site goes live.
PRIVACY_OFFICER_EMAIL = "personvernombud@example.no"
FEEDBACK_EMAIL = "temaplaner@asker.kommune.no"  # the site's own sender address (settings)
DATATILSYNET_URL = "https://www.datatilsynet.no/"


def _body(sections):
    """StreamField data from (heading, [html paragraphs or lists]) pairs."""
    body = []
    for heading, parts in sections:
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", RichText("".join(parts))))
    return body


def _page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>' if page else text


def _ul(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def accessibility_fields(pages):
    today = timezone.localdate()
    return {
        "title": "Tilgjengelighetserklæring",
        "title_en": "Accessibility statement",
        "lead": "Asker kommune vil at alle skal kunne bruke nettstedet for temaplaner. Her ser "
        "du hvor godt vi oppfyller kravene til universell utforming, hva som ikke fungerer "
        "ennå, og hvordan du sier fra.",
        "lead_en": "Asker kommune wants everyone to be able to use the website for thematic "
        "plans. Here you can see how well we meet the requirements for universal design, what "
        "does not work yet, and how to tell us.",
        "scope": "Erklæringen gjelder nettstedet for Asker kommunes temaplaner: alle sidene, "
        "skjemaet for innspill, siden der du ser innspillet ditt, påmelding til e-postvarsler "
        "og publiseringsløsningen de ansatte bruker.",
        "scope_en": "This statement covers the website for Asker kommune's thematic plans: all "
        "pages, the form for sending input, the page where you see your input, signing up for "
        "e-mail alerts, and the publishing tool the staff use.",
        "conformance": ConformanceStatus.PARTLY,
        "known_issues": [
            (
                "issue",
                {
                    "criterion": "3.1.2",
                    "problem": "Publiseringsløsningen de ansatte bruker (Wagtail), er bare "
                    "delvis oversatt til norsk. Noen knapper og beskjeder står på engelsk uten "
                    "å være merket som engelsk, så en skjermleser kan lese dem med norsk "
                    "uttale. Dette gjelder bare ansatte som redigerer nettstedet.",
                    "problem_en": "The publishing tool the staff use (Wagtail) is only partly "
                    "translated into Norwegian. Some buttons and messages are in English "
                    "without being marked as English, so a screen reader may read them with "
                    "Norwegian pronunciation. This only affects staff who edit the website.",
                    "workaround": "Ansatte som står fast, kan be om hjelp fra den som har "
                    "ansvaret for nettstedet.",
                    "workaround_en": "Staff who get stuck can ask the person responsible for "
                    "the website for help.",
                    "fix_by": None,
                },
            ),
            (
                "issue",
                {
                    "criterion": "1.3.1",
                    "problem": "Noen av dokumentene vi lenker til, for eksempel planer og "
                    "saksdokumenter i PDF, er laget i andre systemer. De kan mangle "
                    "overskrifter, tekst til bilder og riktig leserekkefølge, og er da "
                    "vanskelige å lese med skjermleser. Vi sjekker nye dokumenter før vi "
                    "publiserer dem, og retter eldre dokumenter når de blir revidert.",
                    "problem_en": "Some of the documents we link to, such as plans and case "
                    "documents in PDF, are made in other systems. They may lack headings, text "
                    "for images and the right reading order, which makes them hard to read "
                    "with a screen reader. We check new documents before we publish them, and "
                    "fix older documents when they are revised.",
                    "workaround": f"Send e-post til {FEEDBACK_EMAIL} og si hvilket dokument "
                    "du trenger. Da sender vi det i en form du kan bruke.",
                    "workaround_en": f"Send an e-mail to {FEEDBACK_EMAIL} and tell us which "
                    "document you need. We will send it in a form you can use.",
                    "fix_by": None,
                },
            ),
        ],
        "testing": "Hver gang koden endres, tester vi alle typene sider automatisk med "
        "verktøyet axe-core, både med mobilbredde (320 piksler) og med PC-bredde. I tillegg "
        "har vi gått gjennom sidene med bare tastatur, med 200 prosent forstørrelse og med "
        "skjermleser.",
        "testing_en": "Every time the code changes, we test every type of page automatically "
        "with the tool axe-core, both at mobile width (320 pixels) and at desktop width. We "
        "have also gone through the pages using only a keyboard, at 200 percent zoom and with "
        "a screen reader.",
        "tested_on": today,
        "statement_made_on": today,
        "feedback_email": FEEDBACK_EMAIL,
        "response_days": 5,
        "body": _body(
            [
                (
                    "Innhold fra andre",
                    [
                        "<p>Vedlegg som innbyggere sender med innspillene sine, publiserer vi "
                        "slik vi får dem. Slikt innhold er unntatt fra kravene, men får du ikke "
                        "lest et vedlegg, hjelper vi deg gjerne.</p>"
                    ],
                ),
                (
                    "Sidene på engelsk",
                    [
                        "<p>Under /en/ er menyer, knapper og skjemaer på engelsk, men det meste "
                        "av innholdet er på norsk. Den norske teksten er merket som norsk, så "
                        "skjermlesere leser den med riktig uttale.</p>"
                    ],
                ),
            ]
        ),
        "body_en": _body(
            [
                (
                    "Content from others",
                    [
                        "<p>Attachments that residents send with their input are published as "
                        "we receive them. Such content is exempt from the requirements, but if "
                        "you cannot read an attachment, we are happy to help.</p>"
                    ],
                ),
                (
                    "The pages in English",
                    [
                        "<p>Under /en/, menus, buttons and forms are in English, but most of "
                        "the content is in Norwegian. The Norwegian text is marked as "
                        "Norwegian, so screen readers read it with the right pronunciation.</p>"
                    ],
                ),
            ]
        ),
    }


def privacy_fields(pages):
    days = settings.PARTICIPATION_RETENTION_DAYS
    minutes = max(1, settings.PARTICIPATION_RATE_WINDOW // 60)
    confirm_days = CONFIRMATION_VALID.days
    cookies = pages.get(CookiesPage)
    return {
        "title": "Personvernerklæring",
        "title_en": "Privacy statement",
        "lead": "Her står hvilke opplysninger om deg vi samler inn på dette nettstedet, hva vi "
        "bruker dem til, hvor lenge vi tar vare på dem og hvilke rettigheter du har.",
        "lead_en": "This page explains what information about you we collect on this website, "
        "what we use it for, how long we keep it and what rights you have.",
        "body": _body(
            [
                (
                    "Hvem som har ansvaret",
                    [
                        "<p>Asker kommune er behandlingsansvarlig for personopplysningene på "
                        "nettstedet. Det betyr at kommunen bestemmer hva opplysningene brukes "
                        "til, og har ansvaret for at vi følger personvernreglene.</p>"
                    ],
                ),
                (
                    "Når du leser sidene",
                    [
                        "<p>Du kan lese alle sidene uten å logge inn og uten å si noe om deg "
                        "selv. Vi bruker ingen verktøy for statistikk eller sporing, og sidene "
                        "henter ingenting fra andre nettsteder: ingen annonser, skrifttyper, "
                        "kart eller knapper for sosiale medier. Ingen andre får vite at du har "
                        "vært her.</p>",
                        "<p>Serveren skriver en logg over alle forespørsler: IP-adressen din, "
                        "adressen du åpnet, tidspunktet og om det gikk bra. Loggen bruker vi "
                        "bare til å holde nettstedet i gang og finne feil, og vi sletter den "
                        "etter 30 dager. Private lenker (se under) skjuler vi i loggen.</p>",
                    ],
                ),
                (
                    "Når du sender et innspill",
                    [
                        "<p>I skjemaet for innspill ber vi om:</p>",
                        _ul(
                            [
                                "navnet ditt",
                                "e-postadressen din",
                                "organisasjonen du skriver for, hvis du vil",
                                "hvem du sender som: privatperson, lag eller forening, "
                                "næringsliv eller offentlig virksomhet",
                                "innspillet ditt, og hvilket tema det gjelder, hvis du vil",
                                "et vedlegg, hvis du vil",
                                "om vi kan publisere innspillet, med eller uten navnet ditt",
                                "at du har lest hvordan vi behandler opplysningene",
                            ]
                        ),
                        "<p>Vi lagrer også når vi fikk innspillet. Du får en kvittering på "
                        "e-post med en privat lenke. Der ser du status og svar, og du kan "
                        "trekke tilbake innspillet så lenge runden er åpen.</p>",
                    ],
                ),
                (
                    "Hvorfor vi bruker opplysningene, og hva som gir oss lov",
                    [
                        "<p>Vi bruker innspillet i arbeidet med planen, sender deg kvittering "
                        "og svar, og arkiverer innspillet i saken. Kommunen skal la alle være "
                        "med når planer lages (plan- og bygningsloven § 5-1). Vi har derfor lov "
                        "til å behandle opplysningene fordi det er nødvendig for en oppgave i "
                        "allmennhetens interesse (personvernforordningen artikkel 6 nr. 1 "
                        "bokstav e).</p>",
                        "<p>Navnet ditt publiserer vi bare hvis du har sagt ja til det. Da er "
                        "det samtykket ditt som gir oss lov (artikkel 6 nr. 1 bokstav a). Du "
                        "kan trekke samtykket tilbake når du vil: skriv til oss, så fjerner vi "
                        "navnet ditt fra nettstedet.</p>",
                    ],
                ),
                (
                    "Hvem som ser opplysningene",
                    [
                        "<p>Saksbehandlerne for planen ser alt du har sendt. Publiserer vi "
                        "innspillet, kan alle lese teksten og et eventuelt vedlegg. Navnet ditt "
                        "står bare med hvis du har valgt det. E-postadressen din publiserer vi "
                        "aldri.</p>",
                        "<p>Innspill er offentlige dokumenter etter offentleglova. Alle kan be "
                        "om å få se dem, også innspill vi ikke har publisert. Skriv derfor ikke "
                        "om helse eller andre private forhold i skjemaet.</p>",
                        "<p>Vi gir ikke opplysningene videre til andre, og vi bruker ingen "
                        "tjenester fra andre selskaper på nettstedet.</p>",
                    ],
                ),
                (
                    "Hvor lenge vi tar vare på opplysningene",
                    [
                        f"<p>{days} dager etter at en innspillsrunde er avsluttet, sletter vi "
                        "navn, e-postadresse, organisasjon og vedlegg. Den private lenken "
                        "slutter da å virke. Selve innspillet og kommunens svar tar vi vare på "
                        "uten navn, fordi de er en del av saken og skal arkiveres.</p>",
                        "<p>For å stoppe søppelpost teller vi hvor mange innspill og "
                        "påmeldinger som kommer fra samme IP-adresse. Telleren forsvinner etter "
                        f"{minutes} minutter.</p>",
                    ],
                ),
                (
                    "Når du følger en plan på e-post",
                    [
                        "<p>Vil du ha e-post når noe skjer i en plan, lagrer vi bare "
                        "e-postadressen din, hvilken plan du følger, når du meldte deg på og "
                        "hvilke varsler du har fått. Først får du en e-post der du bekrefter "
                        "påmeldingen; det er samtykket ditt som gir oss lov. Bekrefter du ikke "
                        f"innen {confirm_days} dager, sletter vi adressen.</p>",
                        "<p>I hver e-post fra oss er det en lenke der du melder deg av med ett "
                        "klikk. Da sletter vi adressen din og alt om påmeldingen.</p>",
                    ],
                ),
                (
                    "Informasjonskapsler",
                    [
                        "<p>Vanlige sider setter ingen informasjonskapsler. Sider med skjema "
                        "setter én, som beskytter skjemaet. Les mer på siden om "
                        f"{_page_link(cookies, 'informasjonskapsler')}.</p>"
                    ],
                ),
                (
                    "Dine rettigheter",
                    [
                        "<p>Du har rett til å</p>",
                        _ul(
                            [
                                "få vite hvilke opplysninger vi har om deg (innsyn)",
                                "få rettet opplysninger som er feil",
                                "få slettet opplysninger, men innspill som er arkivert i en "
                                "sak, må vi ta vare på etter arkivloven",
                                "be oss begrense bruken av opplysningene mens vi ser på saken din",
                                "protestere mot at vi bruker opplysningene (personvernforordningen "
                                "artikkel 21)",
                            ]
                        ),
                        "<p>Vi svarer så raskt vi kan, og senest innen en måned. Mener du at vi "
                        "behandler opplysningene feil, kan du klage til "
                        f'<a href="{DATATILSYNET_URL}">Datatilsynet</a>.</p>',
                    ],
                ),
                (
                    "Spørsmål om personvern",
                    [
                        "<p>Har du spørsmål, eller vil du bruke rettighetene dine? Skriv til "
                        "personvernombudet i Asker kommune: "
                        f'<a href="mailto:{PRIVACY_OFFICER_EMAIL}">{PRIVACY_OFFICER_EMAIL}</a>.'
                        "</p>"
                    ],
                ),
            ]
        ),
        "body_en": _body(
            [
                (
                    "Who is responsible",
                    [
                        "<p>Asker kommune (the municipality of Asker) is the controller of the "
                        "personal data on this website. This means that the municipality "
                        "decides what the data is used for, and is responsible for following "
                        "the data protection rules.</p>"
                    ],
                ),
                (
                    "When you read the pages",
                    [
                        "<p>You can read every page without logging in and without telling us "
                        "anything about yourself. We use no tools for statistics or tracking, "
                        "and the pages load nothing from other websites: no ads, fonts, maps or "
                        "social media buttons. Nobody else learns that you have been here.</p>",
                        "<p>The server keeps a log of all requests: your IP address, the "
                        "address you opened, the time and whether it worked. We only use the "
                        "log to keep the website running and to find errors, and we delete it "
                        "after 30 days. Private links (see below) are hidden in the log.</p>",
                    ],
                ),
                (
                    "When you send input",
                    [
                        "<p>The input form asks for:</p>",
                        _ul(
                            [
                                "your name",
                                "your e-mail address",
                                "the organisation you write for, if you want",
                                "who you are sending as: private person, club or association, "
                                "business or public body",
                                "your input, and which topic it is about, if you want",
                                "an attachment, if you want",
                                "whether we may publish your input, with or without your name",
                                "that you have read how we handle the information",
                            ]
                        ),
                        "<p>We also store when we received your input. You get a receipt by "
                        "e-mail with a private link. There you can see the status and our "
                        "answer, and withdraw your input while the round is open.</p>",
                    ],
                ),
                (
                    "Why we use the information, and what allows us to",
                    [
                        "<p>We use your input in the work on the plan, send you a receipt and "
                        "an answer, and file your input in the case. The municipality must let "
                        "everyone take part when plans are made (the Planning and Building Act, "
                        "section 5-1). We may therefore process the information because it is "
                        "necessary for a task in the public interest (GDPR Article 6(1)(e)).</p>",
                        "<p>We only publish your name if you have said yes to it. Then your "
                        "consent is what allows us (Article 6(1)(a)). You can withdraw your "
                        "consent whenever you like: write to us, and we will remove your name "
                        "from the website.</p>",
                    ],
                ),
                (
                    "Who sees the information",
                    [
                        "<p>The case officers for the plan see everything you have sent. If we "
                        "publish your input, everyone can read the text and any attachment. "
                        "Your name is only shown if you chose that. We never publish your "
                        "e-mail address.</p>",
                        "<p>Input is a public document under the Freedom of Information Act. "
                        "Anyone can ask to see it, including input we have not published. So "
                        "do not write about health or other private matters in the form.</p>",
                        "<p>We do not pass the information on to others, and the website uses "
                        "no services from other companies.</p>",
                    ],
                ),
                (
                    "How long we keep the information",
                    [
                        f"<p>{days} days after an input round has closed, we delete names, "
                        "e-mail addresses, organisations and attachments. The private link then "
                        "stops working. We keep the input itself and the municipality's answer "
                        "without the name, because they are part of the case and must be "
                        "archived.</p>",
                        "<p>To stop spam, we count how many inputs and sign-ups come from the "
                        f"same IP address. The count disappears after {minutes} minutes.</p>",
                    ],
                ),
                (
                    "When you follow a plan by e-mail",
                    [
                        "<p>If you want an e-mail when something happens in a plan, we only "
                        "store your e-mail address, which plan you follow, when you signed up "
                        "and which alerts you have received. First you get an e-mail in which "
                        "you confirm the sign-up; your consent is what allows us. If you do not "
                        f"confirm within {confirm_days} days, we delete the address.</p>",
                        "<p>Every e-mail from us has a link that unsubscribes you with one "
                        "click. We then delete your address and everything about the "
                        "sign-up.</p>",
                    ],
                ),
                (
                    "Cookies",
                    [
                        "<p>Ordinary pages set no cookies. Pages with a form set one, which "
                        f"protects the form. Read more on the page about "
                        f"{_page_link(cookies, 'cookies')}.</p>"
                    ],
                ),
                (
                    "Your rights",
                    [
                        "<p>You have the right to</p>",
                        _ul(
                            [
                                "know what information we hold about you (access)",
                                "have wrong information corrected",
                                "have information deleted, but input filed in a case must be "
                                "kept under the Archives Act",
                                "ask us to restrict the use of the information while we look "
                                "into your request",
                                "object to our use of the information (GDPR Article 21)",
                            ]
                        ),
                        "<p>We answer as soon as we can, and within one month at the latest. "
                        "If you think we handle the information wrongly, you can complain to "
                        f'<a href="{DATATILSYNET_URL}">Datatilsynet</a>, the Norwegian Data '
                        "Protection Authority.</p>",
                    ],
                ),
                (
                    "Questions about privacy",
                    [
                        "<p>Do you have questions, or do you want to use your rights? Write to "
                        "the data protection officer of Asker kommune: "
                        f'<a href="mailto:{PRIVACY_OFFICER_EMAIL}">{PRIVACY_OFFICER_EMAIL}</a>.'
                        "</p>"
                    ],
                ),
            ]
        ),
    }


def cookies_fields(pages):
    return {
        "title": "Informasjonskapsler",
        "title_en": "Cookies",
        "lead": "Nettstedet bruker bare informasjonskapsler som trengs for at skjemaene skal "
        "være sikre. Vi bruker ingen informasjonskapsler til statistikk, annonser eller "
        "sporing, og derfor spør vi deg ikke om samtykke.",
        "lead_en": "This website only uses the cookies needed to keep its forms secure. We use "
        "no cookies for statistics, ads or tracking, so we do not ask for your consent.",
        "body": _body(
            [
                (
                    "Hva en informasjonskapsel er",
                    [
                        "<p>En informasjonskapsel (cookie) er en liten tekstfil som et "
                        "nettsted lagrer i nettleseren din.</p>"
                    ],
                ),
                (
                    "Når du leser sidene",
                    [
                        "<p>Når du leser sidene, søker eller henter nyhetsstrømmer og "
                        "kalendere, setter vi ingen informasjonskapsler. Språket velger du med "
                        "adressen (sidene på engelsk ligger under /en/), ikke med en "
                        "informasjonskapsel.</p>"
                    ],
                ),
                (
                    "Når du fyller ut et skjema",
                    [
                        "<p>På sider med skjema setter vi én informasjonskapsel. Det gjelder "
                        "skjemaet for innspill, siden der du ser og trekker tilbake innspillet "
                        "ditt, og skjemaet for å følge en plan på e-post.</p>",
                        _ul(
                            [
                                "<b>csrftoken</b>: hindrer at andre nettsteder sender inn "
                                "skjemaet i ditt navn. Den inneholder en tilfeldig kode og "
                                "ingenting om deg. Den varer i ett år, men du kan slette den "
                                "når du vil."
                            ]
                        ),
                    ],
                ),
                (
                    "For ansatte som logger inn",
                    [
                        "<p>Ansatte som logger inn for å redigere nettstedet, får i tillegg "
                        "disse informasjonskapslene:</p>",
                        _ul(
                            [
                                "<b>sessionid</b>: holder deg innlogget. Den slettes når du "
                                "logger ut, ellers etter to uker.",
                                "<b>csrftoken</b>: beskytter skjemaene, som over.",
                                "<b>messages</b>: viser beskjeder som «Siden er publisert». "
                                "Den slettes når beskjeden er vist.",
                                "<b>wagtail_sidebar_collapsed</b>: husker om du har lukket menyen.",
                            ]
                        ),
                    ],
                ),
                (
                    "Hvorfor vi ikke spør om samtykke",
                    [
                        "<p>Etter ekomloven § 3-15 trenger vi ikke samtykke til "
                        "informasjonskapsler som er helt nødvendige for en tjeneste du selv har "
                        "bedt om. Informasjonskapslene over brukes bare til sikkerhet og "
                        "innlogging. Derfor viser vi ikke noe banner om informasjonskapsler.</p>"
                    ],
                ),
                (
                    "Slik sletter du informasjonskapsler",
                    [
                        "<p>I innstillingene i nettleseren din kan du se og slette "
                        "informasjonskapsler. Sletter du csrftoken, får du en ny neste gang du "
                        "åpner et skjema.</p>"
                    ],
                ),
            ]
        ),
        "body_en": _body(
            [
                (
                    "What a cookie is",
                    ["<p>A cookie is a small text file that a website stores in your browser.</p>"],
                ),
                (
                    "When you read the pages",
                    [
                        "<p>When you read the pages, search or fetch news feeds and calendars, "
                        "we set no cookies. You choose the language with the address (the "
                        "English pages are under /en/), not with a cookie.</p>"
                    ],
                ),
                (
                    "When you fill in a form",
                    [
                        "<p>Pages with a form set one cookie. These are the form for sending "
                        "input, the page where you see and withdraw your input, and the form "
                        "for following a plan by e-mail.</p>",
                        _ul(
                            [
                                "<b>csrftoken</b>: stops other websites from sending the form "
                                "in your name. It holds a random code and nothing about you. It "
                                "lasts for one year, but you can delete it whenever you like."
                            ]
                        ),
                    ],
                ),
                (
                    "For staff who log in",
                    [
                        "<p>Staff who log in to edit the website also get these cookies:</p>",
                        _ul(
                            [
                                "<b>sessionid</b>: keeps you logged in. It is deleted when you "
                                "log out, otherwise after two weeks.",
                                "<b>csrftoken</b>: protects the forms, as above.",
                                "<b>messages</b>: shows messages such as “Page published”. It "
                                "is deleted once the message has been shown.",
                                "<b>wagtail_sidebar_collapsed</b>: remembers whether you have "
                                "closed the menu.",
                            ]
                        ),
                    ],
                ),
                (
                    "Why we do not ask for consent",
                    [
                        "<p>Under the Norwegian Electronic Communications Act, section 3-15, we "
                        "do not need consent for cookies that are strictly necessary for a "
                        "service you have asked for. The cookies above are only used for "
                        "security and logging in. That is why we show no cookie banner.</p>"
                    ],
                ),
                (
                    "How to delete cookies",
                    [
                        "<p>You can see and delete cookies in your browser's settings. If you "
                        "delete csrftoken, you get a new one the next time you open a form.</p>"
                    ],
                ),
            ]
        ),
    }


# In footer order: (page type, slug, fields). The slugs are the addresses the browser tests
# visit.
PAGES = [
    (AccessibilityStatementPage, "tilgjengelighetserklaering", accessibility_fields),
    (PrivacyPage, "personvern", privacy_fields),
    (CookiesPage, "informasjonskapsler", cookies_fields),
]


def load_pages():
    """The three pages under the home page, each only if the site has none of its type."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site else None
    if home is None:
        return []
    existing = {type(page): page for page in LegalPage.objects.child_of(home).specific()}
    missing = [(model, slug, fields) for model, slug, fields in PAGES if model not in existing]
    if not missing:
        return []
    # Created as drafts first, then written again once all exist, so they can link to each other.
    for model, slug, fields in missing:
        page = model(slug=slug, live=False, **fields(existing))
        existing[model] = home.add_child(instance=page)
    for model, _slug, fields in missing:
        page = existing[model]
        for name, value in fields(existing).items():
            setattr(page, name, value)
        page.save_revision().publish()
    return [slug for _model, slug, _fields in missing]

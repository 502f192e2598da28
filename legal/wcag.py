"""The success criteria of WCAG 2.1 at levels A and AA, which the Norwegian regulation on
universal design of ICT refers to, with the names Tilsynet for universell utforming av ikt
uses (English names in the English catalogue)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CRITERIA = {
    "1.1.1": _("Ikke-tekstlig innhold"),
    "1.2.1": _("Bare lyd og bare video (forhåndsinnspilt)"),
    "1.2.2": _("Teksting (forhåndsinnspilt)"),
    "1.2.3": _("Synstolking eller mediealternativ (forhåndsinnspilt)"),
    "1.2.4": _("Teksting (direkte)"),
    "1.2.5": _("Synstolking (forhåndsinnspilt)"),
    "1.3.1": _("Informasjon og relasjoner"),
    "1.3.2": _("Meningsfylt rekkefølge"),
    "1.3.3": _("Sensoriske egenskaper"),
    "1.3.4": _("Visningsretning"),
    "1.3.5": _("Identifiser formål med inndata"),
    "1.4.1": _("Bruk av farge"),
    "1.4.2": _("Kontroll av lyd"),
    "1.4.3": _("Kontrast (minimum)"),
    "1.4.4": _("Endring av tekststørrelse"),
    "1.4.5": _("Bilder av tekst"),
    "1.4.10": _("Dynamisk tilpasning (reflow)"),
    "1.4.11": _("Kontrast for ikke-tekstlig innhold"),
    "1.4.12": _("Tekstavstand"),
    "1.4.13": _("Pekerfølsomt innhold eller innhold ved tastaturfokus"),
    "2.1.1": _("Tastatur"),
    "2.1.2": _("Ingen tastaturfelle"),
    "2.1.4": _("Hurtigtaster som består av ett tegn"),
    "2.2.1": _("Justerbar hastighet"),
    "2.2.2": _("Pause, stopp, skjul"),
    "2.3.1": _("Terskelverdi på maksimalt tre glimt"),
    "2.4.1": _("Hoppe over blokker"),
    "2.4.2": _("Sidetitler"),
    "2.4.3": _("Fokusrekkefølge"),
    "2.4.4": _("Formål med lenke (i kontekst)"),
    "2.4.5": _("Flere måter"),
    "2.4.6": _("Overskrifter og ledetekster"),
    "2.4.7": _("Synlig fokus"),
    "2.5.1": _("Pekerbevegelser"),
    "2.5.2": _("Pekeravbrytelse"),
    "2.5.3": _("Ledetekst i navn"),
    "2.5.4": _("Bevegelsesaktivering"),
    "3.1.1": _("Språk på siden"),
    "3.1.2": _("Språk på deler av innhold"),
    "3.2.1": _("Fokus"),
    "3.2.2": _("Inndata"),
    "3.2.3": _("Konsekvent navigering"),
    "3.2.4": _("Konsekvent identifikasjon"),
    "3.3.1": _("Identifikasjon av feil"),
    "3.3.2": _("Ledetekster eller instruksjoner"),
    "3.3.3": _("Forslag ved feil"),
    "3.3.4": _("Forhindring av feil (juridiske feil, økonomiske feil, datafeil)"),
    "4.1.1": _("Parsing (oppdeling)"),
    "4.1.2": _("Navn, rolle, verdi"),
    "4.1.3": _("Statusbeskjeder"),
}


def label(number):
    """«1.4.3 Kontrast (minimum)»: the number, then the name in the active language."""
    name = CRITERIA.get(number)
    return format_lazy("{} {}", number, name) if name else number


def choices():
    """For the criterion chooser; a callable, so the list stays out of the migrations."""
    return [(number, label(number)) for number in CRITERIA]

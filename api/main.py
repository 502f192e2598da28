"""The read-only JSON API at /api/: the NinjaAPI, its index and its errors in Norwegian."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from api import plans, schemas, submissions

NAME = "Asker kommune – temaplaner"
LICENCE = "Norsk lisens for offentlige data (NLOD 2.0)"
LICENCE_URL = "https://data.norge.no/nlod/no/2.0"
DESCRIPTION = (
    "Åpne data om Asker kommunes temaplaner: mandat, framdrift, ansvarlige, dokumenter, "
    "innspillsrunder og publiserte innspill med kommunens svar. API-et kan bare leses (GET), "
    "krever ingen nøkkel og kan brukes fra nettlesere på andre nettsteder (CORS). "
    f"Innholdet kan brukes fritt etter {LICENCE}; oppgi «Asker kommune» som kilde. "
    "Listene deles i sider med `?page=` og `?page_size=` (høyst 100). "
    "Personer er kommunens ansatte med kontaktinformasjon på jobb. Et innspill viser navnet "
    "til avsenderen bare når avsenderen selv ba om det."
)


class Renderer(JSONRenderer):
    # Æ, ø and å as themselves, not as \u escapes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title=NAME,
    version="1.0.0",
    description=DESCRIPTION,
    openapi_url="/openapi.json",
    # Swagger UI loads from a CDN, and the site makes no third-party requests.
    docs_url=None,
    urls_namespace="api",
    renderer=Renderer(),
    openapi_extra={"info": {"license": {"name": LICENCE, "url": LICENCE_URL}}},
)
api.add_router("/plans/", plans.router)
api.add_router("/plans/", submissions.router)


@api.get(
    "/",
    response=schemas.Index,
    summary="Oversikt over API-et",
    operation_id="index",
    url_name="index",
)
def index(request):
    """Navn, beskrivelse, lisens og adressene API-et har."""
    return {
        "name": NAME,
        "description": DESCRIPTION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "endpoints": {
            "plans": request.build_absolute_uri(reverse("api:plans")),
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
        },
    }


# Which query parameter was wrong, and what a right value looks like.
PARAMETER_HINTS = {
    "page": gettext_lazy("Bruk et helt tall fra 1 og oppover."),
    "page_size": gettext_lazy("Bruk et helt tall fra 1 til 100."),
}


@api.exception_handler(ValidationError)
def invalid_parameters(request, error):
    """400 with a sentence instead of pydantic's 422 list, e.g. for `?page=abc`."""
    names = [str(item["loc"][-1]) for item in error.errors if item.get("loc")]
    messages = [
        _("Ugyldig verdi for %(name)s. %(hint)s")
        % {"name": name, "hint": PARAMETER_HINTS.get(name, "")}
        for name in dict.fromkeys(names)
    ]
    detail = " ".join(messages).strip() or _("Ugyldig forespørsel.")
    return api.create_response(request, {"detail": detail}, status=400)

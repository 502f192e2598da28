"""Deployment checks for participation (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def rate_limit_sees_clients(app_configs, **kwargs):
    """Behind a proxy, every request comes from the proxy's address unless CLIENT_IP_HEADER says
    where the client's is: the whole site would then share one rate limit for input, and one
    address for the admin's login lockout (anyone could lock an editor out)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.CLIENT_IP_HEADER:
        return [
            Warning(
                "BEHIND_TLS_PROXY er på, men CLIENT_IP_HEADER er tom: grensen for innspill per "
                "adresse og sperren etter feil passord i admin gjelder da proxyen, altså hele "
                "nettstedet samlet.",
                hint="Sett CLIENT_IP_HEADER=X-Forwarded-For (headeren proxyen setter).",
                id="participation.W001",
            )
        ]
    return []

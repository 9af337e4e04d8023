"""System checks for what the site relies on and Django cannot see (`manage.py check`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from wagtail.models import Page, Site, get_page_models

from core.models import BasePage
from protecting_babies.settings.public_address import parse_site_url


@register(Tags.models)
def check_page_models_extend_base_page(app_configs, **kwargs):
    """Every page type has the review fields and panels of BasePage."""
    return [
        Error(
            f"{model._meta.label} does not extend core.models.BasePage.",
            hint="Page types extend BasePage, so every page has review dates and the "
            "'Still missing' panel.",
            obj=model,
            id="protecting_babies.E001",
        )
        for model in get_page_models()
        if model is not Page and not issubclass(model, BasePage)
    ]


@register(Tags.security, deploy=True)
def check_the_proxies_in_front_are_counted(app_configs, **kwargs):
    """Behind proxies, the visitor's address is an X-Forwarded-For entry; counted wrong, the
    sign-in lockout and the budgets see the proxy (one address for everyone) or a forgery."""
    if settings.DEBUG or getattr(settings, "TRUSTED_PROXY_COUNT", 0):
        return []
    return [
        Warning(
            "TRUSTED_PROXY_COUNT is 0: the app takes REMOTE_ADDR as the visitor's address.",
            hint="Behind a load balancer or proxy, set TRUSTED_PROXY_COUNT to the number of "
            "proxies in front of the app (docs/deployment.md), or every visitor shares one "
            "address for the sign-in lockout and the budgets.",
            id="protecting_babies.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_the_public_address_is_set(app_configs, **kwargs):
    """Printed QR codes, canonical links, the sitemap and the admin's emails carry the default
    site's address: in production it must be the public one, never localhost."""
    if settings.DEBUG:
        return []
    hint = (
        "Set SITE_URL to the site's public address (e.g. https://protectingbabies.example.org) "
        "and run `python manage.py set_site_url` (the release step does: docs/deployment.md)."
    )
    try:
        address = parse_site_url(settings.SITE_URL) if settings.SITE_URL else None
    except ImproperlyConfigured as error:
        return [Warning(str(error), hint=hint, id="protecting_babies.W002")]
    if address is None or address.is_local:
        return [
            Warning(
                f"SITE_URL is {'not set' if address is None else address.root_url}: printed "
                "QR codes, canonical links, the sitemap and admin emails would say localhost.",
                hint=hint,
                id="protecting_babies.W002",
            )
        ]
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # no database to look at here; the release step sets it
    if site is not None and (site.hostname, site.port) != (address.hostname, address.port):
        return [
            Warning(
                f"The default site says {site.root_url}, not SITE_URL ({address.root_url}): "
                "printed QR codes, canonical links and the sitemap show the wrong address.",
                hint="Run `python manage.py set_site_url` (the release step does).",
                id="protecting_babies.W003",
            )
        ]
    return []

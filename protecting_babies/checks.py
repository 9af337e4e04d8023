"""System checks for what the site relies on and Django cannot see (`manage.py check`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from wagtail.models import Page, get_page_models

from protecting_babies.models import BasePage
from protecting_babies.uploads import CHECKED_EXTENSIONS


@register(Tags.models)
def check_page_models_extend_base_page(app_configs, **kwargs):
    """Every page type has the review fields and panels of BasePage."""
    return [
        Error(
            f"{model._meta.label} does not extend protecting_babies.models.BasePage.",
            hint="Page types extend BasePage, so every page has review dates and the "
            "'Still missing' panel.",
            obj=model,
            id="protecting_babies.E001",
        )
        for model in get_page_models()
        if model is not Page and not issubclass(model, BasePage)
    ]


@register()
def check_document_extensions_have_a_content_check(app_configs, **kwargs):
    """An extension editors may upload is also one whose contents are checked."""
    unchecked = sorted(set(settings.WAGTAILDOCS_EXTENSIONS) - CHECKED_EXTENSIONS)
    return (
        [
            Error(
                f"WAGTAILDOCS_EXTENSIONS allows {', '.join(unchecked)}, which "
                "protecting_babies/uploads.py cannot check, so such uploads would all be refused.",
                hint="Add a content check to document_matches_extension(), or leave the "
                "extension out of WAGTAILDOCS_EXTENSIONS.",
                id="protecting_babies.E002",
            )
        ]
        if unchecked
        else []
    )


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

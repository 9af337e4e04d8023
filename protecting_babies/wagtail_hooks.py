"""Admin hooks for the site-wide pieces. Each section says which feature it belongs to."""

from django.urls import path, reverse
from wagtail import hooks

# --- Two-factor sign-in (issue 7): enrol, verify, recovery codes ------------------------------


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    from protecting_babies import two_factor

    return [
        path("two-factor/", two_factor.manage, name="two_factor_manage"),
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
        path("two-factor/set-up/", two_factor.setup, name="two_factor_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": "Two-factor sign-in",
        "help_text": "Your authenticator app and recovery codes.",
    }


# --- End of two-factor sign-in ----------------------------------------------------------------

"""Two-factor sign-in in the admin: its addresses and its entry in the account menu."""

from django.urls import path, reverse
from wagtail import hooks

from accounts import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="two_factor_manage"),
        path("two-factor/verify/", views.verify, name="two_factor_verify"),
        path("two-factor/set-up/", views.setup, name="two_factor_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": "Two-factor sign-in",
        "help_text": "Your authenticator app and recovery codes.",
    }

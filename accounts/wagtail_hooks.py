"""Admin sign-in: the two-factor addresses and their entry in the account menu; and the admin
session's warning before it ends, with a way to stay signed in, and typed work kept across
signing in again (static/accounts/session.js, on every admin page)."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from accounts import views
from core.admin_forms import RESTORE_FIELD


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="two_factor_manage"),
        path("two-factor/verify/", views.verify, name="two_factor_verify"),
        path("two-factor/set-up/", views.setup, name="two_factor_setup"),
        path("session/", views.session, name="admin_session"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": "Two-factor sign-in",
        "help_text": "Your authenticator app and recovery codes.",
    }


@hooks.register("insert_global_admin_js")
def session_script():
    # Its settings as data attributes: the admin's CSP allows no inline script of ours.
    return format_html(
        '<script src="{}" data-session-seconds="{}" data-session-url="{}" data-sign-in-url="{}"'
        ' data-restore-field="{}"></script>',
        static("accounts/session.js"),
        settings.SESSION_COOKIE_AGE,
        reverse("admin_session"),
        reverse("wagtailadmin_login"),
        RESTORE_FIELD,
    )


@hooks.register("insert_global_admin_css")
def session_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("accounts/session.css"))

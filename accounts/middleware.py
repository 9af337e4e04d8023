"""Signed in means both factors, everywhere; and passwords cost a budget per address.

TwoFactorMiddleware runs after django_otp's OTPMiddleware (which provides
`request.user.is_verified()`). A person who has given a password but not the second factor
counts as not signed in anywhere outside the admin (private pages, documents in private
collections, the userbar), and in the admin is sent to enrol or to verify. The front-end
sign-in (/_util/login/, for pages restricted to signed-in users) goes through the same second
step; those pages are for the team's admin accounts only, and it refuses any other account.
ADMIN_2FA_REQUIRED = False (development only) turns the second factor off.

PasswordBudgetMiddleware limits the forms that check a password or send an email: page and
document passwords, and password-reset emails, per visitor address; wrong passwords per
username whatever the address (accounts/signals.py counts the failures), besides django-axes'
lockout of a username from one address. With two factors required, a username's spent budget
refuses only wrong passwords, so nobody can lock its owner out, and the owner is emailed.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from accounts.alerts import now_text, tell_owner_once
from accounts.lockout import lockout_response, wrong_password_refused
from core.http import admin_prefix
from core.ratelimit import spend, spent, too_many_requests

# Admin addresses an unverified user may still reach: signing in and out, the second-factor
# steps themselves, and the icon sprite and translations those pages load.
UNVERIFIED_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "two_factor_verify",
    "two_factor_setup",
}
# Wrong passwords for one username, from anywhere, before further wrong ones are refused for
# the rest of the hour: looser than django-axes' 5 per username and address, so an attacker who
# rotates addresses still meets a limit; the right password still leads to the second factor.
USERNAME_RATE = "20/h"
VIEW_RESTRICTION_RATE = "10/10m"
RESET_EMAIL_RATE = "5/h"


def can_use_admin(user):
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def two_factor_required():
    return getattr(settings, "ADMIN_2FA_REQUIRED", True)


def second_step(user, next_url):
    """Where a person with a password but no second factor goes: verify, or enrol first."""
    url_name = "two_factor_verify" if user_has_device(user, confirmed=True) else "two_factor_setup"
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = two_factor_required()
        user = request.user
        half_signed_in = required and user.is_authenticated and not user.is_verified()
        in_admin = request.path_info.startswith(admin_prefix())
        if half_signed_in and in_admin:
            if self.must_verify(request):
                return second_step(user, request.get_full_path())
            return self.get_response(request)
        if half_signed_in:
            request.user = AnonymousUser()  # not signed in, outside the admin
        response = self.get_response(request)
        if self.is_front_end_sign_in(request, response):
            if not can_use_admin(request.user):
                # Team pages are for the team's admin accounts (docs/security.md): any other
                # account is told so and signed out again, not sent to an admin it cannot use.
                logout(request)
                return render(
                    request,
                    settings.WAGTAIL_FRONTEND_LOGIN_TEMPLATE,
                    {"team_only": True},
                    status=403,
                )
            if required:
                # Signed in with a password on /_util/login/: the second factor comes next,
                # then the page asked for.
                return second_step(request.user, response["Location"])
        return response

    @staticmethod
    def is_front_end_sign_in(request, response):
        return (
            request.method == "POST"
            and request.path_info == reverse("wagtailcore_login")
            and response.status_code == 302
            and request.user.is_authenticated
            # Just signed in: the user django-otp has not seen yet, with no second factor.
            and not getattr(request.user, "is_verified", lambda: False)()
        )

    @staticmethod
    def must_verify(request):
        user = request.user
        if not can_use_admin(user):
            return False
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return True
        if url_name == "two_factor_setup":
            # Enrolling is for someone with no authenticator yet; otherwise verify first.
            return user_has_device(user, confirmed=True)
        return url_name not in UNVERIFIED_ALLOWED


def username_locked(request, username):
    """Seconds the username is locked for (too many wrong passwords from anywhere), or None."""
    return spent(request, "signin-username", USERNAME_RATE, key=username.lower())


def count_wrong_password(request, username):
    """Count a wrong password for the username, from anywhere; when its budget is spent, tell
    the account's owner (once while it lasts)."""
    spend(request, "signin-username", USERNAME_RATE, key=username.lower())
    wait = username_locked(request, username)
    if not wait:
        return
    owner = (
        get_user_model()
        ._default_manager.filter(**{f"{get_user_model().USERNAME_FIELD}__iexact": username})
        .first()
    )
    if owner is None:
        return
    still = (
        "Your own password and code still work: only wrong passwords are refused."
        if two_factor_required()
        else "Nobody can sign in to the account, you included, until then."
    )
    tell_owner_once(
        owner,
        "wrong-passwords",
        wait,
        "many wrong passwords for your account",
        f"By {now_text()} someone had typed the wrong password for your Protecting Babies "
        f"account many times in the last hour, from one or more internet addresses. Wrong "
        f"passwords are refused for the rest of the hour. {still}\n\n"
        "If this was you, there is nothing to do: you can still sign in. If it was not, "
        "someone may be trying to guess your password: if it is one you use anywhere else, "
        "change it, and tell a site administrator.\n",
    )


def is_sign_in(request):
    return request.method == "POST" and request.path_info in (
        reverse("wagtailadmin_login"),
        reverse("wagtailcore_login"),
    )


class PasswordBudgetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            refused = self.refused(request)
            if refused is not None:
                return refused
        response = self.get_response(request)
        if is_sign_in(request) and two_factor_required() and response.status_code == 200:
            # The sign-in form again: a wrong password. While the username has had too many
            # from everywhere, refused; the right one went through to the second factor.
            username = request.POST.get("username", "")
            wait = username and username_locked(request, username)
            if wait:
                return wrong_password_refused(request, wait)
        return response

    def refused(self, request):
        path = request.path_info
        if is_sign_in(request):
            # With two factors, a right password only leads to the code: the username's budget
            # refuses wrong passwords, after they are checked (above), never its owner. With the
            # password alone (development), it refuses everything until the hour is up.
            username = request.POST.get("username", "")
            if not two_factor_required() and username and username_locked(request, username):
                return lockout_response(request)
        elif path.startswith(
            ("/_util/authenticate_with_password/", "/documents/authenticate_with_password/")
        ):
            wait = spend(request, "view-password", VIEW_RESTRICTION_RATE)
            if wait:
                return too_many_requests(
                    request, wait, "There have been many passwords tried from your connection."
                )
        elif path == reverse("wagtailadmin_password_reset"):
            wait = spend(request, "password-reset", RESET_EMAIL_RATE)
            if wait:
                return too_many_requests(
                    request, wait, "There have been many password reset emails asked for."
                )
        return None

"""The admin refuses a signed-in user until they have given their second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from protecting_babies.http import admin_prefix

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


def can_use_admin(user):
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


class AdminTwoFactorMiddleware:
    """Send an admin user who has not given their second factor to enrol or to verify.

    Runs after django_otp's OTPMiddleware (which provides `request.user.is_verified()`). Only
    the admin is guarded; ADMIN_2FA_REQUIRED = False (development only) turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_verify(request):
            has_device = user_has_device(request.user, confirmed=True)
            url_name = "two_factor_verify" if has_device else "two_factor_setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(url_name)}?{query}")
        return self.get_response(request)

    def must_verify(self, request):
        if not getattr(settings, "ADMIN_2FA_REQUIRED", True):
            return False
        if not request.path_info.startswith(admin_prefix()):
            return False
        user = request.user
        if not can_use_admin(user) or user.is_verified():
            return False
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return True
        if url_name == "two_factor_setup":
            # Enrolling is for someone with no authenticator yet; otherwise verify first.
            return user_has_device(user, confirmed=True)
        return url_name not in UNVERIFIED_ALLOWED

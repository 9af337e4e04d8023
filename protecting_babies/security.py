"""Security middleware: the Content-Security-Policy per part of the site, two-factor sign-in for
the admin, and the page shown when django-axes locks a sign-in. See docs/security.md."""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django_otp import user_has_device

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with CONTENT_SECURITY_POLICY_ADMIN for the Wagtail admin, and the public
    policy made frameable by the admin for page previews."""

    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(self.admin_prefix):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        elif getattr(request, "is_dummy", False):
            # A preview: Wagtail renders the page through the middleware with the page's own
            # address, for the admin's preview panel to frame. Public policy, framed by us.
            parts.config = {
                **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                "frame-ancestors": ["'self'"],
            }
        return parts


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

    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

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
        if not request.path_info.startswith(self.admin_prefix):
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


def client_ip_address(request):
    """The visitor's address for django-axes, behind TRUSTED_PROXY_COUNT trusted proxies.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N proxies
    the visitor is the N-th entry from the right; anything further left may be forged."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer once a username and address are locked: a clear page, status 429."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "minutes": int(cool_off.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "until": timezone.localtime() + cool_off,
    }
    return render(request, "security/lockout.html", context, status=429)

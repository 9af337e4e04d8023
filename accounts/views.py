"""The two-factor sign-in steps in the Wagtail admin: verify a code after the password, enrol
an authenticator app, see and renew recovery codes. And the admin session's "still signed in?"
for the browser's warning before it ends (static/accounts/session.js)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import CodeForm
from accounts.two_factor import (
    code_already_used,
    confirm_setup,
    count_wrong_code,
    new_recovery_codes,
    paused_for,
    qr_code_data_uri,
    readable_secret,
    recovery_codes_left,
    setup_device,
    verify_device_token,
)
from core.http import safe_next_url

logger = logging.getLogger(__name__)

WRONG_CODE = (
    "That code did not work. Enter the 6-digit code your authenticator app shows now (it "
    "changes every 30 seconds), or one of your recovery codes."
)
USED_CODE = (
    "That code has just been used. Wait for your authenticator app to show the next code "
    "(they change every 30 seconds), then enter it."
)


def paused_message(seconds):
    minutes = max(1, round(seconds / 60))
    plural = "s" if minutes != 1 else ""
    return (
        f"Too many wrong codes, so tries are paused for {minutes} minute{plural}. Wait, then "
        "enter the code your authenticator app shows at that moment."
    )


def _next(request):
    return safe_next_url(request, reverse("wagtailadmin_home"))


def _signed_in(request, device):
    """The second factor is given: mark the session, and give it a new key."""
    otp_login(request, device)
    request.session.cycle_key()


def _check_code(request, form, attempt):
    """Try the form's code with `attempt(code)` unless tries are paused; add the right message
    when it fails. The result of the attempt, or None."""
    if not form.is_valid():
        return None
    wait = paused_for(request)
    if wait:
        form.add_error("code", paused_message(wait))
        return None
    code = form.cleaned_data["code"]
    result = attempt(code)
    if not result:
        count_wrong_code(request)
        wait = paused_for(request)
        if wait:
            form.add_error("code", paused_message(wait))
        elif code_already_used(request.user, code):
            form.add_error("code", USED_CODE)
        else:
            form.add_error("code", WRONG_CODE)
    return result


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Ask for the second factor after the password."""
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        device = _check_code(request, form, lambda code: verify_device_token(request.user, code))
        if device is not None:
            _signed_in(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(request.user)
                logger.warning("Recovery code used by user %s; %s left", request.user.pk, left)
                messages.warning(
                    request,
                    f"You signed in with a recovery code; {left} left. Each code works once: "
                    "make new ones under “Two-factor sign-in” in your account menu.",
                )
            return redirect(_next(request))
    context = {"form": form, "next": _next(request)}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: scan the QR code, confirm a code, receive recovery codes.
    Each visit to the page makes a new secret; it is saved only when a code confirms it."""
    user = request.user
    device = setup_device(request, fresh=request.method == "GET")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _check_code(
        request, form, lambda code: confirm_setup(request, device, code)
    ):
        codes = new_recovery_codes(user)
        _signed_in(request, device)
        logger.info("Two-factor sign-in set up by user %s", user.pk)
        context = {"codes": codes, "next": _next(request), "enrolled": True}
        return TemplateResponse(request, "accounts/two_factor_codes.html", context)
    context = {
        "form": form,
        "next": _next(request),
        "qr_code": qr_code_data_uri(device),
        "secret": readable_secret(device),
        "replacing": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "required": settings.ADMIN_2FA_REQUIRED,
    }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request):
    """Your two-factor sign-in: whether it is set up, recovery codes left, make new codes."""
    user = request.user
    if request.method == "POST":
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            return redirect("two_factor_setup")
        codes = new_recovery_codes(user)
        logger.info("New recovery codes made by user %s", user.pk)
        context = {"codes": codes, "next": reverse("two_factor_manage"), "enrolled": False}
        return TemplateResponse(request, "accounts/two_factor_codes.html", context)
    context = {
        "authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "codes_left": recovery_codes_left(user),
        "required": settings.ADMIN_2FA_REQUIRED,
    }
    return TemplateResponse(request, "accounts/two_factor_manage.html", context)


@never_cache
@require_GET
def session(request):
    """Still signed in: asking is itself activity, so the idle hour starts again (settings:
    SESSION_SAVE_EVERY_REQUEST). Only a signed-in admin user gets here (with both factors):
    anyone else is sent to sign in, which the browser reads as "signed out"."""
    return JsonResponse(
        {"signed_in": True, "user": request.user.pk, "seconds_left": settings.SESSION_COOKIE_AGE}
    )

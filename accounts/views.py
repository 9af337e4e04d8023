"""The two-factor sign-in steps in the Wagtail admin: verify a code after the password, enrol
an authenticator app, see and renew recovery codes."""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import CodeForm
from accounts.two_factor import (
    AUTHENTICATOR_NAME,
    new_recovery_codes,
    qr_code_data_uri,
    readable_secret,
    recovery_codes_left,
    verify_device_token,
)
from protecting_babies.http import safe_next_url

logger = logging.getLogger(__name__)

# After each wrong code django-otp makes the next try wait longer (1 s, 2 s, 4 s, ...).
THROTTLED = (
    "Too many wrong codes in a row, so the next try has to wait a little. Wait a minute, "
    "then enter the code your authenticator app shows at that moment."
)


def _next(request):
    return safe_next_url(request, reverse("wagtailadmin_home"))


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Ask for the second factor after the password."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = verify_device_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(request.user)
                logger.warning("Recovery code used by user %s; %s left", request.user.pk, left)
                messages.warning(
                    request,
                    f"You signed in with a recovery code; {left} left. Each code works once: "
                    "make new ones under “Two-factor sign-in” in your account menu.",
                )
            return redirect(_next(request))
        elif throttled:
            form.add_error("code", THROTTLED)
        else:
            logger.warning("Wrong two-factor code for user %s", request.user.pk)
            form.add_error(
                "code",
                "That code did not work. Enter the 6-digit code your authenticator app shows "
                "now (it changes every 30 seconds), or one of your recovery codes.",
            )
    context = {"form": form, "next": _next(request)}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: scan the QR code, confirm a code, receive recovery codes."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = not device.verify_is_allowed()[0]
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(user)
            otp_login(request, device)
            logger.info("Two-factor sign-in set up by user %s", user.pk)
            context = {"codes": codes, "next": _next(request), "enrolled": True}
            return TemplateResponse(request, "accounts/two_factor_codes.html", context)
        elif throttled:
            form.add_error("code", THROTTLED)
        else:
            form.add_error(
                "code",
                "That code did not work. Check the app shows “Protecting Babies”, then enter "
                "the 6-digit code it shows now.",
            )
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

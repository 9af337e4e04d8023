"""Two-factor sign-in for the Wagtail admin: enrol an authenticator app (TOTP), verify a code at
each sign-in, and keep a set of single-use recovery codes. Built on django-otp's devices."""

import logging
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
# After each wrong code django-otp makes the next try wait longer (1 s, 2 s, 4 s, ...).
THROTTLED = (
    "Too many wrong codes in a row, so the next try has to wait a little. Wait a minute, "
    "then enter the code your authenticator app shows at that moment."
)


class CodeForm(forms.Form):
    """The code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one of your "
        "recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def new_recovery_codes(user):
    """Replace the user's recovery codes with a fresh set and return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def qr_code_data_uri(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def readable_secret(device):
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verify_device_token(user, code):
    """(the device that accepts this code or None, whether that device was throttled).

    Six digits are a code from the authenticator app; anything else is a recovery code, so a
    recovery code never counts as a wrong guess against the app (and the other way round)."""
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        devices = list(model.objects.devices_for_user(user, confirmed=True).select_for_update())
        throttled = any(not device.verify_is_allowed()[0] for device in devices)
        for device in devices:
            if device.verify_token(code):
                return device, throttled
    return None, throttled


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
            return redirect(safe_next(request))
        elif throttled:
            form.add_error("code", THROTTLED)
        else:
            logger.warning("Wrong two-factor code for user %s", request.user.pk)
            form.add_error(
                "code",
                "That code did not work. Enter the 6-digit code your authenticator app shows "
                "now (it changes every 30 seconds), or one of your recovery codes.",
            )
    context = {"form": form, "next": safe_next(request)}
    return TemplateResponse(request, "security/two_factor_verify.html", context)


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
            context = {"codes": codes, "next": safe_next(request), "enrolled": True}
            return TemplateResponse(request, "security/two_factor_codes.html", context)
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
        "next": safe_next(request),
        "qr_code": qr_code_data_uri(device),
        "secret": readable_secret(device),
        "replacing": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "required": settings.ADMIN_2FA_REQUIRED,
    }
    return TemplateResponse(request, "security/two_factor_setup.html", context)


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
        return TemplateResponse(request, "security/two_factor_codes.html", context)
    context = {
        "authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "codes_left": recovery_codes_left(user),
        "required": settings.ADMIN_2FA_REQUIRED,
    }
    return TemplateResponse(request, "security/two_factor_manage.html", context)

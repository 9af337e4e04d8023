"""The second factor's devices, on django-otp: an authenticator app (TOTP) and a set of
single-use recovery codes."""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


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


def reset_two_factor(user):
    """Remove the user's authenticator app and recovery codes: they enrol again next time."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()

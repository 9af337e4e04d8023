"""The second factor's devices, on django-otp: an authenticator app (TOTP) and a set of
single-use recovery codes; and how wrong codes are throttled.

An authenticator's secret is made afresh each time set-up starts and kept only in that sign-in's
session until a code from it is confirmed, so a person who knows a password cannot plant a
secret for the real user to scan later. Wrong codes are throttled per session, per address and
per user, each for minutes, never days, and the person's own budget pauses only the sessions and
addresses its wrong codes came from: a person with a stolen password cannot lock the owner out
(django-otp's own growing delays are off), and the owner is told by email."""

import logging
import time
from base64 import b32encode

import segno
from django.core.cache import cache
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accounts.alerts import now_text, tell_owner_once
from core.http import client_ip_address, client_network
from core.ratelimit import spend, spent

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
SETUP_SESSION_KEY = "two_factor_setup_key"
# Wrong codes before tries pause: (budget name, rate). Each pause ends within the hour.
WRONG_CODE_BUDGETS = (
    ("2fa-session", "5/5m"),  # this sign-in
    ("2fa-address", "20/h"),  # everyone at this address (an IPv6 one by its /64)
)
# This person's wrong codes, wherever from. Once spent it pauses only the sessions and
# addresses that gave them wrong codes in the last WRONG_FROM_SECONDS, never the owner's
# correct code from elsewhere; and the owner is emailed.
USER_BUDGET = ("2fa-user", "10/15m")
WRONG_FROM_SECONDS = 15 * 60
WRONG_FROM_KEY = "2fa-wrong-from:{user}:{source}"


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


def setup_device(request, fresh):
    """The authenticator being set up in this session, not saved until a code confirms it.
    `fresh`: set-up starts (again), so a new secret."""
    if fresh or SETUP_SESSION_KEY not in request.session:
        request.session[SETUP_SESSION_KEY] = random_hex(20)
    return TOTPDevice(
        user=request.user,
        name=AUTHENTICATOR_NAME,
        key=request.session[SETUP_SESSION_KEY],
        confirmed=False,
    )


def _totp(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return totp


def confirm_setup(request, device, code):
    """Save the authenticator if the code is its current one: True when it was."""
    totp = _totp(device)
    if not code.isdigit() or not totp.verify(int(code), device.tolerance):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).delete()
        device.confirmed = True
        device.last_t = totp.t()
        device.save()
    request.session.pop(SETUP_SESSION_KEY, None)
    return True


def code_already_used(user, code):
    """Whether a wrong 6-digit code was the authenticator's code a moment ago: already used."""
    if not (code.isdigit() and len(code) == 6):
        return False
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        if _totp(device).verify(int(code), device.tolerance):
            return True
    return False


def verify_device_token(user, code):
    """The device that accepts this code, or None.

    Six digits are a code from the authenticator app; anything else is a recovery code, so a
    recovery code never counts as a wrong guess against the app (and the other way round)."""
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        devices = list(model.objects.devices_for_user(user, confirmed=True).select_for_update())
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def _budgets(request):
    keys = {
        "2fa-session": request.session.session_key or "no-session",
        "2fa-address": client_network(request) or "unknown",
    }
    return [(group, rate, keys[group]) for group, rate in WRONG_CODE_BUDGETS]


def _user_budget_spent(request):
    group, rate = USER_BUDGET
    return spent(request, group, rate, str(request.user.pk))


def _wrong_from_keys(request):
    """Where this try comes from, as the person's budget remembers it: this sign-in's session
    and this address."""
    return [
        WRONG_FROM_KEY.format(user=request.user.pk, source=f"{kind}:{key}")
        for (group, _rate, key), kind in zip(_budgets(request), ("session", "address"), strict=True)
    ]


def paused_for(request):
    """Seconds until codes may be tried again here, or None: this session's or this address's
    budget spent, or the person's, if wrong codes for them came from this session or address."""
    waits = [spent(request, group, rate, key) for group, rate, key in _budgets(request)]
    user_wait = _user_budget_spent(request)
    if user_wait and cache.get_many(_wrong_from_keys(request)):
        waits.append(user_wait)
    waits = [wait for wait in waits if wait]
    return max(waits) if waits else None


def count_wrong_code(request):
    """Count a wrong code against every budget, remember where it came from, and tell the
    owner (once) when their own budget is spent."""
    for group, rate, key in _budgets(request):
        spend(request, group, rate, key)
    group, rate = USER_BUDGET
    spend(request, group, rate, str(request.user.pk))
    cache.set_many(dict.fromkeys(_wrong_from_keys(request), 1), WRONG_FROM_SECONDS)
    logger.warning("Wrong two-factor code for user %s", request.user.pk)
    wait = _user_budget_spent(request)
    if wait:
        tell_owner_once(
            request.user,
            "wrong-codes",
            wait,
            "wrong sign-in codes for your account",
            f"At {now_text()} someone signed in to the Protecting Babies admin with your "
            "password, then entered the wrong two-factor code several times (from the internet "
            f"address {client_ip_address(request)}). Their tries are paused for a few minutes; "
            "yours, from your own device, are not.\n\n"
            "If this was you, there is nothing to do. If it was not, change your password now "
            "and tell a safeguarding lead.\n",
        )


def forget_unconfirmed_devices(user):
    """An authenticator never confirmed is never kept (an older set-up left them behind)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


def reset_two_factor(user):
    """Remove the user's authenticator app and recovery codes: they enrol again next time."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()

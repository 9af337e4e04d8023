"""Admin sign-in: lockout after failed passwords, two-factor sign-in, passwords, idle sessions."""

import datetime
import os
import re
import subprocess
import sys
from base64 import b32decode
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import new_recovery_codes, readable_secret
from core.http import client_ip_address

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long enough passphrase 42"
AXES_FIRST = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password=PASSWORD
    )


def current_code(device):
    """The 6 digits the app shows now, leading zeros and all, as a person types them."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def sign_in(client, password, address="192.0.2.10"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


# --- Lockout (django-axes) ------------------------------------------------------------------


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST)
def test_five_wrong_passwords_lock_the_sixth_attempt_out(editor):
    client = Client()
    for attempt in range(4):
        response = sign_in(client, f"wrong password {attempt}")
        assert response.status_code == 200
        assert "Your username and password didn't match" in text(response)

    fifth = sign_in(client, "wrong password 5")
    assert fifth.status_code == 429

    sixth = sign_in(client, PASSWORD)
    assert sixth.status_code == 429
    page = text(sixth)
    assert "Sign-in locked for 30 minutes" in page
    assert "Too many failed sign-in attempts" in page
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    # The lock is on this username from this address, not on the person everywhere.
    elsewhere = sign_in(Client(), PASSWORD, address="198.51.100.7")
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == "/admin/"


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST)
def test_the_lock_lifts_after_30_minutes(editor):
    client = Client()
    for attempt in range(5):
        sign_in(client, f"wrong password {attempt}")
    assert sign_in(client, PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


# --- Two-factor sign-in ---------------------------------------------------------------------


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_signing_in_with_a_password_alone_does_not_open_the_admin(editor):
    confirmed_device(editor)
    client = Client()
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    for path in ("/admin/", "/admin/pages/", "/admin/images/", "/admin/snippets/", "/admin/nope/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("two_factor_verify")), path
    # Enrolling a new authenticator is not a way round the code either.
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_the_code_from_the_authenticator_opens_the_admin(editor):
    device = confirmed_device(editor)
    client = Client()
    client.force_login(editor)

    response = client.get("/admin/pages/")
    verify_url = response["Location"]
    assert verify_url == reverse("two_factor_verify") + "?next=%2Fadmin%2Fpages%2F"
    page = client.get(verify_url)
    assert "Enter your sign-in code" in text(page)

    wrong = client.post(verify_url, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "That code did not work" in text(wrong)
    assert client.get("/admin/").status_code == 302

    # A wrong code costs nothing that grows: the right one works at once.
    before = client.session.session_key
    right = client.post(verify_url, {"code": current_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    # A new session key once both factors are given: an earlier session id is worth nothing.
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_a_code_used_once_cannot_be_used_again(editor):
    device = confirmed_device(editor)
    code = current_code(device)
    first = Client()
    first.force_login(editor)
    assert first.post(reverse("two_factor_verify"), {"code": code})["Location"] == "/admin/"
    second = Client()
    second.force_login(editor)
    again = second.post(reverse("two_factor_verify"), {"code": code})
    assert (
        "That code has just been used. Wait for your authenticator app to show the next code"
        in text(again)
    )


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_wrong_codes_pause_tries_for_minutes_and_the_owner_is_told(editor, mailoutbox):
    device = confirmed_device(editor)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    attacker.force_login(editor)
    verify = reverse("two_factor_verify")
    for _ in range(4):
        assert "That code did not work" in text(attacker.post(verify, {"code": "111111"}))
    fifth = text(attacker.post(verify, {"code": "111111"}))
    # Paused until the 5-minute window ends: never longer.
    minutes = re.search(r"Too many wrong codes, so tries are paused for (\d) minutes?", fifth)
    assert minutes and 1 <= int(minutes.group(1)) <= 5, fifth
    # Even the right code waits now.
    paused = attacker.post(verify, {"code": current_code(device)})
    assert "Too many wrong codes, so tries are paused for" in text(paused)
    assert attacker.get("/admin/").status_code == 302  # still not in

    # The owner, in a session and from an address of their own, is not locked out: the budget
    # per person is looser, and what it can cost is a quarter of an hour, never days.
    owner = Client(REMOTE_ADDR="198.51.100.20")
    owner.force_login(editor)
    assert (
        owner.post(reverse("two_factor_verify"), {"code": current_code(device)})["Location"]
        == "/admin/"
    )
    # The attacker signs in again from elsewhere to go on guessing: the budget per person runs
    # out, the owner is emailed, and the attacker's tries pause for minutes, never days (the
    # owner's own, from elsewhere, do not: tests/accounts/test_no_lockout.py).
    again = Client(REMOTE_ADDR="203.0.113.10")
    again.force_login(editor)
    for _ in range(5):
        again.post(verify, {"code": "222222"})
    words = text(again.post(verify, {"code": current_code(device)}))
    minutes = re.search(r"paused for (\d+) minutes?", words)
    assert minutes and int(minutes.group(1)) <= 15
    assert len(mailoutbox) == 1
    assert "entered the wrong two-factor code several times" in mailoutbox[0].body
    assert mailoutbox[0].to == ["editor@example.org"]
    # django-otp counts the failures but, its delays off, never refuses the device itself.
    assert TOTPDevice.objects.get(pk=device.pk).verify_is_allowed()[0]


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_verification_never_redirects_off_the_site(editor):
    device = confirmed_device(editor)
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("two_factor_verify"),
        {"code": current_code(device), "next": "https://evil.example.com/"},
    )
    assert response["Location"] == "/admin/"


def secret_code(secret):
    """The code an authenticator app shows now for a secret read off the set-up page."""
    return f"{TOTP(b32decode(secret.replace(' ', ''))).token():06d}"


def setup_secret(response):
    return (
        BeautifulSoup(response.content, "html.parser").select_one(".two-factor-secret").get_text()
    )


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_a_new_admin_user_must_enrol_and_is_given_recovery_codes(editor):
    client = Client()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("two_factor_setup"))

    setup = client.get(response["Location"])
    soup = BeautifulSoup(setup.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Set up two-factor sign-in"
    qr = soup.find("img", alt="QR code for setting up the authenticator app")
    assert qr["src"].startswith("data:image/svg+xml")
    secret = setup_secret(setup)
    assert len(secret.replace(" ", "")) == 32
    assert not TOTPDevice.objects.filter(user=editor).exists()  # nothing saved until confirmed

    wrong = client.post(response["Location"], {"code": "123456"})
    assert "That code did not work" in text(wrong)
    assert client.get("/admin/").status_code == 302

    done = client.post(response["Location"], {"code": secret_code(secret), "next": "/admin/"})
    assert done.status_code == 200
    codes = [
        code.get_text()
        for code in BeautifulSoup(done.content, "html.parser").select(".recovery-codes code")
    ]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert "they will not be shown again" in text(done)
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and readable_secret(device) == secret


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_a_secret_seen_by_someone_with_the_password_is_never_the_owners(editor):
    """Someone who knows a new user's password opens set-up and notes the secret: the real
    user is shown a different one, and codes from the noted secret open nothing."""
    attacker = Client()
    attacker.force_login(editor)
    planted = setup_secret(attacker.get(reverse("two_factor_setup")))

    owner = Client()
    owner.force_login(editor)
    owners = setup_secret(owner.get(reverse("two_factor_setup")))
    assert owners != planted
    assert "That code did not work" in text(
        owner.post(reverse("two_factor_setup"), {"code": secret_code(planted)})
    )
    assert owner.post(reverse("two_factor_setup"), {"code": secret_code(owners)}).status_code == 200
    # The attacker cannot finish their set-up afterwards, nor verify with the planted secret.
    later = Client()
    later.force_login(editor)
    assert "That code did not work" in text(
        later.post(reverse("two_factor_verify"), {"code": secret_code(planted)})
    )
    # Even reloading set-up makes a new secret.
    assert setup_secret(owner.get(reverse("two_factor_setup"))) != owners


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_an_unconfirmed_authenticator_is_forgotten_at_sign_in_and_password_change(editor):
    TOTPDevice.objects.create(user=editor, name="Left behind", confirmed=False)
    Client().login(username="editor", password=PASSWORD)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    TOTPDevice.objects.create(user=editor, name="Left behind", confirmed=False)
    editor.set_password("another long enough passphrase 43")
    editor.save()
    assert not TOTPDevice.objects.filter(user=editor).exists()


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_a_recovery_code_works_once(editor, caplog):
    confirmed_device(editor)
    verified = Client()
    verified.force_login(editor)

    code = new_recovery_codes(editor)[0]

    client = Client()
    client.force_login(editor)
    response = client.post(reverse("two_factor_verify"), {"code": code.upper()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    # Using a recovery code is worth knowing about: it is logged for whoever reads the logs.
    assert f"Recovery code used by user {editor.pk}; 9 left" in caplog.messages

    again = Client()
    again.force_login(editor)
    response = again.post(reverse("two_factor_verify"), {"code": code})
    assert "That code did not work" in text(response)
    assert again.get("/admin/").status_code == 302


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_new_recovery_codes_replace_the_old_ones(editor):

    device = confirmed_device(editor)
    old = new_recovery_codes(editor)
    client = Client()
    client.force_login(editor)
    client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    response = client.post(reverse("two_factor_manage"))
    fresh = [
        c.get_text()
        for c in BeautifulSoup(response.content, "html.parser").select(".recovery-codes code")
    ]
    assert len(fresh) == 10
    assert not set(fresh) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(fresh)


@override_settings(ADMIN_2FA_REQUIRED=True)
def test_public_pages_stay_open_to_a_signed_in_editor_before_the_code(editor, site):
    confirmed_device(editor)
    client = Client()
    client.force_login(editor)
    assert client.get(site.root_page.url).status_code == 200


@override_settings(ADMIN_2FA_REQUIRED=False)
def test_development_can_turn_two_factor_off(editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_production_always_requires_two_factor():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="protecting_babies.settings.production",
        SECRET_KEY="p" + "".join(chr(33 + (i * 11) % 90) for i in range(70)),
        REDIS_URL="redis://redis.internal:6379/0",
        ADMIN_2FA_REQUIRED="false",
    )
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ADMIN_2FA_REQUIRED)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_a_lost_phone_can_be_reset_by_an_administrator(editor):

    confirmed_device(editor)
    new_recovery_codes(editor)
    call_command("reset_two_factor", "editor", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()


# --- Passwords and sessions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Tr0ub4dor&3", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("123456789012", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused(db, password, message):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert message in error.value.messages


def test_a_long_uncommon_password_is_accepted(db):
    assert validate_password("cot blanket kettle harbour") is None


def test_the_admin_refuses_a_short_password_when_creating_a_user(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "first_name": "New",
            "last_name": "Comer",
            "password1": "short pass",
            "password2": "short pass",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in text(response)
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_an_idle_admin_session_ends(editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=59) < remaining <= datetime.timedelta(hours=1)
    assert settings.SESSION_SAVE_EVERY_REQUEST

    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (2, "", "10.0.0.2"),
    ],
)
def test_the_lockout_sees_the_visitor_behind_proxies_and_ignores_forged_entries(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(
        "/admin/login/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="10.0.0.2"
    )
    assert client_ip_address(request) == expected


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_one_visitor_cannot_lock_out_another(editor):
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for attempt in range(5):
        attacker.post(
            reverse("wagtailadmin_login"), {"username": "editor", "password": f"guess {attempt}"}
        )
    editor_client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = editor_client.post(
        reverse("wagtailadmin_login"), {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302

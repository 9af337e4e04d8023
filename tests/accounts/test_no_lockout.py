"""No one can lock a lead out (issue 21, item 5). Wrong passwords for a username from many
addresses, and wrong codes from sessions and addresses of someone who has the password, pause
those who gave them, never the owner: with both factors required the right password still
leads to the second step, the right code from elsewhere still signs in, and the owner is told
by email."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long enough passphrase 42"
AXES_FIRST = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]


@pytest.fixture
def lead(db):
    user = get_user_model().objects.create_superuser(
        "lead", "lead@example.org", PASSWORD, first_name="Leah", last_name="Lead"
    )
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def code(user):
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key).token():06d}"


def sign_in(password, address, path="wagtailadmin_login", username="lead"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse(path), {"username": username, "password": password})
    return client, response


def guess_passwords(count, first=1):
    for attempt in range(first, first + count):
        _client, response = sign_in(f"wrong {attempt}", f"198.51.100.{attempt}")
        assert response.status_code in (200, 429)


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST)
@pytest.mark.parametrize("path", ["wagtailadmin_login", "wagtailcore_login"])
def test_wrong_passwords_from_anywhere_do_not_lock_the_owner_out(lead, mailoutbox, path):
    guess_passwords(20)
    owner, response = sign_in(PASSWORD, "203.0.113.200", path=path)
    assert response.status_code == 302
    if path == "wagtailadmin_login":
        response = owner.get(response["Location"])  # the admin sends them to the code
    assert response["Location"].startswith(reverse("two_factor_verify"))
    verified = owner.post(reverse("two_factor_verify"), {"code": code(lead)})
    assert verified.status_code == 302
    assert owner.get("/admin/").status_code == 200


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST)
def test_only_wrong_passwords_are_refused_while_the_username_budget_is_spent(lead):
    guess_passwords(20)
    client, refused = sign_in("wrong again", "203.0.113.201")
    assert refused.status_code == 429
    words = text(refused)
    assert "Too many wrong passwords for this account" in words
    assert re.search(r"until \d\d:\d\d", words)
    assert "_auth_user_id" not in client.session
    # Nothing in the refusal tells a guesser anything the plain error would not.
    assert PASSWORD not in words


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST)
def test_the_owner_is_emailed_once_about_many_wrong_passwords(lead, mailoutbox):
    guess_passwords(19)
    assert mailoutbox == []
    guess_passwords(6, first=19)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["lead@example.org"]
    assert "wrong password" in message.subject.lower()
    assert "Hello Leah Lead" in message.body
    assert "still sign in" in message.body
    assert PASSWORD not in message.body


def test_a_username_that_is_nobodys_sends_no_email(lead, mailoutbox):
    for attempt in range(25):
        sign_in(f"wrong {attempt}", f"198.51.100.{attempt + 1}", username="nobody")
    assert mailoutbox == []


@override_settings(AUTHENTICATION_BACKENDS=AXES_FIRST, ADMIN_2FA_REQUIRED=False)
def test_without_the_second_factor_the_username_budget_still_locks(lead):
    """Development without two factors: the password is the whole sign-in, so the username's
    budget still refuses everything until the hour is up."""
    guess_passwords(20)
    client, response = sign_in(PASSWORD, "203.0.113.202")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_wrong_codes_pause_only_where_they_came_from(lead, mailoutbox):
    """Someone with the lead's password tries codes from two addresses until the lead's own
    budget of wrong codes is spent: those sessions and addresses are paused, and the lead,
    from their own session and address, signs in with the right code at once."""
    verify = reverse("two_factor_verify")
    attackers = []
    for address in ("203.0.113.9", "203.0.113.10"):
        for _session in range(2):
            attacker = Client(REMOTE_ADDR=address)
            attacker.force_login(lead)
            for _ in range(3):
                attacker.post(verify, {"code": "111111"})
            attackers.append(attacker)
    assert len(mailoutbox) == 1  # the person's budget (10) is spent: the owner is told
    assert "wrong two-factor code" in mailoutbox[0].body

    owner = Client(REMOTE_ADDR="198.51.100.20")
    owner.force_login(lead)
    signed_in = owner.post(verify, {"code": code(lead)})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/"

    # Every session and address that gave wrong codes is paused, even with the right code.
    for attacker in attackers:
        assert "Too many wrong codes, so tries are paused" in text(
            attacker.post(verify, {"code": code(lead)})
        )
    fresh_session_same_address = Client(REMOTE_ADDR="203.0.113.10")
    fresh_session_same_address.force_login(lead)
    paused = text(fresh_session_same_address.post(verify, {"code": code(lead)}))
    minutes = re.search(r"paused for (\d+) minutes?", paused)
    assert minutes and int(minutes.group(1)) <= 15

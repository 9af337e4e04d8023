"""A password alone is not signed in, anywhere: login-restricted pages and documents in
private collections need the second factor too, and /_util/login/ goes through it. Passwords
for pages, documents and resets have budgets (usernames': tests/accounts/test_no_lockout.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.support.factories import StandardPageFactory

PASSWORD = "a long enough passphrase 42"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def code(user):
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key).token():06d}"


@pytest.fixture
def private(site):
    page = StandardPageFactory(parent=site.root_page, title="For the team")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    collection = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Staff briefing", collection=collection, file=ContentFile(b"%PDF-1.4 x", "brief.pdf")
    )
    return {"page": page, "document": document}


def test_a_password_alone_opens_no_login_restricted_page_or_document(editor, private):
    client = Client()
    client.force_login(editor)  # the password, not yet the code
    page = client.get(private["page"].url)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("wagtailcore_login"))
    document = client.get(private["document"].url)
    assert document.status_code == 302
    assert b"%PDF" not in document.content
    # The userbar (editing links on public pages) is not shown either.
    home = client.get("/")
    assert b"wagtail-userbar" not in home.content

    verified = client.post(reverse("two_factor_verify"), {"code": code(editor)})
    assert verified.status_code == 302
    assert client.get(private["page"].url).status_code == 200
    assert client.get(private["document"].url).status_code == 200


def test_the_front_end_sign_in_goes_through_the_second_factor(editor, private):
    client = Client()
    login = reverse("wagtailcore_login")
    next_url = private["page"].url
    response = client.post(
        f"{login}?next={next_url}",
        {"username": "editor", "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{reverse('two_factor_verify')}?next={next_url.replace('/', '%2F')}"
    )
    assert client.get(next_url).status_code == 302  # still not in
    done = client.post(response["Location"], {"code": code(editor), "next": next_url})
    assert done["Location"] == next_url
    assert client.get(next_url).status_code == 200


def test_a_front_end_sign_in_without_next_goes_somewhere_that_exists(editor, site):
    client = Client()
    response = client.post(
        reverse("wagtailcore_login"), {"username": "editor", "password": PASSWORD}
    )
    target = response["Location"].split("next=")[1]
    assert target == "%2F"  # the home page, after the code


def test_page_passwords_are_limited_per_address(site):
    page = StandardPageFactory(parent=site.root_page, title="Behind a password")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="the-right-one"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client = Client()
    for attempt in range(10):
        response = client.post(url, {"password": f"guess {attempt}", "return_url": page.url})
        assert response.status_code == 200
    refused = client.post(url, {"password": "the-right-one", "return_url": page.url})
    assert refused.status_code == 429
    assert "many passwords tried from your connection" in refused.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post(url, {"password": "the-right-one", "return_url": page.url}).status_code == 302


def test_password_reset_emails_are_limited(editor, mailoutbox):
    client = Client()
    url = reverse("wagtailadmin_password_reset")
    for _ in range(5):
        assert client.post(url, {"email": "editor@example.org"}).status_code == 302
    assert client.post(url, {"email": "editor@example.org"}).status_code == 429
    assert len(mailoutbox) == 5

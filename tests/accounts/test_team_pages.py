"""Pages restricted to signed-in users are for the team's admin accounts (issue 21, item 7):
the sign-in page says so, and an account that cannot use the admin is told it cannot open them
and signed out, instead of being sent to second-factor pages in an admin it cannot reach."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.support.factories import StandardPageFactory
from tests.support.html_validate import html_problems
from tests.support.users import make_editor

PASSWORD = "a long enough passphrase 42"


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.fixture
def team_page(site):
    page = StandardPageFactory(parent=site.root_page, title="For the team")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def front_end_only(db):
    """An account with no admin access: nothing in the site's groups."""
    return get_user_model().objects.create_user("reader", "reader@example.org", PASSWORD)


def test_the_sign_in_page_says_team_pages_are_for_the_team(client, team_page):
    response = client.get(team_page.url, follow=True)
    assert response.status_code == 200
    words = text(response)
    assert "This page is only for the Protecting Babies team" in words
    assert "Sign in with your admin account" in words
    assert "There are no accounts for the public" in words
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", action=reverse("wagtailcore_login"))
    assert form.find("input", attrs={"name": "next"})["value"] == team_page.url
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "If a baby is in immediate danger" in words  # the site's own page, with its footer


@pytest.mark.parametrize("two_factor", [True, False])
def test_an_account_without_admin_access_is_told_and_signed_out(
    settings, team_page, front_end_only, two_factor
):
    settings.ADMIN_2FA_REQUIRED = two_factor
    client = Client()
    response = client.post(
        reverse("wagtailcore_login"),
        {"username": "reader", "password": PASSWORD, "next": team_page.url},
    )
    assert response.status_code == 403
    assert "This account cannot open team pages" in text(response)
    assert "_auth_user_id" not in client.session
    assert client.get(team_page.url).status_code == 302  # still the sign-in page


def test_a_wrong_password_is_said_on_the_sites_own_page(client, team_page, front_end_only):
    response = client.post(
        reverse("wagtailcore_login"),
        {"username": "reader", "password": "not it", "next": team_page.url},
    )
    assert response.status_code == 200
    assert "Your username and password didn’t match" in text(response)


def test_a_team_member_goes_on_to_the_second_factor(settings, team_page):
    settings.ADMIN_2FA_REQUIRED = True
    make_editor()
    client = Client()
    response = client.post(
        reverse("wagtailcore_login"),
        {"username": "edna", "password": "correct horse battery staple", "next": team_page.url},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_the_sign_in_pages_are_valid_html(client, team_page, front_end_only, tmp_path):
    refused = Client().post(
        reverse("wagtailcore_login"), {"username": "reader", "password": PASSWORD}
    )
    pages = {
        "sign-in": client.get(f"{reverse('wagtailcore_login')}?next={team_page.url}").content,
        "wrong-password": client.post(
            reverse("wagtailcore_login"), {"username": "reader", "password": "not it"}
        ).content,
        "team-only": refused.content,
    }
    assert html_problems(pages, tmp_path) == []

"""In a real browser: a password alone never opens a page restricted to signed-in users; the
sign-in step (the second factor) comes first."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from tests.support.public_content import run_axe

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def restricted(site, settings):
    settings.ADMIN_2FA_REQUIRED = True
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page = site.content["standard"]["accessibility-statement"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_a_password_alone_meets_the_sign_in_step_not_the_page(site, page, restricted):
    page.goto(site.url("/admin/login/"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/two-factor/verify/**")

    page.goto(site.url(restricted.url))
    assert "/_util/login/" in page.url  # asked to sign in, not shown the page
    assert page.locator("h1").inner_text() != restricted.title

    # Signing in there with the password again leads to the second factor, not the page.
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/two-factor/verify/**")
    assert "Enter your sign-in code" in page.content()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_sign_in_page_for_team_pages_has_no_axe_violations(site, browser, restricted, width):
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url(restricted.url))
    assert "This page is only for the Protecting Babies team" in page.content()
    assert run_axe(page) == []
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "not the password")
    page.get_by_role("button", name="Sign in").click()
    page.locator(".govuk-error-summary").wait_for()
    assert run_axe(page) == []
    context.close()

"""Signing in to the real admin in Chromium, for the browser tests."""

import re

from playwright.sync_api import expect

from tests.support.users import PASSWORD


def sign_in(browser, site, user):
    """A new browser context signed in to the admin as `user` (no second factor in tests),
    and its page on the dashboard."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(site.url("/admin/login/"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return context, page

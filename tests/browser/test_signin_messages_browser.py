"""In a real browser: the sign-in pages say this site's name, every two-factor message is
visible (Wagtail's sign-in styles hide field errors), recovery codes can be printed or copied,
and the dashboard's help goes to this site's guide."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

PASSWORD = "a long enough passphrase 42"


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def code_for_secret(secret):
    totp = TOTP(b32decode(secret), 30, 0, 6, 0)
    return f"{totp.token():06d}"


@pytest.fixture
def editor(site, settings):
    settings.ADMIN_2FA_REQUIRED = True
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def password_step(page, site):
    page.goto(site.url("/admin/login/"))
    expect(page.locator("h1")).to_have_text("Sign in to Protecting Babies")
    expect(page).to_have_title(re.compile(r"Protecting Babies$"))
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def error_message(page):
    return page.locator(".messages li.error")


def test_wrong_used_and_paused_codes_each_show_a_visible_message(site, browser, editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    first = browser.new_page()
    password_step(first, site)
    first.wait_for_url("**/admin/two-factor/verify/**")
    expect(first).to_have_title(re.compile(r"Protecting Babies$"))

    first.fill("input[name=code]", "000000")
    first.click("main form.login-form button[type=submit]")
    expect(error_message(first)).to_be_visible()
    expect(error_message(first)).to_contain_text("That code did not work")

    code = current_code(device)
    first.fill("input[name=code]", code)
    first.click("main form.login-form button[type=submit]")
    first.wait_for_url(site.url("/admin/"))

    # The same code again, in another sign-in: "wait for the next code", shown.
    second = browser.new_context().new_page()
    password_step(second, site)
    second.wait_for_url("**/admin/two-factor/verify/**")
    second.fill("input[name=code]", code)
    second.click("main form.login-form button[type=submit]")
    expect(error_message(second)).to_be_visible()
    expect(error_message(second)).to_contain_text(
        "Wait for your authenticator app to show the next"
    )

    # Wrong codes until tries are paused: for how long, shown.
    for _ in range(5):
        second.fill("input[name=code]", "111111")
        second.click("main form.login-form button[type=submit]")
    expect(error_message(second)).to_be_visible()
    expect(error_message(second)).to_contain_text(re.compile(r"tries are paused for \d minutes?"))


def test_setting_up_shows_a_wrong_code_and_the_codes_can_be_copied(site, browser, editor):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.base)
    page = context.new_page()
    password_step(page, site)
    page.wait_for_url("**/admin/two-factor/set-up/**")
    page.fill("input[name=code]", "000000")
    page.click("main form.login-form button[type=submit]")
    expect(error_message(page)).to_be_visible()
    expect(error_message(page)).to_contain_text("That code did not work")

    # The secret is the session's until a code confirms it: as a person types it into the app.
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    page.fill("input[name=code]", code_for_secret(secret))
    page.click("main form.login-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Save your recovery codes")
    expect(page.get_by_role("button", name="Print the codes")).to_be_visible()
    page.get_by_role("button", name="Copy the codes").click()
    expect(page.locator("[data-recovery-codes-status]")).to_contain_text("Copied 10 codes")
    copied = page.evaluate("navigator.clipboard.readText()").split("\n")
    shown = page.locator(".recovery-codes code").all_inner_texts()
    assert copied == shown and len(shown) == 10
    context.close()


def test_the_dashboard_s_help_goes_to_this_site_s_guide(site, browser, editor, settings):
    settings.ADMIN_2FA_REQUIRED = False
    page = browser.new_page()
    password_step(page, site)
    page.wait_for_url(site.url("/admin/"))
    page.get_by_role("link", name="Editor's guide for this site").click()
    expect(page.locator("h1")).to_contain_text("Editor's guide")
    expect(page.locator(".editors-guide h2").first).to_have_text("Who can do what")
    image = page.locator(".editors-guide img").first
    expect(image).to_be_visible()
    # Loaded, not only laid out: a missing screenshot never gets a natural width.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    # Wagtail's generic guide is not offered in the Help menu; this site's is.
    page.goto(site.url("/admin/"))
    page.get_by_role("button", name="Help").click()
    menu = page.locator("#wagtail-sidebar")
    expect(menu.get_by_role("link", name="Editor's guide")).to_be_visible()
    expect(menu.get_by_role("link", name="Editor Guide")).to_have_count(0)

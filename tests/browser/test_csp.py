"""Every public page type, and the admin, in a real Chromium under the real Content-Security-Policy,
with no violation reported: none in the console, no `securitypolicyviolation` event."""

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.public_content import add_video

PASSWORD = "a long passphrase 42"
# Registered before any page script runs; Playwright adds it outside the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


class Watcher:
    """Collects policy complaints (CSP, Permissions-Policy) from the console and events."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self.on_console)
        # No network here: the video host answers with a stand-in player page.
        page.route(
            "https://www.youtube-nocookie.com/**",
            lambda route: route.fulfill(content_type="text/html", body="<p>player</p>"),
        )

    def on_console(self, message):
        words = message.text.lower()
        if any(
            complaint in words
            for complaint in ("content security policy", "refused to", "permissions-policy")
        ):
            self.console.append(message.text)

    def visit(self, url):
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        return response

    def violations(self):
        return self.console + self.page.evaluate("window.__cspViolations")


@pytest.fixture
def watcher(page):
    return Watcher(page)


def test_public_pages_run_under_the_policy_without_violations(site, watcher):
    content = site.content
    workstream = content["workstreams"][3]
    add_video(workstream)
    paths = {
        "strategy": content["strategy"].url,
        "workstream": workstream.url,
        "library": content["library"].url + "?audience=parents&format=website",
        "search": "/search/?q=sleep",
        "not found": "/no-such-page/",
        **{f"standard {slug}": page.url for slug, page in content["standard"].items()},
    }
    for name, path in paths.items():
        response = watcher.visit(site.url(path))
        assert response.status == (404 if name == "not found" else 200), name
        header = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header, name
        # The site's own script ran: it marks the body as it starts.
        body_classes = watcher.page.evaluate("document.body.className")
        assert "js-enabled" in body_classes, name
        assert watcher.violations() == [], name


def test_the_click_to_load_video_plays_under_the_policy(site, watcher):
    workstream = site.content["workstreams"][3]
    add_video(workstream)
    watcher.visit(site.url(workstream.url))
    page = watcher.page
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Play video").click()
    frame = page.locator("iframe[src^='https://www.youtube-nocookie.com/embed/']")
    frame.wait_for()
    assert page.frame_locator("iframe").get_by_text("player").is_visible()
    assert watcher.violations() == []


def test_the_admin_its_preview_and_the_userbar_run_without_violations(site, watcher, live_server):
    get_user_model().objects.create_superuser(
        "csp-admin", "csp@example.org", "a long passphrase 42"
    )
    page = watcher.page
    watcher.visit(site.url("/admin/login/"))
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.url("/admin/"))
    workstream = site.content["workstreams"][3]
    watcher.visit(site.url(f"/admin/pages/{workstream.pk}/edit/"))
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads the preview into a second iframe, then swaps it in for the first.
    # (Polled from here: wait_for_function would need eval, which the admin policy refuses.)
    one_loaded_preview = (
        "document.querySelectorAll('iframe[title=Preview]').length === 1"
        " && document.querySelector('iframe[title=Preview]').src.includes('/preview/')"
    )
    for _ in range(100):
        if page.evaluate(one_loaded_preview):
            break
        page.wait_for_timeout(100)
    preview = page.frame_locator("iframe[title='Preview']")
    preview.locator("main h1").wait_for()
    assert preview.locator("main h1").inner_text() == workstream.title

    # Signed in, the public pages keep the strict policy, and Wagtail's userbar still runs:
    # its script fills the element's shadow root, which stays empty if the script is blocked.
    response = watcher.visit(site.url(workstream.url))
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_function("() => document.querySelector('wagtail-userbar').shadowRoot")
    assert watcher.violations() == []


def test_enrolling_in_two_factor_sign_in_in_a_browser(site, watcher, settings):

    settings.ADMIN_2FA_REQUIRED = True
    user = get_user_model().objects.create_superuser("enrol", "enrol@example.org", PASSWORD)
    page = watcher.page
    watcher.visit(site.url("/admin/login/"))
    page.fill("input[name=username]", "enrol")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/two-factor/set-up/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    assert page.get_by_alt_text("QR code for setting up the authenticator app").is_visible()

    # The secret as the page shows it for typing in (nothing is saved until a code confirms it).
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    assert not TOTPDevice.objects.filter(user=user).exists()
    page.get_by_label("Code").fill(f"{TOTP(b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name="Save your recovery codes").wait_for()
    assert page.locator(".recovery-codes code").count() == 10
    page.get_by_role("link", name="I have saved my recovery codes").click()
    page.wait_for_url(site.url("/admin/"))
    # The full admin (with its sidebar) is open now, not another sign-in step.
    assert page.locator("#wagtail-sidebar").count() == 1
    assert TOTPDevice.objects.get(user=user).confirmed
    assert watcher.violations() == []

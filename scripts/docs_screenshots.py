"""Take the editor's guide screenshots from the real admin: `make docs-screenshots`.

Builds a throwaway site (a temporary SQLite database and media folder, the launch content, a
demo editor and a demo safeguarding lead), serves it on a free port, drives Debian's Chromium
through the editorial workflow with Playwright, and writes small PNGs to docs/images/.
Nothing outside the temporary folder and docs/images/ is touched.
"""

import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The browser window; screenshots are scaled down to 1000 pixels wide.
VIEWPORT = {"width": 1200, "height": 860}
WIDTH = 1000
PASSWORD = "demo password for screenshots"  # noqa: S105 (a throwaway local database)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    """Run a manage.py command against the throwaway site (fixed arguments, our own code)."""
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, check=True, cwd=ROOT, **kwargs)  # noqa: S603


def prepare_site(env):
    """Migrate the temporary database, load the launch content and make the demo users."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_launch_content")
    script = f"""
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from core.roles import EDITORS, LEADS
from editorial.roles import setup_editorial_workflow
from feedback.models import PageFeedback
from strategy.models import WorkstreamPage
groups, _ = setup_editorial_workflow()
User = get_user_model()
users = {{}}
for username, first, last, role in [
    ("editor", "Erin", "Editor", EDITORS), ("lead", "Lee", "Lead", LEADS)
]:
    user = User.objects.create_user(
        username, f"{{username}}@example.org", {PASSWORD!r}, first_name=first, last_name=last
    )
    user.groups.add(groups[role])
    users[username] = user
today = timezone.localdate()
WorkstreamPage.objects.update(last_reviewed=today, review_owner=users["editor"])
WorkstreamPage.objects.filter(number=1).update(last_reviewed=today - datetime.timedelta(days=400))
WorkstreamPage.objects.filter(number=2).update(last_reviewed=today - datetime.timedelta(days=350))
page = WorkstreamPage.objects.get(number=3)
PageFeedback.objects.create(
    page=page, useful=False, created_on=today, flagged=True,
    wrong_or_missing="I am scared I will hurt the baby when he cries at night",
)
print("PAGE_ID", page.pk)
"""
    result = manage(env, "shell", "-v0", "-c", script, capture_output=True, text=True)
    return int(result.stdout.split("PAGE_ID")[-1].split()[0])


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url}")


def save(page, name, locator=None):
    """A PNG of the viewport (or one element), quantised and optimised to stay small."""
    raw = (locator or page).screenshot(**({} if locator else {"full_page": False}))
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    if image.width > WIDTH:
        image = image.resize(
            (WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS
        )
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    path = IMAGES / f"{name}.png"
    image.save(path, optimize=True)
    print(f"  {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")  # noqa: T201


def sign_in(browser, base, username):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return context, page


def open_action_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.wait_for_timeout(300)


def choose(page, action_name):
    """The footer menu's sign-off action of that name: its dialog."""
    open_action_menu(page)
    page.locator(f"footer button[data-workflow-action-name='{action_name}']").click()
    dialog = page.locator(".modal-dialog")
    dialog.wait_for()
    page.wait_for_timeout(300)
    return dialog


def today_typed():
    return time.strftime("%d/%m/%Y")


def add_closure(page, first, last):
    """Press + under the dated notices and type a closure, as a lead would."""
    page.locator("#notices-root button[title='Insert a block']").last.click()
    for name, typed in (("first_date", first), ("last_date", last)):
        page.locator(f"input[name='notices-0-value-{name}']").click()
        page.keyboard.type(typed)
        page.keyboard.press("Tab")
    page.locator("input[name='notices-0-value-closed']").check()
    page.locator("input[name='notices-0-value-message']").fill(
        "Closed for staff training. If a baby is in immediate danger, call 999."
    )


def take_screenshots(base, page_id):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context, page = sign_in(browser, base, "editor")
        save(page, "dashboard")

        edit_url = f"{base}/admin/pages/{page_id}/edit/"
        page.goto(edit_url)
        page.wait_for_selector("input[name=summary]")
        save(page, "editing-a-page")

        page.fill("input[name=summary]", "Where and how your baby sleeps safely, every time.")
        open_action_menu(page)
        save(page, "submitting-for-sign-off")
        page.locator("button[name=action-submit]").click()
        page.wait_for_selector(".messages")
        # The listing after submitting: what is still missing, and "Waiting for sign-off since".
        page.locator("[data-sign-off-standing]").first.wait_for()
        save(page, "waiting-for-sign-off")

        page.goto(f"{base}/admin/snippets/resources/resource/add/")
        page.wait_for_selector("input[name=title]")
        save(page, "adding-a-resource")
        page.goto(f"{base}/admin/snippets/resources/resource/")
        page.wait_for_selector("table.listing")
        save(page, "resource-list")

        page.goto(f"{base}/admin/settings/helpline/helplinesettings/")
        page.get_by_role("alert").wait_for()
        save(page, "refused")
        context.close()

        context, page = sign_in(browser, base, "lead")
        save(page, "disclosure-dashboard")
        page.locator("[data-possible-disclosures] a").first.click()
        page.get_by_label("What was done").wait_for()
        page.get_by_label("What was done").fill(
            "Passed to the duty safeguarding lead at 10:15; no details to follow up."
        )
        save(page, "disclosure-answer")
        page.get_by_role("button", name="Mark dealt with").click()
        page.wait_for_selector(".messages")
        page.goto(f"{base}/admin/")
        save(page, "approving-dashboard")
        page.get_by_role("link", name="Compare with live").first.click()
        page.locator("[data-review-from-compare]").wait_for()
        save(page, "compare-with-live")
        page.goto(edit_url)
        open_action_menu(page)
        save(page, "approving")
        page.keyboard.press("Escape")
        dialog = choose(page, "reject")
        dialog.get_by_label("What needs to change").fill(
            "Say “firm, flat and waterproof” for the mattress, as the national advice does."
        )
        save(page, "requesting-changes")
        dialog.get_by_role("button", name="Request changes").click()
        page.wait_for_selector(".messages")
        context.close()

        context, page = sign_in(browser, base, "editor")
        page.goto(edit_url)
        page.locator("[data-changes-requested]").wait_for()
        save(page, "changes-requested")
        open_action_menu(page)
        page.get_by_role("button", name="Resubmit for sign-off").click()
        page.wait_for_selector(".messages")
        context.close()

        context, page = sign_in(browser, base, "lead")
        page.goto(edit_url)
        choose(page, "approve")
        save(page, "approving-dialog")
        page.keyboard.press("Escape")

        page.get_by_role("button", name="Toggle status").click()
        page.wait_for_timeout(300)
        page.get_by_role("button", name="Set schedule").first.click()
        page.wait_for_timeout(500)
        save(page, "scheduling")
        page.keyboard.press("Escape")

        page.goto(f"{base}/admin/reports/content-review/")
        page.locator("#content-review tbody tr").first.get_by_role(
            "link", name="Confirm reviewed"
        ).wait_for()
        save(page, "content-review")

        page.goto(f"{base}/admin/settings/helpline/helplinesettings/")
        page.wait_for_selector("input[name=phone_display]")
        save(page, "changing-the-helpline")
        add_closure(page, "12/25/2027", "26/12/2027")
        page.locator("footer button[type=submit]").first.click()
        notice = page.locator("input[name='notices-0-value-first_date']")
        notice.wait_for()
        notice.scroll_into_view_if_needed()
        save(page, "helpline-date-refused")
        page.fill("input[name='notices-0-value-first_date']", today_typed())
        page.fill("input[name='notices-0-value-last_date']", today_typed())
        page.locator("footer button[type=submit]").first.click()
        page.get_by_label("Yes, close the helpline on these dates").wait_for()
        page.get_by_label("Yes, close the helpline on these dates").scroll_into_view_if_needed()
        save(page, "helpline-closure-confirm")
        context.close()
        browser.close()


def main():
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is needed and is not at {CHROMIUM}")
    IMAGES.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="pb-screenshots-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "protecting_babies.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "ADMIN_2FA_REQUIRED": "false",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        print("Building a throwaway site…")  # noqa: T201
        page_id = prepare_site(env)
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz")
        print("Taking screenshots:")  # noqa: T201
        take_screenshots(base, page_id)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

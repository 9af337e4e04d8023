"""A lead changes the helpline: within a second, every gunicorn worker on the host shows the
new number, on the pages it had rendered (and cached) before the change and on pages it renders
after it, and on the 429 page a visitor over a budget gets (the budgets, too, are one for both
workers). A wrong helpline number is the worst thing this site could show.

Two worker processes on one host, each reached on a port of its own so that the test knows
which one answers: two gunicorn instances of one worker each, sharing the database and Redis,
as two workers of one instance do (the app is not preloaded: each worker has memory of its
own). Without REDIS_URL each worker kept the chrome and its version in its own memory, so one
worker went on showing the old number, and stored it in the host's page cache for both: the
production settings now refuse to start without it (docs/deployment.md).
"""

import itertools
import json
import subprocess
import time
from types import SimpleNamespace

import pytest
import requests
from bs4 import BeautifulSoup

from tests.support.stack import Stack, sign_in
from tests.support.users import PASSWORD, helpline_form_data

# How long a worker may serve what it kept itself (the page cache's and the chrome's copies).
LOCAL_COPY_SECONDS = 1
NEW_DISPLAY, NEW_DIAL = "0300 300 0999", "+443003000999"
LEAD = "helpline-lead"
# Visitors ask both workers for the same site, as behind the proxy: one Host, so one page cache
# entry per page for both. Each has an address of their own (the proxy's X-Forwarded-For), so
# one may spend its budget and be refused (a 429 page, with the helpline) while the other reads.
VISITOR = {"Host": "localhost", "X-Forwarded-For": "198.51.100.1"}
REFUSED = {"Host": "localhost", "X-Forwarded-For": "198.51.100.2"}
# Missing pages a visitor may ask for before being refused any render (an hour's budget, so
# that it does not refill while the test runs).
NOT_FOUND_RATE = "20/h"
MISSING = itertools.count()

# Starts servers of its own: not in `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workers():
    with Stack(instances=2, workers=1, extra_env={"NOT_FOUND_RATE": NOT_FOUND_RATE}) as stack:
        stack.shell(
            "from django.contrib.auth import get_user_model; "
            "from core.roles import LEADS; from editorial.roles import setup_editorial_workflow; "
            "groups, _ = setup_editorial_workflow(); "
            f"lead = get_user_model().objects.create_user({LEAD!r}, password={PASSWORD!r}); "
            "lead.groups.add(groups[LEADS])"
        )
        yield stack


def site_paths(stack):
    """Pages of every kind that show the helpline: ones rendered before the change, and ones
    first rendered after it."""
    paths = json.loads(
        stack.shell(
            "import json; "
            "from parents.models import AdvicePage; "
            "from resources.models import ResourceIndexPage; "
            "from strategy.models import StandardPage, WorkstreamPage; "
            "workstreams = [p.url for p in WorkstreamPage.objects.order_by('number')]; "
            "advice = [p.url for p in AdvicePage.objects.order_by('path')]; "
            "print(json.dumps({"
            "'before': ['/', workstreams[0], advice[0], '/not-a-page-before/'], "
            "'after': [workstreams[1], ResourceIndexPage.objects.get().url, advice[1], "
            "StandardPage.objects.get(slug='privacy-notice').url, '/not-a-page-after/']}))"
        )
    )
    return paths["before"], paths["after"]


def visit(base, path):
    return requests.get(f"{base}{path}", headers=VISITOR, timeout=30)


def refused(base):
    """What the worker answers the visitor who asked for too many missing pages: each time a
    new one, so never a page the cache could answer."""
    return requests.get(f"{base}/not-a-page-{next(MISSING)}/", headers=REFUSED, timeout=30)


def answers(base, paths):
    """(what, response) for every kind of answer the worker gives visitors: each page, and a
    refusal."""
    yield from ((path, visit(base, path)) for path in paths)
    yield "a refusal", refused(base)


def dialled(response):
    """The numbers the page's phone links dial (the helpline box, the crying plan...; a page
    may also link 999 and NHS 111)."""
    page = BeautifulSoup(response.text, "html.parser")
    return {link["href"] for link in page.select('a[href^="tel:"]')}


def shows_only(response, dial):
    """Whether the page links the helpline as `dial`, and links no other number but 999 and
    NHS 111."""
    return dialled(response) - {"tel:999", "tel:111"} == {f"tel:{dial}"}


def helpline(stack):
    """The helpline setting's current values, as the edit form shows them."""
    values = json.loads(
        stack.shell(
            "import json; from wagtail.models import Site; "
            "from helpline.models import HelplineSettings; "
            "from tests.support.users import HELPLINE_TEXT_FIELDS; "
            "site = Site.objects.get(is_default_site=True); "
            "helpline = HelplineSettings.for_site(site); "
            "print(json.dumps({'site': site.pk, 'dial': helpline.phone_dial, "
            "'fields': {name: getattr(helpline, name) for name in HELPLINE_TEXT_FIELDS}}))"
        )
    )
    return values["site"], values["dial"], SimpleNamespace(**values["fields"])


@pytest.mark.redis
def test_every_worker_shows_a_changed_helpline_within_a_second(workers):
    a, b = workers.urls
    before, after = site_paths(workers)
    site, old_dial, current = helpline(workers)
    assert old_dial != NEW_DIAL
    for base in (a, b):
        for path in before:
            for _ in range(2):  # rendered, then served from the page cache
                assert shows_only(visit(base, path), old_dial), f"{base}{path}"
    for _ in range(int(NOT_FOUND_RATE.split("/")[0])):
        assert refused(a).status_code == 404
    for base in (a, b):  # the budget is one for both workers
        response = refused(base)
        assert response.status_code == 429, f"{base} did not count what {a} counted"
        assert shows_only(response, old_dial)

    # A safeguarding lead changes the number through the admin of the first worker.
    lead = sign_in(a, LEAD, PASSWORD)
    form = f"{a}/admin/settings/helpline/helplinesettings/{site}/"
    lead.get(form, timeout=30).raise_for_status()
    data = helpline_form_data(current, phone_display=NEW_DISPLAY, phone_dial=NEW_DIAL)
    data["csrfmiddlewaretoken"] = lead.cookies["csrftoken"]
    saved = lead.post(form, data=data, allow_redirects=False, timeout=60)
    assert saved.status_code == 302, saved.text[:2000]
    changed = time.monotonic()

    # Visitors keep coming meanwhile: the other worker first, so any page it renders with what
    # it kept of the old helpline is stored in the shared page cache for both to serve.
    while time.monotonic() < changed + LOCAL_COPY_SECONDS:
        for base in (b, a):
            for path in before + after:
                visit(base, path)

    stale = []
    for _ in range(3):
        for base in (b, a):
            for path, response in answers(base, before + after):
                if not shows_only(response, NEW_DIAL):
                    what = f"{response.status_code} {response.headers.get('X-Page-Cache')}"
                    stale.append(f"{base} {path} ({what}) dials {sorted(dialled(response))}")
    assert not stale, "\n".join(["A second after the change, still the old helpline:", *stale])


def test_two_workers_without_a_shared_cache_refuse_to_start():
    """The shape that served the old number: one host, two workers, no REDIS_URL. Production
    does not start, saying why, so no worker can keep a helpline of its own."""
    stack = Stack(instances=1, workers=2, extra_env={"REDIS_URL": ""})
    try:
        process, log = stack.launch(stack.ports[0])
        try:
            # gunicorn listens, then its workers load the site: each fails to, and it stops.
            exited = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("gunicorn started without a shared cache and is still serving")
        output = log.read_text()
    finally:
        stack.stop()
    assert exited != 0
    assert "REDIS_URL must be set in production" in output

"""Fixtures shared by the whole suite."""

import io
import os

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from caching import breaker
from caching.cache import forget_local_copies, page_cache
from core.ratelimit import REFUSALS
from parents.models import AdvicePage, ParentsIndexPage
from resources.models import ResourceIndexPage
from sitechrome.chrome import forget_recent_chrome
from strategy.models import StandardPage, StrategyPage, WorkstreamPage
from tests.support.factories import build_site

# Playwright's synchronous API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failure: nothing may silently not run there."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which is not allowed: {report.longrepr}"


# The Redis server the tests marked `redis` use (each in its own database number).
LOCAL_REDIS = "redis://127.0.0.1:6379"


def pytest_collection_finish(session):
    """Tests marked `redis` need the local Redis: without it, say so in one line rather than
    fail one by one, obscurely."""
    needing = [item for item in session.items if item.get_closest_marker("redis")]
    if not needing:
        return
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as error:
        pytest.exit(
            f"{len(needing)} of the tests selected need Redis at {LOCAL_REDIS} ({error}): start it "
            "(redis-server --daemonize yes), or leave them out with -m 'not redis'.",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


def load_launch_content():
    call_command("load_launch_content", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the launch content loaded once for the whole session:
    each test runs inside a transaction that is rolled back, so every test starts from it."""
    with django_db_blocker.unblock():
        load_launch_content()
        # What a test with serialized_rollback=True starts from: this content, not the bare
        # database Django serialized when it made it.
        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def launch_content(db):
    """The site as `make run` builds it, from the launch content."""
    if not StrategyPage.objects.exists():
        # A test with a live server (transactional_db) empties the database after it.
        load_launch_content()
    return {
        "strategy": StrategyPage.objects.get(),
        "workstreams": {page.number: page for page in WorkstreamPage.objects.all()},
        "library": ResourceIndexPage.objects.get(),
        "standard": {page.slug: page for page in StandardPage.objects.all()},
        "parents": ParentsIndexPage.objects.get(),
        "advice": {page.slug: page for page in AdvicePage.objects.all()},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache and a closed breaker: nothing cached by one test
    leaks into another."""
    cache.clear()
    breaker.reset()
    forget_local_copies()
    REFUSALS.clear()
    forget_recent_chrome()
    yield
    cache.clear()
    breaker.reset()
    forget_local_copies()
    REFUSALS.clear()
    forget_recent_chrome()


@pytest.fixture
def cached_site(settings, launch_content):
    """The launch content with the page cache switched on and empty, and each page kept but
    for its per-request parts (caching/fragments.py), as in production."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_FRAGMENTS_ENABLED = True
    page_cache().clear()
    yield launch_content
    page_cache().clear()


@pytest.fixture
def site(db):
    """A site the test builds with the factories (tests/support/factories.py): a home page of
    its own as the default site's root, with the helpline. Nothing of the launch copy is on it.
    The browser tests have a `site` of their own (tests/browser/conftest.py): the launch copy
    on a live server."""
    return build_site()

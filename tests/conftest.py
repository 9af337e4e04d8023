"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.management import call_command

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


@pytest.fixture
def launch_content(db):
    """The site as `make run` builds it, from the launch content."""
    call_command("load_launch_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from resources.models import ResourceIndexPage
    from strategy.models import StandardPage, StrategyPage, WorkstreamPage

    strategy = StrategyPage.objects.get()
    return {
        "strategy": strategy,
        "workstreams": {page.number: page for page in WorkstreamPage.objects.all()},
        "library": ResourceIndexPage.objects.get(),
        "standard": {page.slug: page for page in StandardPage.objects.all()},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so nothing cached by one test leaks into another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cached_site(settings, launch_content):
    """The launch content with the page cache switched on and empty."""
    from protecting_babies.cache import _state, page_cache

    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    _state.update(down_until=0.0, purge_pending=False)
    yield launch_content
    page_cache().clear()

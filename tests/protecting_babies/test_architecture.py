"""The layout holds: imports run one way (core <- domain <- features), and every page type and
setting is where the system checks say it must be."""

import ast
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core import checks
from wagtail.models import Page

from protecting_babies.checks import check_page_models_extend_base_page
from strategy.models import StandardPage

ROOT = Path(settings.BASE_DIR)
CORE, DOMAIN, FEATURE = 0, 1, 2
LAYERS = {
    "protecting_babies": CORE,
    "strategy": DOMAIN,
    "resources": DOMAIN,
    "parents": DOMAIN,
    "caching": FEATURE,
    "editorial": FEATURE,
    "accounts": FEATURE,
    "search": FEATURE,
    "launch": FEATURE,
}
# The project's wiring names every app by design (docs/architecture.md).
WIRING = {"protecting_babies/urls.py", "protecting_babies/settings"}
# Within the domain layer, the one direction allowed: the library lists workstreams.
DOMAIN_EDGES = {("resources", "strategy")}


def imports_of(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]


def wrong_way_imports():
    for app, layer in LAYERS.items():
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or any(relative.startswith(w) for w in WIRING):
                continue
            for target in set(imports_of(path)) - {app}:
                if target not in LAYERS:
                    continue
                other = LAYERS[target]
                if (
                    other > layer
                    or (other == layer == FEATURE)
                    or (other == layer == DOMAIN and (app, target) not in DOMAIN_EDGES)
                ):
                    yield f"{relative} imports {target}"


def test_imports_run_one_way():
    assert list(wrong_way_imports()) == []


def test_the_rule_would_catch_a_core_module_importing_a_feature(tmp_path, monkeypatch):
    bad = tmp_path / "protecting_babies"
    bad.mkdir()
    (bad / "oops.py").write_text("from caching.chrome import get_site_chrome\n")
    monkeypatch.setattr("tests.protecting_babies.test_architecture.ROOT", tmp_path)
    assert list(wrong_way_imports()) == ["protecting_babies/oops.py imports caching"]


def test_the_system_checks_pass_on_this_project(db):
    assert [str(message) for message in checks.run_checks()] == []


def test_a_page_cache_after_the_session_middleware_is_an_error(settings):
    middleware = [m for m in settings.MIDDLEWARE if m != "caching.middleware.PageCacheMiddleware"]
    session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    middleware.insert(session + 1, "caching.middleware.PageCacheMiddleware")
    settings.MIDDLEWARE = middleware
    ids = [message.id for message in checks.run_checks()]
    assert "caching.E002" in ids


def test_a_render_budget_before_the_security_headers_is_an_error(settings):
    budget = "caching.middleware.BudgetMiddleware"
    middleware = [m for m in settings.MIDDLEWARE if m != budget]
    middleware.insert(middleware.index("caching.middleware.PageCacheMiddleware") + 1, budget)
    settings.MIDDLEWARE = middleware
    assert "caching.E004" in [message.id for message in checks.run_checks()]
    settings.MIDDLEWARE = [m for m in middleware if m != budget]
    assert "caching.E003" in [message.id for message in checks.run_checks()]


def test_a_signed_in_budget_missing_or_before_authentication_is_an_error(settings):
    signed_in = "caching.middleware.SignedInBudgetMiddleware"
    middleware = [m for m in settings.MIDDLEWARE if m != signed_in]
    settings.MIDDLEWARE = middleware
    assert "caching.E006" in [message.id for message in checks.run_checks()]
    middleware.insert(middleware.index("caching.middleware.BudgetMiddleware") + 1, signed_in)
    settings.MIDDLEWARE = middleware
    assert "caching.E006" in [message.id for message in checks.run_checks()]


def test_a_document_extension_without_a_content_check_is_an_error(settings):
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "exe"]
    messages = checks.run_checks()
    assert [m.id for m in messages] == ["protecting_babies.E002"]
    assert "exe" in messages[0].msg


def test_a_page_type_that_does_not_extend_base_page_is_an_error(monkeypatch):
    rogue = type("RoguePage", (), {"_meta": SimpleNamespace(label="tests.RoguePage")})
    monkeypatch.setattr(
        "protecting_babies.checks.get_page_models", lambda: [Page, StandardPage, rogue]
    )
    messages = check_page_models_extend_base_page(None)
    assert [(m.id, m.obj) for m in messages] == [("protecting_babies.E001", rogue)]

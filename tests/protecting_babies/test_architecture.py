"""The layout holds: every way one app can lean on another runs one way (core <- domain <-
features), except the crossings listed below by name; and every page type and setting is
where the system checks say it must be.

"Leaning on" is any of five things (docs/architecture.md, "Apps, and which way they lean"):
- an `import` (in any module, migrations included);
- a model or permission named as a string: `"resources.Resource"` in a block or a field,
  `PageChooserBlock(page_type=...)`, `subpage_types`, `apps.get_model("app", "Model")`,
  `app_label="app"`, a permission `"app.codename"` or `("app", "model", "codename")` (in a
  module, or in a data migration's code);
- a migration's dependency on another app's migration;
- a template tag library loaded in an app's templates (`{% load x_tags %}`, owned by the app
  whose `templatetags/` holds it).
"""

import ast
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import checks
from wagtail.models import Page

from core.checks import check_page_models_extend_base_page
from strategy.models import StandardPage

ROOT = Path(settings.BASE_DIR)
# The layers, from the bottom: an app may lean on an app of a lower layer, never on one of its
# own or a higher layer, except within the domain as DOMAIN_EDGES allows. Keyed by the app's
# folder (its module); APP_LABELS maps a label that differs from the folder (the core keeps the
# label "protecting_babies", so its tables and history stay) to that folder.
CORE, SERVICE, DOMAIN, CHROME, FEATURE = 0, 1, 2, 3, 4
LAYERS = {
    "core": CORE,
    # What pages are kept and served with, knowing no content: the page cache.
    "caching": SERVICE,
    # Images and documents: the image model, upload rules, the admin's upload views.
    "images": SERVICE,
    # The helpline: its setting, notices, history and report.
    "helpline": SERVICE,
    "strategy": DOMAIN,
    "resources": DOMAIN,
    "parents": DOMAIN,
    # What every page shows around its content (the menu lists the workstreams).
    "sitechrome": CHROME,
    "budgets": FEATURE,
    "feedback": FEATURE,
    "editorial": FEATURE,
    "accounts": FEATURE,
    "search": FEATURE,
    "launch": FEATURE,
}
APP_LABELS = {"protecting_babies": "core"}
# The project's wiring names every app by design (docs/architecture.md); so do the project's
# own templates (templates/: base.html and the page templates, where the pieces meet). The
# project package (protecting_babies/: settings, URLs, WSGI, logging, health checks, error
# pages) is wiring as a whole: it is no app.
WIRING = {"protecting_babies/"}
# Within the domain layer, the directions allowed: strategy holds the home page and the
# workstreams, which the library and the parents' advice refer to.
DOMAIN_EDGES = {("resources", "strategy"), ("parents", "strategy")}

# Today's crossings, each named and why. The list is frozen: a new crossing fails
# test_nothing_leans_the_wrong_way_but_the_known_crossings, and a crossing removed without
# removing it here fails test_every_known_crossing_is_still_there, so the list stays true.
# Issue 26's move (the core split into the project, `core/`, the helpline, images and
# editorial's sign-off; the chrome out of caching/) removes those marked "issue 26".
KNOWN_CROSSINGS = {
    # The home page lists the sections it may hold (Wagtail's subpage_types). The sections
    # already name the home page as their parent, so this list could go; not part of issue 26.
    "strategy/models.py names parents.ParentsIndexPage",
    "strategy/models.py names resources.ResourceIndexPage",
    # The review report and reminder email show each page's feedback through feedback's tags,
    # so that editorial imports nothing of feedback (a feature using another's templates).
    "editorial/templates/editorial/review_report_results.html loads feedback_tags of feedback",
    "editorial/templates/editorial/review_reminder_email.txt loads feedback_tags of feedback",
}


def leans_wrong_way(app, target):
    """Whether `app` may not lean on `target` (both apps of ours, not the same)."""
    layer, other = LAYERS[app], LAYERS[target]
    if other == layer == DOMAIN:
        return (app, target) not in DOMAIN_EDGES
    return other >= layer


def app_named(label):
    """The folder of the app of ours with this label, or None."""
    app = APP_LABELS.get(label, label)
    return app if app in LAYERS else None


def imports_of(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]


NAMED = re.compile(r"(?P<app>[a-z_]+)\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)")


def strings(node):
    return [n.value for n in node if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def names_in(tree):
    """Models and permissions named as strings, as "app.Model" or "app.codename"."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = NAMED.fullmatch(node.value)
            if match and app_named(match["app"]):
                yield node.value
        elif isinstance(node, ast.Tuple) and len(node.elts) == 3:
            # ("app", "model", "codename"): a permission, as the roles name them.
            app, model, codename = (strings(node.elts) + [None] * 3)[:3]
            if app_named(app) and model and codename and codename.endswith(f"_{model}"):
                yield f"{app}.{codename}"
        elif isinstance(node, ast.Call):
            # apps.get_model("app", "Model")
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = strings(node.args[:2])
            if name == "get_model" and len(args) == 2 and app_named(args[0]):
                yield f"{args[0]}.{args[1]}"
            # ContentType.objects.get(app_label="app", model="model"), __app_label= lookups
            for keyword in node.keywords:
                if (keyword.arg or "").endswith("app_label"):
                    (app,) = strings([keyword.value]) or [None]
                    if app_named(app):
                        models = [k.value for k in node.keywords if (k.arg or "").endswith("model")]
                        (model,) = strings(models) or ["*"]
                        yield f"{app}.{model}"


def data_migration_code(tree):
    """The functions of a migration (what RunPython runs), not its generated operations."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node


def dependencies_of(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            getattr(target, "id", None) == "dependencies" for target in node.targets
        ):
            for item in getattr(node.value, "elts", []):
                pair = strings(getattr(item, "elts", []))
                if len(pair) == 2:
                    yield pair


LOAD = re.compile(r"\{%\s*load\s+(?P<libraries>.+?)\s*%\}")


def tag_libraries():
    """Each template tag library of ours, and the app that owns it."""
    return {
        path.stem: app
        for app in LAYERS
        for path in (ROOT / app).glob("templatetags/*.py")
        if path.stem != "__init__"
    }


def loads_in(text):
    for match in LOAD.finditer(text):
        words = match["libraries"].split()
        # {% load name other from library %} loads from the library after "from".
        yield from words[words.index("from") + 1 :] if "from" in words else words


def crossings():
    """Every place an app leans on another the wrong way, as "<file> <how> <what>"."""
    libraries = tag_libraries()
    found = set()
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if any(relative.startswith(w) for w in WIRING) or "__pycache__" in relative:
                continue
            leaned_on = []
            if path.suffix == ".py":
                tree = ast.parse(path.read_text(encoding="utf-8"))
                leaned_on += [(target, f"imports {target}") for target in imports_of(tree)]
                if "/migrations/" in relative:
                    leaned_on += [
                        (app_named(target), f"depends on {target}.{name}")
                        for target, name in dependencies_of(tree)
                    ]
                    code = list(data_migration_code(tree))
                else:
                    code = [tree]
                leaned_on += [
                    (app_named(name.split(".")[0]), f"names {name}")
                    for part in code
                    for name in names_in(part)
                ]
            elif "/templates/" in relative and path.is_file():
                for library in loads_in(path.read_text(encoding="utf-8")):
                    if library in libraries:
                        target = libraries[library]
                        leaned_on.append((target, f"loads {library} of {target}"))
            for target, how in leaned_on:
                if target in LAYERS and target != app and leans_wrong_way(app, target):
                    found.add(f"{relative} {how}")
    return found


def test_every_app_of_ours_has_a_layer():
    # Ours: under the project's folder, and not an installed package (the virtualenv, .venv,
    # sits in the project's folder too).
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT.resolve())
        and "site-packages" not in Path(config.path).parts
    }
    assert ours == set(LAYERS)


def test_nothing_leans_the_wrong_way_but_the_known_crossings():
    assert sorted(crossings() - KNOWN_CROSSINGS) == []


def test_every_known_crossing_is_still_there():
    """A crossing removed is removed from KNOWN_CROSSINGS too, so the list stays true."""
    assert sorted(KNOWN_CROSSINGS - crossings()) == []


def test_coverage_measures_every_app():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # Every app, and the project package (settings, health checks, error pages).
    assert sorted(pyproject["tool"]["coverage"]["run"]["source"]) == sorted(
        [*LAYERS, "protecting_babies"]
    )


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "core/oops.py",
            "from sitechrome.chrome import get_site_chrome\n",
            "core/oops.py imports sitechrome",
        ),
        (
            "core/blocks_extra.py",
            'block = SnippetChooserBlock("feedback.PageFeedback")\n',
            "core/blocks_extra.py names feedback.PageFeedback",
        ),
        (
            "strategy/models_extra.py",
            'page = PageChooserBlock(page_type="parents.AdvicePage")\n',
            "strategy/models_extra.py names parents.AdvicePage",
        ),
        (
            "core/perms.py",
            'PERMISSIONS = [("editorial", "reviewremindersent", "view_reviewremindersent")]\n',
            "core/perms.py names editorial.view_reviewremindersent",
        ),
        (
            "parents/views_extra.py",
            'allowed = user.has_perm("search.change_query")\n',
            "parents/views_extra.py names search.change_query",
        ),
        (
            "resources/migrations/0099_roles.py",
            "def setup(apps, schema_editor):\n"
            '    apps.get_model("feedback", "PageFeedback")\n'
            "class Migration:\n"
            '    dependencies = [("resources", "0003_page_feedback"),'
            ' ("editorial", "0001_initial")]\n',
            "resources/migrations/0099_roles.py depends on editorial.0001_initial\n"
            "resources/migrations/0099_roles.py names feedback.PageFeedback",
        ),
        (
            "accounts/templates/accounts/oops.html",
            "{% load wagtailcore_tags feedback_tags %}\n",
            "accounts/templates/accounts/oops.html loads feedback_tags of feedback",
        ),
    ],
)
def test_the_rule_catches_each_way_of_leaning(tmp_path, monkeypatch, path, text, expected):
    for app in LAYERS:
        (tmp_path / app).mkdir()
    (tmp_path / "feedback" / "templatetags").mkdir()
    (tmp_path / "feedback" / "templatetags" / "feedback_tags.py").write_text("")
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text(text)
    monkeypatch.setattr("tests.protecting_babies.test_architecture.ROOT", tmp_path)
    assert sorted(crossings()) == expected.splitlines()


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
    budget = "budgets.middleware.BudgetMiddleware"
    middleware = [m for m in settings.MIDDLEWARE if m != budget]
    middleware.insert(middleware.index("caching.middleware.PageCacheMiddleware") + 1, budget)
    settings.MIDDLEWARE = middleware
    assert "budgets.E002" in [message.id for message in checks.run_checks()]
    settings.MIDDLEWARE = [m for m in middleware if m != budget]
    assert "budgets.E001" in [message.id for message in checks.run_checks()]


def test_a_signed_in_budget_missing_or_before_authentication_is_an_error(settings):
    signed_in = "budgets.middleware.SignedInBudgetMiddleware"
    middleware = [m for m in settings.MIDDLEWARE if m != signed_in]
    settings.MIDDLEWARE = middleware
    assert "budgets.E003" in [message.id for message in checks.run_checks()]
    middleware.insert(middleware.index("budgets.middleware.BudgetMiddleware") + 1, signed_in)
    settings.MIDDLEWARE = middleware
    assert "budgets.E003" in [message.id for message in checks.run_checks()]


def test_a_page_type_that_does_not_extend_base_page_is_an_error(monkeypatch):
    rogue = type("RoguePage", (), {"_meta": SimpleNamespace(label="tests.RoguePage")})
    monkeypatch.setattr("core.checks.get_page_models", lambda: [Page, StandardPage, rogue])
    messages = check_page_models_extend_base_page(None)
    assert [(m.id, m.obj) for m in messages] == [("protecting_babies.E001", rogue)]

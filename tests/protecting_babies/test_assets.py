"""The built CSS and JavaScript: within budget, no web fonts or GOV.UK images, tree-shaken."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings

DIST = Path(settings.BASE_DIR) / "static" / "dist"
BUDGETS = {"main.css": 15 * 1024, "main.js": 8 * 1024}


def built(name):
    path = DIST / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make assets` first")
    return path.read_bytes()


@pytest.mark.parametrize(("name", "budget"), list(BUDGETS.items()))
def test_assets_are_within_their_gzip_budget(name, budget):
    assert len(gzip.compress(built(name), compresslevel=9)) <= budget


def test_css_loads_no_fonts_and_no_images():
    css = built("main.css").decode("utf-8-sig")
    assert "@font-face" not in css
    assert "GDS Transport" not in css
    assert "url(" not in css, "no GOV.UK crest, crown or font files"
    assert "system-ui" in css
    assert "#1d3f73" in css, "the partnership's brand colour"
    assert "@media print" in css


def test_js_holds_only_the_components_the_site_uses():
    js = built("main.js").decode()
    for used in ("govuk-skip-link", "govuk-button", "govuk-exit-this-page-overlay"):
        assert used in js
    for unused in ("govuk-accordion", "govuk-character-count", "govuk-tabs", "govuk-radios"):
        assert unused not in js, f"{unused} should have been tree-shaken away"
    assert "window.location.replace" in js or "location.replace" in js

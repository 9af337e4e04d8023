"""Reflow and zoom: no sideways scrolling at 320 px, nothing overlapping at 200 % text size,
and every page whole without JavaScript."""

import pytest

from tests.support.public_content import (
    PUBLIC_PAGES,
    add_video,
    set_opening_hours,
)

# Pairs of visible text elements whose boxes overlap (neither inside the other).
OVERLAPS_JS = """() => {
  const els = [...document.querySelectorAll(
    'h1, h2, h3, h4, p, li, dt, dd, a, button, label, summary, legend, input, span.govuk-caption-l'
  )].filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
      && !el.closest('.govuk-visually-hidden, .govuk-skip-link, .govuk-exit-this-page'));
  // Inline elements that wrap have one box per line: compare those, not their bounding box.
  const boxes = els.map((el) => [...el.getClientRects()]);
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const found = [];
  for (let i = 0; i < els.length; i++) {
    for (let j = i + 1; j < els.length; j++) {
      if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
      if (boxes[i].some((a) => boxes[j].some((b) => hit(a, b)))) {
        found.push(els[i].outerHTML.slice(0, 80) + ' / ' + els[j].outerHTML.slice(0, 80));
      }
    }
  }
  return found;
}"""

SIDEWAYS_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def content(site):
    add_video(site.content["workstreams"][4])
    set_opening_hours([(["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00")])
    return site


@pytest.fixture
def zoom_context(browser):
    # The text size is raised with a style sheet, which the site's own CSP would refuse.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    yield context
    context.close()


def test_no_page_scrolls_sideways_at_320_px(content, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for name, path in PUBLIC_PAGES.items():
        page.goto(content.url(path))
        assert page.evaluate(SIDEWAYS_JS) <= 0, f"{name} scrolls sideways at 320 px"


def test_nothing_overlaps_at_200_percent_text_size(content, zoom_context):
    page = zoom_context.new_page()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in PUBLIC_PAGES.items():
            page.goto(content.url(path))
            before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            page.add_style_tag(content="html { font-size: 200% !important; }")
            after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert after >= 1.9 * before, "the text did not grow: the check would mean nothing"
            overlaps = page.evaluate(OVERLAPS_JS)
            assert not overlaps, f"{name} at {width}px, 200% text:\n" + "\n".join(overlaps)
            assert page.evaluate(SIDEWAYS_JS) <= 0, f"{name} scrolls sideways at 200% text"
    page.close()


def test_every_page_is_whole_without_javascript(content, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    for name, path in PUBLIC_PAGES.items():
        page.goto(content.url(path))
        assert page.locator("h1").is_visible(), name
        assert page.locator("nav[aria-label=Main] a").first.is_visible(), name
        assert page.locator("a.govuk-exit-this-page__button").is_visible(), name
        emergency = page.locator("footer").get_by_text(
            "If a baby is in immediate danger, call 999."
        )
        assert emergency.is_visible(), name
        assert page.locator(".app-helpline__hours").is_visible(), name
        # Nothing claims the helpline is open or closed when the browser cannot work it out.
        assert page.locator("[data-helpline-status]").is_hidden(), name
    page.goto(content.url(PUBLIC_PAGES["workstream"]))
    video = page.locator(".app-video")
    assert video.locator("a[href^='https://www.youtube.com/watch']").is_visible()
    assert video.locator("button.app-video__play").is_hidden()
    assert video.get_by_text("where your baby sleeps").is_visible()
    page.goto(content.url(PUBLIC_PAGES["library"]))
    page.get_by_label("Professionals").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "audience=professionals" in page.url
    context.close()

"""Keyboard only: the skip link, a visible focus everywhere, every control reachable by Tab."""

import pytest

from tests.support.public_content import add_video

# Every control a visitor can use, as the browser sees it (visible and not disabled). Tab reaches
# one radio button of a group (the arrow keys choose within it); a feedback box's honeypot is
# for scripts only (out of the tab order, hidden from assistive technology).
CONTROLS_JS = """() => {
  const radioGroups = new Set();
  return [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"])'
  )].filter((el) => {
    if (el.disabled || !el.getClientRects().length) return false;
    if (getComputedStyle(el).visibility === 'hidden') return false;
    if (el.getAttribute('tabindex') === '-1' || el.closest('[aria-hidden="true"]')) return false;
    if (el.type === 'radio') {
      if (radioGroups.has(el.name)) return false;
      radioGroups.add(el.name);
    }
    return true;
  }).map((el, index) => { el.dataset.controlIndex = index; return index; });
}"""

# How the focused element shows its focus: GOV.UK uses an outline, a box shadow or a yellow fill.
FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    index: el.dataset.controlIndex ?? null,
    tag: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    fill: style.backgroundColor === 'rgb(255, 221, 0)',
  };
}"""


def test_skip_link_is_first_and_moves_focus_to_the_content(site, page):
    page.goto(site.url("/safer-sleeping/"))
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    page.keyboard.press("Tab")
    skip = page.locator("a.govuk-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible() and skip.bounding_box()["height"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate(
        """() => {
          const main = document.getElementById('main-content');
          const el = document.activeElement;
          return main.contains(el)
            || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )


@pytest.mark.parametrize(
    ("path", "width"),
    [
        ("/all-babies-cry/", 1280),
        ("/useful-resources/?audience=parents", 1280),
        ("/", 390),
    ],
)
def test_every_control_is_reachable_by_tab_with_a_visible_focus(site, page, path, width):
    add_video(site.content["workstreams"][4])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url(path))
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    controls = set(page.evaluate(CONTROLS_JS))
    assert len(controls) > 10
    reached, unfocused = set(), []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus["index"] is None:
            continue
        reached.add(int(focus["index"]))
        if not (focus["outline"] or focus["shadow"] or focus["fill"]):
            unfocused.append(focus["tag"])
    missing = page.evaluate(
        "(missing) => missing.map((i) => document.querySelector(`[data-control-index='${i}']`)"
        ".outerHTML.slice(0, 120))",
        sorted(controls - reached),
    )
    assert not missing, f"not reachable by Tab: {missing}"
    assert not unfocused, f"focus not visible on: {unfocused}"

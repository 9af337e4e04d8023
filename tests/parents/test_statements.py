"""Every parents' page, as a parent reads it, keeps the safety statements whole: "you or your
partner" where the source has it, "walk away" only with the cot, no "a drink", and 999 and 111
always tappable (tests/support/statements.py)."""

import pytest

from parents.models import AdvicePage, ParentsIndexPage
from sitechrome.models import SiteLinks
from tests.support.statements import problems


def parents_pages():
    """The parents' section, each advice page under it, and the page on staying safe online."""
    index = ParentsIndexPage.objects.get()
    return [index, *AdvicePage.objects.child_of(index).live(), *staying_safe()]


def staying_safe():
    page = SiteLinks.objects.get().staying_safe_page
    return [page] if page else []


def test_every_parents_page_keeps_its_safety_statements_whole(client, launch_content):
    pages = parents_pages()
    assert len(pages) == 7
    found = {}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        found[page.url] = problems(response.content.decode())
    assert found == {page.url: [] for page in pages}


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            "<p>Do not share a bed with your baby if:</p><ul><li>you or your partner smoke</li>"
            "<li>you have taken drugs, or medicine that makes you sleepy</li></ul>",
            "bed sharing without 'you or your partner'",
        ),
        (
            "<ul><li>It is OK to walk away for a few minutes if it gets too much.</li></ul>",
            "'walk away' without the cot",
        ),
        ("<h2>It is OK to walk away</h2>", "'walk away' without the cot"),
        ("<p>Take slow breaths, have a drink or call someone.</p>", "'a drink'"),
        ("<p>If a baby is in danger, call 999.</p>", "999 is not a link"),
        ('<p>Call NHS 111 (<a href="tel:999">111</a>).</p>', "111 is not a link"),
    ],
)
def test_the_check_finds_each_broken_statement(html, problem):
    found = problems(f"<html><body><main>{html}</main></body></html>")
    assert any(line.startswith(problem) for line in found), found


def test_the_check_passes_whole_statements():
    html = (
        "<html><head><meta name='description' content='Walk away once your baby is down safely "
        "in their cot.'></head><body><h2>Never share a bed with your baby if:</h2><ul>"
        "<li>you or your partner have taken drugs, or medicine that may make you drowsy</li>"
        "</ul><ol><li>Put your baby down safely on their back in their cot.</li>"
        "<li>Walk away for a few minutes.</li></ol><p>Have a glass of water. Call "
        '<a href="tel:999">999</a>, or NHS <a href="tel:111">111</a>. Not 0800 111 2222.</p>'
        "</body></html>"
    )
    assert problems(html) == []

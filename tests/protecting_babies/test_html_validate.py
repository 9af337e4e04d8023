"""Every public page type is valid HTML by html-validate (npm), with .htmlvalidate.json."""

import datetime

import pytest
from django.utils import timezone

from tests.support.html_validate import html_problems
from tests.support.public_content import PUBLIC_PAGES, add_video, set_notices, set_opening_hours

pytestmark = pytest.mark.django_db


def test_every_public_page_type_is_valid_html(client, launch_content, tmp_path):
    add_video(launch_content["workstreams"][4])
    set_opening_hours([(["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00")])
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=3)
    set_notices([(today, today, True, "Closed today"), (soon, soon, False, "Open until 2pm")])
    pages = {}
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not_found" else 200), path
        pages[name] = response.content
    problems = html_problems(pages, tmp_path)
    assert not problems, "\n".join(problems)


def test_the_validator_does_catch_invalid_html(tmp_path):
    """A guard against a validator that passes everything (a missing config, a wrong path)."""
    bad = (
        b'<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        b'<body><div id="a"></div><div id="a"><p><div></div></p></div></body></html>'
    )
    problems = html_problems({"bad": bad}, tmp_path)
    assert any("(no-dup-id)" in problem for problem in problems), problems

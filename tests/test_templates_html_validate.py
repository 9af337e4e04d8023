"""Every public page type is valid HTML by html-validate (npm), with .htmlvalidate.json."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.public_content import PUBLIC_PAGES, add_video, set_opening_hours

HTML_VALIDATE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "html-validate"
CONFIG = Path(settings.BASE_DIR) / ".htmlvalidate.json"

pytestmark = pytest.mark.django_db


def test_every_public_page_type_is_valid_html(client, launch_content, tmp_path):
    if not HTML_VALIDATE.exists():
        pytest.fail("html-validate is missing: run `make assets` (npm ci) first")
    add_video(launch_content["workstreams"][4])
    set_opening_hours([(["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00")])
    files = []
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not_found" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(  # noqa: S603 (fixed arguments, our own files)
        [str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    reports = json.loads(result.stdout or "[]")
    problems = [
        f"{Path(report['filePath']).stem}:{message['line']}: {message['message']} "
        f"({message['ruleId']})"
        for report in reports
        for message in report["messages"]
    ]
    assert result.returncode == 0 and not problems, "\n".join(problems) or result.stderr


def test_the_validator_does_catch_invalid_html(tmp_path):
    """A guard against a validator that passes everything (a missing config, a wrong path)."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><div id="a"></div><div id="a"><p><div></div></p></div></body></html>'
    )
    result = subprocess.run(  # noqa: S603
        [str(HTML_VALIDATE), "--config", str(CONFIG), str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "no-dup-id" in result.stdout

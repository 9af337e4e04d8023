"""The search page, in each of its states, is valid HTML by html-validate (npm)."""

import json
import subprocess
from pathlib import Path

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.test_templates_html_validate import CONFIG, HTML_VALIDATE

STATES = {
    "empty": "",
    "results": "crying",
    "paged": "babies",
    "nothing": "qzxjvw",
    "close-spellings": "safe sleap",
    "too-long": "sleep " * 100,
    "promoted": "safer sleep",
}


def test_search_page_is_valid_html(client, launch_content, tmp_path):
    if not HTML_VALIDATE.exists():
        pytest.fail("html-validate is missing: run `make assets` (npm ci) first")
    query = Query.objects.create(query_string="safer sleep")
    SearchPromotion.objects.create(query=query, page=launch_content["library"], sort_order=0)
    files = []
    for name, q in STATES.items():
        response = client.get("/search/", {"q": q, "page": "1"})
        assert response.status_code == 200, name
        file = tmp_path / f"search-{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(  # noqa: S603 (fixed arguments, our own files)
        [str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    problems = [
        f"{Path(report['filePath']).stem}:{message['line']}: {message['message']}"
        for report in json.loads(result.stdout or "[]")
        for message in report["messages"]
    ]
    assert result.returncode == 0 and not problems, "\n".join(problems) or result.stderr

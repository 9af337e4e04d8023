"""Run html-validate (npm) with the project's .htmlvalidate.json over rendered pages."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

HTML_VALIDATE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "html-validate"
CONFIG = Path(settings.BASE_DIR) / ".htmlvalidate.json"


def html_problems(pages, directory):
    """Save each {name: HTML bytes} page and return html-validate's complaints, one a line."""
    if not HTML_VALIDATE.exists():
        pytest.fail("html-validate is missing: run `make assets` (npm ci) first")
    files = []
    for name, content in pages.items():
        file = Path(directory) / f"{name}.html"
        file.write_bytes(content)
        files.append(str(file))
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    problems = [
        f"{Path(report['filePath']).stem}:{message['line']}: {message['message']} "
        f"({message['ruleId']})"
        for report in json.loads(result.stdout or "[]")
        for message in report["messages"]
    ]
    if result.returncode != 0 and not problems:
        problems.append(result.stderr.strip() or f"html-validate exited {result.returncode}")
    return problems

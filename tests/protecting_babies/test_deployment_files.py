"""The container and server configuration: Docker cannot run here, so its essentials are read."""

import importlib.util
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def instructions(dockerfile, name):
    return [
        line.split(None, 1)[1]
        for line in dockerfile.replace("\\\n", " ").splitlines()
        if line.strip().upper().startswith(name + " ")
    ]


def test_dockerfile_builds_assets_in_node_then_runs_on_slim_python(dockerfile):
    stages = instructions(dockerfile, "FROM")
    assert len(stages) == 2
    assert stages[0].startswith("node:20") and stages[1].startswith("python:3.11-slim")
    assert any("--from=assets" in line for line in instructions(dockerfile, "COPY"))
    assert any("collectstatic" in line for line in instructions(dockerfile, "RUN"))


def test_dockerfile_runs_as_a_non_root_user(dockerfile):
    users = instructions(dockerfile, "USER")
    assert users, "the image must switch to a non-root user"
    assert users[-1].strip() not in {"root", "0"}


def test_dockerfile_bakes_in_no_secret(dockerfile):
    for name in ("ENV", "ARG"):
        for line in instructions(dockerfile, name):
            assert not re.search(r"(SECRET_KEY|PASSWORD|AWS_SECRET)\w*\s*=", line), line


def test_dockerfile_has_a_health_check_and_runs_gunicorn_without_migrating(dockerfile):
    health = instructions(dockerfile, "HEALTHCHECK")
    assert health and "/healthz" in health[0]
    cmd = instructions(dockerfile, "CMD")[-1]
    assert "gunicorn" in cmd and "gunicorn.conf.py" in cmd
    assert "migrate" not in cmd


def load_gunicorn_config(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gunicorn_takes_its_sizes_from_the_environment(monkeypatch):
    config = load_gunicorn_config(
        monkeypatch, GUNICORN_WORKERS="3", GUNICORN_THREADS="4", GUNICORN_TIMEOUT="20", PORT="9000"
    )
    assert (config.workers, config.threads, config.timeout) == (3, 4, 20)
    assert config.bind == "0.0.0.0:9000"
    assert config.max_requests > 0 and config.max_requests_jitter > 0
    assert config.accesslog == "-"
    # The access log keeps paths, never query strings (what people search for stays private).
    assert "%(U)s" in config.access_log_format and "%(r)s" not in config.access_log_format


def test_make_help_lists_the_two_readme_commands():
    output = subprocess.run(
        ["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"make run\s+Run the site", output)
    assert re.search(r"make test\s+Run the whole test suite", output)


def test_whitenoise_serves_hashed_compressed_static_files_with_far_future_caching(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES=storages, WHITENOISE_USE_FINDERS=False, DEBUG=False
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("images/favicon.svg")
        assert re.search(r"/favicon\.[0-9a-f]{12}\.svg$", url)
        response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert "max-age=315360000" in response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        assert response["Content-Encoding"] in {"gzip", "br"}

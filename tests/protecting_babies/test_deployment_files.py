"""The container and server configuration: Docker cannot run here, so its essentials are read:
the Dockerfile's stages and what they copy, the build context .dockerignore lets through (as
Docker's own Python SDK applies its rules), and gunicorn's settings."""

import importlib.util
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings
from docker.utils.build import exclude_paths

from editorial.guide import GUIDE

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


def stages(dockerfile):
    """{stage name: [(INSTRUCTION, arguments)]}, in order, continued lines joined."""
    found = {}
    for line in dockerfile.replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            words = arguments.split()
            name = words[-1] if len(words) == 3 and words[1].upper() == "AS" else str(len(found))
            found[name] = []
        found[name].append((keyword.upper(), arguments.strip()))
    return found


def copies(stage):
    """(the stage copied from or None for the build context, [sources], destination) for each
    COPY of the stage."""
    for keyword, arguments in stage:
        if keyword == "COPY":
            assert not arguments.startswith("["), "COPY in its plain form, please"
            words = arguments.split()
            flags = dict(word[2:].partition("=")[::2] for word in words if word.startswith("--"))
            paths = [word.rstrip("/") for word in words if not word.startswith("--")]
            yield flags.get("from"), paths[:-1], paths[-1]


# Files a working copy may hold that must never reach the builder: secrets, local databases,
# uploads, virtualenvs, built files.
LOCAL_FILES = (
    ".git/HEAD",
    ".env",
    "prod.env",
    "db.sqlite3",
    "media/original_images/cot.png",
    ".venv/bin/python",
    "node_modules/sass/sass.js",
    "static/dist/main.css",
    "staticfiles/main.css",
    "caching/__pycache__/cache.cpython-311.pyc",
    "caching/.env",
)


@pytest.fixture(scope="module")
def build_context(tmp_path_factory):
    """The files `docker build` would send from a checkout: the tracked ones and LOCAL_FILES,
    less what .dockerignore excludes (docker-py's implementation of Docker's rules)."""
    root = tmp_path_factory.mktemp("context")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for name in [*filter(None, listed.stdout.split("\0")), *LOCAL_FILES]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).touch()
    ignore = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in ignore if line.strip() and not line.startswith("#")]
    return {path for path in exclude_paths(str(root), patterns) if (root / path).is_file()}


def copied(context, sources):
    """The files of the context that COPY instructions with these sources take."""
    return {
        path
        for path in context
        for source in sources
        if source == "." or path == source or path.startswith(source + "/")
    }


@pytest.fixture(scope="module")
def image_files(dockerfile, build_context):
    """The files of the build context that the final stage copies into the image."""
    final = list(stages(dockerfile).values())[-1]
    sources = [source for origin, paths, _ in copies(final) if origin is None for source in paths]
    return copied(build_context, sources)


def test_every_file_a_stage_copies_is_in_the_build_context(dockerfile, build_context):
    for name, stage in stages(dockerfile).items():
        for origin, sources, _ in copies(stage):
            for source in sources if origin is None else ():
                assert copied(build_context, [source]), f"stage {name}: {source} is not sent"


# Never in the image: what runs never needs them...
KEPT_OUT = ("tests/", "bench/", "scripts/", "static/src/", ".ci/", "requirements/dev", "docs/")
# ...but the admin shows the editor's guide, with its screenshots.
GUIDE_FILES = ("docs/editors-guide.md", "docs/images/")
# The only files outside a folder that run (no package.json, pyproject.toml, Makefile...).
TOP_LEVEL = {"manage.py", "gunicorn.conf.py"}


def test_the_image_carries_no_tests_benchmarks_scripts_docs_or_front_end_sources(image_files):
    carried = [
        path
        for path in image_files
        if (path.startswith(KEPT_OUT) and not path.startswith(GUIDE_FILES))
        or ("/" not in path and path not in TOP_LEVEL)
    ]
    assert not carried, carried


def test_the_image_carries_every_app_and_the_guide_the_admin_shows(image_files):
    local = [config for config in apps.get_app_configs() if Path(config.path).parent == ROOT]
    assert len(local) >= 10
    for config in local:
        folder = Path(config.path).name
        assert f"{folder}/apps.py" in image_files or f"{folder}/__init__.py" in image_files
        migrations = ROOT / folder / "migrations"
        for migration in migrations.glob("*.py") if migrations.is_dir() else ():
            assert f"{folder}/migrations/{migration.name}" in image_files
    for path in (
        "manage.py",
        "gunicorn.conf.py",
        "templates/base.html",
        "static/images/favicon.svg",
    ):
        assert path in image_files
    # The editor's guide in the admin, with every screenshot it shows.
    assert "docs/editors-guide.md" in image_files
    shown = re.findall(r"\]\(images/([a-z0-9-]+\.png)\)", GUIDE.read_text())
    assert shown
    for name in shown:
        assert f"docs/images/{name}" in image_files


def test_the_build_context_leaves_out_secrets_and_local_files(build_context):
    sent = [path for path in LOCAL_FILES if path in build_context]
    assert not sent, sent
    assert not [path for path in build_context if path.startswith(("tests/", "bench/"))]


def test_the_image_installs_exactly_the_locked_packages(dockerfile):
    final = list(stages(dockerfile).values())[-1]
    installs = [args for keyword, args in final if keyword == "RUN" and "pip install" in args]
    assert installs == ["pip install --require-hashes --requirement requirements/base.txt"]
    # The built assets come from the front end's stage, and nothing else does.
    assert [(origin, paths) for origin, paths, _ in copies(final) if origin] == [
        ("assets", ["/build/static/dist"])
    ]


def load_gunicorn_config(monkeypatch, **env):
    for key in ("GUNICORN_WORKERS", "WEB_CONCURRENCY"):
        monkeypatch.delenv(key, raising=False)
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


@pytest.mark.parametrize(
    ("files", "limit"),
    [
        ({"cpu.max": "100000 100000\n"}, 1.0),  # cgroup v2: one CPU
        ({"cpu.max": "150000 100000\n"}, 1.5),
        ({"cpu.max": "max 100000\n"}, None),  # no quota
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 0.5),  # v1
        (
            {"cpu,cpuacct/cpu.cfs_quota_us": "-1\n", "cpu,cpuacct/cpu.cfs_period_us": "100000\n"},
            None,
        ),
        ({}, None),  # no cgroup files at all
    ],
)
def test_gunicorn_reads_the_containers_cpu_quota(monkeypatch, tmp_path, files, limit):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    assert load_gunicorn_config(monkeypatch).cgroup_cpu_limit(tmp_path) == limit


def test_a_pod_limited_to_one_cpu_on_a_64_core_node_starts_two_workers(monkeypatch, tmp_path):
    config = load_gunicorn_config(monkeypatch)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)))
    (tmp_path / "cpu.max").write_text("100000 100000\n")
    assert config.default_workers(tmp_path) == 2
    (tmp_path / "cpu.max").write_text("250000 100000\n")  # two and a half CPUs: three
    assert config.default_workers(tmp_path) == 4
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert config.default_workers(tmp_path) == 65


def test_gunicorn_workers_come_from_the_environment_first(monkeypatch):
    assert (
        load_gunicorn_config(monkeypatch).workers
        == load_gunicorn_config(monkeypatch).default_workers()
    )
    assert load_gunicorn_config(monkeypatch, WEB_CONCURRENCY="3").workers == 3
    assert load_gunicorn_config(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_WORKERS="5").workers == 5


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

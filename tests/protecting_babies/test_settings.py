"""Configuration from the environment: production refuses to start without a real key or a
shared cache."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

from protecting_babies.settings.caching import local_caches, redis_caches

ROOT = Path(__file__).resolve().parents[2]


# Production needs one; nothing here connects to it.
REDIS = "redis://redis.internal:6379/0"


def run_django(code, *args, **env):
    """Run Python with production settings and the given environment (a Redis address unless
    it says otherwise), as a container would; `code` None runs manage.py with `args`."""
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} and not key.startswith("DJANGO_")
    }
    base_env.update(DJANGO_SETTINGS_MODULE="protecting_babies.settings.production", REDIS_URL=REDIS)
    base_env.update(env)
    command = ["manage.py", *args] if code is None else ["-c", code]
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=base_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = "import django; django.setup(); print('started')"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(SETUP)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value in production" in result.stderr
    assert "started" not in result.stdout


@pytest.mark.parametrize(
    "key",
    ["django-insecure-development-only-never-in-production-xxxxxxxxxxxxxxxxxx", "short", "a" * 60],
)
def test_production_refuses_a_development_short_or_repetitive_key(key):
    result = run_django(SETUP, SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_key():
    result = run_django(SETUP, SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; "
        "print(db['ENGINE'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    )
    result = run_django(
        code,
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL="postgres://user@db.internal:5432/site",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "60", "True"]


def test_without_database_url_the_default_is_a_sqlite_file():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    result = run_django(code, SECRET_KEY=secrets.token_urlsafe(64))
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_django(SETUP, SECRET_KEY=secrets.token_urlsafe(64), REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr
    assert "started" not in result.stdout


def test_the_deployment_checks_fail_without_a_shared_cache():
    result = run_django(
        None,
        "check",
        "--deploy",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="protectingbabies.example.org",
        REDIS_URL="",
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def deployment_check_ids():
    return [message.id for message in checks.run_checks(include_deployment_checks=True)]


def test_the_deployment_checks_refuse_caches_a_process_or_a_host_keeps_to_itself():
    """Settings that set CACHES some other way are caught too: each of the two caches."""
    with override_settings(CACHES=local_caches("site")):
        assert deployment_check_ids().count("caching.E005") == 2
    with override_settings(CACHES=redis_caches(REDIS)):
        assert "caching.E005" not in deployment_check_ids()
    # Without --deploy (development, the tests) this host's memory and files are fine.
    with override_settings(CACHES=local_caches("site")):
        assert "caching.E005" not in [message.id for message in checks.run_checks()]

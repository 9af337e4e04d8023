"""Configuration from the environment: production refuses to start without a real key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_django(code, **env):
    """Run Python with production settings and the given environment, as a container would."""
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    base_env.update(DJANGO_SETTINGS_MODULE="protecting_babies.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
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

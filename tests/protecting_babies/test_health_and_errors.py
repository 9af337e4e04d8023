"""Health checks, error pages and logs: what the platform and a lost visitor see."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import path

from protecting_babies.logging import JSONFormatter
from protecting_babies.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]
handler500 = "protecting_babies.views.server_error"


def test_healthz_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@override_settings(ALLOWED_HOSTS=["protectingbabies.example.org"])
def test_healthz_answers_a_prober_whatever_host_it_sends(client):
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_says_ok_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_says_503_when_the_database_is_unreachable():
    """A real connection attempt to a port where no database listens."""
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/readyz'); print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "protecting_babies.settings.test",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/unreachable",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "database": "unreachable"}
    assert "Traceback" not in result.stdout


def test_unknown_address_gets_the_branded_404_with_the_helpline(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.title.get_text(strip=True) == "Page not found – Protecting Babies"
    assert soup.select_one('a[href="tel:+443003000123"]') is not None


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_gets_the_branded_500_page_without_a_traceback(
    client, db, django_assert_num_queries
):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/broken/")
    assert response.status_code == 500
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Sorry, there is a problem with the service" in text
    assert "If a baby is in immediate danger, call 999" in text
    assert "Traceback" not in text and "something broke" not in text


def test_logs_are_json_with_the_request_path_and_status(client, caplog, db):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/missing-page/?q=private")
    record = next(r for r in caplog.records if r.name == "django.request")
    entry = json.loads(JSONFormatter().format(record))
    assert entry["level"] == "WARNING"
    assert entry["path"] == "/missing-page/"
    assert entry["status"] == 404
    assert "private" not in json.dumps(entry)

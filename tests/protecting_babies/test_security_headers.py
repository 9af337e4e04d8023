"""Security headers on every public page type, no cookies for visitors, and `check --deploy`."""

import importlib
import os
import subprocess
import sys
import sys as system
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve, reverse
from wagtail.views import serve as wagtail_serve

from core.csp import ContentSecurityPolicyMiddleware
from protecting_babies.settings import base as base_settings
from protecting_babies.settings.base import media_origins

ROOT = Path(__file__).resolve().parents[2]


def public_paths(content):
    """One address of every public page type on the launch content."""
    workstream = content["workstreams"][3]
    library = content["library"]
    paths = {
        "strategy": content["strategy"].url,
        "workstream": workstream.url,
        "library": library.url,
        "library filtered": f"{library.url}?audience=parents&format=website&workstream="
        f"{workstream.slug}",
        "library bad filter": f"{library.url}?audience=nonsense&page=999",
        "not found": "/no-such-page/",
        **{f"standard {slug}": page.url for slug, page in content["standard"].items()},
    }
    # The search view arrives with the search feature; crawl it once it is routed.
    if resolve("/search/").func is not wagtail_serve:
        paths["search"] = "/search/?q=sleep"
        paths["search no results"] = "/search/?q=zzzzqqqq&page=-1"
    return paths


def directives(header):
    """A Content-Security-Policy header as {directive: [sources]}."""
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def crawl(launch_content):
    client = Client()
    return {name: client.get(path) for name, path in public_paths(launch_content).items()}


def test_every_public_page_type_sends_the_security_headers(crawl):
    assert {"strategy", "workstream", "library filtered", "not found"} <= set(crawl)
    assert any(name.startswith("standard") for name in crawl)
    for name, response in crawl.items():
        expected_status = 404 if name == "not found" else 200
        assert response.status_code == expected_status, name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name

        csp = directives(response["Content-Security-Policy"])
        for directive in ("script-src", "style-src"):
            assert csp[directive] == ["'self'"], (name, directive)
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
        assert csp["default-src"] == ["'self'"], name
        assert csp["img-src"] == ["'self'", "data:"], name
        assert csp["object-src"] == ["'none'"], name
        assert csp["frame-ancestors"] == ["'none'"], name
        assert sorted(csp["frame-src"]) == [
            "https://player.vimeo.com",
            "https://www.youtube-nocookie.com",
        ], name

        policy = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert policy[feature] == "()", (name, feature)
        assert policy["interest-cohort"] == "()", name
        assert policy["browsing-topics"] == "()", name


def test_pages_have_no_inline_script_or_style(crawl):
    for name, response in crawl.items():
        soup = BeautifulSoup(response.content, "html.parser")
        inline_scripts = [
            tag for tag in soup.find_all("script") if not tag.get("src") and tag.string
        ]
        # JSON data blocks are not run, so the policy allows them.
        inline_scripts = [
            tag for tag in inline_scripts if tag.get("type") not in {"application/ld+json"}
        ]
        assert inline_scripts == [], name
        assert soup.find_all("style") == [], name
        assert soup.select("[style]") == [], name
        assert not any(
            attribute.startswith("on") for tag in soup.find_all(True) for attribute in tag.attrs
        ), name


def test_anonymous_visitors_get_no_cookie_on_any_public_page(crawl):
    for name, response in crawl.items():
        assert response.cookies == {}, (name, list(response.cookies))
        assert "Set-Cookie" not in response, name


def test_a_visitor_who_sends_a_stale_session_cookie_is_not_given_a_new_one(launch_content):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "stale-session-from-last-year"
    response = client.get(launch_content["strategy"].url)
    assert response.status_code == 200
    # Django may only ever clear the stale cookie, never set a live one.
    morsel = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert morsel is None or morsel.value == ""


def test_the_admin_has_its_own_policy_and_may_frame_only_itself(db):
    response = Client().get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["object-src"] == ["'none'"]


def test_a_preview_keeps_the_public_policy_but_the_admin_may_frame_it():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("preview"))
    request = RequestFactory().get("/safer-sleeping/")
    # Wagtail marks the request it makes to render a preview through the middleware.
    request.is_dummy = True
    csp = directives(middleware(request)["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]

    public = directives(
        middleware(RequestFactory().get("/safer-sleeping/"))["Content-Security-Policy"]
    )
    assert public["frame-ancestors"] == ["'none'"]


def test_page_previews_can_be_framed_by_the_admin(admin_client, launch_content):
    page = launch_content["workstreams"][1]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    # The preview panel is an iframe in the editor: same-origin framing only.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="protecting_babies.settings.production",
        SECRET_KEY="k" + "".join(chr(33 + (i * 7) % 90) for i in range(70)),
        ALLOWED_HOSTS="protectingbabies.example.org",
        REDIS_URL="redis://redis.internal:6379/0",
        SITE_URL="https://protectingbabies.example.org",
        # A database with no site in it yet: the release step has not run (no W003 to say).
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr.strip() == ""


@pytest.mark.parametrize(
    ("environment", "origins"),
    [
        ({}, []),
        (
            {"AWS_STORAGE_BUCKET_NAME": "pb", "AWS_S3_CUSTOM_DOMAIN": "media.example.org"},
            ["https://media.example.org"],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "pb", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000/s3"},
            ["http://127.0.0.1:9000"],
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "pb",
                "AWS_PUBLIC_BUCKET_NAME": "pb-public",
                "AWS_S3_REGION_NAME": "eu-west-2",
            },
            ["https://pb-public.s3.eu-west-2.amazonaws.com"],
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "pb",
                "CSP_MEDIA_ORIGINS": "https://a.example, https://b.example",
            },
            ["https://a.example", "https://b.example"],
        ),
    ],
)
def test_images_on_object_storage_are_allowed_by_the_policy(monkeypatch, environment, origins):
    for name in (
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_PUBLIC_BUCKET_NAME",
        "AWS_S3_CUSTOM_DOMAIN",
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_REGION_NAME",
        "CSP_MEDIA_ORIGINS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert media_origins() == origins


@pytest.fixture
def production_settings(monkeypatch):
    """The production settings module, loaded with a real-looking SECRET_KEY."""

    monkeypatch.setenv("SECRET_KEY", "s" + "".join(chr(33 + (i * 13) % 90) for i in range(70)))
    # Production refuses to start without a shared cache; the base settings are loaded already.
    monkeypatch.setattr(base_settings, "REDIS_URL", "redis://redis.internal:6379/0")
    system.modules.pop("protecting_babies.settings.production", None)
    production = importlib.import_module("protecting_babies.settings.production")
    yield production
    system.modules.pop("protecting_babies.settings.production", None)


def test_production_pages_are_https_only_with_hsts_for_a_year(launch_content, production_settings):
    production = production_settings
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "ADMIN_2FA_REQUIRED",
    ]
    with override_settings(**{name: getattr(production, name) for name in names}):
        client = Client()
        plain = client.get(launch_content["strategy"].url)
        assert plain.status_code == 301
        assert plain["Location"].startswith("https://")

        secure = client.get(launch_content["strategy"].url, HTTP_X_FORWARDED_PROTO="https")
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert "Content-Security-Policy" in secure
        assert secure.cookies == {}

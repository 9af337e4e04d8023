"""The public address by configuration: SITE_URL, set on the default site at release by
`manage.py set_site_url`, so that what is printed, linked and emailed never says localhost."""

import io
import secrets
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from core.checks import check_the_public_address_is_set
from core.templatetags.print_tags import qr_code_data_uri
from tests.protecting_babies.test_settings import run_django

PUBLIC = "https://protectingbabies.example.org"
CRYING = "/for-parents-and-carers/coping-with-crying/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def set_site_url(*args):
    out = io.StringIO()
    call_command("set_site_url", *args, stdout=out)
    return out.getvalue()


def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def public(settings, launch_content):
    settings.SITE_URL = PUBLIC
    return launch_content


def test_the_launch_content_alone_says_localhost(launch_content):
    """What production showed before: the site as the launch content makes it."""
    assert default_site().root_url == "http://localhost"


def test_set_site_url_sets_the_default_sites_host_port_and_scheme(public):
    output = set_site_url()
    site = default_site()
    assert (site.hostname, site.port, site.root_url) == (
        "protectingbabies.example.org",
        443,
        PUBLIC,
    )
    assert f"now {PUBLIC}/ (was http://localhost/)" in output


def test_set_site_url_again_changes_nothing(public):
    set_site_url()
    before = default_site()
    assert "already https://protectingbabies.example.org/" in set_site_url()
    after = default_site()
    assert (after.pk, after.hostname, after.port) == (before.pk, before.hostname, before.port)
    assert Site.objects.count() == 1


def test_a_plain_http_address_keeps_its_port(public):
    set_site_url("http://protectingbabies.example.org:8080")
    assert default_site().root_url == "http://protectingbabies.example.org:8080"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", "SITE_URL is not set"),
        ("protectingbabies.example.org", "must start with https://"),
        ("https://protectingbabies.example.org:8443", "HTTPS addresses on port 443 only"),
        ("https://protectingbabies.example.org/babies/", "no path, query or user name"),
        ("https://protectingbabies.example.org:99999", "not a number from 1 to 65535"),
    ],
)
def test_set_site_url_refuses_what_the_site_cannot_be_served_at(settings, public, value, says):
    settings.SITE_URL = value
    with pytest.raises(CommandError, match=says):
        set_site_url()
    assert default_site().root_url == "http://localhost"


def test_printed_plan_canonical_link_and_sitemap_show_the_public_address(client, public):
    set_site_url()
    # As in production: the request reaches the app under an internal host name.
    page = BeautifulSoup(client.get(CRYING, headers={"host": "web:8000"}).content, "html.parser")
    address = f"{PUBLIC}{CRYING}"
    assert page.select_one("link[rel=canonical]")["href"] == address
    plan = page.select_one("section.app-crying-plan .app-tool__paper")
    assert address in plan.select_one(".app-print-qr").get_text(" ", strip=True)
    assert plan.select_one(".app-print-qr img")["src"] == qr_code_data_uri(address)
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own XML
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert f"{PUBLIC}/" in locations and address in locations
    assert all(location.startswith(f"{PUBLIC}/") for location in locations)


def test_admin_emails_link_to_the_public_address_and_its_host_is_allowed():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.WAGTAILADMIN_BASE_URL, 'protectingbabies.example.org' in s.ALLOWED_HOSTS, "
        f"{PUBLIC!r} in s.CSRF_TRUSTED_ORIGINS)"
    )
    result = run_django(code, SECRET_KEY=secrets.token_urlsafe(64), SITE_URL=PUBLIC)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [PUBLIC, "True", "True"]
    # WAGTAILADMIN_BASE_URL, when given, still wins.
    result = run_django(
        code,
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL=PUBLIC,
        WAGTAILADMIN_BASE_URL="https://admin.example.org",
    )
    assert result.stdout.split()[0] == "https://admin.example.org"


def test_production_refuses_to_start_with_an_address_it_cannot_serve():
    result = run_django(
        "import django; django.setup()",
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL="https://protectingbabies.example.org:8443",
    )
    assert result.returncode != 0
    assert "SITE_URL 'https://protectingbabies.example.org:8443' is not a public address" in (
        result.stderr
    )


def warnings_of_the_check():
    return [(warning.id, warning.msg) for warning in check_the_public_address_is_set(None)]


def test_check_deploy_warns_while_production_says_localhost(settings, launch_content):
    settings.SITE_URL = ""
    assert warnings_of_the_check()[0][0] == "protecting_babies.W002"
    settings.SITE_URL = "http://localhost:8000"
    assert "SITE_URL is http://localhost:8000" in warnings_of_the_check()[0][1]
    settings.SITE_URL = PUBLIC
    [(code, message)] = warnings_of_the_check()
    assert code == "protecting_babies.W003" and "says http://localhost" in message
    set_site_url()
    assert warnings_of_the_check() == []


def test_check_deploy_runs_the_check(settings, launch_content):
    settings.SITE_URL = ""
    err = io.StringIO()
    call_command("check", deploy=True, fail_level="CRITICAL", stderr=err, stdout=io.StringIO())
    assert "protecting_babies.W002" in err.getvalue()

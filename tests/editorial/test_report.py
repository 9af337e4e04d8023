"""The "Content due for review" report, its filters and downloads, and the dashboard."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.menu import reports_menu

from editorial.review import review_page_models
from resources.models import Resource
from strategy.models import StandardPage, WorkstreamPage
from tests.support.users import make_editor, make_lead

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def review_content(launch_content):
    """Everything reviewed today, except five items that are overdue or due soon."""
    editor, lead = make_editor(), make_lead()
    today = timezone.localdate()
    for model in (*review_page_models(), Resource):
        model.objects.update(last_reviewed=today)
    workstreams = launch_content["workstreams"]
    WorkstreamPage.objects.filter(pk=workstreams[1].pk).update(
        last_reviewed=days_ago(400), review_owner=editor
    )
    WorkstreamPage.objects.filter(pk=workstreams[2].pk).update(
        last_reviewed=days_ago(355), review_owner=editor
    )
    # Due in about 45 days: not yet in the report.
    WorkstreamPage.objects.filter(pk=workstreams[3].pk).update(
        last_reviewed=days_ago(320), review_owner=editor
    )
    StandardPage.objects.filter(slug="privacy-notice").update(
        last_reviewed=None, first_review_due=None
    )
    live = list(Resource.objects.live().order_by("pk"))
    Resource.objects.filter(pk=live[0].pk).update(last_reviewed=days_ago(800), review_owner=lead)
    Resource.objects.filter(pk=live[1].pk).update(last_reviewed=days_ago(350), review_owner=lead)
    # A draft that was never published is not something visitors read: never listed.
    Resource.objects.exclude(live=True).update(last_reviewed=None, review_owner=lead)
    return {
        "editor": editor,
        "lead": lead,
        "overdue": {workstreams[1].title, "Privacy notice", live[0].title},
        "due_soon": {workstreams[2].title, live[1].title},
    }


def rows(response):
    table = BeautifulSoup(response.content, "html.parser").find("table", id="content-review")
    if table is None:
        return {}
    return {
        row.find("th").get_text(strip=True): row["data-status"]
        for row in table.find("tbody").find_all("tr")
    }


def test_report_lists_exactly_the_overdue_and_soon_due_items(client, review_content):
    client.force_login(review_content["editor"])
    response = client.get(reverse("review_report"))
    assert response.status_code == 200
    listed = rows(response)
    assert set(listed) == review_content["overdue"] | review_content["due_soon"]
    assert {t for t, s in listed.items() if s == "overdue"} == review_content["overdue"]
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Overdue (never reviewed)" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "overdue"}, "overdue"),
        ({"status": "due-soon"}, "due_soon"),
    ],
)
def test_report_filters_by_status(client, review_content, query, expected):
    client.force_login(review_content["lead"])
    assert set(rows(client.get(reverse("review_report"), query))) == review_content[expected]


def test_report_filters_by_owner(client, review_content):
    client.force_login(review_content["lead"])
    editor = review_content["editor"]
    listed = rows(client.get(reverse("review_report"), {"owner": editor.pk}))
    assert set(listed) == {"Preventing non-accidental injuries", "Unborn babies"}
    assert set(rows(client.get(reverse("review_report"), {"owner": "null"}))) == {"Privacy notice"}


def test_bad_filter_values_are_not_an_error(client, review_content):
    client.force_login(review_content["lead"])
    response = client.get(reverse("review_report"), {"owner": "nobody", "status": "<script>"})
    assert response.status_code == 200


def test_report_downloads_as_csv(client, review_content):
    client.force_login(review_content["lead"])
    response = client.get(reverse("review_report"), {"status": "overdue", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "content-due-for-review.csv" in response["Content-Disposition"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    # Excel reads a CSV as UTF-8 only when it starts with the byte-order mark.
    assert body.startswith("\ufeff".encode())
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(table[0]) == [
        "Title",
        "Type",
        "Owner",
        "Last reviewed",
        "Next review due",
        "Status",
        "Admin address",
        "Public address",
    ]
    assert {row["Title"] for row in table} == review_content["overdue"]
    privacy = next(row for row in table if row["Title"] == "Privacy notice")
    assert privacy["Status"] == "Overdue (never reviewed)"
    assert privacy["Type"] == "Page"
    page = StandardPage.objects.get(slug="privacy-notice")
    assert privacy["Admin address"] == f"http://testserver/admin/pages/{page.pk}/edit/"
    assert privacy["Public address"] == f"http://testserver{page.url}"


def test_report_downloads_as_xlsx(client, review_content):
    client.force_login(review_content["lead"])
    response = client.get(reverse("review_report"), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(workbook.active.iter_rows(values_only=True))
    assert values[0][0] == "Title"
    assert {row[0] for row in values[1:]} == (
        review_content["overdue"] | review_content["due_soon"]
    )


def test_dashboard_shows_the_counts(client, review_content):
    client.force_login(review_content["editor"])
    response = client.get(reverse("wagtailadmin_home"))
    panel = BeautifulSoup(response.content, "html.parser").find(id="content-review-section")
    assert panel is not None
    assert "3 overdue · 2 due within 30 days" in " ".join(panel.get_text(" ").split())
    assert panel.find("a", href=reverse("review_report"))


def test_report_is_in_the_reports_menu(client, review_content):
    client.force_login(review_content["editor"])
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("review_report") in response.content.decode()


def test_anonymous_visitors_cannot_see_the_report(client, review_content):
    response = client.get(reverse("review_report"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_filtering_in_place_returns_the_results_fragment(client, review_content):
    client.force_login(review_content["lead"])
    response = client.get(reverse("review_report_results"), {"status": "due-soon"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert set(rows(response)) == review_content["due_soon"]


def test_the_reports_menu_leaves_out_wagtails_reports_the_team_does_not_use(
    client, review_content, django_user_model, rf
):
    admin = django_user_model.objects.create_superuser("ada", "ada@example.org", "x" * 20)
    request = rf.get("/admin/")
    request.user = admin
    names = [item.name for item in reports_menu.menu_items_for_request(request)]
    for unused in ("aging-pages", "page-types-usage", "workflows", "workflow-tasks"):
        assert unused not in names
    for used in ("content-due-for-review", "page-feedback", "site-history", "locked-pages"):
        assert used in names
    client.force_login(admin)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Aging pages" not in dashboard and "Page types usage" not in dashboard

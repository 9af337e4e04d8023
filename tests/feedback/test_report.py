"""The "Page feedback" report for editors and leads: counts per page over a period, comments
newest first with possible disclosures at the top, filters, downloads, "dealt with" and delete
(leads only, logged); the page's edit form and the review report and reminders show it."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from feedback.models import PageFeedback
from tests.support.factories import PageFeedbackFactory, WorkstreamPageFactory, build_advice_page
from tests.support.users import make_editor, make_lead

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def answers(site):
    """Twenty answers about "Coping with crying" (8 said no), two about safer sleep."""
    crying = build_advice_page(site, title="Coping with crying")
    sleep = build_advice_page(site, title="Safer sleep for your baby")
    rows = [PageFeedback(page=crying, useful=True, created_on=days_ago(n)) for n in range(12)]
    rows += [
        PageFeedback(page=crying, useful=False, created_on=days_ago(n), looking_for=f"Q{n}")
        for n in range(8)
    ]
    rows.append(
        PageFeedback(
            page=sleep,
            useful=False,
            created_on=days_ago(40),
            wrong_or_missing="Nothing on cots",
        )
    )
    rows.append(
        PageFeedback(
            page=sleep,
            useful=False,
            created_on=days_ago(3),
            wrong_or_missing="He hit the baby",
            flagged=True,
        )
    )
    PageFeedback.objects.bulk_create(rows)
    return {"crying": crying, "sleep": sleep}


def report(client, **params):
    response = client.get(reverse("feedback_report"), params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def summary(soup):
    table = soup.find("table", id="feedback-summary")
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }


def answer_rows(soup):
    return soup.find("table", id="feedback-answers").tbody.find_all("tr")


def test_counts_per_page_and_the_share_that_said_no(client, answers):
    client.force_login(make_editor())
    _response, soup = report(client)
    assert summary(soup) == {
        "Coping with crying": ["20", "8", "40%"],
        "Safer sleep for your baby": ["2", "2", "100%"],
    }


def test_a_possible_disclosure_comes_first_then_the_newest(client, answers):
    client.force_login(make_editor())
    _response, soup = report(client)
    assert "1 comment may be a disclosure" in soup.select_one("[data-feedback-alerts]").text
    rows = answer_rows(soup)
    assert rows[0]["data-flagged"] == "true"
    assert "He hit the baby" in rows[0].get_text()
    dates = [row.td.get_text(strip=True) for row in rows[1:]]
    assert dates == sorted(
        dates, key=lambda d: datetime.datetime.strptime(d, "%d %b %Y"), reverse=True
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"answer": "no"},
            {
                "Coping with crying": ["8", "8", "100%"],
                "Safer sleep for your baby": ["2", "2", "100%"],
            },
        ),
        ({"answer": "yes"}, {"Coping with crying": ["12", "0", "0%"]}),
        ({"created_on_from": "", "created_on_to": ""}, None),
    ],
)
def test_the_report_filters_by_answer(client, answers, params, expected):
    client.force_login(make_editor())
    _response, soup = report(client, **params)
    if expected is not None:
        assert summary(soup) == expected


def test_the_report_filters_by_page_section_and_date(client, answers, site):
    client.force_login(make_editor())
    _response, soup = report(client, page=answers["sleep"].pk)
    assert list(summary(soup)) == ["Safer sleep for your baby"]
    _response, soup = report(client, section=answers["crying"].get_parent().pk)
    assert list(summary(soup)) == ["Coping with crying", "Safer sleep for your baby"]
    workstream = WorkstreamPageFactory(parent=site.root_page, number=1)
    _response, soup = report(client, section=workstream.pk)
    assert soup.find("table", id="feedback-summary") is None
    assert "No feedback matches" in soup.get_text()
    # The admin's date picker writes dates as 26/11/2026 (WAGTAIL_DATE_FORMAT).
    start, end = days_ago(5).strftime("%d/%m/%Y"), days_ago(0).strftime("%d/%m/%Y")
    _response, soup = report(client, created_on_from=start, created_on_to=end)
    assert summary(soup) == {
        "Coping with crying": ["12", "6", "50%"],
        "Safer sleep for your baby": ["1", "1", "100%"],
    }


def test_the_report_downloads_as_csv_and_spreadsheet(client, answers):
    client.force_login(make_editor())
    response = client.get(reverse("feedback_report"), {"export": "csv", "answer": "no"})
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    content = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Date",
        "Page",
        "Useful?",
        "What were you looking for?",
        "What was wrong or missing?",
        "Alert words",
        "Status",
    ]
    assert len(rows) == 11
    assert rows[1][1:3] == ["Safer sleep for your baby", "No"] and rows[1][5] == "Yes"
    response = client.get(reverse("feedback_report"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 23


def test_editors_read_but_only_leads_deal_with_or_delete(client, answers):
    flagged = PageFeedback.objects.get(flagged=True)
    editor, lead = make_editor(), make_lead()
    client.force_login(editor)
    _response, soup = report(client)
    assert soup.find("button", string=lambda s: s and "Mark dealt with" in s) is None
    dealt = reverse("feedback_dealt_with", args=[flagged.pk])
    remove = reverse("feedback_delete", args=[flagged.pk])
    # Refused, with a page that says who can.
    for url in (dealt, remove):
        refused = client.post(url)
        assert refused.status_code == 403
        assert "Only safeguarding leads can mark visitors" in (refused.content.decode())
    assert PageFeedback.objects.filter(pk=flagged.pk, dealt_with=False).exists()

    client.force_login(lead)
    assert client.post(dealt, {"note": "Read it; nothing to act on."}).status_code == 302
    flagged.refresh_from_db()
    assert flagged.dealt_with and flagged.dealt_with_by == lead
    _response, soup = report(client)
    assert soup.select_one("[data-feedback-alerts]") is None  # nothing left for a lead to act on
    assert client.get(remove).status_code == 200  # asks first
    assert client.post(remove).status_code == 302
    assert not PageFeedback.objects.filter(pk=flagged.pk).exists()
    actions = list(ModelLogEntry.objects.filter(user=lead).values_list("action", flat=True))
    assert sorted(actions) == ["feedback.dealt_with", "feedback.delete"]


def test_people_outside_the_admin_cannot_read_feedback(client, answers, django_user_model):
    assert client.get(reverse("feedback_report")).status_code == 302  # to sign in
    nobody = django_user_model.objects.create_user("nobody", password="x" * 20)
    client.force_login(nobody)
    assert client.get(reverse("feedback_report")).status_code in (302, 403)


def test_the_page_edit_form_shows_its_feedback_since_the_last_review(client, answers):
    crying = answers["crying"]
    type(crying).objects.filter(pk=crying.pk).update(last_reviewed=days_ago(4))
    client.force_login(make_editor())
    response = client.get(reverse("wagtailadmin_pages:edit", args=[crying.pk]))
    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-page-feedback]")
    words = panel.get_text(" ", strip=True)
    assert "5 of 10 said no" in words  # the last 5 days (12 yes and 8 no in all)
    assert "since it was last reviewed" in words
    assert "Q3" in words and "Q7" not in words


def test_the_review_report_and_reminders_show_feedback_since_the_last_review(client, answers):
    lead = make_lead()
    crying = answers["crying"]
    # Never reviewed, and no first review planned: overdue, and every answer counts.
    type(crying).objects.filter(pk=crying.pk).update(
        review_owner=lead, last_reviewed=None, first_review_due=None
    )
    client.force_login(lead)
    response = client.get(reverse("review_report"))
    soup = BeautifulSoup(response.content, "html.parser")
    row = next(
        row
        for row in soup.find("table", id="content-review").tbody.find_all("tr")
        if row.th.a["href"] == reverse("wagtailadmin_pages:edit", args=[crying.pk])
    )
    assert row.select_one("[data-feedback]").get_text(strip=True) == "8 of 20 said no"
    call_command("send_review_reminders", stdout=io.StringIO())
    email = next(message for message in mail.outbox if lead.email in message.to)
    assert "Coping with crying (page)" in email.body
    assert "feedback: 8 of 20 said no" in email.body


def test_retention_deletes_exactly_what_is_older_than_twelve_months(answers, settings):
    crying = answers["crying"]
    PageFeedbackFactory(page=crying, created_on=days_ago(365))
    PageFeedbackFactory(page=crying, created_on=days_ago(366))
    PageFeedbackFactory(page=crying, created_on=days_ago(900))
    before = PageFeedback.objects.count()
    output = io.StringIO()
    call_command("delete_old_feedback", stdout=output)
    assert PageFeedback.objects.count() == before - 2
    assert PageFeedback.objects.filter(created_on=days_ago(365)).exists()
    assert "Deleted 2 answers" in output.getvalue()
    settings.FEEDBACK_RETENTION_DAYS = 30
    call_command("delete_old_feedback", stdout=io.StringIO())
    assert not PageFeedback.objects.filter(created_on__lt=days_ago(30)).exists()

"""A comment that may be a disclosure reaches the safeguarding leads at once: an email with a link
to it in the admin (never its words), a dashboard panel and a menu item until a lead marks it
dealt with, saying what was done, and a reminder at the end of the day while it is open. Spam
from one address is grouped, not emailed one by one, and nothing about the visitor is stored."""

import io
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from feedback.models import PageFeedback
from protecting_babies.settings.caching import redis_caches
from tests.caching.test_redis_outage import closed_port
from tests.feedback.test_submit import answer
from tests.support.factories import build_advice_page
from tests.support.users import make_editor, make_lead, make_user

pytestmark = pytest.mark.django_db

DISCLOSURE = "I am scared he will hurt the baby again tonight"
SENDER = {"REMOTE_ADDR": "203.0.113.7"}


@pytest.fixture
def people(site):
    return {
        "leads": [make_lead("leah"), make_lead("lars")],
        "editor": make_editor("edna"),
        # A lead with no email address is skipped, not an error.
        "silent": make_user("sol", "Safeguarding leads", email=""),
    }


@pytest.fixture
def crying(site):
    return build_advice_page(site, title="Coping with crying")


def disclose(client, page, words=DISCLOSURE, sender=SENDER):
    response = answer(client, page, wrong_or_missing=words, environ=sender)
    assert response.status_code == 303
    return PageFeedback.objects.latest("pk")


def test_a_flagged_answer_emails_every_lead_at_once_with_a_link_not_its_words(
    client, people, crying, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org"
    feedback = disclose(client, crying)
    assert feedback.flagged
    [email] = mail.outbox
    assert sorted(email.to) == ["lars@example.org", "leah@example.org"]
    assert email.subject == "Protecting Babies: a possible disclosure needs a lead"
    link = f"https://admin.example.org{reverse('feedback_answer', args=[feedback.pk])}"
    assert link in email.body
    assert "Coping with crying" in email.body
    for word in ("scared", "hurt", "tonight", "again"):
        assert word not in email.body.lower()


def test_an_answer_without_an_alert_word_emails_nobody(client, people, crying):
    disclose(client, crying, words="It did not say how long the crying lasts")
    assert mail.outbox == []


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode(), BeautifulSoup(response.content, "html.parser")


def test_the_dashboard_and_menu_say_it_needs_a_lead_until_one_says_what_was_done(
    client, people, crying
):
    feedback = disclose(client, crying)
    lead = people["leads"][0]
    for user in (lead, people["editor"]):
        content, html = dashboard(client, user)
        panel = html.select_one("[data-possible-disclosures]")
        assert "1 possible disclosure needs a lead" in panel.get_text(" ")
        assert panel.find("a", href=reverse("feedback_answer", args=[feedback.pk]))
        assert DISCLOSURE not in panel.get_text()
        # The menu's item, first in the sidebar (its props are JSON in the page).
        sidebar = html.select_one("#wagtail-sidebar-props").string
        assert sidebar.index("1 possible disclosure needs a lead") < sidebar.index("Pages")

    # Editors read it, and cannot mark it dealt with.
    client.force_login(people["editor"])
    answer_page = client.get(reverse("feedback_answer", args=[feedback.pk]))
    assert DISCLOSURE in answer_page.content.decode()
    assert b"Mark dealt with" not in answer_page.content
    dealt = reverse("feedback_dealt_with", args=[feedback.pk])
    assert client.post(dealt, {"note": "Told nobody"}).status_code == 403

    # A lead must say what was done.
    client.force_login(lead)
    refused = client.post(dealt, {"note": "  "})
    assert refused.status_code == 200
    assert "Say what was done, so the next lead who reads it knows." in refused.content.decode()
    feedback.refresh_from_db()
    assert not feedback.dealt_with
    note = "Phoned the MASH at 10:40; referral made (ref 123)."
    assert client.post(dealt, {"note": note}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.dealt_with and feedback.dealt_with_by == lead
    assert feedback.dealt_with_note == note and feedback.dealt_with_at is not None
    entry = ModelLogEntry.objects.get(action="feedback.dealt_with")
    assert entry.user == lead and entry.data["note"] == note
    content, html = dashboard(client, lead)
    assert html.select_one("[data-possible-disclosures]") is None
    assert "possible disclosure" not in content
    # Leads read the note; editors only that it was dealt with.
    assert note in client.get(reverse("feedback_answer", args=[feedback.pk])).content.decode()
    client.force_login(people["editor"])
    report = client.get(reverse("feedback_report")).content.decode()
    assert "Dealt with by Leah" in report and note not in report
    download = client.get(reverse("feedback_report"), {"export": "csv"})
    csv_text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "Dealt with" in csv_text and note not in csv_text


def test_spam_from_one_address_is_grouped_but_another_sender_is_emailed_at_once(
    client, people, crying
):
    for number in range(6):
        disclose(client, crying, words=f"I will hit number {number}")
    subjects = [email.subject for email in mail.outbox]
    assert subjects == ["Protecting Babies: a possible disclosure needs a lead"] * 3 + [
        "Protecting Babies: more possible disclosures from one sender"
    ]
    assert "6 possible disclosures need a lead" in dashboard(client, people["leads"][0])[0]
    mail.outbox.clear()
    client.logout()
    disclose(client, crying, sender={"REMOTE_ADDR": "198.51.100.20"})
    assert [email.subject for email in mail.outbox] == [
        "Protecting Babies: a possible disclosure needs a lead"
    ]


def test_the_grouping_keeps_nothing_about_the_visitor(client, people, crying):
    disclose(client, crying)
    # Not in the database: the answer has nowhere to keep an address...
    stored = PageFeedback.objects.values().get()
    assert "203.0.113.7" not in repr(stored)
    # ...and the cache holds a keyed hash of it, for an hour, never the address itself.
    keys = [key for key in cache._cache if "feedback:flagged-from:" in key]
    assert len(keys) == 1
    assert "203.0.113.7" not in keys[0] and "203-0-113-7" not in keys[0]
    assert 0 < cache._expire_info[keys[0]] - time.time() <= 60 * 60


def test_when_the_cache_cannot_count_every_flagged_answer_is_still_emailed(
    client, people, crying, settings
):
    # Redis as production configures it, where nothing answers.
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port()}/0")
    for number in range(5):
        disclose(client, crying, words=f"I will hit number {number}")
    assert len(mail.outbox) == 5


def remind(*args):
    out = io.StringIO()
    call_command("remind_disclosures", *args, stdout=out)
    return out.getvalue()


def test_the_end_of_day_reminder_lists_what_is_still_open_once_a_day(client, people, crying):
    assert "No possible disclosure is waiting" in remind()
    first = disclose(client, crying)
    second = disclose(client, crying, words="He shook her", sender={"REMOTE_ADDR": "192.0.2.9"})
    dealt = disclose(client, crying, words="Someone hit me", sender={"REMOTE_ADDR": "192.0.2.10"})
    PageFeedback.objects.filter(pk=dealt.pk).update(dealt_with=True, dealt_with_note="Done")
    mail.outbox.clear()
    assert "Would remind the leads of 2" in remind("--dry-run")
    assert mail.outbox == []
    assert "Reminded the leads of 2" in remind()
    [email] = mail.outbox
    assert email.subject == "Protecting Babies: 2 possible disclosures still need a lead"
    assert sorted(email.to) == ["lars@example.org", "leah@example.org"]
    for feedback in (first, second):
        assert reverse("feedback_answer", args=[feedback.pk]) in email.body
    assert reverse("feedback_answer", args=[dealt.pk]) not in email.body
    assert "scared" not in email.body and "shook" not in email.body
    # Run again the same day (the scheduler restarted): nobody is emailed twice.
    assert "already reminded today" in remind()
    assert len(mail.outbox) == 1

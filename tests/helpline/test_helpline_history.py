"""The helpline's history: who changed what and when, kept in Wagtail's log for every save, read
by safeguarding leads under Reports → Helpline changes (and in the site history); refused to
editors."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from core.dates import uk_today
from helpline.history import HELPLINE_CHANGED
from helpline.models import HelplineSettings
from tests.support.users import helpline_form_data, make_editor, make_lead

pytestmark = pytest.mark.django_db

CLOSURE = "Closed on 25 and 26 December; in an emergency call 999"
LAUNCH_HEADING = "Help and advice with your baby"
DEFAULT_HEADING = "Need help with your baby?"


# A closure a month ahead, for two days (a new notice may not be over already).
FIRST = uk_today() + datetime.timedelta(days=30)
LAST = FIRST + datetime.timedelta(days=1)
CHRISTMAS = [
    {
        "first_date": f"{FIRST:%d/%m/%Y}",
        "last_date": f"{LAST:%d/%m/%Y}",
        "closed": "on",
        "message": CLOSURE,
    }
]
CHRISTMAS_IN_WORDS = f"Closed {FIRST.day} {FIRST:%B %Y} to {LAST.day} {LAST:%B %Y}: {CLOSURE}"


@pytest.fixture
def people(site):
    # Setting the site's helpline put it in its history too (no one signed in): each test
    # starts from an empty history.
    ModelLogEntry.objects.filter(action=HELPLINE_CHANGED).delete()
    return {"lead": make_lead("leah"), "editor": make_editor("edna")}


def save_helpline(client, user, **changes):
    client.force_login(user)
    site = Site.objects.get(is_default_site=True)
    response = client.post(
        reverse("wagtailsettings:edit", args=["helpline", "helplinesettings", site.pk]),
        helpline_form_data(HelplineSettings.objects.get(), **changes),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def entries():
    return list(ModelLogEntry.objects.filter(action=HELPLINE_CHANGED).order_by("timestamp"))


def test_each_save_logs_who_and_what_changed_old_and_new(client, people):
    before = timezone.now()
    save_helpline(client, people["lead"], heading=DEFAULT_HEADING, notices=CHRISTMAS)
    [entry] = entries()
    assert entry.user == people["lead"]
    assert entry.timestamp >= before
    assert entry.content_type.model_class() is HelplineSettings
    assert entry.object_id == str(HelplineSettings.objects.get().pk)
    assert entry.data["changes"] == [
        {"field": "Heading", "old": LAUNCH_HEADING, "new": DEFAULT_HEADING},
        {
            "field": "Dated notices and closures",
            "old": "(none)",
            "new": CHRISTMAS_IN_WORDS,
        },
    ]


def test_a_save_that_changes_nothing_adds_nothing(client, people):
    save_helpline(client, people["lead"])
    assert entries() == []


def history(client):
    return client.get(reverse("helpline_history"))


def rows(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [
        [" ".join(cell.get_text().split()) for cell in row.select("td")]
        for row in html.select("#helpline-changes [data-helpline-change]")
    ]


def test_a_lead_reads_who_when_and_what_newest_first(client, people):
    save_helpline(client, people["lead"], notices=CHRISTMAS)
    save_helpline(client, people["lead"], heading=DEFAULT_HEADING, notices=CHRISTMAS)
    response = history(client)
    assert response.status_code == 200
    newest, oldest = rows(response)
    saved = timezone.localtime(entries()[-1].timestamp)
    when = f"{saved.day} {saved:%b %Y, %H:%M}"
    assert newest == [when, "Leah", f"Heading: {LAUNCH_HEADING} → {DEFAULT_HEADING}"]
    assert oldest[1:] == [
        "Leah",
        f"Dated notices and closures: (none) → {CHRISTMAS_IN_WORDS}",
    ]


def test_the_helpline_settings_page_links_to_its_history(client, people):
    client.force_login(people["lead"])
    site = Site.objects.get(is_default_site=True)
    page = client.get(
        reverse("wagtailsettings:edit", args=["helpline", "helplinesettings", site.pk])
    )
    html = BeautifulSoup(page.content, "html.parser")
    assert html.find("a", href=reverse("helpline_history"))


def test_the_reports_menu_offers_it_to_leads_only(client, people):
    for user, shown in ((people["lead"], True), (people["editor"], False)):
        client.force_login(user)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert ("Helpline changes" in dashboard) is shown
        assert (reverse("helpline_history") in dashboard) is shown


def test_an_editor_is_refused_and_told_who_can_read_it(client, people):
    save_helpline(client, people["lead"], heading=DEFAULT_HEADING)
    client.force_login(people["editor"])
    for url in (reverse("helpline_history"), reverse("helpline_history_results")):
        response = client.get(url)
        assert response.status_code == 403
        text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
        assert "Only safeguarding leads can read the helpline's history" in text
        assert DEFAULT_HEADING not in text


def test_the_site_history_shows_the_change_to_leads_not_editors(client, people):
    save_helpline(client, people["lead"], heading=DEFAULT_HEADING)
    site_history = reverse("wagtailadmin_reports:site_history")
    client.force_login(people["lead"])
    assert "Changed the helpline: Heading" in client.get(site_history).content.decode()
    client.force_login(people["editor"])
    assert "Changed the helpline" not in client.get(site_history).content.decode()


def test_a_superuser_reads_it_and_a_change_with_no_one_signed_in_says_so(client, people):
    helpline = HelplineSettings.objects.get()
    helpline.when_closed = "The helpline is closed now."
    helpline.save()  # a script, as the launch content loads: no one signed in
    admin = get_user_model().objects.create_superuser("ada", "ada@example.org", "x")
    client.force_login(admin)
    [row] = rows(history(client))
    assert row[1] == "No one signed in (a script or the launch content)"

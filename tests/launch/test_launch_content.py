"""The launch content: every fact in the client's copy is on the public site, loaded once."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from helpline.models import HelplineSettings
from resources.models import Resource
from strategy.models import WorkstreamPage

# Every fact of the client's copy, as a visitor reads it on the site.
FACTS = [
    "significant rise in reports of children who suffered non-accidental injuries (NAIs)",
    "Norfolk itself has considered several Rapid Reviews on babies since March 2020",
    "published Serious Case Reviews on pre-verbal/non-mobile babies in the last two years",
    "The Protecting Babies strategy aims to challenge how we have, as a system, been protecting "
    "unborn and infants",
    "Are we predicting risk and intervening early enough?",
    "Do we understand and are we responding to risks posed by COVID?",
    "Are our policies still effective?",
    "Are we, as a wider system, aware of and discussing at every contact the risk to babies of "
    "stressors within the family?",
    "The strategy has four themes or workstreams",
    "Building on a trauma informed approach, we will support staff to have safe and challenging "
    "conversations with families and each other to ensure practice is baby focused and risk "
    "sensible.",
    "Respectful scepticism",
    "“thinking the unthinkable”",
    "Professional challenge and deference",
    "Giving voice to the baby’s lived experience of care",
    "Dr Richard Allen, Designated Doctor Safeguarding Children in Norfolk, recently presented on "
    "the role of paediatricians in safeguarding medical examinations.",
    "We will develop practice to better safeguard unborn children and address risks posed by "
    "concealed or denied pregnancy.",
    "The definition of neglect incorporates risks posed in utero",
    "safer sleeping messages are delivered to and understood by families with new born babies.",
    "under the banner of ‘All Babies Cry’.",
    "Me, You and Baby Too is an online programme designed to help expectant and new parents cope "
    "better with the relationship changes they may experience when a baby arrives.",
    "accompanying guide for professionals",
    "Parent’s Emotional Health Advice & Support",
    "Emotional health shouldn’t only be focused around children and young people",
    "advice and support on parental wellbeing",
    "All Babies Cry campaign",
    "0300 300 0123",
    "07520 631 590",
    "Just One Norfolk",
    "If a baby is in immediate danger, call 999.",
]


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, BeautifulSoup(response.content, "html.parser")


def normalised(text):
    return re.sub(r"\s+", " ", text)


def test_every_fact_in_the_clients_copy_is_on_the_public_site(client, launch_content):
    text = ""
    for page in Page.objects.live().public().exclude(depth=1):
        _response, soup = page_text(client, page.url)
        text += " " + soup.get_text(" ")
    text = normalised(text).replace(" .", ".")  # "call 999 ." where 999 is a link
    missing = [fact for fact in FACTS if fact not in text]
    assert missing == []


def test_the_home_page_has_the_four_themes_as_cards_in_order(client, launch_content):
    _response, soup = page_text(client, "/")
    cards = [a.get_text(" ", strip=True) for a in soup.select("main a[href]")]
    titles = [
        "Preventing non-accidental injuries",
        "Unborn babies",
        "Safer sleeping",
        "All Babies Cry",
    ]
    positions = [next(i for i, card in enumerate(cards) if title in card) for title in titles]
    assert positions == sorted(positions)


def test_every_page_type_shows_the_helpline_with_tap_to_call_and_text(client, launch_content):
    pages = [
        launch_content["strategy"],
        launch_content["workstreams"][1],
        launch_content["library"],
        launch_content["standard"]["privacy-notice"],
    ]
    for page in pages:
        _response, soup = page_text(client, page.url)
        footer = soup.find("footer")
        call = footer.select_one('a[href="tel:+443003000123"]')
        text = footer.select_one('a[href="sms:+447520631590"]')
        assert call is not None and call.get_text(strip=True) == "0300 300 0123"
        assert text is not None and text.get_text(strip=True) == "07520 631 590"
        assert footer.select_one('a[href="https://www.justonenorfolk.nhs.uk"]') is not None
        emergency = normalised(footer.get_text(" ")).replace(" .", ".")
        assert "If a baby is in immediate danger, call 999." in emergency
        assert footer.select_one('.app-emergency a[href="tel:999"]').get_text() == "999"


def test_what_the_copy_does_not_give_is_said_honestly_and_flagged_for_editors(
    client, launch_content
):
    _response, soup = page_text(client, launch_content["workstreams"][1].url)
    assert "not available on this website yet" in soup.get_text(" ")
    assert launch_content["workstreams"][1].missing_information
    parents_course = Resource.objects.get(title="Me, You and Baby Too")
    assert not parents_course.live
    assert "no web address" in parents_course.missing_information
    _response, soup = page_text(client, launch_content["library"].url)
    titles = [h.get_text(strip=True) for h in soup.select("main h3")]
    assert "Me, You and Baby Too" not in titles


def test_the_admin_says_what_is_missing_on_the_edit_form(admin_client, launch_content):
    page = launch_content["workstreams"][1]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "This is not complete yet." in response.content.decode()
    assert "no video address and no transcript" in response.content.decode()


def counts():
    return (
        Page.objects.count(),
        Resource.objects.count(),
        HelplineSettings.objects.count(),
        sum(1 for _ in Resource.objects.filter(live=True)),
    )


def test_loading_twice_changes_and_duplicates_nothing(launch_content):
    before = counts()
    output = io.StringIO()
    call_command("load_launch_content", stdout=output)
    assert counts() == before
    assert "already loaded; nothing changed" in output.getvalue()


@pytest.mark.django_db
def test_loading_again_never_overwrites_or_restores_what_editors_changed(launch_content):
    workstream = WorkstreamPage.objects.get(number=2)
    workstream.title = "Unborn babies and pregnancy"
    workstream.save_revision().publish()
    Resource.objects.get(title__startswith="Parent’s Emotional Health").delete()
    helpline = HelplineSettings.objects.get()
    helpline.heading = "Talk to someone"
    helpline.save()

    call_command("load_launch_content", stdout=io.StringIO())

    assert WorkstreamPage.objects.get(number=2).title == "Unborn babies and pregnancy"
    assert not Resource.objects.filter(title__startswith="Parent’s Emotional Health").exists()
    assert HelplineSettings.objects.get().heading == "Talk to someone"

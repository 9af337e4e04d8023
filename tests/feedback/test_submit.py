"""Posting "Is this page useful?": what is stored (and what never is), every refusal with a
clear message and nothing stored, no cookie anywhere in the flow, and the page still cached."""

import time

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from feedback.forms import rendered_token
from feedback.models import FeedbackSettings, PageFeedback

ORIGIN = "http://testserver"


def rendered(page_id, seconds_ago=10):
    return rendered_token(page_id, at=time.time() - seconds_ago)


def answer(client, target, json=False, origin=ORIGIN, environ=None, **fields):
    """Post an answer about the target page, as its feedback box would."""
    data = {
        "page": target.pk,
        "revision": target.live_revision_id,
        "useful": "no",
        "looking_for": "",
        "wrong_or_missing": "",
        "website": "",
    }
    data.update(fields)
    data.setdefault("rendered", rendered(data["page"]))  # the page's own token
    headers = {"accept": "application/json"} if json else {}
    if origin:
        headers["origin"] = origin
    return client.post(reverse("page_feedback"), data, headers=headers, **(environ or {}))


@pytest.fixture
def crying(launch_content):
    return launch_content["advice"]["coping-with-crying"]


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_every_page_asks_and_says_not_to_give_personal_details(client, launch_content):
    pages = [
        launch_content["strategy"],
        launch_content["parents"],
        *launch_content["advice"].values(),
        *launch_content["workstreams"].values(),
        launch_content["library"],
        *launch_content["standard"].values(),
    ]
    for page in pages:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        box = soup.select_one("#feedback")
        assert box is not None, page.url
        assert box.find("h2").get_text(strip=True) == "Is this page useful?"
        note = box.select_one(".app-feedback__privacy").get_text(" ", strip=True)
        assert "Do not include names, phone numbers or other personal details." in note
        assert "We can't reply to you here. If a baby is in danger, call 999" in note
        assert box.select_one(".app-feedback__privacy a[href='tel:999']").get_text() == "999"
        assert box.select_one("a[href='tel:+443003000123']") is not None
        assert box.find("form")["action"] == "/feedback/"
        assert box.select_one("input[name=csrfmiddlewaretoken]") is None


def test_no_and_a_comment_are_stored_with_nothing_about_the_visitor(client, crying):
    response = answer(
        client,
        crying,
        looking_for="How long the crying lasts",
        wrong_or_missing="Nothing about twins",
        environ={"HTTP_USER_AGENT": "Agent/1.0"},
    )
    assert response.status_code == 303
    assert response["Location"] == crying.url + "?feedback=thanks#feedback"
    assert not response.cookies
    stored = PageFeedback.objects.get()
    assert stored.page_id == crying.pk
    assert stored.revision_id == crying.live_revision_id
    assert stored.useful is False
    assert stored.looking_for == "How long the crying lasts"
    assert stored.wrong_or_missing == "Nothing about twins"
    assert stored.created_on is not None
    # The model has nowhere to keep an address, a browser, a session or a time of day.
    assert {field.name for field in PageFeedback._meta.concrete_fields} == {
        "id",
        "page",
        "revision",
        "useful",
        "looking_for",
        "wrong_or_missing",
        "created_on",
        "flagged",
        "dealt_with",
        "dealt_with_by",
        "dealt_with_at",
        "dealt_with_note",
        "leads_reminded_on",
    }


def test_the_thank_you_state_is_the_page_itself_and_sets_no_cookie(client, crying):
    response = client.get(crying.url + "?feedback=thanks")
    assert response.status_code == 200
    assert not response.cookies
    box = BeautifulSoup(response.content, "html.parser").select_one("#feedback")
    assert (
        box.select_one("[role=status]")
        .get_text(" ", strip=True)
        .startswith("Thank you for your feedback")
    )
    assert box.find("form") is None


def test_with_javascript_the_answer_comes_back_as_json(client, crying):
    response = answer(client, crying, json=True, useful="yes")
    assert response.status_code == 200
    assert response.json()["status"] == "thanks"
    assert not response.cookies
    assert PageFeedback.objects.get().useful is True


def test_phone_numbers_and_email_addresses_are_masked(client, crying):
    answer(
        client,
        crying,
        looking_for="Ring me on 07700 900 123 or (01603) 222-333, or mail jo.b+x@example.co.uk",
        wrong_or_missing="My baby is 6 to 8 weeks and 38 °C since 2026",
    )
    stored = PageFeedback.objects.get()
    assert stored.looking_for == (
        "Ring me on [phone number removed] or [phone number removed], or mail "
        "[email address removed]"
    )
    assert stored.wrong_or_missing == "My baby is 6 to 8 weeks and 38 °C since 2026"


@pytest.mark.parametrize(
    ("fields", "origin", "status", "message"),
    [
        ({"useful": ""}, ORIGIN, 400, "Choose yes or no."),
        ({"looking_for": "x" * 501}, ORIGIN, 400, "must be 500 characters or fewer"),
        ({}, "https://evil.example", 403, "it did not come from a page of this website"),
        ({}, None, 403, "it did not come from a page of this website"),
        ({"website": "http://spam.example"}, ORIGIN, 400, "Leave the box marked"),
        ({"rendered": 0}, ORIGIN, 400, "That was very quick"),
        ({"rendered": 2 * 86400}, ORIGIN, 400, "opened a long time ago"),
        ({"rendered": "forged"}, ORIGIN, 400, "could not be sent from this page"),
        ({"page": 999999}, ORIGIN, 404, "no longer on this website"),
    ],
)
def test_a_refusal_says_why_keeps_the_text_and_stores_nothing(
    client, crying, fields, origin, status, message
):
    fields = {"wrong_or_missing": "Kept for you", **fields}
    if isinstance(fields.get("rendered"), int):  # seconds since the page was rendered
        fields["rendered"] = rendered(crying.pk, seconds_ago=fields["rendered"])
    for json in (False, True):
        response = answer(client, crying, json=json, origin=origin, **fields)
        assert response.status_code == status
        assert not response.cookies
        if json:
            assert message in response.json()["message"]
        else:
            assert message in text(response)
            if status == 400 and "page" not in fields:
                assert "Kept for you" in response.content.decode()  # nothing typed is lost
    assert PageFeedback.objects.count() == 0


def test_the_referer_stands_in_for_a_missing_origin(client, crying):
    response = client.post(
        reverse("page_feedback"),
        {"page": crying.pk, "rendered": rendered(crying.pk), "useful": "yes"},
        headers={"referer": f"{ORIGIN}{crying.url}"},
    )
    assert response.status_code == 303
    assert PageFeedback.objects.count() == 1


def test_a_flood_gets_a_friendly_429_and_stores_nothing_more(client, crying, settings):
    for _ in range(30):
        assert answer(client, crying).status_code == 303
    response = answer(client, crying)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    words = text(response)
    assert "You have sent a lot of feedback in a short time" in words
    assert "0300 300 0123" in words and "call 999" in words
    assert answer(client, crying, json=True).status_code == 429
    # Another address has its own budget.
    assert answer(client, crying, environ={"REMOTE_ADDR": "192.0.2.7"}).status_code == 303
    assert PageFeedback.objects.count() == 31


def test_a_page_that_does_not_ask_takes_no_feedback(client, crying, launch_content):
    crying.ask_for_feedback = False
    crying.save_revision().publish()
    assert BeautifulSoup(client.get(crying.url).content, "html.parser").select("#feedback") == []
    assert answer(client, crying).status_code == 400

    setting = FeedbackSettings.load()
    workstream = launch_content["workstreams"][1]
    setting.page_types_without_feedback.set([workstream.content_type])
    for page in launch_content["workstreams"].values():
        assert BeautifulSoup(client.get(page.url).content, "html.parser").select("#feedback") == []
    assert client.get(launch_content["library"].url).content.count(b'id="feedback"') == 1
    assert PageFeedback.objects.count() == 0


def test_a_comment_with_an_alert_word_is_flagged(client, crying):
    answer(client, crying, wrong_or_missing="I am scared he will get HURT")
    answer(client, crying, wrong_or_missing="The white text was hard to read")  # not "hit"
    flagged = dict(PageFeedback.objects.values_list("wrong_or_missing", "flagged"))
    assert flagged == {
        "I am scared he will get HURT": True,
        "The white text was hard to read": False,
    }


def test_a_cached_page_shows_the_box_and_posting_does_not_disturb_the_cache(client, cached_site):
    crying = cached_site["advice"]["coping-with-crying"]
    assert client.get(crying.url)["X-Page-Cache"] == "miss"
    answer(client, crying)
    response = client.get(crying.url)
    assert response["X-Page-Cache"] == "hit"
    assert b'id="feedback"' in response.content
    thanks = client.get(crying.url + "?feedback=thanks")
    assert thanks["X-Page-Cache"] == "miss"
    assert client.get(crying.url + "?feedback=thanks")["X-Page-Cache"] == "hit"
    assert not thanks.cookies


def test_only_post_reaches_the_endpoint(client, db):
    assert client.get(reverse("page_feedback")).status_code == 405


def test_a_long_comment_is_never_cut_short_it_is_refused_with_its_count_and_kept(client, crying):
    # The browser does not drop what is typed or pasted past 500 characters (no maxlength)...
    box = BeautifulSoup(client.get(crying.url).content, "html.parser").select_one("#feedback")
    textareas = box.select("textarea")
    assert len(textareas) == 2
    assert all(not textarea.has_attr("maxlength") for textarea in textareas)
    assert "500 characters at most" in box.get_text()
    # ...the server refuses it, saying how long it is, and gives all of it back.
    long_comment = "My baby cries every evening for hours. " * 16  # 624 characters
    response = answer(client, crying, wrong_or_missing=long_comment)
    assert response.status_code == 400
    assert "must be 500 characters or fewer (you wrote 623)" in text(response)
    assert long_comment.strip() in response.content.decode()
    assert PageFeedback.objects.count() == 0

"""Feedback, third security round (issue 21, item 7): masking catches the ways people write
phone numbers and email addresses to get past a filter, and the form's signed token is good
only on the page it was rendered for."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.urls import reverse

from feedback.forms import RENDERED_SALT, rendered_token
from feedback.models import PageFeedback
from feedback.privacy import mask_personal_details
from tests.support.factories import build_advice_page

ORIGIN = "http://testserver"
PHONE = "[phone number removed]"
EMAIL = "[email address removed]"


@pytest.mark.parametrize(
    "written",
    [
        "07700_900123",
        "07700 900 123",
        "07700/900/123",
        "0 7 7 0 0 9 0 0 1 2 3",
        "07700–900–123",  # en dashes
        "07700·900·123",
        "+44 (0) 7700 900123",
        "07700 - 900 - 123",
        "07700.900.123",
        "07700_900_123",
    ],
)
def test_phone_numbers_with_any_separators_are_masked(written):
    assert mask_personal_details(f"call me on {written} please") == f"call me on {PHONE} please"


@pytest.mark.parametrize(
    "written",
    [
        "jo@example.com",
        "jo(at)example.com",
        "jo (at) example (dot) com",
        "jo[at]example[dot]co[dot]uk",
        "jo {at} example.com",
        "jo@localhost",
        "jo.b+x@example.co.uk",
        "JO(AT)EXAMPLE.COM",
    ],
)
def test_email_addresses_written_to_get_past_a_filter_are_masked(written):
    assert mask_personal_details(f"write to {written} soon") == f"write to {EMAIL} soon"


@pytest.mark.parametrize(
    "kept",
    [
        "My baby is 6 to 8 weeks and 38 °C since 2026",
        "I looked at this page at 3am",
        "Read it on 12/03/2026 and again on 2026-03-14",
        "He is 3 months, 2 weeks old and weighs 5.4 kg",
        "Call 999 or 111",
    ],
)
def test_ordinary_words_numbers_and_dates_are_kept(kept):
    assert mask_personal_details(kept) == kept


def post(client, page, token, **fields):
    data = {
        "page": page.pk,
        "revision": page.live_revision_id,
        "rendered": token,
        "useful": "no",
        "wrong_or_missing": "Kept",
        **fields,
    }
    return client.post(
        reverse("page_feedback"),
        data,
        headers={"origin": ORIGIN, "accept": "application/json"},
    )


def token_from(client, page):
    box = BeautifulSoup(client.get(page.url).content, "html.parser")
    return box.find("input", attrs={"name": "rendered"})["value"]


def test_the_token_of_one_page_is_refused_on_another(client, site):
    crying = build_advice_page(site, title="Coping with crying")
    sleep = build_advice_page(site, title="Safer sleep for your baby")
    token = token_from(client, crying)
    time.sleep(2.1)  # the form's minimum time
    refused = post(client, sleep, token)
    assert refused.status_code == 400
    assert "could not be sent from this page" in refused.json()["message"]
    assert PageFeedback.objects.count() == 0
    accepted = post(client, crying, token)
    assert accepted.status_code == 200
    assert PageFeedback.objects.get().page_id == crying.pk


def test_a_token_without_a_page_is_refused(client, site):
    """A token signed for no page (as every token was before) is not good on any page."""
    crying = build_advice_page(site, title="Coping with crying")
    unbound = signing.dumps(int(time.time()) - 10, salt=RENDERED_SALT)
    refused = post(client, crying, unbound)
    assert refused.status_code == 400
    assert PageFeedback.objects.count() == 0


def test_the_token_is_signed_for_its_page():
    assert rendered_token(41) != rendered_token(42)

"""The helpline setting: UK numbers validated with clear messages, shown on every page."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from helpline.models import HelplineSettings


def helpline(**overrides):
    values = {
        "heading": "Help and advice with your baby",
        "phone_display": "0300 300 0123",
        "phone_dial": "+443003000123",
        "text_display": "07520 631 590",
        "text_number": "+447520631590",
        "website_label": "Just One Norfolk",
        "website_url": "https://www.justonenorfolk.nhs.uk",
    }
    values.update(overrides)
    setting = HelplineSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(setting, name, value)
    return setting


def errors(setting):
    with pytest.raises(ValidationError) as error:
        setting.full_clean()
    return error.value.message_dict


@pytest.mark.django_db
def test_the_launch_helpline_is_valid_and_dials_and_texts_in_international_form():
    setting = helpline()
    setting.full_clean()
    assert setting.phone_href == "tel:+443003000123"
    assert setting.text_href == "sms:+447520631590"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone_display", "call us", "Enter a UK phone number"),
        ("phone_dial", "+1 212 555 0100", "Enter a UK phone number"),
        ("text_display", "0300 300 0123", "Enter a UK mobile number that can receive texts"),
        ("text_number", "999", "Enter a UK mobile number that can receive texts"),
    ],
)
def test_numbers_that_are_not_uk_numbers_are_refused_with_a_message(field, value, message):
    assert message in " ".join(errors(helpline(**{field: value}))[field])


@pytest.mark.django_db
def test_the_dialled_number_must_be_the_one_shown():
    assert "must be the same as the number shown" in " ".join(
        errors(helpline(phone_dial="+443003000124"))["phone_dial"]
    )
    assert "must be the same as the number shown" in " ".join(
        errors(helpline(text_number="+447520631591"))["text_number"]
    )


@pytest.mark.django_db
def test_a_text_number_needs_both_forms_and_a_website_both_parts():
    assert "or neither" in " ".join(errors(helpline(text_number=""))["text_number"])
    assert "or neither" in " ".join(errors(helpline(website_url=""))["website_url"])


def test_a_lead_changing_the_helpline_in_the_admin_sees_a_clear_message(admin_client, site):
    response = admin_client.post(
        f"/admin/settings/helpline/helplinesettings/{site.pk}/",
        {
            "heading": "Help",
            "phone_display": "not a number",
            "phone_dial": "+443003000123",
            "text_display": "07520 631 590",
            "text_number": "+447520631590",
            "website_label": "Just One Norfolk",
            "website_url": "https://www.justonenorfolk.nhs.uk",
            "opening_hours-count": "0",
            "when_closed": "Closed.",
            "emergency_message": "If a baby is in immediate danger, call 999.",
            "notices-count": "0",
        },
    )
    assert response.status_code == 200
    assert "Enter a UK phone number" in response.content.decode()
    assert HelplineSettings.objects.get().phone_display == "0300 300 0123"


def test_the_helplines_old_admin_address_leads_to_its_form(admin_client, site):
    """Settings → Helpline had the core's label in its address until the helpline had an app
    of its own: a bookmark of the old address still opens the form."""
    new = f"/admin/settings/helpline/helplinesettings/{site.pk}/"
    old = f"/admin/settings/protecting_babies/helplinesettings/{site.pk}/"
    response = admin_client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)
    form = admin_client.get(old, follow=True)
    assert form.status_code == 200
    assert 'value="0300 300 0123"' in form.content.decode()
    # The address without the site goes the same way, to the default site's form.
    response = admin_client.get("/admin/settings/protecting_babies/helplinesettings/", follow=True)
    assert response.redirect_chain[0] == ("/admin/settings/helpline/helplinesettings/", 301)
    assert response.redirect_chain[-1][0] == new

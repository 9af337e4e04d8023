"""The crying plan and the safer-sleep checklist as the server sends them: a form that goes
nowhere (no <form>, no field names, no autofill), with the helpline, NHS 111 and 999 already
in it, editable in the admin. What the browser does with them is in tests/browser/."""

import json

import pytest
from bs4 import BeautifulSoup

from helpline.models import HelplineSettings


def tool(client, page, kind):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, soup.select_one(f"section.app-{kind}")


@pytest.fixture
def crying(launch_content):
    return launch_content["advice"]["coping-with-crying"]


def test_the_plan_stores_nothing_because_it_sends_nothing(client, crying):
    soup, plan = tool(client, crying, "crying-plan")
    assert plan is not None
    # Nothing to submit: no form around or in it, so Enter in a box goes nowhere.
    assert plan.find_parent("form") is None and plan.select("form") == []
    inputs = plan.select("input")
    assert len(inputs) >= 10
    for field in inputs:
        assert not field.has_attr("name"), field
        if field["type"] != "checkbox":  # the browser keeps no list of what was typed
            assert field["autocomplete"] == "off", field
    # Every box has a label a screen reader reads out.
    for field in inputs:
        assert plan.select_one(f'label[for="{field["id"]}"]') is not None, field["id"]


def test_the_plan_has_the_parts_a_parent_fills_in(client, crying):
    _soup, plan = tool(client, crying, "crying-plan")
    legends = [legend.get_text(strip=True) for legend in plan.select("legend")]
    assert legends == [
        "1. What I check first",
        "2. What comforts my baby",
        "3. If the crying gets too much, I will",
        "4. People I can call",
    ]
    labels = [label.get_text(strip=True) for label in plan.select(".govuk-checkboxes__label")]
    assert "Are they hungry?" in labels and "Hold them close, skin to skin" in labels
    steps = [li.get_text(strip=True) for li in plan.select(".app-tool__steps li")]
    assert steps[0] == "Put my baby down safely on their back in their cot."
    assert len(plan.select('input[type="tel"]')) == 3
    assert "Share your plan with everyone who looks after your baby." in plan.get_text()


def test_the_plan_already_has_the_helpline_nhs_111_and_999(client, crying):
    _soup, plan = tool(client, crying, "crying-plan")
    calls = {a["href"] for a in plan.select("a[href^='tel:']")}
    assert calls == {"tel:+443003000123", "tel:111", "tel:999"}
    assert "sms:+447520631590" in {a["href"] for a in plan.select("a[href^='sms:']")}


def test_the_plan_takes_the_helpline_number_from_the_setting(client, crying):
    helpline = HelplineSettings.objects.get()
    helpline.phone_display, helpline.phone_dial = "0300 300 0999", "+443003000999"
    helpline.save()
    _soup, plan = tool(client, crying, "crying-plan")
    assert "0300 300 0999" in plan.get_text()


def test_printed_the_plan_carries_the_address_qr_code_review_date_and_helpline(client, crying):
    _soup, plan = tool(client, crying, "crying-plan")
    paper = plan.select_one(".app-tool__paper")
    assert paper.select_one(".app-print-qr img")["src"].startswith("data:image/svg+xml")
    text = paper.get_text(" ", strip=True)
    assert "http://localhost/for-parents-and-carers/coping-with-crying/" in text
    assert "Not yet reviewed" in text
    assert "call 0300 300 0123, text 07520 631 590" in text
    button = plan.select_one("button[data-module=app-print]")
    assert button["data-print-target"] == plan["id"]


def test_editors_choose_the_plan_and_checklist_items(client, crying, launch_content):
    body = list(crying.body.raw_data)
    plan = next(block for block in body if block["type"] == "crying_plan")
    plan["value"]["comforts"] = ["Rocking in the pram"]
    plan["value"]["people"] = 5
    crying.body = json.dumps(body)
    crying.save_revision().publish()
    _soup, rendered = tool(client, crying, "crying-plan")
    labels = [label.get_text(strip=True) for label in rendered.select(".govuk-checkboxes__label")]
    assert "Rocking in the pram" in labels and "A warm bath" not in labels
    assert len(rendered.select('input[type="tel"]')) == 5

    sleep = launch_content["advice"]["safer-sleep-for-your-baby"]
    _soup, checklist = tool(client, sleep, "checklist")
    items = [label.get_text(strip=True) for label in checklist.select(".govuk-checkboxes__label")]
    assert items[0] == "On their back, every sleep"
    assert "Never asleep with the baby on a sofa or armchair" in items

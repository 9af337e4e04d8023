"""Corrected launch text reaches a site that loaded the old text, without going live behind the
leads' back: load_launch_content gives each page still holding the old launch version the
corrected text as a new revision in the sign-off workflow; a page editors changed keeps their
text and gets a note under "Still missing"; a page with a draft waits. A new site loads the
corrected text live, as before."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowState

from launch.management.commands.load_launch_content import CORRECTIONS_FILE
from launch.models import LaunchContentRecord
from parents.models import AdvicePage
from strategy.models import StandardPage

CORRECTION = json.loads(CORRECTIONS_FILE.read_text(encoding="utf-8"))["corrections"][0]
OLD_KEY_MESSAGE = "It is OK to walk away for a few minutes if the crying gets too much."
NEW_KEY_MESSAGE = (
    "It is OK to walk away for a few minutes, after putting your baby down safely on their back "
    "in their cot."
)


def as_loaded_before(page, key):
    """Put back, live, the launch version the correction replaces: a site loaded before it."""
    version = CORRECTION["items"][key]["replaces"][0]
    for name, value in version.items():
        if name == "key_messages":
            value = json.dumps([{"type": "message", "value": text} for text in value])
        elif isinstance(value, list):
            value = json.dumps(value)
        setattr(page, name, value)
    page.save_revision().publish()
    LaunchContentRecord.objects.filter(key__startswith=CORRECTION["key"]).delete()
    return type(page).objects.get(pk=page.pk)


def load():
    output = io.StringIO()
    call_command("load_launch_content", stdout=output)
    return output.getvalue()


def key_messages(page):
    return [block.value for block in page.key_messages]


@pytest.fixture
def crying(launch_content):
    return as_loaded_before(launch_content["advice"]["coping-with-crying"], "page:advice-crying")


def test_a_new_site_has_the_corrected_text_live(launch_content):
    crying = launch_content["advice"]["coping-with-crying"]
    assert NEW_KEY_MESSAGE in key_messages(crying) and not crying.has_unpublished_changes
    done = set(LaunchContentRecord.objects.values_list("key", flat=True))
    assert {f"{CORRECTION['key']}:{key}" for key in CORRECTION["items"]} <= done
    assert "nothing changed" in load()


def test_an_unchanged_page_gets_the_correction_for_sign_off_not_live(client, crying):
    assert OLD_KEY_MESSAGE in key_messages(crying)
    said = load()
    assert "“Coping with crying”: its corrected text is a new revision, sent to the leads" in said
    page = AdvicePage.objects.get(pk=crying.pk)
    # Live: still the old text, until a lead approves.
    assert OLD_KEY_MESSAGE in key_messages(page)
    assert OLD_KEY_MESSAGE in client.get(page.url).content.decode()
    # Waiting: the corrected text, in the leads' sign-off.
    assert page.has_unpublished_changes
    assert NEW_KEY_MESSAGE in key_messages(page.get_latest_revision_as_object())
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    assert state.current_task_state.revision == page.latest_revision
    # Once only.
    assert "nothing changed" in load()
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1


def test_the_corrected_crying_page_links_to_when_to_get_help(crying, launch_content):
    load()
    revision = AdvicePage.objects.get(pk=crying.pk).get_latest_revision_as_object()
    get_help = launch_content["advice"]["when-to-get-help"]
    link = f'<a linktype="page" id="{get_help.pk}">when to get help</a>'
    texts = [block["value"] for block in revision.body.raw_data if block["type"] == "text"]
    assert any(link in text for text in texts)


def test_a_page_editors_changed_keeps_their_text_and_gets_a_note(crying):
    crying.summary = "An editor's own summary."
    crying.save_revision().publish()
    said = load()
    assert "“Coping with crying” was changed by editors" in said
    page = AdvicePage.objects.get(pk=crying.pk)
    assert page.summary == "An editor's own summary." and OLD_KEY_MESSAGE in key_messages(page)
    draft = page.get_latest_revision_as_object()
    assert draft.summary == "An editor's own summary."
    assert OLD_KEY_MESSAGE in key_messages(draft)  # their text, not replaced
    assert draft.missing_information.startswith("The launch text of this page was corrected")
    assert "a glass of water or a cup of tea" in draft.missing_information
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_a_page_with_a_draft_waits_for_a_later_run(crying):
    crying.summary = "A draft in progress."
    crying.save_revision()
    assert "“Coping with crying” has a draft: its correction waits" in load()
    assert AdvicePage.objects.get(pk=crying.pk).get_latest_revision_as_object().summary == (
        "A draft in progress."
    )
    assert not LaunchContentRecord.objects.filter(key__endswith=":page:advice-crying").exists()


def test_staying_safe_online_is_corrected_for_sign_off_too(launch_content):
    page = as_loaded_before(
        launch_content["standard"]["staying-safe-online"], "page:staying-safe-online"
    )
    assert "will not bring this website back straight away" in json.dumps(list(page.body.raw_data))
    load()
    page = StandardPage.objects.get(pk=page.pk)
    assert "will not bring this website back straight away" in json.dumps(list(page.body.raw_data))
    corrected = json.dumps(list(page.get_latest_revision_as_object().body.raw_data))
    assert "the back button takes you to the page you were on before" in corrected

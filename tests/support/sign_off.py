"""Sign-off through the real admin views, as the browser does it: an editor's saves and
submissions; a lead opening an item (its edit form and the "Approve and publish" dialog) and
approving it later; and what a visitor then sees."""

import json
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from resources.models import Resource
from tests.support.users import resource_form_data, workstream_form_data

AJAX = {"x-requested-with": "XMLHttpRequest"}
LOADED = ("loaded_revision_id", "loaded_revision_created_at")


def edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse("wagtailsnippets_resources_resource:edit", args=[obj.pk])


def latest(obj):
    """The item as its latest version says (what its edit form shows)."""
    fresh = type(obj).objects.get(pk=obj.pk)
    return fresh.get_latest_revision_as_object()


def form_data(obj, **changes):
    """The edit form's data for the item's latest version (its schedule too), with `changes`."""
    draft = latest(obj)
    for name in ("go_live_at", "expire_at"):
        when = getattr(draft, name)
        if when and name not in changes:
            changes[name] = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
    if isinstance(draft, Resource):
        return resource_form_data(draft, **changes)
    return workstream_form_data(draft, **changes)


def text_of(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def said(response):
    """What the admin said: its messages and the page's text."""
    messages = " ".join(str(message) for message in get_messages(response.wsgi_request))
    return f"{messages} {text_of(response.content)}"


def save(client, user, obj, **changes):
    """Save draft from the edit form."""
    client.force_login(user)
    return client.post(edit_url(obj), form_data(obj, **changes))


def submit(client, user, obj, **changes):
    """Submit to Safeguarding sign-off from the edit form."""
    client.force_login(user)
    response = client.post(edit_url(obj), form_data(obj, **changes, **{"action-submit": "1"}))
    assert response.status_code == 302, said(response)
    return type(obj).objects.get(pk=obj.pk).current_workflow_task_state


@dataclass
class Opened:
    """What a lead was shown when they opened an item and its "Approve and publish" dialog."""

    edit_url: str
    dialog_url: str
    loaded: dict  # the edit form's record of the version it shows
    form: dict  # the edit form's fields, as shown
    dialog: dict  # the dialog's fields, as shown (ticked boxes, hidden inputs)

    @property
    def action_url(self):
        """The same dialog at Wagtail's own address for acting at once (its stock dashboard
        panel's "Approve" button), rather than collecting the data for the edit form."""
        acting = self.dialog_url.replace("/workflow/collect_action_data/", "/workflow/action/")
        assert acting != self.dialog_url
        return acting


def _fields(form):
    values = {}
    for field in form.select("input, textarea"):
        name, kind = field.get("name"), field.get("type", "")
        if not name or (kind == "checkbox" and not field.has_attr("checked")):
            continue
        values[name] = "on" if kind == "checkbox" else field.get("value", field.get_text())
    values.pop("csrfmiddlewaretoken", None)
    return values


def dialog_fields(client, url):
    """The fields of the sign-off dialog at `url` as the lead opens it (ticked boxes, hidden
    inputs such as the version's token), to send back."""
    html = json.loads(client.get(url).content)["html"]
    return _fields(BeautifulSoup(html, "html.parser").find("form"))


def open_for_approval(client, lead, obj):
    """The lead opens the item's edit form, then "Approve and publish" (the dialog)."""
    client.force_login(lead)
    url = edit_url(obj)
    page = BeautifulSoup(client.get(url).content, "html.parser")
    loaded = {name: page.find("input", attrs={"name": name})["value"] for name in LOADED}
    button = page.find(attrs={"data-workflow-action-name": "approve"})
    dialog_url = button["data-workflow-action-modal-url"]
    return Opened(url, dialog_url, loaded, form_data(obj), dialog_fields(client, dialog_url))


@dataclass
class Approval:
    refused_in_dialog: str  # what the dialog said instead of closing, or ""
    said: str  # what the admin said after the edit form was sent ("" if it was not)


def approve(client, lead, opened, **dialog_changes):
    """The lead presses "Approve and publish" in the dialog they opened: the dialog is checked,
    then the edit form they opened is sent with it (what Wagtail's script does)."""
    client.force_login(lead)
    answer = json.loads(
        client.post(opened.dialog_url, {**opened.dialog, **dialog_changes}, headers=AJAX).content
    )
    if answer["step"] != "success":
        return Approval(text_of(answer["html"]), "")
    data = {
        **opened.form,
        **opened.loaded,
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": json.dumps(answer["cleaned_data"]),
    }
    return Approval("", said(client.post(opened.edit_url, data, follow=True)))


def approve_in_the_dialog_alone(client, lead, opened):
    """The lead approves from the dialog at Wagtail's acting address (its stock "Awaiting your
    review" panel's button), with no edit form."""
    client.force_login(lead)
    response = client.post(opened.action_url, opened.dialog, headers=AJAX)
    answer = json.loads(response.content)
    return Approval("" if answer["step"] == "success" else text_of(answer["html"]), "")


def public_text(url):
    """What a visitor (signed out, no cookies) reads at url, or "" for no page."""
    response = Client().get(url)
    if response.status_code != 200:
        return ""
    return text_of(response.content)

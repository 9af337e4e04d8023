"""Helpers for the editorial workflow tests: users in each role, and edit-form data."""

from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.roles import EDITORS, LEADS
from editorial.roles import setup_editorial_workflow

PASSWORD = "correct horse battery staple"


def make_user(username, role=None, email=None, **extra):
    """A user in the role's group (after making sure the roles exist), with a known password."""
    groups, _workflow = setup_editorial_workflow()
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org" if email is None else email,
        password=PASSWORD,
        **{"first_name": username.capitalize(), **extra},
    )
    if role:
        user.groups.add(groups[role])
    return user


def make_editor(username="edna"):
    return make_user(username, EDITORS)


def make_lead(username="leah"):
    return make_user(username, LEADS)


def workstream_form_data(page, **changes):
    """POST data for a workstream page's edit form: its current values, with `changes`."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "number": page.number,
        "summary": page.summary,
        "body": streamfield([]),
        "review_every_months": page.review_every_months,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "first_review_due": page.first_review_due.isoformat() if page.first_review_due else "",
        "missing_information": page.missing_information,
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def standard_page_form_data(page, **changes):
    """POST data for a plain page's form (a new one if it has no id): its values, `changes`."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([]),
        "review_every_months": page.review_every_months,
        "last_reviewed": "",
        "missing_information": page.missing_information,
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def resource_form_data(resource, **changes):
    """POST data for a resource's edit form: its current values, with `changes`."""
    data = {
        "title": resource.title,
        "description": resource.description,
        "format": resource.format,
        "external_url": resource.external_url,
        "review_every_months": resource.review_every_months,
        "missing_information": resource.missing_information,
    }
    if resource.for_parents:
        data["for_parents"] = "on"
    if resource.for_professionals:
        data["for_professionals"] = "on"
    # The review fields, as the form shows them (a date the form leaves out would be cleared).
    for name in ("last_reviewed", "first_review_due"):
        if getattr(resource, name):
            data[name] = getattr(resource, name).isoformat()
    if resource.review_owner_id:
        data["review_owner"] = resource.review_owner_id
    if resource.document_id:
        data["document"] = resource.document_id
    if resource.page_id:
        data["page"] = resource.page_id
    workstreams = [page.pk for page in resource.workstreams.all()]
    if workstreams:
        data["workstreams"] = workstreams
    data.update(changes)
    return data


HELPLINE_TEXT_FIELDS = (
    "heading",
    "phone_display",
    "phone_dial",
    "text_display",
    "text_number",
    "website_label",
    "website_url",
    "when_closed",
    "emergency_message",
)


def helpline_form_data(helpline, notices=(), **changes):
    """POST data for the helpline settings form: the setting's current words (no opening
    hours), these dated notices (block values), and `changes`."""
    data = {name: getattr(helpline, name) for name in HELPLINE_TEXT_FIELDS}
    data["opening_hours"] = streamfield([])
    data["notices"] = streamfield([("notice", notice) for notice in notices])
    data.update(changes)
    return nested_form_data(data)

"""Editors edit and submit; only safeguarding leads publish, approve or reject."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Comment, Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from core.roles import EDITORS, LEADS
from editorial.models import SignOffTask
from editorial.roles import WORKFLOW_NAME, setup_editorial_workflow
from helpline.models import HelplineSettings
from sitechrome.models import SiteLinks
from strategy.models import WorkstreamPage
from tests.support.factories import ResourceFactory, StandardPageFactory, WorkstreamPageFactory
from tests.support.sign_off import dialog_fields
from tests.support.users import make_editor, make_lead, resource_form_data, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(site):
    home = site.root_page.specific
    return {
        "editor": make_editor(),
        "lead": make_lead(),
        "strategy": home,
        "workstreams": {
            3: WorkstreamPageFactory(
                parent=home,
                number=3,
                title="Safer sleeping",
                missing_information="The team's contact details.",
            )
        },
        "standard": {
            slug: StandardPageFactory(parent=home, slug=slug)
            for slug in ("accessibility-statement", "privacy-notice")
        },
    }


@pytest.fixture
def workstream(roles):
    return roles["workstreams"][3]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_migration_sets_up_the_roles_and_the_workflow():
    # No set-up call here: this is what the data migration left in the test database.
    assert set(Group.objects.values_list("name", flat=True)) == {EDITORS, LEADS}
    leads = Group.objects.get(name=LEADS)
    assert leads.permissions.filter(codename="change_helplinesettings").exists()
    assert (
        not Group.objects.get(name=EDITORS)
        .permissions.filter(codename__in=["change_helplinesettings", "publish_resource"])
        .exists()
    )
    assert set(
        leads.page_permissions.filter(page__depth=1).values_list("permission__codename", flat=True)
    ) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    workflow = Workflow.objects.get()
    assert workflow.name == WORKFLOW_NAME
    assert workflow.workflow_pages.get().page.depth == 1
    assert workflow.workflow_content_types.get().content_type.model == "resource"
    assert isinstance(workflow.tasks.get().specific, SignOffTask)
    # Feedback's own permissions, given through its hook: editors read, leads also delete.
    assert Group.objects.get(name=EDITORS).permissions.filter(codename="view_pagefeedback").exists()
    assert leads.permissions.filter(codename="delete_pagefeedback").exists()


def test_wagtail_default_groups_are_adapted_not_duplicated(roles):
    names = set(Group.objects.values_list("name", flat=True))
    assert names == {EDITORS, LEADS}
    workflow = Workflow.objects.get()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [LEADS]


def test_setup_is_idempotent(roles):
    counts = (Group.objects.count(), Workflow.objects.count(), roles["lead"].get_all_permissions())
    setup_editorial_workflow()
    setup_editorial_workflow()
    assert (Group.objects.count(), Workflow.objects.count()) == counts[:2]
    roles["lead"] = type(roles["lead"]).objects.get(pk=roles["lead"].pk)
    assert roles["lead"].get_all_permissions() == counts[2]


def test_sign_off_covers_every_page_and_resources(roles, workstream):
    assert workstream.get_workflow().name == WORKFLOW_NAME
    assert ResourceFactory().get_workflow().name == WORKFLOW_NAME


def test_editor_sees_submit_but_no_publish_button(client, roles, workstream):
    client.force_login(roles["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[workstream.pk]))
    assert response.status_code == 200
    html = soup(response)
    assert html.find("button", attrs={"name": "action-submit"}) is not None
    assert html.find("button", attrs={"name": "action-publish"}) is None


def test_editor_cannot_publish_a_page(client, roles, workstream):
    client.force_login(roles["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, title="Changed by an editor", **{"action-publish": "1"}),
    )
    workstream.refresh_from_db()
    assert workstream.title == "Safer sleeping"
    assert workstream.live
    assert workstream.get_latest_revision().as_object().title == "Changed by an editor"
    assert workstream.has_unpublished_changes
    response = client.get(workstream.url)
    assert "Changed by an editor" not in response.content.decode()


def test_editor_submits_and_lead_approves_and_it_is_published(client, roles, workstream):
    client.force_login(roles["editor"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, title="Safer sleep, checked", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(workstream.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by == roles["editor"]
    # The editor cannot approve their own submission.
    task_state = state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[workstream.pk, "approve", task_state.pk]
    )
    client.post(approve_url, {"comment": ""})
    workstream.refresh_from_db()
    assert workstream.title == "Safer sleeping"

    client.force_login(roles["lead"])
    # The lead sees it waiting on the dashboard.
    assert "Safer sleep, checked" in client.get(reverse("wagtailadmin_home")).content.decode()
    dialog = dialog_fields(client, approve_url)
    # The page says what is still missing on it: the lead confirms.
    assert dialog["has_missing_information"] == "on"
    dialog["publish_with_missing_information"] = "on"
    response = client.post(
        approve_url, {**dialog, "comment": "Checked against the Lullaby Trust advice."}
    )
    assert response.status_code == 302
    workstream.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert workstream.title == "Safer sleep, checked"
    client.logout()
    page = soup(client.get(workstream.url))
    assert page.find("h1").get_text(strip=True) == "Safer sleep, checked"


def test_lead_rejects_with_a_comment_and_editor_sees_it(client, roles, workstream):
    client.force_login(roles["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, title="Sleep however", **{"action-submit": "1"}),
    )
    state = WorkflowState.objects.get(object_id=str(workstream.pk))
    client.force_login(roles["lead"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[workstream.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Babies must sleep on their backs: please put that back."},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    workstream.refresh_from_db()
    assert workstream.title == "Safer sleeping"

    client.force_login(roles["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[workstream.pk]))
    assert "Changes requested" in soup(response).get_text(" ", strip=True)
    response = client.get(reverse("wagtailadmin_pages:history", args=[workstream.pk]))
    assert "please put that back" in soup(response).get_text(" ", strip=True)


def test_lead_sees_what_changed(client, roles, workstream):
    client.force_login(roles["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, summary="A new summary line", **{"action-submit": "1"}),
    )
    workstream.refresh_from_db()
    revision = workstream.get_latest_revision()
    client.force_login(roles["lead"])
    response = client.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[workstream.pk, "live", revision.pk],
        )
    )
    assert response.status_code == 200
    text = " ".join(soup(response).get_text(" ").split())
    assert "A new summary line" in text


def test_editor_can_comment_on_a_page(client, roles, workstream):
    client.force_login(roles["editor"])
    comment = {
        "id": "",
        "contentpath": "title",
        "text": "Should this say 'cot' or 'Moses basket'?",
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, comments=inline_formset([comment])),
    )
    assert response.status_code == 302
    assert Comment.objects.get(user=roles["editor"]).text.startswith("Should this say")


def test_editor_cannot_publish_a_resource_but_can_submit_it(client, roles):
    resource = ResourceFactory()
    edit_url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    client.force_login(roles["editor"])
    response = client.get(edit_url)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("button", attrs={"name": "action-publish"}) is None
    assert html.find("button", attrs={"name": "action-submit"}) is not None

    original = resource.title
    client.post(edit_url, resource_form_data(resource, title="Renamed", **{"action-publish": "1"}))
    resource.refresh_from_db()
    assert resource.title == original

    client.post(edit_url, resource_form_data(resource, title="Renamed", **{"action-submit": "1"}))
    resource.refresh_from_db()
    assert resource.title == original
    assert resource.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(roles["lead"])
    task_state = resource.current_workflow_state.current_task_state
    approve_url = reverse(
        "wagtailsnippets_resources_resource:workflow_action",
        args=[resource.pk, "approve", task_state.pk],
    )
    client.post(approve_url, dialog_fields(client, approve_url))
    resource.refresh_from_db()
    assert resource.title == "Renamed"


def test_only_leads_change_the_helpline(client, roles):
    helpline = HelplineSettings.objects.get()
    url = reverse(
        "wagtailsettings:edit",
        args=["helpline", "helplinesettings", helpline.site_id],
    )
    client.force_login(roles["editor"])
    response = client.get(url)
    assert response.status_code in (302, 403)
    client.post(url, {"heading": "Changed by an editor"})
    helpline.refresh_from_db()
    assert helpline.heading != "Changed by an editor"
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url not in home

    client.force_login(roles["lead"])
    assert client.get(url).status_code == 200


def test_only_leads_change_the_site_links(client, roles):
    links = SiteLinks.objects.get()
    url = reverse("wagtailsettings:edit", args=["sitechrome", "sitelinks", links.site_id])
    client.force_login(roles["editor"])
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"exit_url": "https://example.org/"})
    links.refresh_from_db()
    assert links.exit_url != "https://example.org/"
    client.force_login(roles["lead"])
    assert client.get(url).status_code == 200


def test_audit_log_is_visible_to_leads(client, roles, workstream):
    workstream.save_revision(user=roles["lead"], log_action=True).publish(user=roles["lead"])
    client.force_login(roles["lead"])
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Safer sleeping" in soup(response).get_text()


def test_moving_a_page_leaves_a_redirect(client, roles):
    standard = roles["standard"]
    parent, moving = list(standard.values())[:2]
    old_url = moving.url
    client.force_login(roles["lead"])
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[moving.pk, parent.pk]))
    assert response.status_code == 302
    moving = Page.objects.get(pk=moving.pk)
    assert moving.url.startswith(parent.url)
    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(moving.url)


def test_editor_cannot_unpublish_delete_or_move_a_live_page(client, roles, workstream):
    client.force_login(roles["editor"])
    for name in ("unpublish", "delete"):
        client.post(reverse(f"wagtailadmin_pages:{name}", args=[workstream.pk]))
    strategy = roles["strategy"]
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[workstream.pk, strategy.pk]))
    workstream = Page.objects.get(pk=workstream.pk)
    assert workstream.live
    assert workstream.get_parent().pk == strategy.pk
    response = client.get(workstream.url)
    assert response.status_code == 200


def test_editor_cannot_unpublish_a_resource(client, roles):
    resource = ResourceFactory()
    client.force_login(roles["editor"])
    client.post(reverse("wagtailsnippets_resources_resource:unpublish", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.live


def test_new_page_by_an_editor_waits_for_sign_off(client, roles):
    client.force_login(roles["editor"])
    data = workstream_form_data(
        WorkstreamPage(title="Coping with crying", slug="coping", number=5, summary="Help."),
        **{"action-submit": "1"},
    )
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["strategy", "workstreampage", roles["strategy"].pk],
        ),
        data,
    )
    assert response.status_code == 302
    page = WorkstreamPage.objects.get(slug="coping")
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert client.get("/coping/").status_code == 404


def test_only_safeguarding_leads_manage_promoted_search_results(db):

    codenames = {"add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"}
    lead = set(
        Group.objects.get(name="Safeguarding leads").permissions.values_list("codename", flat=True)
    )
    editor = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert codenames <= lead
    assert not codenames & editor

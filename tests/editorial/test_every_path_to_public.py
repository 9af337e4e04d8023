"""Every way content can become public, tried as an Editor who wants unseen content live.

The rule (docs/security.md, "Sign-off"): what goes live is exactly what the approving
safeguarding lead was shown. Each test goes through the real admin views with the test client
(and Wagtail's own code where the path is not a view: `publish_scheduled`, revisions saved in
code), tries to get something no lead saw onto the public site, and asserts what a visitor
reads (a page, the resource library, a file). Where Wagtail's permissions already stop an
Editor, the test still tries, so that a change of roles or of Wagtail is caught.
"""

import datetime
import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    TaskState,
)

from resources.models import Resource
from strategy.models import StandardPage, WorkstreamPage
from tests.support.sign_off import (
    approve,
    approve_in_the_dialog_alone,
    edit_url,
    form_data,
    open_for_approval,
    public_text,
    said,
    save,
    submit,
    text_of,
)
from tests.support.users import make_editor, make_lead, standard_page_form_data

pytestmark = pytest.mark.django_db

SEEN = "Babies sleep on their backs, in a clear cot, every sleep."
UNSEEN = "Unseen words no safeguarding lead has approved."
CHANGED = "Not approved: it changed after you opened it"


@pytest.fixture
def people(launch_content):
    return {"editor": make_editor(), "lead": make_lead(), **launch_content}


@pytest.fixture
def workstream(people):
    """A live workstream page with nothing missing (so a lead approves without confirming)."""
    page = people["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(missing_information="")
    page = WorkstreamPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    return WorkstreamPage.objects.get(pk=page.pk)


@pytest.fixture
def resource(people):
    """A live resource on another website, listed by the library."""
    resource = Resource.objects.live().filter(external_url__gt="").order_by("pk").first()
    resource.missing_information = ""
    resource.save_revision().publish()
    return Resource.objects.get(pk=resource.pk)


def library(people):
    return public_text(people["library"].url)


def page_text(page):
    return public_text(Page.objects.get(pk=page.pk).url)


def overwrite_data(obj, revision_id, **changes):
    """The edit form as Wagtail's autosave sends it: overwrite this saved version in place."""
    return form_data(obj, overwrite_revision_id=str(revision_id), **changes)


# --- Saving while a lead reviews --------------------------------------------------------------


def test_a_plain_save_while_waiting_sends_the_lead_to_the_new_version(client, people, workstream):
    submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)
    assert save(client, people["editor"], workstream, summary=UNSEEN).status_code == 302

    approval = approve(client, people["lead"], opened)
    assert "Not approved: it changed after you opened it" in approval.refused_in_dialog
    assert "Edna saved it at" in approval.refused_in_dialog
    assert UNSEEN not in page_text(workstream) and SEEN not in page_text(workstream)

    # The lead opens it again, sees the new version, and approving it publishes that.
    opened = open_for_approval(client, people["lead"], workstream)
    assert opened.form["summary"] == UNSEEN
    assert "has been approved and published" in approve(client, people["lead"], opened).said
    assert UNSEEN in page_text(workstream)


def test_an_approval_from_a_form_opened_before_a_save_is_refused_and_says_why(
    client, people, workstream
):
    """The dialog opened after the editor's save (so its own check passes), but the form the
    lead read was opened before it: the lead is sent to the new version, their comment kept."""
    submit(client, people["editor"], workstream, summary=SEEN)
    before = open_for_approval(client, people["lead"], workstream)
    save(client, people["editor"], workstream, summary=UNSEEN)
    after = open_for_approval(client, people["lead"], workstream)
    before.dialog, before.dialog_url = after.dialog, after.dialog_url

    approval = approve(client, people["lead"], before, comment="Checked against the NHS page.")
    assert "Not approved: a new version was saved after you opened this" in approval.said
    assert "Checked against the NHS page." in approval.said
    assert WorkstreamPage.objects.get(pk=workstream.pk).workflow_in_progress
    assert UNSEEN not in page_text(workstream) and SEEN not in page_text(workstream)


# --- Overwriting the version a lead reviews -------------------------------------------------


def test_an_overwrite_of_the_version_a_lead_previewed_never_reaches_the_public(
    client, people, workstream
):
    """The issue's reproduction: the lead previews v1, the editor overwrites it in place with
    `overwrite_revision_id`, the lead opens the page and approves."""
    state = submit(client, people["editor"], workstream, summary=SEEN)
    client.force_login(people["lead"])
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[workstream.pk, state.task_id])
    assert SEEN in text_of(client.get(preview).content)

    client.force_login(people["editor"])
    response = client.post(
        edit_url(workstream), overwrite_data(workstream, state.revision_id, summary=UNSEEN)
    )
    assert response.status_code == 400
    assert "Nothing was saved" in text_of(response.content)
    assert Revision.objects.get(pk=state.revision_id).content["summary"] == SEEN

    approve(client, people["lead"], open_for_approval(client, people["lead"], workstream))
    assert UNSEEN not in page_text(workstream)
    assert SEEN in page_text(workstream)


def test_an_overwrite_after_the_lead_opened_the_dialog_never_reaches_the_public(
    client, people, workstream
):
    """Approving from the dialog alone (Wagtail's acting address, as its stock dashboard panel
    offers) after the editor overwrote what the dialog showed."""
    state = submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)
    client.force_login(people["editor"])
    client.post(edit_url(workstream), overwrite_data(workstream, state.revision_id, summary=UNSEEN))

    approve_in_the_dialog_alone(client, people["lead"], opened)
    assert UNSEEN not in page_text(workstream)
    assert SEEN in page_text(workstream)  # what the dialog showed, unchanged, went live


@pytest.mark.parametrize(
    "view",
    ["page edit", "page revert", "page create", "resource edit", "resource revert", "resource add"],
)
def test_every_edit_view_refuses_to_overwrite_a_version(client, people, workstream, resource, view):
    editor = people["editor"]
    client.force_login(editor)
    submit(client, editor, workstream, summary=SEEN)
    submit(client, editor, resource, title=SEEN)
    page_version = WorkstreamPage.objects.get(pk=workstream.pk).latest_revision
    resource_version = Resource.objects.get(pk=resource.pk).latest_revision
    page_versions = Revision.objects.count()
    url, data = {
        "page edit": (edit_url(workstream), overwrite_data(workstream, page_version.pk)),
        "page revert": (
            reverse("wagtailadmin_pages:revisions_revert", args=[workstream.pk, page_version.pk]),
            overwrite_data(workstream, page_version.pk),
        ),
        "page create": (
            reverse(
                "wagtailadmin_pages:add",
                args=["strategy", "standardpage", people["strategy"].pk],
            ),
            standard_page_form_data(
                StandardPage(title=UNSEEN, slug="unseen", review_every_months=12),
                overwrite_revision_id=str(page_version.pk),
            ),
        ),
        "resource edit": (edit_url(resource), overwrite_data(resource, resource_version.pk)),
        "resource revert": (
            reverse(
                "wagtailsnippets_resources_resource:revisions_revert",
                args=[resource.pk, resource_version.pk],
            ),
            overwrite_data(resource, resource_version.pk),
        ),
        "resource add": (
            reverse("wagtailsnippets_resources_resource:add"),
            form_data(resource, overwrite_revision_id=str(resource_version.pk)),
        ),
    }[view]
    data = dict(data)
    for field in ("summary", "title"):
        if field in data:
            data[field] = UNSEEN

    response = client.post(url, data)
    assert response.status_code == 400
    assert "Nothing was saved" in text_of(response.content)
    assert Revision.objects.count() == page_versions
    page_version.refresh_from_db()
    resource_version.refresh_from_db()
    assert UNSEEN not in str(page_version.content) + str(resource_version.content)
    assert not StandardPage.objects.filter(title=UNSEEN).exists()
    assert not Resource.objects.filter(title=UNSEEN).exists()


def test_with_autosave_on_an_overwrite_restarts_the_review(client, people, workstream, settings):
    """Were autosave ever switched back on (so overwrites are allowed), the version changed in
    place is a change like any other: the review starts again and the lead's approval of what
    they saw before is refused."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500
    state = submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)
    client.force_login(people["editor"])
    response = client.post(
        edit_url(workstream), overwrite_data(workstream, state.revision_id, summary=UNSEEN)
    )
    assert response.status_code == 302
    assert "goes back to the safeguarding leads" in said(client.get(response.url))
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_CANCELLED

    approval = approve(client, people["lead"], opened)
    assert "changed after you opened it" in approval.refused_in_dialog
    assert UNSEEN not in page_text(workstream)


def test_a_version_changed_in_place_by_any_code_is_not_approved(client, people, workstream):
    """The approval checks the content itself, not only which version it is: a version changed
    in place by code that no admin view runs (Wagtail's save_revision with overwrite_revision)
    keeps its id and review, and the approval is still refused."""
    state = submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)
    draft = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    draft.summary = UNSEEN
    draft.save_revision(user=people["editor"], overwrite_revision=state.revision)
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS

    assert (
        "changed after you opened it" in approve(client, people["lead"], opened).refused_in_dialog
    )
    assert "changed after you opened it" in (
        approve_in_the_dialog_alone(client, people["lead"], opened).refused_in_dialog
    )
    assert UNSEEN not in page_text(workstream)


def test_an_approval_publishes_the_version_approved_not_a_newer_one(client, people, workstream):
    """A newer version saved where no admin view restarts the review (code, a command) while the
    lead approves: the approved version goes live; the newer one stays a draft."""
    submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)
    newer = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    newer.summary = UNSEEN
    newer.save_revision(user=people["editor"])

    assert approve_in_the_dialog_alone(client, people["lead"], opened).refused_in_dialog == ""
    assert SEEN in page_text(workstream)
    assert UNSEEN not in page_text(workstream)
    page = WorkstreamPage.objects.get(pk=workstream.pk)
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == UNSEEN


def test_a_lead_s_correction_made_while_approving_is_what_goes_live(client, people, workstream):
    submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)
    corrected = "Babies sleep on their backs, in a clear cot, for every sleep, day and night."
    opened.form["summary"] = corrected
    assert "has been approved and published" in approve(client, people["lead"], opened).said
    assert corrected in page_text(workstream)
    assert not WorkstreamPage.objects.get(pk=workstream.pk).has_unpublished_changes


def test_a_resource_overwritten_or_saved_while_waiting_never_shows_in_the_library(
    client, people, resource
):
    state = submit(client, people["editor"], resource, title="Safer sleep leaflet (2026)")
    opened = open_for_approval(client, people["lead"], resource)
    client.force_login(people["editor"])
    response = client.post(edit_url(resource), overwrite_data(resource, state.revision_id))
    assert response.status_code == 400
    save(client, people["editor"], resource, title=UNSEEN)

    assert (
        "changed after you opened it" in approve(client, people["lead"], opened).refused_in_dialog
    )
    assert UNSEEN not in library(people)
    assert resource.title in library(people)


# --- Reverting to an older version ----------------------------------------------------------


def test_reverting_while_waiting_restarts_the_review(client, people, workstream, resource):
    older_page = WorkstreamPage.objects.get(pk=workstream.pk).latest_revision_id
    save(client, people["editor"], workstream, summary=UNSEEN)
    submit(client, people["editor"], workstream, summary=SEEN)
    opened = open_for_approval(client, people["lead"], workstream)

    # "Review this version" → "Replace current draft" with the old (unseen) version.
    unseen_version = Revision.objects.filter(
        object_id=str(workstream.pk), content__summary=UNSEEN
    ).get()
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[workstream.pk, unseen_version.pk])
    client.force_login(people["editor"])
    assert client.get(revert).status_code == 200
    response = client.post(revert, form_data(workstream, summary=UNSEEN), follow=True)
    assert "goes back to the safeguarding leads" in said(response)

    assert (
        "changed after you opened it" in approve(client, people["lead"], opened).refused_in_dialog
    )
    assert UNSEEN not in page_text(workstream)
    assert older_page != WorkstreamPage.objects.get(pk=workstream.pk).latest_revision_id

    # The same for a resource.
    first = Resource.objects.get(pk=resource.pk).latest_revision_id
    submit(client, people["editor"], resource, title=SEEN)
    opened = open_for_approval(client, people["lead"], resource)
    revert = reverse(
        "wagtailsnippets_resources_resource:revisions_revert", args=[resource.pk, first]
    )
    client.force_login(people["editor"])
    client.post(revert, form_data(resource, title=UNSEEN))
    assert (
        "changed after you opened it" in approve(client, people["lead"], opened).refused_in_dialog
    )
    assert UNSEEN not in library(people)


# --- Copying and moving pages ---------------------------------------------------------------


def new_draft_page(client, editor, parent, slug="unseen"):
    """A plain page an editor adds and saves as a draft, with words no lead has seen."""
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["strategy", "standardpage", parent.pk])
    page = StandardPage(title=UNSEEN, slug=slug, summary=UNSEEN, review_every_months=12)
    assert client.post(url, standard_page_form_data(page)).status_code == 302
    return StandardPage.objects.get(slug=slug)


def test_copying_a_page_with_publish_copies_or_as_an_alias_publishes_nothing(client, people):
    source = people["standard"]["privacy-notice"]
    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:copy", args=[source.pk])
    for slug, extra in (("copied", {"publish_copies": "on"}), ("aliased", {"alias": "on"})):
        client.post(
            url,
            {
                "new_title": UNSEEN,
                "new_slug": slug,
                "new_parent_page": people["strategy"].pk,
                **extra,
            },
        )
        assert not Page.objects.filter(slug=slug, live=True).exists()
        assert public_text(f"/{slug}/") == ""
    assert not Page.objects.filter(alias_of=source).exists()


def test_moving_pages_puts_nothing_unseen_on_the_site(client, people):
    editor, strategy = people["editor"], people["strategy"]
    draft = new_draft_page(client, editor, strategy)
    live_parent = people["standard"]["privacy-notice"]
    live_page = people["standard"]["staying-safe-online"]

    # A draft moved under a live page stays a draft.
    client.force_login(editor)
    move = reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, live_parent.pk])
    client.post(move)
    draft = StandardPage.objects.get(pk=draft.pk)
    assert draft.get_parent().pk == live_parent.pk and not draft.live
    assert public_text(draft.url or f"{live_parent.url}unseen/") == ""

    # A live page cannot be moved by an editor (its address, menus and breadcrumbs would change).
    move = reverse("wagtailadmin_pages:move_confirm", args=[live_page.pk, live_parent.pk])
    assert client.post(move).status_code == 403
    assert Page.objects.get(pk=live_page.pk).get_parent().pk == strategy.pk
    # Nor reordered in the menu.
    order = reverse("wagtailadmin_pages:set_page_position", args=[live_page.pk]) + "?position=0"
    client.post(order, headers={"x-requested-with": "XMLHttpRequest"})
    assert strategy.get_children().first().pk != live_page.pk


# --- Bulk actions ---------------------------------------------------------------------------


def bulk(client, model, action, objects, **data):
    app, name = model._meta.app_label, model._meta.model_name
    url = reverse("wagtail_bulk_action", args=[app, name, action])
    url += "?" + "&".join(f"id={obj.pk}" for obj in objects)
    url += "&next=" + reverse("wagtailadmin_home")  # as the listing sends it
    return client.post(url, data, follow=True)


def test_an_editor_s_bulk_actions_on_pages_change_nothing_public(client, people, workstream):
    editor, strategy = people["editor"], people["strategy"]
    draft = new_draft_page(client, editor, strategy)
    save(client, editor, workstream, summary=UNSEEN)
    live_page = people["standard"]["staying-safe-online"]
    client.force_login(editor)

    bulk(client, Page, "publish", [draft, workstream], include_descendants="on")
    assert not StandardPage.objects.get(pk=draft.pk).live
    assert UNSEEN not in page_text(workstream)
    bulk(client, Page, "unpublish", [live_page])
    assert Page.objects.get(pk=live_page.pk).live
    bulk(client, Page, "move", [live_page], chooser=people["standard"]["privacy-notice"].pk)
    assert Page.objects.get(pk=live_page.pk).get_parent().pk == strategy.pk
    bulk(client, Page, "delete", [live_page])
    assert Page.objects.filter(pk=live_page.pk, live=True).exists()
    assert public_text(live_page.url)

    # A draft moved in bulk under a live page stays a draft.
    bulk(client, Page, "move", [draft], chooser=people["standard"]["privacy-notice"].pk)
    assert not StandardPage.objects.get(pk=draft.pk).live


def test_a_lead_s_bulk_publish_publishes_nothing_no_lead_was_shown(client, people, workstream):
    """Bulk "Publish" publishes each page's latest version unseen: a lead approves such a page
    from its own form instead."""
    draft = new_draft_page(client, people["editor"], people["strategy"])
    save(client, people["editor"], workstream, summary=UNSEEN)
    client.force_login(people["lead"])

    response = bulk(client, Page, "publish", [workstream, draft])
    assert "Nothing was published" in said(response)
    assert "'Safer sleeping'" in said(response)
    assert UNSEEN not in page_text(workstream)
    assert not StandardPage.objects.get(pk=draft.pk).live

    # With "include descendants", drafts below are counted too.
    parent = people["standard"]["privacy-notice"]
    Page.objects.get(pk=draft.pk).move(parent, pos="last-child")
    response = bulk(client, Page, "publish", [parent], include_descendants="on")
    assert "Nothing was published" in said(response)
    assert not StandardPage.objects.get(pk=draft.pk).live

    # Pages whose live version is their latest may be republished in bulk: nothing new goes live.
    unchanged = people["standard"]["staying-safe-online"]
    assert not Page.objects.get(pk=unchanged.pk).has_unpublished_changes, "a draft"
    response = bulk(client, Page, "publish", [unchanged])
    assert "Nothing was published" not in said(response)


def test_an_editor_s_bulk_delete_of_resources_deletes_nothing(client, people, resource):
    client.force_login(people["editor"])
    bulk(client, Resource, "delete", [resource])
    assert Resource.objects.filter(pk=resource.pk, live=True).exists()
    assert resource.title in library(people)


# --- Scheduled publishing -------------------------------------------------------------------


def publish_scheduled(at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled", stdout=io.StringIO())


def shown(people, obj):
    """What a visitor reads where obj is shown: its page, or the library for a resource."""
    return library(people) if isinstance(obj, Resource) else page_text(obj)


@pytest.mark.parametrize("kind", ["page", "resource"])
def test_a_draft_saved_after_a_scheduled_approval_does_not_go_live_at_that_time(
    client, people, workstream, resource, kind
):
    item, field = (workstream, "summary") if kind == "page" else (resource, "title")
    go_live = timezone.now() + datetime.timedelta(hours=2)
    when = timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")
    submit(client, people["editor"], item, **{field: SEEN, "go_live_at": when})
    approval = approve(client, people["lead"], open_for_approval(client, people["lead"], item))
    assert "has been approved and goes live on" in approval.said
    approved = type(item).objects.get(pk=item.pk).latest_revision_id

    # Wagtail locks what is scheduled: the editor's draft is not saved, and an overwrite of the
    # approved version (which would also have dropped its schedule) is refused before that.
    response = save(client, people["editor"], item, **{field: UNSEEN})
    assert response.status_code == 200 and "locked" in text_of(response.content)
    client.force_login(people["editor"])
    overwrite = form_data(item, overwrite_revision_id=str(approved), **{field: UNSEEN})
    assert client.post(edit_url(item), overwrite).status_code == 400
    # A newer version saved anyway (by code, past the lock) is not what the schedule publishes.
    newer = type(item).objects.get(pk=item.pk).get_latest_revision_as_object()
    setattr(newer, field, UNSEEN)
    newer.save_revision(user=people["editor"])
    assert SEEN not in shown(people, item)

    publish_scheduled(at=go_live + datetime.timedelta(minutes=1))
    assert SEEN in shown(people, item)
    assert UNSEEN not in shown(people, item)


# --- Unpublishing and publishing again ------------------------------------------------------


def test_unpublish_then_republish_puts_nothing_unseen_live(client, people, workstream, resource):
    editor, lead = people["editor"], people["lead"]
    client.force_login(editor)
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[workstream.pk])
    response = client.post(unpublish)
    assert response.status_code == 403
    assert "Only safeguarding leads can take something off the site" in text_of(response.content)
    assert WorkstreamPage.objects.get(pk=workstream.pk).live
    response = client.post(
        reverse("wagtailsnippets_resources_resource:unpublish", args=[resource.pk])
    )
    assert response.status_code == 403
    assert resource.title in library(people)

    # A lead takes the page down; an editor then changes it (a page that is not live keeps its
    # draft in its own row), and tries every way to put it back up.
    client.force_login(lead)
    client.post(unpublish)
    assert page_text(workstream) == ""
    save(client, editor, workstream, summary=UNSEEN)
    client.force_login(editor)
    client.post(edit_url(workstream), form_data(workstream, **{"action-publish": "1"}))
    bulk(client, Page, "publish", [workstream])
    client.force_login(lead)
    bulk(client, Page, "publish", [workstream])
    assert page_text(workstream) == ""

    # Back up only through sign-off, where the lead is shown it.
    submit(client, editor, workstream)
    approve(client, lead, open_for_approval(client, lead, workstream))
    assert UNSEEN in page_text(workstream)


# --- Page and collection privacy ------------------------------------------------------------


def test_an_editor_cannot_change_who_may_see_a_page_or_a_collection(client, people, workstream):
    editor = people["editor"]
    restricted = people["standard"]["privacy-notice"]
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    client.force_login(editor)

    for page, wanted in ((workstream, "login"), (restricted, "none")):
        url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"restriction_type": wanted}).status_code == 403
    assert not PageViewRestriction.objects.filter(page=workstream).exists()
    assert PageViewRestriction.objects.filter(page=restricted).exists()
    assert page_text(workstream)
    assert Client().get(restricted.url).status_code == 302  # to sign in, still

    root = Collection.get_first_root_node()
    url = reverse("wagtailadmin_collections:set_privacy", args=[root.pk])
    assert client.post(url, {"restriction_type": "login"}).status_code == 403
    assert not CollectionViewRestriction.objects.exists()


# --- Images and documents that live pages and resources use ---------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
LEADS_ONLY_FILES = "Only safeguarding leads can change or delete an image or document that is on"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (29, 63, 115)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), "cot.png")


def image_block(image):
    return {"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": False}}


@pytest.fixture
def live_image(people, workstream, media):
    """An image the editor uploaded (so Wagtail lets them delete it), shown on a live page."""
    image = get_image_model().objects.create(
        title="Cot",
        alt_text="A baby asleep on its back in a cot",
        file=png(),
        uploaded_by_user=people["editor"],
    )
    page = WorkstreamPage.objects.get(pk=workstream.pk)
    page.body = [image_block(image)]
    page.save_revision().publish()
    return image


def public_alt_texts(page):
    html = Client().get(Page.objects.get(pk=page.pk).url).content
    return [img.get("alt") for img in BeautifulSoup(html, "html.parser").select("main img")]


def test_an_editor_cannot_delete_or_change_an_image_a_live_page_shows(
    client, people, workstream, live_image
):
    assert public_alt_texts(workstream) == ["A baby asleep on its back in a cot"]
    client.force_login(people["editor"])
    delete = reverse("wagtailimages:delete", args=[live_image.pk])
    edit = reverse("wagtailimages:edit", args=[live_image.pk])
    changed = {"title": "Cot", "alt_text": UNSEEN, "collection": live_image.collection_id}
    ajax = {"x-requested-with": "XMLHttpRequest"}
    deleting = "Only safeguarding leads can delete an image or document that is in use"
    for response, reason in (
        (client.get(delete), deleting),
        (client.post(delete), deleting),
        (client.get(edit), LEADS_ONLY_FILES),
        (client.post(edit, changed), LEADS_ONLY_FILES),
        (bulk(client, get_image_model(), "delete", [live_image]), LEADS_ONLY_FILES),
    ):
        assert response.status_code == 403
        assert reason in text_of(response.content)
        assert "The safeguarding leads are: Leah." in text_of(response.content)  # who to ask
    # The multiple uploader's per-image form and delete button (answered in the page).
    prefix = f"image-{live_image.pk}"
    multiple_edit = reverse("wagtailimages:edit_multiple", args=[live_image.pk])
    response = client.post(multiple_edit, {f"{prefix}-alt_text": UNSEEN}, headers=ajax)
    assert response.status_code == 403
    multiple_delete = reverse("wagtailimages:delete_multiple", args=[live_image.pk])
    assert client.post(multiple_delete, headers=ajax).status_code == 403

    live_image.refresh_from_db()
    assert live_image.alt_text == "A baby asleep on its back in a cot"
    assert public_alt_texts(workstream) == ["A baby asleep on its back in a cot"]


def test_an_image_waiting_for_sign_off_on_a_page_is_the_leads_to_change_too(
    client, people, workstream, media
):
    image = get_image_model().objects.create(title="Cot", alt_text="A cot", file=png())
    draft = WorkstreamPage.objects.get(pk=workstream.pk)
    draft.body = [image_block(image)]
    draft.save_revision(user=people["editor"])
    draft.get_workflow().start(draft, people["editor"])

    client.force_login(people["editor"])
    edit = reverse("wagtailimages:edit", args=[image.pk])
    response = client.post(edit, {"title": "Cot", "alt_text": UNSEEN, "collection": 1})
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.alt_text == "A cot"


def test_an_editor_may_change_or_delete_an_image_nothing_shows(client, people, media):
    image = get_image_model().objects.create(
        title="Spare", alt_text="A cot", file=png(), uploaded_by_user=people["editor"]
    )
    client.force_login(people["editor"])
    edit = reverse("wagtailimages:edit", args=[image.pk])
    data = {"title": "Spare", "alt_text": "An empty cot", "collection": image.collection_id}
    assert client.post(edit, data).status_code == 302
    assert get_image_model().objects.get(pk=image.pk).alt_text == "An empty cot"
    assert client.post(reverse("wagtailimages:delete", args=[image.pk])).status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_a_lead_is_told_where_an_image_is_used_before_deleting_it(
    client, people, workstream, live_image
):
    client.force_login(people["lead"])
    delete = reverse("wagtailimages:delete", args=[live_image.pk])
    page = BeautifulSoup(client.get(delete).content, "html.parser")
    warning = page.select_one("[role=alert]").get_text(" ", strip=True)
    assert "This image is in use" in warning
    assert "Safer sleeping (live)" in " ".join(warning.split())
    usage = reverse("wagtailimages:image_usage", args=[live_image.pk])
    assert page.select_one(f"a[href^='{usage}']") is not None  # Wagtail's list of every use
    assert client.post(delete).status_code == 302
    assert not get_image_model().objects.filter(pk=live_image.pk).exists()


@pytest.fixture
def live_document(people, resource, media):
    document = get_document_model().objects.create(
        title="Safer sleep leaflet",
        file=ContentFile(PDF, "leaflet.pdf"),
        uploaded_by_user=people["editor"],
    )
    resource = Resource.objects.get(pk=resource.pk)
    resource.external_url, resource.document = "", document
    resource.save_revision().publish()
    return document


def test_an_editor_cannot_delete_or_change_a_document_a_live_resource_offers(
    client, people, live_document
):
    library_html = Client().get(people["library"].url).content.decode()
    assert live_document.url in library_html  # the resource's link is the file
    client.force_login(people["editor"])
    edit = reverse("wagtaildocs:edit", args=[live_document.pk])
    delete = reverse("wagtaildocs:delete", args=[live_document.pk])
    changed = {"title": UNSEEN, "collection": live_document.collection_id}
    for response in (
        client.post(edit, changed),
        client.post(delete),
        bulk(client, get_document_model(), "delete", [live_document]),
    ):
        assert response.status_code == 403
        assert "Only safeguarding leads can" in text_of(response.content)
        assert "image or document" in text_of(response.content)
    ajax = {"x-requested-with": "XMLHttpRequest"}
    multiple_edit = reverse("wagtaildocs:edit_multiple", args=[live_document.pk])
    prefix = f"doc-{live_document.pk}"
    assert client.post(multiple_edit, {f"{prefix}-title": UNSEEN}, headers=ajax).status_code == 403

    live_document.refresh_from_db()
    assert live_document.title == "Safer sleep leaflet"
    response = Client().get(live_document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF

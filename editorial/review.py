"""Content review: what is overdue or due soon, and "Confirm reviewed".

Only live pages and resources are counted: they are what visitors read. Content that has never
been reviewed (no "last reviewed" date) is due on its first review's date (the launch content's
are spread over the weeks after it loads), or counts as overdue when it has none.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, Page, PageLogEntry, get_page_models
from wagtail.permissions import page_permission_policy

from core.models import (
    NOT_DUE,
    OVERDUE,
    ContentReviewMixin,
    review_models,
    set_review_fields,
)
from core.roles import is_lead
from core.signals import changed_in_place
from resources.models import Resource

# The log action name stored with every confirmation since before this app existed: kept.
CONFIRM_ACTION = "protecting_babies.confirm_reviewed"
UNDO_ACTION = "protecting_babies.confirm_reviewed_undone"
# How long the person who confirmed a review may take it back.
UNDO_MINUTES = 15


@dataclass
class ReviewItem:
    """One page or resource whose review is overdue or due soon, as the report shows it."""

    obj: ContentReviewMixin
    kind: str
    status: str
    edit_url: str
    confirm_url: str
    today: datetime.date | None = None

    @property
    def key(self):
        """How the report's boxes name it: "page-12", "resource-5"."""
        return f"{self.kind.lower()}-{self.obj.pk}"

    @property
    def title(self):
        return self.obj.title

    @property
    def admin_url(self):
        return self.edit_url

    @property
    def public_url(self):
        """Where visitors read it: the page, or where the resource's link goes ("" if nowhere)."""
        if isinstance(self.obj, Resource):
            return self.obj.get_target_url()
        return self.obj.url or ""

    @property
    def owner(self):
        return self.obj.review_owner

    @property
    def owner_name(self):
        owner = self.obj.review_owner
        return (owner.get_full_name() or owner.get_username()) if owner else ""

    @property
    def last_reviewed(self):
        return self.obj.last_reviewed

    @property
    def next_review_due(self):
        return self.obj.next_review_due

    @property
    def owner_url(self):
        """Where its owner is set: the Settings tab of a page, the form of a resource."""
        return self.edit_url + ("#tab-settings" if self.kind == "Page" else "")

    @property
    def status_label(self):
        return self.obj.review_status_label(self.today)


def review_settings_url():
    """Settings → Content review: the default review owner, the first reviews' dates."""
    return reverse("wagtailsettings:edit", args=["protecting_babies", "contentreviewsettings"])


def unowned_count():
    """How many pages and resources have no review owner."""
    return sum(
        model._default_manager.filter(review_owner__isnull=True).count()
        for model in review_models()
    )


def review_status(obj, today=None):
    """OVERDUE, DUE_SOON or None (not due yet) for one page or resource: the report's view of
    ContentReviewMixin.review_status."""
    status = obj.review_status(today)
    return None if status == NOT_DUE else status


def review_page_models():
    """Every page type that has review dates."""
    return [model for model in get_page_models() if issubclass(model, ContentReviewMixin)]


def items_due(today=None):
    """Live pages and resources that are overdue or due within 30 days, most urgent first."""
    today = today or timezone.localdate()
    items = []
    for model in review_page_models():
        pages = model.objects.live().select_related("review_owner").defer_streamfields()
        for page in pages:
            status = review_status(page, today)
            if status:
                items.append(
                    ReviewItem(
                        obj=page,
                        kind="Page",
                        status=status,
                        edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                        confirm_url=reverse("review_confirm_page", args=[page.pk]),
                        today=today,
                    )
                )
    for resource in Resource.objects.live().select_related("review_owner"):
        status = review_status(resource, today)
        if status:
            items.append(
                ReviewItem(
                    obj=resource,
                    kind="Resource",
                    status=status,
                    edit_url=reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
                    confirm_url=reverse("review_confirm_resource", args=[resource.pk]),
                    today=today,
                )
            )
    items.sort(key=lambda item: (item.next_review_due or datetime.date.min, item.title))
    return items


def review_counts(today=None):
    """How many live items are overdue and how many are due soon."""
    items = items_due(today)
    overdue = sum(1 for item in items if item.status == OVERDUE)
    return {"overdue": overdue, "due_soon": len(items) - overdue}


def user_can_see_reviews(user):
    """Editors, leads and superusers: anyone who can edit pages or resources."""
    return user.is_active and (
        page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])
        or user.has_perm("resources.change_resource")
    )


def user_can_confirm_reviews(user):
    """Safeguarding leads (and superusers) say that advice is still right: the same people who
    approve what goes live. Editors see what is due, and ask a lead."""
    return is_lead(user)


def _set_last_reviewed(obj, date):
    """Set last_reviewed on the live row, and nothing else: no revision is rewritten (review
    data lives beside revisions: ContentReviewMixin.with_content_json keeps it when a draft is
    published), every other field and any unpublished draft are left alone."""
    set_review_fields(obj, last_reviewed=date)


def confirm_reviewed(obj, user, today=None):
    """Record that `user` confirmed obj's advice is still right today (logged with the date it
    had before, so that they can undo it for a short time)."""
    today = today or timezone.localdate()
    previous = obj.last_reviewed
    with transaction.atomic():
        _set_last_reviewed(obj, today)
        log(
            instance=obj,
            action=CONFIRM_ACTION,
            user=user,
            data={
                "previous": previous.isoformat() if previous else None,
                "confirmed": today.isoformat(),
            },
        )
        changed_in_place.send(sender=type(obj), instance=obj)
    return obj


def confirmation_to_undo(obj, user, now=None):
    """The log entry of `user`'s confirmation of obj that they may still undo, or None: the
    latest confirmation of obj, theirs, less than UNDO_MINUTES old, and nothing has changed the
    date since."""
    now = now or timezone.now()
    entry = (
        log_registry.get_logs_for_instance(obj)
        .filter(action__in=[CONFIRM_ACTION, UNDO_ACTION])
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None or entry.action != CONFIRM_ACTION or entry.user_id != user.pk:
        return None
    if now - entry.timestamp > datetime.timedelta(minutes=UNDO_MINUTES):
        return None
    confirmed = (entry.data or {}).get("confirmed")
    if confirmed is None or obj.last_reviewed is None:
        return None
    if obj.last_reviewed.isoformat() != confirmed:
        return None
    return entry


def undo_confirmation(obj, user, entry):
    """Put back the date obj had before `entry` (a confirmation_to_undo), and log it."""
    previous = entry.data.get("previous")
    with transaction.atomic():
        _set_last_reviewed(obj, datetime.date.fromisoformat(previous) if previous else None)
        log(instance=obj, action=UNDO_ACTION, user=user, data={"restored": previous})
        changed_in_place.send(sender=type(obj), instance=obj)
    return obj


@dataclass
class UndoableConfirmation:
    """A confirmation its lead may still take back: what, when, and where to undo it."""

    obj: ContentReviewMixin
    entry: object
    edit_url: str
    undo_url: str

    @property
    def title(self):
        return self.obj.title

    @property
    def kind(self):
        return "Resource" if isinstance(self.obj, Resource) else "Page"

    @property
    def confirmed_at(self):
        return self.entry.timestamp

    @property
    def until(self):
        """When the undo goes."""
        return self.entry.timestamp + datetime.timedelta(minutes=UNDO_MINUTES)


def undoable_confirmation(obj, user, now=None):
    """obj's confirmation by `user` that they may still undo, as the report and the page's
    review panel offer it, or None."""
    entry = confirmation_to_undo(obj, user, now)
    if entry is None:
        return None
    if isinstance(obj, Resource):
        edit = reverse("wagtailsnippets_resources_resource:edit", args=[obj.pk])
        undo = reverse("review_undo_resource", args=[obj.pk])
    else:
        edit = reverse("wagtailadmin_pages:edit", args=[obj.pk])
        undo = reverse("review_undo_page", args=[obj.pk])
    return UndoableConfirmation(obj=obj, entry=entry, edit_url=edit, undo_url=undo)


def confirmations_to_undo(user, now=None):
    """Every confirmation `user` may still undo (made in the last UNDO_MINUTES, and nothing has
    changed the date since), newest first."""
    now = now or timezone.now()
    since = now - datetime.timedelta(minutes=UNDO_MINUTES)
    objects = {}
    for page_id in PageLogEntry.objects.filter(
        action=CONFIRM_ACTION, user=user, timestamp__gte=since
    ).values_list("page_id", flat=True):
        page = Page.objects.filter(pk=page_id).first()
        if page is not None and isinstance(page.specific, ContentReviewMixin):
            objects[("page", page_id)] = page.specific
    resource_type = ContentType.objects.get_for_model(Resource)
    for object_id in ModelLogEntry.objects.filter(
        action=CONFIRM_ACTION, user=user, timestamp__gte=since, content_type=resource_type
    ).values_list("object_id", flat=True):
        resource = Resource.objects.filter(pk=object_id).first()
        if resource is not None:
            objects[("resource", object_id)] = resource
    found = [undoable_confirmation(obj, user, now) for obj in objects.values()]
    return sorted(
        (item for item in found if item is not None),
        key=lambda item: item.confirmed_at,
        reverse=True,
    )

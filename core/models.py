"""Site-wide models: the base every page type extends, and the review fields every page
and resource shares."""

import calendar
import datetime

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.admin_forms import (
    ContentReviewSettingsForm,
    PageForm,
)
from core.dates import uk_today
from core.panels import NoticePanel
from core.sign_off import changes_requested, waiting_for_sign_off

# Where "Exit this page" goes until a lead chooses another neutral website.
# How many words of a page's introduction stand in for a missing summary.
SUMMARY_WORDS = 40
# Said in the "Set schedule" dialog: the times editors type are the site's time zone.
SCHEDULE_HELP = (
    f"Times are UK time ({settings.TIME_ZONE}): GMT in winter, BST (GMT+1) in summer. "
    "An editor's schedule takes effect once a lead approves the change."
)
# In BasePage.query_parameters(): the parameter is a page number (1, 2, 3...).
PAGE_NUMBER = "page-number"


def still_missing(obj):
    """What the page or resource says is still missing ("" when nothing)."""
    return obj.missing_information


def page_search_fields(*names, **boosts):
    """Page.search_fields and these text fields: found by the public search (whole words,
    `boosts` weighting some) and by the admin's search as an editor types (autocomplete)."""
    fields = list(Page.search_fields)
    for name in names:
        fields += [index.SearchField(name, boost=boosts.get(name)), index.AutocompleteField(name)]
    return fields


def scheduling_panel():
    """Go-live and expiry times ("Set schedule" in the status panel), saying their time zone."""
    return PublishingPanel(help_text=SCHEDULE_HELP)


# Review status: overdue (or never reviewed), due within DUE_SOON_DAYS, or not due yet.
DUE_SOON_DAYS = 30
OVERDUE = "overdue"
DUE_SOON = "due-soon"
NOT_DUE = "not-due"
STATUS_CHOICES = [(OVERDUE, "Overdue"), (DUE_SOON, f"Due within {DUE_SOON_DAYS} days")]


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class ContentReviewMixin(models.Model):
    """Review dates, an owner and a note of what is missing, on every page and resource."""

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When a safeguarding lead last confirmed this advice is correct.",
    )
    first_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Until it is first reviewed: when that review is due. The launch content's "
        "dates are set by the leads (Settings → Content review).",
    )
    review_every_months = models.PositiveSmallIntegerField(
        "review every (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who is reminded when the review is due.",
    )
    missing_information = models.TextField(
        blank=True,
        help_text="What still has to be found or added before this is complete. "
        "Clear it when it is done.",
    )

    # Shown first on the edit form (only when there is something to say), so nobody publishes
    # without seeing what is still missing, an editor sees the lead's request for changes, and
    # both see that it waits for sign-off (since when, sent by whom).
    missing_information_panel = NoticePanel(
        notice=still_missing,
        template="components/admin/missing_information_panel.html",
        heading="Still missing",
    )
    changes_requested_panel = NoticePanel(
        notice=changes_requested,
        template="components/admin/changes_requested_panel.html",
        heading="Changes requested",
    )
    waiting_panel = NoticePanel(
        notice=waiting_for_sign_off,
        template="components/admin/waiting_panel.html",
        heading="Waiting for sign-off",
    )
    notice_panels = [waiting_panel, changes_requested_panel, missing_information_panel]
    # Review data kept beside revisions, on the live row: set in place ("Confirm reviewed", the
    # content review setting, the edit form's save) and never by publishing a version
    # (with_content_json below).
    review_fields = ("last_reviewed", "first_review_due", "review_owner")
    review_panels = [
        MultiFieldPanel(
            [
                # A lead's Undo of their "Confirm reviewed", while it lasts (editorial's tags).
                HelpPanel(template="components/admin/review_undo_panel.html"),
                FieldPanel("last_reviewed"),
                FieldPanel("first_review_due"),
                FieldPanel("review_every_months"),
                FieldPanel("review_owner"),
                FieldPanel("missing_information"),
            ],
            heading="Content review",
        ),
    ]

    class Meta:
        abstract = True

    def with_content_json(self, content):
        """A version of this (from a revision), with the review data of the live row: publishing
        a draft saved before a "Confirm reviewed" keeps the confirmed date (as Wagtail keeps
        `live` or `locked`). Models whose Wagtail mixins come first in their bases call
        keep_review_data themselves."""
        return self.keep_review_data(super().with_content_json(content))

    def keep_review_data(self, version):
        for name in self.review_fields:
            attname = self._meta.get_field(name).attname
            setattr(version, attname, getattr(self, attname))
        return version

    @property
    def next_review_due(self):
        """The date the next review is due: every so many months after the last one, or the
        first review's date, or None (never reviewed, and no date for its first review)."""
        if self.last_reviewed is None:
            return self.first_review_due
        return add_months(self.last_reviewed, self.review_every_months)

    def review_status(self, today=None):
        """OVERDUE (never reviewed counts, unless its first review has a date), DUE_SOON or
        NOT_DUE: the one place review status is worked out (report, reminders, dashboard,
        resource listing)."""
        today = today or timezone.localdate()
        due = self.next_review_due
        if due is None or due < today:
            return OVERDUE
        if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            return DUE_SOON
        return NOT_DUE

    def review_status_label(self, today=None):
        """The status in words, as the report and its downloads say it."""
        status = self.review_status(today)
        first = self.last_reviewed is None
        if status == NOT_DUE:
            return "Not due yet"
        if status == DUE_SOON:
            return "First review due soon" if first else "Due soon"
        if not first:
            return "Overdue"
        return "First review overdue" if self.first_review_due else "Overdue (never reviewed)"


# The first reviews of content never reviewed (the launch content) are spread a few a week over
# this many weeks, from the date the leads choose; until they choose, from this many months after
# the content was loaded.
FIRST_REVIEWS_WEEKS = 12
FIRST_REVIEWS_AFTER_MONTHS = 3


def review_models():
    """Every concrete model with review dates: each page type, and resources."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentReviewMixin) and not model._meta.abstract
    ]


def first_review_dates(count, start, weeks=FIRST_REVIEWS_WEEKS):
    """`count` working days from `start`, spread evenly over `weeks` weeks, in order."""
    span = weeks * 7 - 1
    dates = []
    for number in range(count):
        day = start + datetime.timedelta(days=span * number // max(count - 1, 1))
        while day.weekday() >= 5:  # a Saturday or Sunday review waits for Monday
            day += datetime.timedelta(days=1)
        dates.append(day)
    return dates


def set_review_fields(obj, **values):
    """Set review fields (owner, dates) on the live row only: no revision is rewritten, no draft
    is published, no publishing state changes; publishing a draft later keeps these values
    (ContentReviewMixin.with_content_json)."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**values)
    for name, value in values.items():
        setattr(obj, name, value)


def plan_first_reviews(objects, start):
    """Give each of `objects` (never reviewed, most important first) its first review's date,
    spread from `start`."""
    for obj, day in zip(objects, first_review_dates(len(objects), start), strict=True):
        set_review_fields(obj, first_review_due=day)


def never_reviewed():
    """Pages and resources never reviewed, in the order their first reviews are due (those
    without a date last): the parents' advice was loaded with the earliest dates."""
    items = []
    for model in review_models():
        items += model._default_manager.filter(last_reviewed__isnull=True)
    return sorted(
        items,
        key=lambda obj: (obj.first_review_due is None, obj.first_review_due, obj.pk),
    )


@register_setting(icon="time")
class ContentReviewSettings(BaseGenericSetting):
    """Who owns content that has no owner of its own, and when the launch content's first
    reviews are due. Only safeguarding leads change it."""

    default_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="default review owner",
        help_text="Reminded when a review is due, for every page and resource that has no "
        "owner of its own (the launch content starts with none). Saving makes them the owner "
        "of each of those; change any one in its Settings tab.",
    )
    first_reviews_from = models.DateField(
        "first reviews due from",
        null=True,
        blank=True,
        help_text="When the first reviews of content never reviewed (the launch content) "
        f"begin. They are spread over {FIRST_REVIEWS_WEEKS} weeks from this date, a few a "
        "week, the parents' advice first. Changing it moves them all.",
    )

    panels = [FieldPanel("default_owner"), FieldPanel("first_reviews_from")]
    base_form_class = ContentReviewSettingsForm

    class Meta:
        verbose_name = "content review"
        verbose_name_plural = "content review"

    def __str__(self):
        return "Content review"

    def save(self, *args, **kwargs):
        """Save, then give the content that has no owner this owner, and move the first
        reviews when their date changed."""
        before = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        if self.default_owner is not None:
            self.owned = self.give_owner_to_unowned()
        if self.first_reviews_from and (
            before is None or before.first_reviews_from != self.first_reviews_from
        ):
            self.planned = self.plan_first_reviews()

    def give_owner_to_unowned(self):
        """How many pages and resources had no owner and now have the default one."""
        count = 0
        for model in review_models():
            for obj in model._default_manager.filter(review_owner__isnull=True):
                set_review_fields(obj, review_owner=self.default_owner)
                count += 1
        return count

    def plan_first_reviews(self):
        """How many items never reviewed now have a first review's date."""
        items = never_reviewed()
        plan_first_reviews(items, self.first_reviews_from)
        return len(items)

    def launch_start(self):
        """When the first reviews of content loaded now begin: the leads' date while it is
        ahead, else FIRST_REVIEWS_AFTER_MONTHS from today."""
        today = uk_today()
        if self.first_reviews_from and self.first_reviews_from >= today:
            return self.first_reviews_from
        return add_months(today, FIRST_REVIEWS_AFTER_MONTHS)


def public_pages(queryset):
    """The pages of `queryset` no view restriction applies to (on themselves or an ancestor), as
    Wagtail's `.public()` gives them, but in the same query (`.public()` asks for every
    restriction first)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.filter(~Exists(restricted))


# Set on the request by a page's own serve(), which Wagtail calls only once the page's view
# restrictions let the request through: what may be kept of a render is that page's, never a
# password form or anything else shown in its place (caching/fragments.py).
SERVED_PAGE = "served_page_id"


class BasePage(ContentReviewMixin, Page):
    """What every page type of this site extends: review dates, "still missing", a summary.

    Page types add their own fields to these panels: `content_panels = BasePage.content_panels
    + [...]`. A system check (core/checks.py) refuses a page type that does not
    extend BasePage, so no page escapes review dates or the sign-off workflow."""

    ask_for_feedback = models.BooleanField(
        "ask 'Is this page useful?'",
        default=True,
        help_text="Untick to leave the feedback box off this page. Leads can also turn it off "
        "for a whole type of page (Settings → Page feedback).",
    )

    # Blocks are checked in full even when a draft is saved (core/admin_forms.py).
    base_form_class = PageForm
    content_panels = [*ContentReviewMixin.notice_panels, *Page.content_panels]
    settings_panels = [
        scheduling_panel(),
        CommentPanel(),
        *ContentReviewMixin.review_panels,
        MultiFieldPanel(
            [
                FieldPanel("ask_for_feedback"),
                # What visitors said (the feedback app's summary, drawn by its template tags).
                HelpPanel(template="components/admin/page_feedback_panel.html"),
            ],
            heading="Page feedback",
        ),
    ]

    class Meta:
        abstract = True

    def query_parameters(self):
        """The query-string parameters this page reads, {name: allowed values (a set of
        strings, or PAGE_NUMBER)}. Nothing else reaches the page, or the cache key
        (caching/querystring.py); every page also takes settings.PAGE_QUERY_PARAMETERS."""
        return {}

    def serve(self, request, *args, **kwargs):
        setattr(request, SERVED_PAGE, self.pk)
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        """No restriction applies to a page routed from the site chrome's routes, which hold
        public pages only (sitechrome/chrome.py): no query to find none, nor a queryset to
        build (Wagtail's check only iterates what this returns)."""
        if getattr(self, "public_per_chrome", False):
            return ()
        return super().get_view_restrictions()

    @classmethod
    def reads_query_string(cls):
        """Whether pages of this type declare query-string parameters of their own."""
        return cls.query_parameters is not BasePage.query_parameters

    def get_summary(self):
        """A line or two about the page, for search results, share cards and listings: its
        search description, else its summary, else the start of its introduction."""
        for name in ("search_description", "summary"):
            value = getattr(self, name, "")
            if value:
                return value
        intro = getattr(self, "intro", "")
        return Truncator(strip_tags(str(intro))).words(SUMMARY_WORDS) if intro else ""

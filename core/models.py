"""Site-wide models: the helpline, the site links, the base every page type extends, the review
fields every page and resource shares, and the site's image model."""

import calendar
import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    PageChooserPanel,
    PublishingPanel,
)
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.admin_forms import (
    ContentReviewSettingsForm,
    HelplineSettingsForm,
    PageForm,
    SettingForm,
)
from core.blocks import HelplineNoticeBlock, OpeningHoursBlock
from core.dates import uk_today
from core.helpline_history import log_changes
from core.panels import ConfirmationPanel, NoticePanel
from core.sign_off import changes_requested, waiting_for_sign_off
from core.validators import (
    normalise_uk_number,
    validate_uk_mobile,
    validate_uk_number,
)

logger = logging.getLogger(__name__)

# Where "Exit this page" goes until a lead chooses another neutral website.
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
# How many words of a page's introduction stand in for a missing summary.
SUMMARY_WORDS = 40
# Said in the "Set schedule" dialog: the times editors type are the site's time zone.
SCHEDULE_HELP = (
    f"Times are UK time ({settings.TIME_ZONE}): GMT in winter, BST (GMT+1) in summer. "
    "An editor's schedule takes effect once a lead approves the change."
)
# In BasePage.query_parameters(): the parameter is a page number (1, 2, 3...).
PAGE_NUMBER = "page-number"
# How many days before its first date the footer shows a helpline notice ("From Friday 25
# December: ..."), so people can plan around a closure.
NOTICE_AHEAD_DAYS = 14
# At most this many dated notices on the helpline at once.
MAX_NOTICES = 20


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


@register_setting(icon="mobile-alt")
class HelplineSettings(BaseSiteSetting):
    """The helpline shown at the foot of every page. Only safeguarding leads may change it."""

    heading = models.CharField(max_length=120, default="Need help with your baby?")
    phone_display = models.CharField(
        "phone number (as shown)",
        max_length=30,
        validators=[validate_uk_number],
        help_text="As people should read it, e.g. 0300 300 0123.",
    )
    phone_dial = models.CharField(
        "phone number (as dialled)",
        max_length=20,
        validators=[validate_uk_number],
        help_text="The number phones dial when tapped, e.g. +443003000123.",
    )
    text_display = models.CharField(
        "text number (as shown)",
        max_length=30,
        blank=True,
        validators=[validate_uk_mobile],
        help_text="Leave blank if the helpline takes no texts.",
    )
    text_number = models.CharField(
        "text number (as texted)",
        max_length=20,
        blank=True,
        validators=[validate_uk_mobile],
        help_text="The number phones text when tapped, e.g. +447520631590.",
    )
    website_label = models.CharField(max_length=80, blank=True, help_text="e.g. Just One Norfolk")
    website_url = models.URLField(blank=True)
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        help_text="Optional. When set, pages say whether the line is open now (UK time).",
    )
    when_closed = models.CharField(
        max_length=255,
        default="The helpline is closed now. For medical advice, call NHS 111.",
        help_text="Shown when the helpline is closed.",
    )
    emergency_message = models.CharField(
        max_length=255, default="If a baby is in immediate danger, call 999."
    )
    notices = StreamField(
        [("notice", HelplineNoticeBlock())],
        blank=True,
        max_num=MAX_NOTICES,
        verbose_name="dated notices and closures",
        help_text="Set in advance, e.g. for bank holidays. Each shows in the helpline box on "
        f"every page on its dates, and for {NOTICE_AHEAD_DAYS} days before as “From …”. On a "
        "closure's dates pages say the line is closed all day. Delete old ones when you like.",
    )

    panels = [
        FieldPanel("heading"),
        MultiFieldPanel([FieldPanel("phone_display"), FieldPanel("phone_dial")], heading="Phone"),
        MultiFieldPanel([FieldPanel("text_display"), FieldPanel("text_number")], heading="Text"),
        MultiFieldPanel(
            [FieldPanel("website_label"), FieldPanel("website_url")], heading="Website"
        ),
        FieldPanel("opening_hours"),
        FieldPanel("when_closed"),
        FieldPanel("emergency_message"),
        FieldPanel("notices"),
        # Shown only to confirm a closure from today or tomorrow (HelplineSettingsForm).
        MultiFieldPanel([ConfirmationPanel("confirm_closure")], heading="Closing the helpline"),
        HelpPanel(template="components/admin/helpline_history_link.html", heading="History"),
    ]
    # Checks new notices' dates, and asks before a closure from today (admin_forms.py).
    base_form_class = HelplineSettingsForm

    class Meta:
        verbose_name = "helpline"

    def __str__(self):
        return f"Helpline {self.phone_display}"

    def save(self, *args, **kwargs):
        """Save, and keep what changed in the helpline's history (protecting_babies/
        helpline_history.py), with who changed it."""
        before = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        log_changes(before, self)

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.phone_display
            and self.phone_dial
            and normalise_uk_number(self.phone_display) != normalise_uk_number(self.phone_dial)
            and not {"phone_display", "phone_dial"} & set(self._field_errors())
        ):
            errors["phone_dial"] = "The number dialled must be the same as the number shown."
        if bool(self.text_display) != bool(self.text_number):
            errors["text_number"] = "Give the text number both as shown and as texted, or neither."
        elif (
            self.text_display
            and normalise_uk_number(self.text_display) != normalise_uk_number(self.text_number)
            and not {"text_display", "text_number"} & set(self._field_errors())
        ):
            errors["text_number"] = "The number texted must be the same as the number shown."
        if bool(self.website_label) != bool(self.website_url):
            errors["website_url"] = "Give the website both a label and an address, or neither."
        if errors:
            raise ValidationError(errors)

    def _field_errors(self):
        """Fields whose own validators fail, so clean() does not repeat their message."""
        failing = []
        for name in ("phone_display", "phone_dial", "text_display", "text_number"):
            value = getattr(self, name)
            if value and normalise_uk_number(value) is None:
                failing.append(name)
        return failing

    @property
    def phone_href(self):
        return "tel:+44" + normalise_uk_number(self.phone_dial) if self.phone_dial else ""

    @property
    def text_href(self):
        return "sms:+44" + normalise_uk_number(self.text_number) if self.text_number else ""

    def opening_hours_rows(self):
        """Rows of opening hours as plain data: days, opening and closing times."""
        return [
            {"days": row.value["days"], "opens": row.value["opens"], "closes": row.value["closes"]}
            for row in self.opening_hours
        ]

    def dated_notices(self):
        """The dated notices as plain data (first and last date, closed, other hours: opens and
        closes, message), by date."""
        notices = [
            {
                "first_date": notice.value["first_date"],
                "last_date": notice.value["last_date"],
                "closed": bool(notice.value["closed"]),
                "opens": notice.value.get("opens"),
                "closes": notice.value.get("closes"),
                "message": notice.value["message"],
            }
            for notice in self.notices
            if notice.value["first_date"] and notice.value["last_date"]
        ]
        return sorted(notices, key=lambda notice: (notice["first_date"], notice["last_date"]))

    def notices_on(self, day):
        """The notices the helpline box shows on `day` (a UK date): those in force that day
        (`current`), closures first, then those starting within NOTICE_AHEAD_DAYS."""
        ahead = day + datetime.timedelta(days=NOTICE_AHEAD_DAYS)
        shown = []
        for notice in self.dated_notices():
            if notice["first_date"] <= day <= notice["last_date"]:
                shown.append({**notice, "current": True})
            elif day < notice["first_date"] <= ahead:
                shown.append({**notice, "current": False})
        return sorted(shown, key=lambda notice: (not notice["current"], not notice["closed"]))

    def closures_from(self, day):
        """(first, last) dates of the closures not over by `day`: the browser's "open now"
        counts the line closed all day on them."""
        return [
            (notice["first_date"], notice["last_date"])
            for notice in self.dated_notices()
            if notice["closed"] and notice["last_date"] >= day
        ]

    def hours_changed_from(self, day):
        """(first, last, opens, closes) of the notices not over by `day` that give other hours
        (a time None: the usual one): the browser's "open now" uses them on those dates."""
        return [
            (notice["first_date"], notice["last_date"], notice["opens"], notice["closes"])
            for notice in self.dated_notices()
            if not notice["closed"]
            and (notice["opens"] or notice["closes"])
            and notice["last_date"] >= day
        ]

    def notices_change_after(self, day):
        """The first UK date after `day` on which notices_on(), closures_from() or
        hours_changed_from() say something else than on `day` (a notice comes into view, starts
        or ends), or None: a cached page
        showing the helpline must not outlive its start (caching/chrome.py)."""
        changes = set()
        for notice in self.dated_notices():
            changes |= {
                notice["first_date"] - datetime.timedelta(days=NOTICE_AHEAD_DAYS),
                notice["first_date"],
                notice["last_date"] + datetime.timedelta(days=1),
            }
        return min((change for change in changes if change > day), default=None)


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """Where "Exit this page" goes, and the pages every footer links to."""

    exit_url = models.URLField(
        "exit this page: neutral website",
        default=DEFAULT_EXIT_URL,
        help_text="An ordinary website the exit button opens at once, e.g. a weather page.",
    )
    staying_safe_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that explains how to stay safe online, linked from the exit button.",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="getting help now",
        help_text="Where a parent finds when and whom to call, e.g. 'When to get help'. A "
        "search that finds nothing offers it, with the helpline, NHS 111 and 999.",
    )

    panels = [
        FieldPanel("exit_url"),
        PageChooserPanel("staying_safe_page"),
        PageChooserPanel("accessibility_page"),
        PageChooserPanel("privacy_page"),
        PageChooserPanel("help_page"),
    ]
    base_form_class = SettingForm

    class Meta:
        verbose_name = "site links"
        verbose_name_plural = "site links"

    def __str__(self):
        return "Site links"


# Review status: overdue (or never reviewed), due within DUE_SOON_DAYS, or not due yet.
DUE_SOON_DAYS = 30
OVERDUE = "overdue"
DUE_SOON = "due-soon"
NOT_DUE = "not-due"
STATUS_CHOICES = [(OVERDUE, "Overdue"), (DUE_SOON, f"Due within {DUE_SOON_DAYS} days")]


def review_status(last_reviewed, review_every_months, today=None, first_review_due=None):
    """OVERDUE (never reviewed counts, unless its first review has a date), DUE_SOON or
    NOT_DUE."""
    today = today or timezone.localdate()
    if last_reviewed is not None:
        due = add_months(last_reviewed, review_every_months)
    elif first_review_due is not None:
        due = first_review_due
    else:
        return OVERDUE
    if due < today:
        return OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return NOT_DUE


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

    @property
    def next_review_due(self):
        """The date the next review is due: every so many months after the last one, or the
        first review's date, or None (never reviewed, and no date for its first review)."""
        if self.last_reviewed is None:
            return self.first_review_due
        return add_months(self.last_reviewed, self.review_every_months)

    def review_status(self, today=None):
        return review_status(
            self.last_reviewed, self.review_every_months, today, self.first_review_due
        )


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
    """Set review fields (owner, dates) on the live row and the latest revision, and nothing
    else: no draft is published, no publishing state changes, and publishing a draft later
    does not put the old values back."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**values)
    revision = obj.latest_revision
    if revision is not None and isinstance(revision.content, dict):
        for name, value in values.items():
            field = obj._meta.get_field(name)
            if field.is_relation:
                revision.content[field.attname] = value.pk if value is not None else None
            else:
                revision.content[name] = value.isoformat() if value is not None else None
        revision.save(update_fields=["content"])
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

    def get_view_restrictions(self):
        """No restriction applies to a page routed from the site chrome's routes, which hold
        public pages only (caching/chrome.py): no query to find none."""
        if getattr(self, "public_per_chrome", False):
            return PageViewRestriction.objects.none()
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


# The sizes pages show an image in ({% picture %} in templates/components/picture.html, which
# must say the same): made when the image is saved, so that no visitor waits while a large photo
# is resized (2.3 s for a 3000 × 2000 photo on the first view).
PICTURE_FILTERS = "format-{avif,webp} width-{480,800,1200}"


class SiteImage(AbstractImage):
    """An uploaded image, with the alt text screen readers hear, or marked as decorative."""

    alt_text = models.CharField(
        "alt text",
        max_length=255,
        blank=True,
        help_text="What the image shows, for people who cannot see it, e.g. 'A baby asleep "
        "on its back in a cot'. Required unless the image is decorative.",
    )
    # Not `decorative`: Wagtail's image sets that attribute itself, for ImageBlock's use.
    is_decorative = models.BooleanField(
        "decorative only",
        default=False,
        help_text="Tick only when the image adds nothing to the words around it; "
        "screen readers will then skip it.",
    )

    admin_form_fields = (
        "title",
        "file",
        "alt_text",
        "is_decorative",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    def save(self, *args, **kwargs):
        """Save, and once it is saved for good, make the sizes pages show."""
        super().save(*args, **kwargs)
        transaction.on_commit(self.make_renditions)

    def make_renditions(self):
        """The renditions pages use (PICTURE_FILTERS), made now rather than on a first view. A
        file that cannot be resized is said in the log; the image is saved all the same."""
        if not self.file:
            return
        try:
            self.get_renditions(*Filter.expand_spec(PICTURE_FILTERS))
        except Exception:  # the page's own rendering reports it where it is shown
            logger.exception("Could not make the renditions of image %s", self.pk)

    def clean(self):
        super().clean()
        self.alt_text = self.alt_text.strip()
        if not self.is_decorative and not self.alt_text:
            raise ValidationError(
                {
                    "alt_text": "Describe the image for people who cannot see it, or tick "
                    "'decorative only' if it adds nothing to the words around it."
                }
            )

    @property
    def default_alt_text(self):
        """The alt attribute: empty for a decorative image, so screen readers skip it."""
        return "" if self.is_decorative else self.alt_text

    @property
    def decorative(self):
        """Decorative where it is shown: marked so on the image, or by the block showing it."""
        return self.is_decorative or self._decorative_here

    @decorative.setter
    def decorative(self, value):
        # Wagtail's image sets `decorative` in __init__, and its ImageBlock sets it per use.
        self._decorative_here = bool(value)


class SiteRendition(AbstractRendition):
    """A resized copy of a site image."""

    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def __str__(self):
        return f"{self.image} ({self.filter_spec})"

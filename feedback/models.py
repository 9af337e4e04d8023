"""What visitors answered to "Is this page useful?", and the settings leads keep for it."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page, get_page_models

from core.admin_forms import SettingForm
from feedback.privacy import alert_word_list, mask_personal_details, matching_alert_words

MAX_COMMENT = 500
DEFAULT_ALERT_WORDS = "\n".join(
    [
        "hurt",
        "hurting",
        "shake",
        "shaking",
        "shook",
        "shaken",
        "scared",
        "afraid",
        "frightened",
        "hit",
        "hitting",
        "harm",
        "bruise",
        "bruised",
        "bruises",
        "abuse",
        "unsafe",
        "danger",
        "kill",
    ]
)


SETTINGS_CACHE_KEY = "feedback:settings"


@dataclass(frozen=True)
class Tally:
    """Answers to "Is this page useful?": how many, how many said no."""

    total: int = 0
    no: int = 0

    @property
    def share_no(self):
        return round(100 * self.no / self.total) if self.total else 0

    def __str__(self):
        return f"{self.no} of {self.total} said no" if self.total else "no feedback"


def page_content_types():
    """The site's own page types, for the setting's checkboxes (not Wagtail's bare Page)."""
    models_ = [model for model in get_page_models() if model is not Page]
    return models.Q(pk__in=[ContentType.objects.get_for_model(m).pk for m in models_])


@register_setting(icon="help")
class FeedbackSettings(BaseGenericSetting):
    """Where the feedback box is left off, and the words that flag a comment for a lead."""

    page_types_without_feedback = models.ManyToManyField(
        ContentType,
        blank=True,
        limit_choices_to=page_content_types,
        related_name="+",
        verbose_name="types of page without the feedback box",
        help_text="The box shows on every page except these types (and pages where it is "
        "unticked).",
    )
    alert_words = models.TextField(
        default=DEFAULT_ALERT_WORDS,
        help_text="One word a line. A comment with one of them may be a disclosure: it is "
        "shown first in the Page feedback report, for a lead to act on the same working day.",
    )

    panels = [FieldPanel("page_types_without_feedback"), FieldPanel("alert_words")]
    base_form_class = SettingForm

    class Meta:
        verbose_name = "page feedback"

    def __str__(self):
        return "Page feedback"

    @classmethod
    def current(cls):
        """What every page render needs of the setting, kept in the cache (replaced when the
        setting changes: feedback/signals.py): the page types without the box, the words."""
        current = cache.get(SETTINGS_CACHE_KEY)
        if current is None:
            # Read, never created here: a page render writes nothing (until a lead saves the
            # setting, the defaults apply).
            setting = cls.objects.first()
            current = {
                "types_off": set(
                    setting.page_types_without_feedback.values_list("pk", flat=True)
                    if setting
                    else ()
                ),
                "words": alert_word_list(setting.alert_words if setting else DEFAULT_ALERT_WORDS),
            }
            cache.set(SETTINGS_CACHE_KEY, current, 24 * 60 * 60)
        return current


class PageFeedbackQuerySet(models.QuerySet):
    def needing_a_lead(self):
        """Comments with an alert word that no lead has dealt with yet."""
        return self.filter(flagged=True, dealt_with=False)

    def tally(self):
        """How many answered, and how many said no."""
        counts = self.aggregate(
            total=models.Count("pk"), no=models.Count("pk", filter=models.Q(useful=False))
        )
        return Tally(total=counts["total"], no=counts["no"])

    def tallies_since(self, since_by_page):
        """{page id: Tally} for each page, counting from its own date (None: all of it), in one
        query: the feedback since each page was last reviewed."""
        if not since_by_page:
            return {}
        condition = models.Q()
        for page_id, since in since_by_page.items():
            condition |= models.Q(page_id=page_id, **({"created_on__gte": since} if since else {}))
        rows = (
            self.filter(condition)
            .values("page_id")
            .annotate(
                total=models.Count("pk"), no=models.Count("pk", filter=models.Q(useful=False))
            )
        )
        return {row["page_id"]: Tally(total=row["total"], no=row["no"]) for row in rows}


class PageFeedback(models.Model):
    """One visitor's answer about one page. Nothing about the visitor is kept: no address, no
    browser, no session, no time of day; phone numbers and email addresses are masked."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version of the page the visitor read.",
    )
    useful = models.BooleanField("useful?")
    looking_for = models.TextField("what were you looking for?", max_length=MAX_COMMENT, blank=True)
    wrong_or_missing = models.TextField(
        "what was wrong or missing?", max_length=MAX_COMMENT, blank=True
    )
    created_on = models.DateField(db_index=True)
    flagged = models.BooleanField(
        default=False, help_text="The comment has a word from the alert list."
    )
    dealt_with = models.BooleanField(default=False)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_note = models.TextField(
        "what was done",
        blank=True,
        help_text="What the lead did about it, for the next lead who reads it.",
    )
    # The day the leads were last reminded of it, still not dealt with (remind_disclosures).
    leads_reminded_on = models.DateField(null=True, blank=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        answer = "useful" if self.useful else "not useful"
        return f"{self.page_id}: {answer} ({self.created_on:%d %b %Y})"

    def save(self, *args, **kwargs):
        self.looking_for = mask_personal_details(self.looking_for)
        self.wrong_or_missing = mask_personal_details(self.wrong_or_missing)
        super().save(*args, **kwargs)

    @classmethod
    def wanted_on(cls, page):
        """Whether the page asks "Is this page useful?": one of the site's page types, not
        turned off for its type (the setting) nor for itself."""
        return (
            getattr(page, "ask_for_feedback", False)
            and page.content_type_id not in FeedbackSettings.current()["types_off"]
        )

    @property
    def answer(self):
        return "Yes" if self.useful else "No"

    @property
    def flag_label(self):
        return "Yes" if self.flagged else ""

    @property
    def status_label(self):
        # Not the lead's note of what was done: only leads read it (editors download too).
        if self.dealt_with:
            return "Dealt with"
        return "Needs a lead" if self.flagged else ""

    @property
    def needs_a_lead(self):
        return self.flagged and not self.dealt_with

    @property
    def has_comment(self):
        return bool(self.looking_for or self.wrong_or_missing)

    def flag_if_alerting(self, words):
        """Flag the feedback when its comments hold an alert word; the words it holds."""
        found = matching_alert_words(f"{self.looking_for}\n{self.wrong_or_missing}", words)
        self.flagged = bool(found)
        return found

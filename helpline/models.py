"""The helpline setting shown at the foot of every page (and in the parents' helpline blocks,
the 429 page and the site's structured data): its numbers, opening hours, and the dated notices
and closures set in advance. Only safeguarding leads change it; each change is kept in its
history (history.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.validators import normalise_uk_number, validate_uk_mobile, validate_uk_number
from helpline.blocks import HelplineNoticeBlock, OpeningHoursBlock
from helpline.forms import HelplineSettingsForm
from helpline.history import log_changes
from helpline.panels import ConfirmationPanel

# How many days before its first date the footer shows a helpline notice ("From Friday 25
# December: ..."), so people can plan around a closure.
NOTICE_AHEAD_DAYS = 14
# At most this many dated notices on the helpline at once.
MAX_NOTICES = 20


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
        HelpPanel(template="helpline/admin/history_link.html", heading="History"),
    ]
    # Checks new notices' dates, and asks before a closure from today (forms.py).
    base_form_class = HelplineSettingsForm

    class Meta:
        verbose_name = "helpline"
        # The table it had in the core, kept (migrations/0001_initial.py).
        db_table = "protecting_babies_helplinesettings"

    def __str__(self):
        return f"Helpline {self.phone_display}"

    def save(self, *args, **kwargs):
        """Save, and keep what changed in the helpline's history (history.py), with
        who changed it."""
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
        showing the helpline must not outlive its start (sitechrome/chrome.py)."""
        changes = set()
        for notice in self.dated_notices():
            changes |= {
                notice["first_date"] - datetime.timedelta(days=NOTICE_AHEAD_DAYS),
                notice["first_date"],
                notice["last_date"] + datetime.timedelta(days=1),
            }
        return min((change for change in changes if change > day), default=None)

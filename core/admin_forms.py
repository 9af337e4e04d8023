"""The admin's edit forms for every page type (BasePage.base_form_class) and reviewed snippets.

Wagtail saves a draft with "required" checks deferred, inside blocks too: an empty heading in
a block was found only at Submit, and a preview showed a bare empty section. Here a draft
defers only the page's own fields (a title can wait); what is inside a block is checked in
full at every save, with Wagtail's message next to the field, and nothing typed is lost.

"Last reviewed" says a safeguarding lead confirmed the advice: only a lead may set it (by
"Confirm reviewed", or by approving a change as a review). For anyone else the field is shown
but cannot be changed, and a date they post is ignored. The review fields a form changes are
set on the live row at once: they live beside revisions, not in them.

Typed work survives the end of a session: when a save finds the admin session ended, the
browser keeps what was typed and, after signing in again, posts it back with RESTORE_FIELD
(accounts/static/accounts/session.js). These forms then show it again, with a message, and
save nothing: the editor checks it and saves.

The helpline's form (HelplineSettings.base_form_class) checks the dated notices a lead adds or
changes against today: one already over, or more than a year away, is a mistyped year; a
closure from today or tomorrow closes the helpline on every page at once, so the lead confirms
it first."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.blocks.base import BlockField

from core.dates import spoken_date, uk_today
from core.roles import is_lead

LEADS_SET_IT = (
    "Set by a safeguarding lead, with “Confirm reviewed” or by approving a change as a review."
)
LEADS_SET_FIRST = "Set by a safeguarding lead (for the launch content: Settings → Content review)."
RESTORE_FIELD = "restore-typed-work"
RESTORED = (
    "What you typed before you were signed out is back. Nothing is saved yet: check it, then save."
)


class RestoresTypedWork:
    """Posted back with RESTORE_FIELD after signing in again: shown with a message, not saved."""

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(RESTORE_FIELD):
            raise ValidationError(RESTORED, code="restored")
        return cleaned_data


def person_name(user):
    """How the admin's lists name a person: their name, else their username."""
    return user.get_full_name() or user.get_username()


def people_by_name(queryset):
    """Active people, in the order their names are read."""
    return queryset.filter(is_active=True).order_by("first_name", "last_name", "username")


class ReviewDatesForm:
    """Only a safeguarding lead changes "last reviewed" and the first review's date (mixed
    into the forms below); the review owner is chosen by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        for name in ("last_reviewed", "first_review_due"):
            field = self.fields.get(name)
            if field is not None and not (user is not None and is_lead(user)):
                field.disabled = True
                field.help_text = LEADS_SET_IT if name == "last_reviewed" else LEADS_SET_FIRST
        owner = self.fields.get("review_owner")
        if owner is not None:
            owner.queryset = people_by_name(owner.queryset)
            owner.label_from_instance = person_name

    def save(self, commit=True):
        """Review data lives on the live row beside revisions (ContentReviewMixin.review_fields):
        a change made here is set there at once, as "Confirm reviewed" sets it, not kept for
        when a version is published."""
        instance = super().save(commit=commit)
        changed = {
            name: self.cleaned_data[name]
            for name in getattr(instance, "review_fields", ())
            if name in self.changed_data
        }
        if changed and instance.pk:
            type(instance)._default_manager.filter(pk=instance.pk).update(**changed)
        return instance


class PageForm(RestoresTypedWork, ReviewDatesForm, WagtailAdminPageForm):
    def defer_required_fields(self):
        super().defer_required_fields()
        for field in self.fields.values():
            if isinstance(field, BlockField):
                # Read by BlockField.clean(): False means the blocks' full clean.
                field.is_deferred_validation = False


class ReviewedSnippetForm(RestoresTypedWork, ReviewDatesForm, WagtailAdminModelForm):
    """A snippet with review dates (ContentReviewMixin), as the resources are."""


class SettingForm(RestoresTypedWork, WagtailAdminModelForm):
    """The site's settings (site links, page feedback)."""


class ContentReviewSettingsForm(SettingForm):
    """The default review owner, chosen by name among the people who can sign in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["default_owner"]
        owner.queryset = people_by_name(owner.queryset)
        owner.label_from_instance = person_name


# A new notice more than this far ahead is a mistyped year (notices are set for the months ahead).
NOTICE_MAX_AHEAD = datetime.timedelta(days=366)


def _notice_key(value):
    """What makes a notice the same one again: its dates and whether it is a closure."""
    return (value["first_date"], value["last_date"], bool(value["closed"]))


class HelplineSettingsForm(SettingForm):
    confirm_closure = forms.BooleanField(
        required=False,
        label="Yes, close the helpline on these dates",
        help_text="Every page says the helpline is closed as soon as you save.",
    )

    # Whether a closure from today or tomorrow is being added (the confirmation box is shown).
    asks_to_confirm = False

    def clean(self):
        cleaned_data = super().clean()
        notices = cleaned_data.get("notices")
        if notices is None:
            return cleaned_data
        today = uk_today()
        saved = {_notice_key(notice) for notice in self.instance.dated_notices()}
        block_errors, closing = {}, []
        for index, child in enumerate(notices):
            value = child.value
            if not (value.get("first_date") and value.get("last_date")):
                continue
            if _notice_key(value) in saved:
                continue  # kept as it was: old notices may stay
            error = self._date_mistake(value, today)
            if error:
                block_errors[index] = StructBlockValidationError(block_errors=error)
            elif value["closed"] and value["first_date"] <= today + datetime.timedelta(days=1):
                closing.append(value)
        if block_errors:
            self.add_error("notices", StreamBlockValidationError(block_errors=block_errors))
        self.asks_to_confirm = bool(closing)
        if closing and not cleaned_data.get("confirm_closure"):
            self.add_error("confirm_closure", self._closure_warning(closing, today))
        return cleaned_data

    @staticmethod
    def _date_mistake(value, today):
        """{field: error} when a new notice's dates cannot be what the lead meant."""
        first, last = value["first_date"], value["last_date"]
        if last < today:
            return {
                "last_date": ValidationError(
                    f"{spoken_date(last)} is already past, so this notice would never show. "
                    "Check the year."
                )
            }
        if first > today + NOTICE_MAX_AHEAD:
            return {
                "first_date": ValidationError(
                    f"{spoken_date(first)} is more than a year away. Check the year: notices "
                    "are set for the months ahead."
                )
            }
        return None

    @staticmethod
    def _closure_warning(closing, today):
        """What a lead reads before a closure from today or tomorrow is saved (the earliest)."""
        value = min(closing, key=lambda value: (value["first_date"], value["last_date"]))
        first, last = max(value["first_date"], today), value["last_date"]
        when = "today" if first == today else "tomorrow"
        until = "" if last == first else f" until {spoken_date(last)}"
        return ValidationError(
            f"This closes the helpline on every page from {when} ({spoken_date(first)}){until}. "
            "If that is right, tick the box and save again; if not, correct the dates."
        )

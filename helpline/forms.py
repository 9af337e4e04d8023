"""The helpline's edit form (HelplineSettings.base_form_class): it checks the dated notices a
lead adds or changes against today. One already over, or more than a year away, is a mistyped
year; a closure from today or tomorrow closes the helpline on every page at once, so the lead
confirms it first (the box panels.ConfirmationPanel shows)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from core.admin_forms import SettingForm
from core.dates import spoken_date, uk_today

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

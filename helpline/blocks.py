"""The helpline's blocks: its opening hours, and the dated notices and closures set in advance."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from core.blocks import UKDateBlock

WEEKDAYS = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
]


class OpeningHoursBlock(blocks.StructBlock):
    """One row of opening hours: the days, and the time the line opens and closes."""

    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS)
    opens = blocks.TimeBlock(format="%H:%M")
    closes = blocks.TimeBlock(format="%H:%M")

    class Meta:
        icon = "time"
        label = "Opening hours"

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["closes"] <= value["opens"]:
            raise blocks.StructBlockValidationError(
                block_errors={"closes": ValidationError("The closing time must be after opening.")}
            )
        return value


class HelplineNoticeBlock(blocks.StructBlock):
    """A dated notice on the helpline, set in advance: a closure (closed all day, e.g. at
    Christmas), other hours on those dates (e.g. open until 2pm), or a notice only. UK dates,
    the first and last included; UK times."""

    first_date = UKDateBlock(help_text="The first day it applies, as day/month/year.")
    last_date = UKDateBlock(
        help_text="The last day it applies, included. For one day, the same as the first date."
    )
    closed = blocks.BooleanBlock(
        required=False,
        label="Closed all day",
        help_text="Tick when the line is closed all day on these dates: pages then say it is "
        "closed. Leave unticked for other hours (below) or a notice only.",
    )
    opens = blocks.TimeBlock(
        required=False,
        label="Opens at, on these dates only",
        help_text="Leave empty to open at the usual time.",
    )
    closes = blocks.TimeBlock(
        required=False,
        label="Closes at, on these dates only",
        help_text="E.g. 14:00 for “Open until 2pm on 24 December”: pages say “closed” from "
        "then. Leave empty to close at the usual time.",
    )
    message = blocks.CharBlock(
        max_length=255,
        help_text="What the public reads in the helpline box, e.g. “Closed on 25 and 26 "
        "December. If a baby is in immediate danger, call 999.”",
    )

    class Meta:
        icon = "date"
        label = "Notice or closure"

    def clean(self, value):
        value = super().clean(value)
        first, last = value.get("first_date"), value.get("last_date")
        opens, closes = value.get("opens"), value.get("closes")
        errors = {}
        if first and last and last < first:
            errors["last_date"] = ValidationError(
                "The last date cannot be before the first date. For one day, give the same "
                "date twice."
            )
        if value.get("closed") and (opens or closes):
            errors["closes" if closes else "opens"] = ValidationError(
                "A closure is closed all day: leave the times empty, or untick “Closed all "
                "day” to give other hours."
            )
        elif opens and closes and closes <= opens:
            errors["closes"] = ValidationError("The closing time must be after the opening time.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

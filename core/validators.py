"""Validation of UK telephone numbers for the helpline."""

import re

from django.core.exceptions import ValidationError

UK_NUMBER = re.compile(r"^(?:\+44|0)(\d{9,10})$")


def normalise_uk_number(value):
    """The national significant number ("3003000123") of a UK number, or None."""
    compact = re.sub(r"[\s()-]", "", value or "")
    match = UK_NUMBER.match(compact)
    return match.group(1) if match else None


def validate_uk_number(value):
    if normalise_uk_number(value) is None:
        raise ValidationError(
            "Enter a UK phone number, such as 0300 300 0123 or +44 300 300 0123.",
            code="invalid_uk_number",
        )


def validate_uk_mobile(value):
    number = normalise_uk_number(value)
    if number is None or not number.startswith("7") or len(number) != 10:
        raise ValidationError(
            "Enter a UK mobile number that can receive texts, such as 07520 631 590.",
            code="invalid_uk_mobile",
        )

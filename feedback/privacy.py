"""What a comment may not keep, and what in it a safeguarding lead must see at once.

A visitor is told not to write personal details, but some will. Before a comment is stored,
anything that looks like an email address or a phone number is masked. A comment can also be a
disclosure: those with words from the alert list are flagged, and shown first to leads."""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the spaces, dots, dashes and brackets people type in phone numbers.
NUMBER_RUN = re.compile(r"\+?\(?\d[\d\s().-]*\d")
PHONE_DIGITS = 7  # fewer are ages, dates and temperatures ("6 to 8 weeks", "38 °C", "2026")
EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def _mask_number(match):
    digits = sum(char.isdigit() for char in match.group())
    return PHONE_MASK if digits >= PHONE_DIGITS else match.group()


def mask_personal_details(text):
    """The text with email addresses and phone numbers replaced by a note that they were."""
    return NUMBER_RUN.sub(_mask_number, EMAIL.sub(EMAIL_MASK, text or ""))


def alert_word_list(text):
    """The alert words from the setting: one a line (or comma-separated), lower case."""
    return sorted({word.strip().lower() for word in re.split(r"[\n,]", text or "") if word.strip()})


def matching_alert_words(text, words):
    """The alert words in the text, as whole words (so "hit" is not found in "white")."""
    lowered = (text or "").lower()
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered)]

"""What a comment may not keep, and what in it a safeguarding lead must see at once.

A visitor is told not to write personal details, but some will. Before a comment is stored,
anything that looks like an email address or a phone number is masked. A comment can also be a
disclosure: those with words from the alert list are flagged, and shown first to leads."""

import re

# "@", or "at" in brackets as people write it to get past a filter ("jo(at)example.com",
# "jo [at] example [dot] com"); a host name with or without dots ("jo@localhost").
_AT = r"(?:@|\s*[(\[{<]\s*at\s*[)\]}>]\s*)"
_DOT = r"(?:\.|\s*[(\[{<]\s*dot\s*[)\]}>]\s*)"
EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*", re.IGNORECASE)
# A run of digits with up to three of anything but letters between them: the spaces, dots,
# dashes, brackets, slashes and underscores people type in phone numbers, or put there on
# purpose ("07700_900123", "0 7 7 0 0...").
NUMBER_RUN = re.compile(r"\+?\(?\d(?:[\W_]{0,3}\d)*")
PHONE_DIGITS = 7  # fewer are ages, dates and temperatures ("6 to 8 weeks", "38 °C", "2026")
# Runs that are plainly a date or a time, kept: "12/03/2026", "2026-03-14", "9:00-17:00".
NOT_A_PHONE = re.compile(
    r"\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})"
    r"|\d{4}([/.-])\d{1,2}\2\d{1,2}"
    r"|\d{1,2}:\d{2}(?:\s*[-–]\s*\d{1,2}:\d{2})?"
)
EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def _mask_number(match):
    run = match.group()
    digits = sum(char.isdigit() for char in run)
    if digits < PHONE_DIGITS or NOT_A_PHONE.fullmatch(run):
        return run
    return PHONE_MASK


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

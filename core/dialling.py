"""999 and NHS 111 as numbers a phone dials when tapped, wherever the site's words say them.

The numbers are found in what editors wrote (plain text, or rich text's HTML) and turned into
`tel:` links, so no editor has to remember to link them and a parent in a hurry never meets an
emergency number they cannot tap. Text already inside a link is left as it is."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

# The two numbers on their own: not part of a word, a date or a longer number, even one
# written in groups ("0800 111 2222").
EMERGENCY_NUMBERS = re.compile(r"(?<![\w+./-])(?<!\d )(999|111)(?![\w/])(?! \d)")
# Wagtail's rich text is well-formed HTML whose attribute values are escaped, so a tag is
# everything from "<" to the next ">".
_TAG = re.compile(r"(<[^>]*>)")
_OPENING_A = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSING_A = re.compile(r"</a\s*>", re.IGNORECASE)


def _link(match):
    number = match.group(1)
    return f'<a class="govuk-link app-dial" href="tel:{number}">{number}</a>'


def _link_text(text):
    return EMERGENCY_NUMBERS.sub(_link, text)


def dial_links(value):
    """`value` with each 999 and 111 a `tel:` link. Plain text is escaped first; HTML (marked
    safe, or rich text, which renders itself) keeps its markup, and text already inside a
    link is not touched."""
    if value is None:
        return ""
    if hasattr(value, "__html__") and not isinstance(value, SafeData):
        value = mark_safe(value.__html__())  # noqa: S308 - rich text renders itself safely
    if not isinstance(value, SafeData):
        return mark_safe(_link_text(escape(str(value))))  # noqa: S308 - escaped just above
    parts = []
    in_link = 0
    for part in _TAG.split(str(value)):
        if part.startswith("<"):
            if _OPENING_A.match(part):
                in_link += 1
            elif _CLOSING_A.match(part):
                in_link = max(in_link - 1, 0)
            parts.append(part)
        else:
            parts.append(part if in_link else _link_text(part))
    return mark_safe("".join(parts))  # noqa: S308 - only tel: links added to safe HTML

"""The admin's "Compare" screens: rich text is compared as its words, and Wagtail took them out
of their paragraphs with nothing between, so a new paragraph ran into the old one ("...safe
sleep.Always put..."). Here each paragraph, heading and list item ends with a line break, so
words from two paragraphs never join. Installed once, at start-up (ProtectingBabiesConfig)."""

import re

from bs4 import BeautifulSoup
from django.utils.encoding import force_str
from wagtail.admin import compare

# Elements that end a line of text where they end.
BLOCK_ELEMENTS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div"]


def text_by_paragraph(value):
    """The text of some HTML, a paragraph to a line (Wagtail's text_from_html, by paragraph)."""
    soup = BeautifulSoup(force_str(value), "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    for element in soup.find_all(BLOCK_ELEMENTS):
        element.append("\n")
    return re.sub(r"\n\s*\n+", "\n", soup.get_text()).strip()


def separate_paragraphs_in_comparisons():
    compare.text_from_html = text_by_paragraph

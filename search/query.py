"""What a visitor typed, made safe to search with."""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200

# Control characters (NUL included: PostgreSQL refuses it), and invisible formatting
# characters such as right-to-left marks and zero-width joiners, become spaces.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")
# Full-text search matches words; punctuation is query syntax to some databases (a stray `"`
# breaks SQLite's FTS5), so only letters, digits, apostrophes and inner hyphens are kept.
_NOT_WORD = re.compile(r"[^\w'’-]+|(?<!\w)[-'’]+|[-'’]+(?!\w)")


@dataclass
class CleanQuery:
    """The visitor's query made safe to search with, and whether it had to be shortened."""

    text: str
    truncated: bool = False


def clean_query(raw):
    """Strip control and invisible characters, collapse spaces, cut to MAX_QUERY_LENGTH."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(
        " " if unicodedata.category(char) in _INVISIBLE_CATEGORIES else char for char in text
    )
    text = _SPACES.sub(" ", text).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        cut = text[:MAX_QUERY_LENGTH]
        # End on a whole word when there is one to end on.
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).strip()
    return CleanQuery(text=text, truncated=truncated)


def search_words(text):
    """The words of a cleaned query, for the full-text search: no operators, no punctuation."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()

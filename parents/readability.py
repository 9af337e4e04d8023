"""How hard an advice page is to read, measured rather than guessed (docs/content-model.md).

The score is the Flesch-Kincaid grade (textstat 0.7.8, which counts syllables offline) of the
words a parent reads: the summary, the key messages and the body's text, lists and tools. In
the UK a reading age is the US school grade plus five: grade 4 is a reading age of 9."""

from dataclasses import dataclass

import textstat
from django.utils.html import strip_tags
from wagtail import blocks

# The aim for parents' pages is a reading age of about 9. A page above 10 fails the tests and
# is flagged to editors: a margin of one year for words the advice cannot do without
# ("breastfeeding", "premature"), no more.
TARGET_READING_AGE = 9
MAX_READING_AGE = 10
UK_READING_AGE_OFFSET = 5
# Text blocks whose words are read; addresses, numbers and choosers are not.
_TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int

    @property
    def reading_age(self):
        return round(self.grade + UK_READING_AGE_OFFSET)

    @property
    def too_hard(self):
        return self.reading_age > MAX_READING_AGE


def _as_sentence(text):
    """List items and headings end with no full stop: each is a sentence of its own."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."


def _block_text(block, value):
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _block_text(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            yield from _block_text(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _block_text(child.block, child.value)
    elif isinstance(block, _TEXT_BLOCKS) and value:
        source = value.source if hasattr(value, "source") else str(value)
        # Rich text: each paragraph or list item is a sentence.
        for part in strip_tags(source.replace("</", "\n</")).split("\n"):
            if part.strip():
                yield _as_sentence(part)


def stream_text(stream_value):
    """The sentences of a StreamField's value, as a parent reads them."""
    return list(_block_text(stream_value.stream_block, stream_value))


def readability(sentences):
    text = " ".join(sentence for sentence in sentences if sentence)
    return Readability(
        grade=textstat.flesch_kincaid_grade(text), words=textstat.lexicon_count(text)
    )

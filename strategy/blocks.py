"""Blocks of the strategy's own pages."""

from wagtail import blocks


class TaskLinkBlock(blocks.StructBlock):
    """One of the parents' top tasks on the home page: a big link a tired parent can tap."""

    page = blocks.PageChooserBlock()
    label = blocks.CharBlock(
        max_length=60, help_text="A few words, e.g. 'My baby won't stop crying'."
    )
    hint = blocks.CharBlock(
        max_length=120, required=False, help_text="Optional line under it, e.g. 'How to cope'."
    )

    class Meta:
        icon = "link"
        label = "Task"

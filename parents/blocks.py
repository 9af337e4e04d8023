"""The blocks of the parents' advice pages: lists a tired parent can scan on a phone, the danger
signs, the helpline, and two tools that run in the browser and store nothing (the crying plan
and the safer-sleep checklist). Each renders with its own template in templates/blocks/."""

from wagtail import blocks

from core.blocks import (
    INLINE_TEXT_FEATURES,
    RICH_TEXT_FEATURES,
    ChosenResourcesBlock,
    ExpandableSectionBlock,
    HeadingBlock,
    ImageBlock,
    KeyMessageBlock,
    VideoBlock,
)

SHORT = 200  # characters in one line of a list: a sentence a parent reads at a glance


def _lines(label, help_text, default=(), min_num=1):
    return blocks.ListBlock(
        blocks.CharBlock(max_length=SHORT, label="Line"),
        label=label,
        help_text=help_text,
        default=list(default),
        min_num=min_num,
    )


class DoDontBlock(blocks.StructBlock):
    """What to do and what not to do, side by side on a wide screen, one after the other on a
    phone."""

    heading = blocks.CharBlock(max_length=120, required=False)
    dos = _lines("Do", "One short instruction a line, e.g. 'Put your baby on their back.'")
    donts = _lines("Don't", "One short line each, e.g. 'Let anyone smoke near your baby.'")

    class Meta:
        icon = "list-ul"
        label = "Do and don't lists"
        template = "blocks/do_dont.html"


class WarningBlock(blocks.StructBlock):
    """Danger signs, in a warning panel that says what to do now (usually: call 999)."""

    heading = blocks.CharBlock(
        max_length=120, help_text="What to do, first: e.g. 'Call 999 now if your baby:'."
    )
    signs = _lines("Signs", "One sign a line, e.g. 'has stopped breathing'.", min_num=0)
    text = blocks.RichTextBlock(features=INLINE_TEXT_FEATURES, required=False)

    class Meta:
        icon = "warning"
        label = "Warning: danger signs"
        template = "blocks/warning.html"


class HelplineBlock(blocks.StructBlock):
    """The Norfolk helpline, from the Helpline setting: the numbers are never typed here."""

    heading = blocks.CharBlock(max_length=120, default="Talk to someone")
    text = blocks.CharBlock(
        max_length=SHORT,
        required=False,
        help_text="Optional, e.g. 'Questions? Ask your midwife or health visitor, or call us.'",
    )

    class Meta:
        icon = "mobile-alt"
        label = "Helpline"
        template = "blocks/helpline.html"


class CallBlock(blocks.StructBlock):
    """The numbers to call now, put straight after the key messages so a parent in crisis
    reaches them within one scroll: 999, NHS 111 (any time) and the Norfolk line (from the
    Helpline setting). 999 and 111 in these sentences are tap-to-call links."""

    heading = blocks.CharBlock(max_length=120, default="Need help now?")
    emergency = blocks.CharBlock(
        max_length=SHORT,
        default="If a baby is in immediate danger, call 999.",
        help_text="When to call 999, in one sentence that says 999, e.g. 'If your baby may "
        "have been shaken or hurt, call 999 now.'",
    )
    any_time = blocks.CharBlock(
        max_length=SHORT,
        default="Call NHS 111 any time, day or night, if you are worried your baby is unwell.",
        help_text="NHS 111, in one sentence that says 111. It stays beside the Norfolk line, "
        "so a parent always has a number that answers at night.",
    )

    class Meta:
        icon = "mobile-alt"
        label = "Call now: 999, NHS 111 and the helpline"
        template = "blocks/call_now.html"


class CryingPlanValue(blocks.StructValue):
    @property
    def people_rows(self):
        """The row numbers of the people a parent can call: 1, 2, 3."""
        return range(1, (self.get("people") or 0) + 1)


class CryingPlanBlock(blocks.StructBlock):
    """ "My crying plan": a parent fills it in, then prints it or saves it as a PDF. Nothing is
    sent or kept anywhere; the helpline, NHS 111 and 999 are already in it."""

    heading = blocks.CharBlock(max_length=120, default="My crying plan")
    intro = blocks.CharBlock(
        max_length=SHORT,
        default="Fill in your plan now, while things are calm. Then print it and share it with "
        "everyone who looks after your baby.",
    )
    checks = _lines(
        "What to check first",
        "The basics a parent checks before anything else.",
        default=[
            "Are they hungry?",
            "Are they tired?",
            "Do they need a clean nappy?",
            "Are they too hot or too cold?",
            "Could they be unwell?",
        ],
    )
    comforts = _lines(
        "Ways to comfort",
        "Things to try; the parent ticks the ones that work and can add their own.",
        default=[
            "Talk calmly, hum or sing",
            "A steady, soothing sound",
            "Hold them close, skin to skin",
            "Go for a walk outside together",
            "A warm bath",
        ],
    )
    too_much = _lines(
        "If it gets too much",
        "The steps, in order.",
        default=[
            "Put my baby down safely on their back in their cot.",
            "Walk away for a few minutes.",
            "Calm myself: slow breaths, a glass of water or a cup of tea, or call someone.",
            "Go back and check on my baby.",
        ],
    )
    people = blocks.IntegerBlock(
        min_value=1,
        max_value=5,
        default=3,
        label="People to call (rows)",
        help_text="How many rows for the names and numbers of people the parent can call.",
    )

    class Meta:
        icon = "form"
        label = "My crying plan (interactive)"
        template = "blocks/crying_plan.html"
        value_class = CryingPlanValue


class ChecklistBlock(blocks.StructBlock):
    """A tick list to print for anyone who looks after the baby, e.g. the safer-sleep checklist.
    Ticking stores nothing anywhere."""

    heading = blocks.CharBlock(max_length=120, default="Safer sleep checklist")
    intro = blocks.CharBlock(
        max_length=SHORT,
        default="For anyone who looks after your baby: grandparents, babysitters, friends. "
        "Tick each one, then print it.",
    )
    items = _lines("Items", "One thing to check a line, e.g. 'On their back, every sleep'.")

    class Meta:
        icon = "tick"
        label = "Checklist (interactive)"
        template = "blocks/checklist.html"


class SourceBlock(blocks.StructBlock):
    """Where the advice comes from, so a safeguarding lead can check it."""

    organisation = blocks.CharBlock(max_length=120)
    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock(
        required=False,
        label="Web address",
        help_text="A source is shown on the page only with its address. Leave it blank only "
        "while you find it, and say so under 'Missing information'.",
    )

    class Meta:
        icon = "link"
        label = "Source"


class AdviceBodyBlock(blocks.StreamBlock):
    """Everything an advice page's body may contain, after its key messages."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/rich_text.html")
    heading = HeadingBlock()
    do_dont = DoDontBlock()
    warning = WarningBlock()
    key_message = KeyMessageBlock()
    call_now = CallBlock()
    helpline = HelplineBlock()
    crying_plan = CryingPlanBlock()
    checklist = ChecklistBlock()
    expandable = ExpandableSectionBlock()
    image = ImageBlock()
    resources = ChosenResourcesBlock()
    video = VideoBlock()


# The blocks that make a page interactive: the page then says nothing typed is kept.
TOOL_BLOCKS = frozenset({"crying_plan", "checklist"})

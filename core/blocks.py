"""StreamField blocks: those every page body shares (each renders with its own template), and
`UKDateBlock`, a date read exactly as a UK date (the helpline's dated notices use it)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.dates import UKDateField
from core.video import (
    describe_duration,
    iso_duration,
    parse_duration,
    parse_video_url,
)

# A deliberately small rich-text toolbar: structure and emphasis, no colours or embeds.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
INLINE_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class UKDateBlock(blocks.DateBlock):
    """A date read exactly as a UK date (25/12/2026 or 2026-12-25), or refused with a message
    that says what is wrong: never another day (core/dates.py)."""

    @cached_property
    def field(self):
        field = super().field
        return UKDateField(
            widget=field.widget,
            required=field.required,
            help_text=field.help_text,
            validators=field.validators,
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading, which also becomes an anchor."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (H2)"), ("h3", "Sub-heading (H3)")],
        default="h2",
        help_text="Use section headings for the main parts of the page.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class KeyMessageBlock(blocks.StructBlock):
    """A message that must not be missed, shown in a highlighted panel."""

    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=INLINE_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Key message"
        template = "blocks/key_message.html"


class FocusAreaBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)


class FocusAreaListBlock(blocks.StructBlock):
    """A short list of what a workstream focuses on, or the questions it asks."""

    heading = blocks.CharBlock(max_length=120)
    intro = blocks.TextBlock(required=False)
    items = blocks.ListBlock(FocusAreaBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Focus-area list"
        template = "blocks/focus_area_list.html"


class ExpandableSectionBlock(blocks.StructBlock):
    """Detail most readers can skip, behind a summary they can open."""

    summary = blocks.CharBlock(max_length=120, help_text="What the reader clicks to open it.")
    content = blocks.RichTextBlock(features=INLINE_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        label = "Expandable section"
        template = "blocks/expandable_section.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A document to download, shown with its type and size."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Leave blank to use the document's own title."
    )
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full"
        label = "Document link"
        template = "blocks/document_link.html"


class ImageBlock(blocks.StructBlock):
    """An image in the body, with the alt text for this place (else the image's own), or marked
    decorative; an optional caption and credit under it."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        label="Alt text",
        help_text="What the image shows here, for people who cannot see it. Leave blank to use "
        "the image's own alt text.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label="Decorative",
        help_text="Tick only when the image adds nothing to the words around it: screen "
        "readers will then skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=255)
    credit = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Who took or owns the image, e.g. 'Photo: NHS'.",
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        described = value.get("alt_text") or (image and image.alt_text)
        marked_decorative = value.get("decorative") or (image and image.is_decorative)
        if image and not described and not marked_decorative:
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Say what the image shows for people who cannot see it, or tick "
                        "'Decorative'."
                    )
                }
            )
        return value


class ChosenResourcesValue(blocks.StructValue):
    @property
    def live_resources(self):
        """The chosen resources that are published; drafts and deleted ones are left out."""
        return [resource for resource in self.get("resources") or [] if resource and resource.live]


class ChosenResourcesBlock(blocks.StructBlock):
    """A hand-picked list of resources from the library: the snippet model the project names
    (LIBRARY_RESOURCE_MODEL, as WAGTAILIMAGES_IMAGE_MODEL names the images), so the core names
    no app of the domain."""

    heading = blocks.CharBlock(max_length=120)
    resources = blocks.ListBlock(SnippetChooserBlock(settings.LIBRARY_RESOURCE_MODEL), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Chosen resources"
        template = "blocks/chosen_resources.html"
        value_class = ChosenResourcesValue


class VideoBlockValue(blocks.StructValue):
    """Derived, network-free facts about the chosen video."""

    @property
    def video(self):
        return parse_video_url(self.get("url"))

    @property
    def duration_seconds(self):
        return parse_duration(self.get("duration"))

    @property
    def duration_text(self):
        seconds = self.duration_seconds
        return describe_duration(seconds) if seconds is not None else ""

    @property
    def duration_iso(self):
        seconds = self.duration_seconds
        return iso_duration(seconds) if seconds is not None else ""


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video that loads only when the visitor presses play."""

    url = blocks.URLBlock(
        label="Video address",
        help_text="The YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=…",
    )
    title = blocks.CharBlock(max_length=200)
    speaker = blocks.CharBlock(required=False, max_length=200)
    duration = blocks.CharBlock(
        max_length=8, help_text='How long it lasts, as minutes:seconds ("42:10") or "1:05:00".'
    )
    transcript = blocks.RichTextBlock(
        features=INLINE_TEXT_FEATURES,
        help_text="Required: everything said, for people who cannot watch or hear the video.",
    )

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        value_class = VideoBlockValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if parse_video_url(value.get("url")) is None:
            errors["url"] = ValidationError(
                "Enter a YouTube or Vimeo video address, such as "
                "https://www.youtube.com/watch?v=… or https://vimeo.com/…. "
                "Other sites cannot be embedded."
            )
        if parse_duration(value.get("duration")) is None:
            errors["duration"] = ValidationError(
                'Enter the duration as minutes and seconds, such as "42:10", or "1:05:00".'
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class BodyBlock(blocks.StreamBlock):
    """Everything a page body may contain."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/rich_text.html")
    heading = HeadingBlock()
    key_message = KeyMessageBlock()
    focus_areas = FocusAreaListBlock()
    expandable = ExpandableSectionBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    resources = ChosenResourcesBlock()
    video = VideoBlock()

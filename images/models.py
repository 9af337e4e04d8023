"""The site's image model: alt text required unless the image is decorative, and the sizes pages
show made when it is saved. Its tables keep the names they had in the core
(protecting_babies_siteimage, protecting_babies_siterendition)."""

import logging

from django.core.exceptions import ValidationError
from django.db import models, transaction
from wagtail.images.models import AbstractImage, AbstractRendition, Filter

logger = logging.getLogger(__name__)

# The sizes pages show an image in ({% picture %} in templates/components/picture.html, which
# must say the same): made when the image is saved, so that no visitor waits while a large photo
# is resized (2.3 s for a 3000 × 2000 photo on the first view).
PICTURE_FILTERS = "format-{avif,webp} width-{480,800,1200}"


class SiteImage(AbstractImage):
    """An uploaded image, with the alt text screen readers hear, or marked as decorative."""

    alt_text = models.CharField(
        "alt text",
        max_length=255,
        blank=True,
        help_text="What the image shows, for people who cannot see it, e.g. 'A baby asleep "
        "on its back in a cot'. Required unless the image is decorative.",
    )
    # Not `decorative`: Wagtail's image sets that attribute itself, for ImageBlock's use.
    is_decorative = models.BooleanField(
        "decorative only",
        default=False,
        help_text="Tick only when the image adds nothing to the words around it; "
        "screen readers will then skip it.",
    )

    admin_form_fields = (
        "title",
        "file",
        "alt_text",
        "is_decorative",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        db_table = "protecting_babies_siteimage"
        verbose_name = "image"
        verbose_name_plural = "images"

    def save(self, *args, **kwargs):
        """Save, and once it is saved for good, make the sizes pages show."""
        super().save(*args, **kwargs)
        transaction.on_commit(self.make_renditions)

    def make_renditions(self):
        """The renditions pages use (PICTURE_FILTERS), made now rather than on a first view. A
        file that cannot be resized is said in the log; the image is saved all the same."""
        if not self.file:
            return
        try:
            self.get_renditions(*Filter.expand_spec(PICTURE_FILTERS))
        except Exception:  # the page's own rendering reports it where it is shown
            logger.exception("Could not make the renditions of image %s", self.pk)

    def clean(self):
        super().clean()
        self.alt_text = self.alt_text.strip()
        if not self.is_decorative and not self.alt_text:
            raise ValidationError(
                {
                    "alt_text": "Describe the image for people who cannot see it, or tick "
                    "'decorative only' if it adds nothing to the words around it."
                }
            )

    @property
    def default_alt_text(self):
        """The alt attribute: empty for a decorative image, so screen readers skip it."""
        return "" if self.is_decorative else self.alt_text

    @property
    def decorative(self):
        """Decorative where it is shown: marked so on the image, or by the block showing it."""
        return self.is_decorative or self._decorative_here

    @decorative.setter
    def decorative(self, value):
        # Wagtail's image sets `decorative` in __init__, and its ImageBlock sets it per use.
        self._decorative_here = bool(value)


class SiteRendition(AbstractRendition):
    """A resized copy of a site image."""

    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        db_table = "protecting_babies_siterendition"
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def __str__(self):
        return f"{self.image} ({self.filter_spec})"

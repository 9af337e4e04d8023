"""SiteImage and SiteRendition move here from the core app: the same tables
(protecting_babies_siteimage, protecting_babies_siterendition, with their constraints), so
nothing in the database changes but the content types' app label, which carries the models'
permissions, tags, log entries and reference index rows with it (they point at the content
types' ids, which stay)."""

import django.db.models.deletion
import modelsearch.index
import taggit.managers
import wagtail.images.models
import wagtail.models.media
from django.conf import settings
from django.db import migrations, models

from core.moves import relabel_content_types

MODELS = ("siteimage", "siterendition")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The core forgets the models first (it names no app of a higher layer).
        ("protecting_babies", "0019_images_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteImage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=255, verbose_name="title")),
                        (
                            "file",
                            wagtail.images.models.WagtailImageField(
                                height_field="height",
                                upload_to=wagtail.images.models.get_upload_to,
                                verbose_name="file",
                                width_field="width",
                            ),
                        ),
                        (
                            "description",
                            models.CharField(
                                blank=True, default="", max_length=255, verbose_name="description"
                            ),
                        ),
                        ("width", models.IntegerField(editable=False, verbose_name="width")),
                        ("height", models.IntegerField(editable=False, verbose_name="height")),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created at"
                            ),
                        ),
                        ("focal_point_x", models.PositiveIntegerField(blank=True, null=True)),
                        ("focal_point_y", models.PositiveIntegerField(blank=True, null=True)),
                        ("focal_point_width", models.PositiveIntegerField(blank=True, null=True)),
                        ("focal_point_height", models.PositiveIntegerField(blank=True, null=True)),
                        ("file_size", models.PositiveIntegerField(editable=False, null=True)),
                        (
                            "file_hash",
                            models.CharField(
                                blank=True, db_index=True, editable=False, max_length=40
                            ),
                        ),
                        (
                            "alt_text",
                            models.CharField(
                                blank=True,
                                help_text="What the image shows, for people who cannot see it, "
                                "e.g. 'A baby asleep on its back in a cot'. Required unless the "
                                "image is decorative.",
                                max_length=255,
                                verbose_name="alt text",
                            ),
                        ),
                        (
                            "is_decorative",
                            models.BooleanField(
                                default=False,
                                help_text="Tick only when the image adds nothing to the words "
                                "around it; screen readers will then skip it.",
                                verbose_name="decorative only",
                            ),
                        ),
                        (
                            "collection",
                            models.ForeignKey(
                                default=wagtail.models.media.get_root_collection_id,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="wagtailcore.collection",
                                verbose_name="collection",
                            ),
                        ),
                        (
                            "tags",
                            taggit.managers.TaggableManager(
                                blank=True,
                                help_text=None,
                                through="taggit.TaggedItem",
                                to="taggit.Tag",
                                verbose_name="tags",
                            ),
                        ),
                        (
                            "uploaded_by_user",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="uploaded by user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "image",
                        "verbose_name_plural": "images",
                        "db_table": "protecting_babies_siteimage",
                        "abstract": False,
                    },
                    bases=(
                        wagtail.images.models.ImageFileMixin,
                        modelsearch.index.Indexed,
                        models.Model,
                    ),
                ),
                migrations.CreateModel(
                    name="SiteRendition",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("filter_spec", models.CharField(db_index=True, max_length=255)),
                        (
                            "file",
                            wagtail.images.models.WagtailImageField(
                                height_field="height",
                                storage=wagtail.images.models.get_rendition_storage,
                                upload_to=wagtail.images.models.get_rendition_upload_to,
                                width_field="width",
                            ),
                        ),
                        ("width", models.IntegerField(editable=False)),
                        ("height", models.IntegerField(editable=False)),
                        (
                            "focal_point_key",
                            models.CharField(blank=True, default="", editable=False, max_length=16),
                        ),
                        (
                            "image",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="renditions",
                                to="images.siteimage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "protecting_babies_siterendition",
                        # The unique constraint already there (made by the core's 0002, named
                        # ..._image_id_filter_spec_foc_2613d791_uniq): found by its columns.
                        "unique_together": {("image", "filter_spec", "focal_point_key")},
                    },
                    bases=(wagtail.images.models.ImageFileMixin, models.Model),
                ),
            ],
            database_operations=[],
        ),
        relabel_content_types(MODELS, "protecting_babies", "images"),
    ]

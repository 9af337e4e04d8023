"""SiteLinks moves here from the core app: the same table, so nothing in the database changes
but the content type's app label (which carries the model's permissions with it)."""

import django.db.models.deletion
from django.db import migrations, models

from core.moves import relabel_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The core forgets the model first (it names no app of a higher layer).
        ("protecting_babies", "0021_site_links_moved"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteLinks",
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
                        (
                            "exit_url",
                            models.URLField(
                                default="https://www.bbc.co.uk/weather",
                                help_text="An ordinary website the exit button opens at once, "
                                "e.g. a weather page.",
                                verbose_name="exit this page: neutral website",
                            ),
                        ),
                        (
                            "accessibility_page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.page",
                            ),
                        ),
                        (
                            "help_page",
                            models.ForeignKey(
                                blank=True,
                                help_text="Where a parent finds when and whom to call, e.g. "
                                "'When to get help'. A search that finds nothing offers it, "
                                "with the helpline, NHS 111 and 999.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.page",
                                verbose_name="getting help now",
                            ),
                        ),
                        (
                            "privacy_page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.page",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                        (
                            "staying_safe_page",
                            models.ForeignKey(
                                blank=True,
                                help_text="The page that explains how to stay safe online, "
                                "linked from the exit button.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.page",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "site links",
                        "verbose_name_plural": "site links",
                        "db_table": "protecting_babies_sitelinks",
                    },
                ),
            ],
            database_operations=[],
        ),
        relabel_content_types(["sitelinks"], "protecting_babies", "sitechrome"),
    ]

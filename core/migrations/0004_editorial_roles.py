"""Editors and Safeguarding leads, and the "Safeguarding sign-off" workflow."""

from django.db import migrations

from core.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0003_search_extensions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("resources", "0002_initial"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

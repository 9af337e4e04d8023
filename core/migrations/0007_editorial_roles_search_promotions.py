"""Run the editorial roles set-up again: leads alone manage promoted search results."""

from django.db import migrations

from core.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0006_siteimage_is_decorative"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

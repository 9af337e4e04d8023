"""Run the editorial roles set-up again: image permissions are wagtailimages.Image's."""

from django.db import migrations

from core.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [("protecting_babies", "0004_editorial_roles")]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

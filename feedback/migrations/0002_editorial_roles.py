"""Run the editorial roles set-up again: editors read page feedback; leads deal with it,
delete it, and keep its setting."""

from django.db import migrations

from core.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("protecting_babies", "0009_models_moved_to_their_apps"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

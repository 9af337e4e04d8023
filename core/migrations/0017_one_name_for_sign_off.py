"""The sign-off task takes the workflow's name, "Safeguarding sign-off" (it was "Safeguarding
lead approval"), so the admin calls the one step one thing. See core/roles.py."""

from django.db import migrations

from core.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [("protecting_babies", "0016_helpline_notice_hours")]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

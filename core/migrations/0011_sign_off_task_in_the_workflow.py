"""The sign-off workflow's one task becomes the site's own SignOffTask (editors may correct a
page while it waits; one "Approve and publish"); Wagtail's group approval task it replaces is
switched off. See core/sign_off.py and docs/operations.md."""

from django.db import migrations

from core.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [("protecting_babies", "0010_sign_off_task")]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

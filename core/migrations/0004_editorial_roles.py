"""Editors and Safeguarding leads, and the "Safeguarding sign-off" workflow.

This ran the roles' set-up (then core/roles.py) on every database made before sign-off moved to
editorial, and does nothing now: editorial's 0003_editorial_roles sets the roles and the
workflow up, so no migration here calls code of an app above it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0003_search_extensions"),
    ]

    operations = []

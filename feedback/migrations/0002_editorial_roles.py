"""Run the editorial roles set-up again: editors read page feedback; leads deal with it,
delete it, and keep its setting.

This ran the roles' set-up (then core/roles.py) on every database made before sign-off moved to
editorial, and does nothing now: editorial's 0003_editorial_roles sets the roles and the
workflow up (after feedback's models), so feedback calls nothing of editorial."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
    ]

    operations = []

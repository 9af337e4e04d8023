"""SiteImage and SiteRendition now belong to the images app: forgotten here, their tables
kept as they are; images/migrations/0001_initial.py, which follows this, takes them up."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0018_helpline_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SiteRendition"),
                migrations.DeleteModel(name="SiteImage"),
            ],
            database_operations=[],
        ),
    ]

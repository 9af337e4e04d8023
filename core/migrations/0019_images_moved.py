"""SiteImage and SiteRendition now belong to the images app (its 0001 migration): forgotten
here, their tables kept as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0017_one_name_for_sign_off"),
        ("images", "0001_initial"),
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

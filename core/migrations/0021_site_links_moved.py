"""SiteLinks now belongs to the site chrome's app: forgotten here, its table kept as it is;
sitechrome/migrations/0001_initial.py, which follows this, takes it up."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0020_sign_off_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteLinks")],
            database_operations=[],
        ),
    ]

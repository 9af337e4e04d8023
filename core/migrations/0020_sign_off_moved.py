"""SignOffTask now belongs to the editorial app (its 0002_sign_off_task_moved): forgotten here,
its tables kept as they are.

Both sides only change what the migrations know, not the database, so neither needs the other
to have run first: this migration does not depend on editorial's, and the core names nothing of
the apps above it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0019_images_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SignOffTask")],
            database_operations=[],
        ),
    ]

"""ReviewReminderSent and LaunchContentRecord now belong to the editorial and launch apps:
forgotten here, their tables kept as they are; the apps' 0001 migrations, which follow this,
take them up. (Until issue 26 this depended on them instead: the order changes nothing in a
database, and the core's migrations now name no app above it.)"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0008_review_reminder_sent"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ReviewReminderSent"),
                migrations.DeleteModel(name="LaunchContentRecord"),
            ],
            database_operations=[],
        ),
    ]

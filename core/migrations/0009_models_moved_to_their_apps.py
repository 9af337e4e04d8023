"""ReviewReminderSent and LaunchContentRecord now belong to the editorial and launch apps
(their 0001 migrations): forgotten here, their tables kept as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0008_review_reminder_sent"),
        ("editorial", "0001_initial"),
        ("launch", "0001_initial"),
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

"""SignOffTask moves here from the core app: the same tables (the task's and its groups'), so
nothing in the database changes but the content type's app label. The content type keeps its id,
so Wagtail's tasks (Task.content_type) go on pointing at it, and the model's permissions follow."""

import django.db.models.deletion
from django.db import migrations, models

from core.moves import relabel_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("protecting_babies", "0020_sign_off_moved"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignOffTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                        (
                            "groups",
                            models.ManyToManyField(
                                help_text=(
                                    "Pages/snippets at this step in a workflow will be moderated "
                                    "or approved by these groups of users"
                                ),
                                to="auth.group",
                                verbose_name="groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "safeguarding sign-off task",
                        "verbose_name_plural": "safeguarding sign-off tasks",
                        "db_table": "protecting_babies_signofftask",
                    },
                    bases=("wagtailcore.task",),
                ),
            ],
            database_operations=[],
        ),
        relabel_content_types(["signofftask"], "protecting_babies", "editorial"),
    ]

"""LaunchContentRecord moves here from the core app: the same table, so nothing in the database
changes but the content type's app label (which carries the model's permissions with it)."""

from django.db import migrations, models


def move_content_type(apps, schema_editor, old="protecting_babies", new="launch"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model="launchcontentrecord").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="launch", new="protecting_babies")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("protecting_babies", "0009_models_moved_to_their_apps"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LaunchContentRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("key", models.CharField(max_length=100, unique=True)),
                        ("loaded_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "verbose_name": "launch content record",
                        "db_table": "protecting_babies_launchcontentrecord",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=False),
    ]

"""A model that leaves the core for an app of its own keeps its table and its content type:
the new app's first migration relabels the content type, so its id, and with it the model's
permissions, log entries, tags and Wagtail's tasks, stay as they are
(docs/operations.md, "Moving code between apps")."""

from django.db import migrations


def _relabel(apps, old, new, models):
    """Each model's content type from app `old` to app `new`, its id kept. Should both labels
    have a row (a permission made for the new label before this ran), the new row's permissions
    join the old row's, which keeps its id, and the new row goes."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in models:
        moving = ContentType.objects.filter(app_label=old, model=model).first()
        if moving is None:
            continue  # a new database: post_migrate makes it under the new label
        there = ContentType.objects.filter(app_label=new, model=model).first()
        if there is not None:
            for permission in Permission.objects.filter(content_type=there):
                kept = Permission.objects.filter(
                    content_type=moving, codename=permission.codename
                ).first()
                if kept is None:
                    permission.content_type = moving
                    permission.save(update_fields=["content_type"])
                    continue
                for group in permission.group_set.all():
                    group.permissions.add(kept)
                for user in permission.user_set.all():
                    user.user_permissions.add(kept)
                permission.delete()
            there.delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])


def relabel_content_types(models, old, new):
    """The migration operation that moves `models`' content types from app `old` to app `new`
    (and back, when the migration is reversed)."""
    return migrations.RunPython(
        lambda apps, schema_editor: _relabel(apps, old, new, models),
        lambda apps, schema_editor: _relabel(apps, new, old, models),
        elidable=False,
    )

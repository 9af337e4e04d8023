"""Editors and Safeguarding leads, what each may do, and the "Safeguarding sign-off" workflow
(editorial/roles.py), once the models they name exist. Feedback's permissions, which feedback
gives the roles through a hook (feedback/wagtail_hooks.py), are made here if feedback's
migrations have not run yet (a content type and permission are all a grant needs).

On a new database this is where the roles are first set up (the core's and feedback's earlier
roles migrations did it before sign-off moved here, and now do nothing). On a database made
before, where those migrations set the roles up, the set-up is idempotent and finds nothing to
change, unless someone changed the two groups' permissions by hand since: they are put back as
editorial/roles.py describes them, as each earlier roles migration did."""

from django.db import migrations

from editorial.roles import setup_editorial_workflow


def setup(apps, schema_editor):
    setup_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_sign_off_task_moved"),
        ("protecting_babies", "0021_site_links_moved"),
        # The settings it names, under their apps' labels.
        ("helpline", "0001_initial"),
        ("sitechrome", "0001_initial"),
        ("resources", "0004_first_review_due"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

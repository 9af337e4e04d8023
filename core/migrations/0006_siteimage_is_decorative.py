"""SiteImage.decorative becomes is_decorative: Wagtail's image uses `decorative` itself."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("protecting_babies", "0005_editorial_roles_image_permissions")]

    operations = [
        migrations.RenameField(
            model_name="siteimage", old_name="decorative", new_name="is_decorative"
        ),
        migrations.AlterModelOptions(
            name="siteimage",
            options={"verbose_name": "image", "verbose_name_plural": "images"},
        ),
    ]

"""HelplineSettings now belongs to the helpline app: forgotten here, its table kept as it is.
The helpline's 0001 migration, which depends on this one (the helpline may lean on the core,
not the other way round), takes the model and its content type."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("protecting_babies", "0017_one_name_for_sign_off")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="HelplineSettings")],
            database_operations=[],
        ),
    ]

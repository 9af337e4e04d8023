"""HelplineSettings moves here from the core app: the same table, so nothing in the database
changes but the content type's app label (which carries the setting's permissions and its log
entries, the helpline's history, with it)."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

from core.moves import relabel_content_types

import core.validators


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The core forgets the model first (this way round, the core names nothing of the helpline).
        ("protecting_babies", "0018_helpline_moved"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HelplineSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('heading', models.CharField(default='Need help with your baby?', max_length=120)),
                        ('phone_display', models.CharField(help_text='As people should read it, e.g. 0300 300 0123.', max_length=30, validators=[core.validators.validate_uk_number], verbose_name='phone number (as shown)')),
                        ('phone_dial', models.CharField(help_text='The number phones dial when tapped, e.g. +443003000123.', max_length=20, validators=[core.validators.validate_uk_number], verbose_name='phone number (as dialled)')),
                        ('text_display', models.CharField(blank=True, help_text='Leave blank if the helpline takes no texts.', max_length=30, validators=[core.validators.validate_uk_mobile], verbose_name='text number (as shown)')),
                        ('text_number', models.CharField(blank=True, help_text='The number phones text when tapped, e.g. +447520631590.', max_length=20, validators=[core.validators.validate_uk_mobile], verbose_name='text number (as texted)')),
                        ('website_label', models.CharField(blank=True, help_text='e.g. Just One Norfolk', max_length=80)),
                        ('website_url', models.URLField(blank=True)),
                        ('opening_hours', wagtail.fields.StreamField([('hours', 2)], blank=True, block_lookup={0: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': [('mon', 'Monday'), ('tue', 'Tuesday'), ('wed', 'Wednesday'), ('thu', 'Thursday'), ('fri', 'Friday'), ('sat', 'Saturday'), ('sun', 'Sunday')]}), 1: ('wagtail.blocks.TimeBlock', (), {'format': '%H:%M'}), 2: ('wagtail.blocks.StructBlock', [[('days', 0), ('opens', 1), ('closes', 1)]], {})}, help_text='Optional. When set, pages say whether the line is open now (UK time).')),
                        ('when_closed', models.CharField(default='The helpline is closed now. For medical advice, call NHS 111.', help_text='Shown when the helpline is closed.', max_length=255)),
                        ('emergency_message', models.CharField(default='If a baby is in immediate danger, call 999.', max_length=255)),
                        ('notices', wagtail.fields.StreamField([('notice', 6)], blank=True, block_lookup={0: ('core.blocks.UKDateBlock', (), {'help_text': 'The first day it applies, as day/month/year.'}), 1: ('core.blocks.UKDateBlock', (), {'help_text': 'The last day it applies, included. For one day, the same as the first date.'}), 2: ('wagtail.blocks.BooleanBlock', (), {'help_text': 'Tick when the line is closed all day on these dates: pages then say it is closed. Leave unticked for other hours (below) or a notice only.', 'label': 'Closed all day', 'required': False}), 3: ('wagtail.blocks.TimeBlock', (), {'help_text': 'Leave empty to open at the usual time.', 'label': 'Opens at, on these dates only', 'required': False}), 4: ('wagtail.blocks.TimeBlock', (), {'help_text': 'E.g. 14:00 for “Open until 2pm on 24 December”: pages say “closed” from then. Leave empty to close at the usual time.', 'label': 'Closes at, on these dates only', 'required': False}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the public reads in the helpline box, e.g. “Closed on 25 and 26 December. If a baby is in immediate danger, call 999.”', 'max_length': 255}), 6: ('wagtail.blocks.StructBlock', [[('first_date', 0), ('last_date', 1), ('closed', 2), ('opens', 3), ('closes', 4), ('message', 5)]], {})}, help_text="Set in advance, e.g. for bank holidays. Each shows in the helpline box on every page on its dates, and for 14 days before as “From …”. On a closure's dates pages say the line is closed all day. Delete old ones when you like.", verbose_name='dated notices and closures')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'helpline',
                        'db_table': 'protecting_babies_helplinesettings',
                    },
                ),
            ],
            database_operations=[],
        ),
        relabel_content_types(["helplinesettings"], "protecting_babies", "helpline"),
    ]

from django.apps import AppConfig


class HelplineConfig(AppConfig):
    """The helpline every page shows: its setting (numbers, opening hours, dated notices and
    closures), only safeguarding leads change it, and each change is kept in its history."""

    name = "helpline"
    verbose_name = "Helpline"

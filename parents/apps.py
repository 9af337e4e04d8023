from django.apps import AppConfig


class ParentsConfig(AppConfig):
    """The parents' section: advice pages in plain English, and the tools on them."""

    name = "parents"
    verbose_name = "For parents and carers"

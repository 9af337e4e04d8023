from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search at /search/: live public pages and resources, editors' picks first."""

    name = "search"
    verbose_name = "Site search"

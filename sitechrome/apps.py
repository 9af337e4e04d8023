from django.apps import AppConfig


class SiteChromeConfig(AppConfig):
    """What every public page shows around its content: the navigation, breadcrumbs, the
    helpline box, the footer and the exit control, built once per host and kept (chrome.py);
    the site links setting; routing a request to its page from the chrome's routes."""

    name = "sitechrome"
    verbose_name = "Site chrome"

    def ready(self):
        # The chrome's purges connect once the models are loaded (signals.py reads them).
        from sitechrome import signals  # noqa: PLC0415

        signals.connect()

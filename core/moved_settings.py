"""Old admin addresses of the settings that left the core for an app of their own: a bookmark
to /admin/settings/protecting_babies/<setting>/… opens the setting at its new address (the
address names the app). Each setting is found by its model's name among the registered
settings, so the core names no app. Matched before Wagtail's settings addresses: the core
comes before wagtail.contrib.settings in INSTALLED_APPS."""

from django.urls import path, reverse
from django.views.generic import RedirectView
from wagtail.contrib.settings.registry import registry

OLD_APP_LABEL = "protecting_babies"
# The settings that moved out (issue 26): the helpline's and the site links.
MOVED = ("helplinesettings", "sitelinks")


class MovedSettingView(RedirectView):
    """The old address of a setting, sent on (for good) to where it is now."""

    permanent = True
    query_string = True

    def get_redirect_url(self, app_label, model_name, site_pk=None):
        args = [app_label, model_name, *([site_pk] if site_pk else [])]
        return reverse("wagtailsettings:edit", args=args)


def urls():
    """The old addresses of the settings in MOVED that live in another app now."""
    addresses = []
    for model in registry:
        meta = model._meta
        if meta.model_name not in MOVED or meta.app_label == OLD_APP_LABEL:
            continue
        where = {"app_label": meta.app_label, "model_name": meta.model_name}
        old = f"settings/{OLD_APP_LABEL}/{meta.model_name}/"
        addresses += [
            path(old, MovedSettingView.as_view(), where),
            path(f"{old}<int:site_pk>/", MovedSettingView.as_view(), where),
        ]
    return addresses

"""Redirects a lead adds in the admin (Settings → Redirects) must go somewhere and be used.

Wagtail's form accepts a redirect with neither a page nor an address to send visitors to (they
then get a "not found" page), and one from the address of a live page, which is never used:
redirects apply only where there is no page. Both are refused here, with a message saying
what to do. The views are Wagtail's, at Wagtail's own addresses, with this form
(wagtail_hooks.py registers them first)."""

from django.core.exceptions import ValidationError
from wagtail.contrib.redirects import views as wagtail_views
from wagtail.contrib.redirects.forms import RedirectForm as WagtailRedirectForm
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

NO_TARGET = (
    "Say where this redirect sends visitors: choose a page of this site, or give an address "
    "under “Redirect to any URL”."
)


def live_page_at(path, site=None):
    """The live page whose address is `path` ("/all-babies-cry") on the site, or on any site
    when none is chosen; None when there is none (so a redirect from it would be used)."""
    path = path.split("?", 1)[0].split(";", 1)[0].strip("/")
    sites = [site] if site else Site.objects.select_related("root_page")
    for each in sites:
        url_path = each.root_page.url_path + (f"{path}/" if path else "")
        page = Page.objects.live().filter(url_path=url_path).first()
        if page is not None:
            return page
    return None


class RedirectForm(WagtailRedirectForm):
    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("redirect_page") and not data.get("redirect_link"):
            raise ValidationError(NO_TARGET, code="no_target")
        old_path = data.get("old_path")
        if old_path:
            page = live_page_at(Redirect.normalise_path(old_path), data.get("site"))
            if page is not None:
                self.add_error(
                    "old_path",
                    ValidationError(
                        f"“{old_path}” is the address of the live page “{page.title}”, so "
                        "visitors get that page and this redirect would never be used. To send "
                        "them elsewhere, unpublish or move the page first (moving a page "
                        "leaves a redirect from its old address by itself).",
                        code="live_page",
                    ),
                )
        return data


class CreateView(wagtail_views.CreateView):
    form_class = RedirectForm


class EditView(wagtail_views.EditView):
    form_class = RedirectForm

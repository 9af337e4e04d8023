"""The site chrome's one setting: where "Exit this page" goes, and the pages every footer
links to."""

from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.admin_forms import SettingForm

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """Where "Exit this page" goes, and the pages every footer links to."""

    exit_url = models.URLField(
        "exit this page: neutral website",
        default=DEFAULT_EXIT_URL,
        help_text="An ordinary website the exit button opens at once, e.g. a weather page.",
    )
    staying_safe_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that explains how to stay safe online, linked from the exit button.",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="getting help now",
        help_text="Where a parent finds when and whom to call, e.g. 'When to get help'. A "
        "search that finds nothing offers it, with the helpline, NHS 111 and 999.",
    )

    panels = [
        FieldPanel("exit_url"),
        PageChooserPanel("staying_safe_page"),
        PageChooserPanel("accessibility_page"),
        PageChooserPanel("privacy_page"),
        PageChooserPanel("help_page"),
    ]
    base_form_class = SettingForm

    class Meta:
        verbose_name = "site links"
        verbose_name_plural = "site links"
        db_table = "protecting_babies_sitelinks"  # made by the core, where it began

    def __str__(self):
        return "Site links"

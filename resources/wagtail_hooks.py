"""The resource library in the admin: a snippet with filters, search, drafts and the workflow."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from resources.choices import Format
from resources.models import Resource


class ResourceFilterSet(WagtailFilterSet):
    format = django_filters.ChoiceFilter(choices=Format.choices)

    class Meta:
        model = Resource
        fields = ["format", "for_parents", "for_professionals", "workstreams", "live"]


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full-inverse"
    menu_label = "Resources"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "format", "live", "next_review_due", "missing_information_flag"]
    filterset_class = ResourceFilterSet
    ordering = ["title"]


register_snippet(ResourceViewSet)

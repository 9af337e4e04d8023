"""The resource library in the admin: a snippet with filters, search, drafts and the workflow."""

import django_filters
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.search import SearchArea
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


class ResourceSearchArea(SearchArea):
    def is_shown(self, request):
        return request.user.has_perm("resources.view_resource") or request.user.has_perm(
            "resources.change_resource"
        )


@hooks.register("register_admin_search_area")
def register_resource_search_area():
    """The admin's search (the sidebar's) offers the resources as well as the pages."""
    return ResourceSearchArea(
        "Resources",
        reverse("wagtailsnippets_resources_resource:list"),
        name="resources",
        icon_name="doc-full-inverse",
        order=150,
    )

"""The filters of the "Content due for review" report."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from core.admin_filters import review_owner_filter
from core.models import STATUS_CHOICES


class ReviewFilterSet(WagtailFilterSet):
    """Filters for the review report; they work on a list of items, not a queryset."""

    status = django_filters.ChoiceFilter(label="Status", choices=STATUS_CHOICES)
    owner = review_owner_filter("Owner")

    def filter_queryset(self, queryset):
        items = list(queryset)
        status = self.form.cleaned_data.get("status")
        owner = self.form.cleaned_data.get("owner")
        if status:
            items = [item for item in items if item.status == status]
        if owner == "null":
            items = [item for item in items if item.obj.review_owner_id is None]
        elif owner:
            items = [item for item in items if item.obj.review_owner_id == owner.pk]
        return items

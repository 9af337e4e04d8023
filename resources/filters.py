"""The library's filters, read from the query string so a filtered list can be shared.

Unknown or malformed values are dropped, never an error: the page cache's middleware takes
them off before the page sees them (caching/querystring.py, with this page's
query_parameters()), and the filter drops any that still arrive. The workstream checkboxes
list the site's workstreams from the site chrome (the template passes them to
`with_workstreams()`); a workstream asked for is checked against the live ones here.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from resources.choices import Audience, Format
from strategy.models import WorkstreamPage

MAX_VALUES = 20  # More values than any real filter form sends; the rest are left out.


@dataclass
class FilterGroup:
    """One set of checkboxes: its name in the query string, its label, and its options."""

    name: str
    legend: str
    options: list  # (value, label) pairs
    selected: list = field(default_factory=list)

    def option_rows(self):
        return [
            {"value": value, "label": label, "checked": value in self.selected}
            for value, label in self.options
        ]


def _values(data, name):
    """The distinct, non-empty values sent for one filter, in the order sent."""
    values = []
    for raw in data.getlist(name)[:MAX_VALUES]:
        value = raw.strip()
        if value and value not in values:
            values.append(value)
    return values


class ResourceFilter:
    """Audience, workstream and format filters parsed from a QueryDict."""

    def __init__(self, data):
        requested = {name: _values(data, name) for name in ("audience", "workstream", "format")}
        # Only when workstreams are asked for: which of them are live workstream pages.
        live_workstreams = set(
            WorkstreamPage.objects.live()
            .filter(slug__in=requested["workstream"])
            .values_list("slug", flat=True)
            if requested["workstream"]
            else ()
        )
        self.groups = [
            FilterGroup("audience", "Who it is for", list(Audience.choices)),
            FilterGroup("workstream", "Workstream", []),
            FilterGroup("format", "Format", list(Format.choices)),
        ]
        known = {
            "audience": {value for value, _label in Audience.choices},
            "workstream": live_workstreams,
            "format": {value for value, _label in Format.choices},
        }
        for group in self.groups:
            allowed = known[group.name]
            group.selected = [value for value in requested[group.name] if value in allowed]

    @property
    def is_active(self):
        return any(group.selected for group in self.groups)

    def group(self, name):
        return next(group for group in self.groups if group.name == name)

    def with_workstreams(self, workstreams):
        """The groups for the filter form, the workstream checkboxes listing `workstreams`."""
        self.group("workstream").options = [(page.slug, page.title) for page in workstreams]
        return self.groups

    def apply(self, queryset):
        """Within a group, any chosen value matches; across groups, all must match."""
        audiences = self.group("audience").selected
        if audiences:
            condition = Q()
            if Audience.PARENTS in audiences:
                condition |= Q(for_parents=True)
            if Audience.PROFESSIONALS in audiences:
                condition |= Q(for_professionals=True)
            queryset = queryset.filter(condition)
        workstreams = self.group("workstream").selected
        if workstreams:
            matching = queryset.model.workstreams.through.objects.filter(
                workstreampage__slug__in=workstreams
            ).values("resource_id")
            queryset = queryset.filter(pk__in=matching)
        formats = self.group("format").selected
        if formats:
            queryset = queryset.filter(format__in=formats)
        return queryset

    def query_string(self):
        """The chosen filters as a query string, for pagination links."""
        pairs = [(group.name, value) for group in self.groups for value in group.selected]
        return urlencode(pairs)

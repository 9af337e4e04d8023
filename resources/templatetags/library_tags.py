"""The library's filter form."""

from django import template

register = template.Library()


@register.simple_tag
def filter_groups(resource_filter, workstreams):
    """The filter form's groups of checkboxes, the workstreams given (from the site chrome)."""
    return resource_filter.with_workstreams(workstreams)

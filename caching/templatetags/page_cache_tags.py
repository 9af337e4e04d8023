"""`{% kept_page %}…{% end_kept_page %}`: each page rendered once and kept under the page cache's
purge tokens, but for its `{% per_request %}…{% end_per_request %}` parts (caching/fragments.py)."""

from django import template

from caching.fragments import kept_page, per_request

register = template.Library()
register.tag("kept_page", kept_page)
register.tag("per_request", per_request)

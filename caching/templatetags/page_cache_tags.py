"""`{% page_body %}…{% end_page_body %}`: each page's body rendered once and kept under the page
cache's purge tokens (caching/fragments.py)."""

from django import template

from caching.fragments import page_body

register = template.Library()
register.tag("page_body", page_body)

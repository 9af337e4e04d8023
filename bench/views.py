"""The ceiling: a trivial view returning a fixed page of the same size as a real one."""

import os
from functools import cache

from django.http import HttpResponse


@cache
def _page():
    """The bytes of a real page saved by the benchmark (BENCH_CEILING_FILE), read once."""
    with open(os.environ["BENCH_CEILING_FILE"], "rb") as page:
        return page.read()


def ceiling(request):
    return HttpResponse(_page(), content_type="text/html; charset=utf-8")

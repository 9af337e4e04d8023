"""Error pages: views that must work when little else does."""

from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The 500 page: rendered without a request context, so it makes no database query."""
    return HttpResponseServerError(loader.get_template("500.html").render())

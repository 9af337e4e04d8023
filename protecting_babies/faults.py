"""When the database is unreachable: the branded 503 page, never a traceback or a 500.

Pages already in the page cache are served before any of this runs (protecting_babies/cache.py);
everything else that needs the database gets 503 with Retry-After. Nothing here keeps state:
Django opens a fresh connection on the next request (CONN_HEALTH_CHECKS), so the site recovers
by itself as soon as the database answers again.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from protecting_babies import views

logger = logging.getLogger(__name__)

# Connection refused, timed out, dropped, or (SQLite) the file cannot be opened or is locked.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable():
    """The 503 page: a standalone template rendered without a request, so it makes no query."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage raised by a view into the 503 page, with a one-line warning."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.warning("Database unavailable (%s): answered 503", type(exception).__name__)
            return service_unavailable()
        return None


def server_error(request):
    """handler500: the 503 page when the error was the database (e.g. raised by a middleware),
    otherwise the ordinary 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable()
    return views.server_error(request)

"""Health checks and error pages: views that must work when little else does."""

from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """The process answers; touches nothing else."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """The database answers; 503 with a short reason otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 page: rendered without a request context, so it makes no database query."""
    return HttpResponseServerError(loader.get_template("500.html").render())

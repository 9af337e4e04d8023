"""Health checks for the container platform and load balancer.

They are answered by a middleware placed before everything else, so they work whatever Host
header the prober sends, over plain HTTP, and without touching sessions or the page cache.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers


def healthz(request):
    """The process answers; touches nothing else."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """The database answers; 503 with a short reason otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


CHECKS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz, never cached; passes every other request on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check = CHECKS.get(request.path_info)
        if check is None:
            return self.get_response(request)
        response = check(request)
        add_never_cache_headers(response)
        return response

"""Error pages: views that must work when little else does, rendered without a request
context (so they make no database query), and sent with the security headers themselves,
since the middleware that adds them may not have run (an unknown host is refused before it)."""

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader


def with_security_headers(request, response):
    """The headers every page carries (docs/security.md), on a page the middleware missed."""
    response.setdefault(
        "Content-Security-Policy",
        build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]),
    )
    response.setdefault("X-Content-Type-Options", "nosniff")
    response.setdefault("X-Frame-Options", "DENY")
    response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
    response.setdefault("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
    hsts = getattr(settings, "SECURE_HSTS_SECONDS", 0)
    if hsts and request.is_secure():
        response.setdefault(
            "Strict-Transport-Security", f"max-age={hsts}; includeSubDomains; preload"
        )
    return response


def _page(request, template, status):
    response = HttpResponse(loader.get_template(template).render(), status=status)
    return with_security_headers(request, response)


def server_error(request):
    """The 500 page."""
    return with_security_headers(
        request, HttpResponseServerError(loader.get_template("500.html").render())
    )


def bad_request(request, exception=None):
    """handler400: an address this site does not answer to, or a request it cannot read."""
    return _page(request, "400.html", 400)


def csrf_failure(request, reason=""):
    """A form of the admin posted without its security token (it was open a long time, or
    cookies are blocked): the site's own page, not Django's."""
    return _page(request, "403_csrf.html", 403)

"""Pages rendered again as soon as they are purged, so a visitor is never the one who pays
for the render: after a publish (in the process that purged, once its response has been
sent), and after a deploy (`manage.py warm_cache`, in the release step). See
docs/performance.md.

A page is warmed by sending a GET for its public address through this process's own WSGI
handler (its middleware chain and views; not its request signals): every middleware runs as
for a visitor (the page cache stores what it renders under
the tokens the purge just wrote, the security headers included), so what is stored is exactly
what a visitor's request would have stored. The request says it accepts gzip, carries the
address's scheme and host, and is marked in its WSGI environ (WARM_ENVIRON, which no HTTP
header can set), so no visitor's budget pays for it.

Within a request (an editor publishing in the admin), the purged addresses are gathered and
warmed when the request is finished (Django's request_finished, which the server sends once
the response has gone out); anywhere else (a command, the scheduler's publish_scheduled, a
shell), at once, in that process. PAGE_CACHE_WARM turns it off (the tests, but their own).
"""

import io
import logging
import sys
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.urls import set_script_prefix

logger = logging.getLogger(__name__)

WARM_ENVIRON = "protecting_babies.warming"
_state = threading.local()
_handler = None
_handler_lock = threading.Lock()


def _wsgi_handler():
    global _handler
    with _handler_lock:
        if _handler is None:
            _handler = WSGIHandler()
        return _handler


def is_warming(request):
    """Whether the request is one of the site's own warming requests."""
    return bool(request.META.get(WARM_ENVIRON))


def _environ(url):
    parts = urlsplit(url)
    host = parts.netloc
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path or "/",
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(port),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_X_FORWARDED_PROTO": parts.scheme,
        "wsgi.url_scheme": parts.scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        WARM_ENVIRON: True,
    }


def warm_url(url):
    """GET the address through this process's middleware and views; returns the status code
    and what the page cache said (X-Page-Cache). The handler's own request signals are not
    sent (as Django's test client leaves out closing connections): the process is already
    serving or has just committed, and its connection stays as it is."""
    handler = _wsgi_handler()
    set_script_prefix("/")
    response = handler.get_response(handler.request_class(_environ(url)))
    return response.status_code, response.get("X-Page-Cache", "")


def warm(urls):
    """Render these addresses now, one after the other; a failure is logged, never raised (the
    next visitor renders the page, as without warming). Returns {url: (status, cache)}."""
    results = {}
    for url in sorted(set(urls), key=lambda url: (url.count("/"), url)):
        try:
            results[url] = warm_url(url)
        except Exception:
            logger.exception("Could not warm %s", url)
    return results


def warm_later(urls):
    """Warm these addresses once the current request is finished, or now outside a request."""
    if not (settings.PAGE_CACHE_WARM and settings.PAGE_CACHE_ENABLED) or not urls:
        return
    if getattr(_state, "in_request", False):
        _state.pending.update(urls)
    else:
        warm(urls)


def _request_started(sender, environ=None, **kwargs):
    _state.in_request = True
    _state.pending = set()


def _request_finished(sender, **kwargs):
    """The response has gone out: warm what it purged (in this thread, the visitor's response
    already sent)."""
    pending = getattr(_state, "pending", set())
    _state.in_request = False
    _state.pending = set()
    if pending:
        warm(pending)


def connect():
    request_started.connect(_request_started, dispatch_uid="page-cache-warm-started")
    request_finished.connect(_request_finished, dispatch_uid="page-cache-warm-finished")

"""gunicorn settings, each from the environment with a default that suits a small container."""

import math
import os
from pathlib import Path

# Where the container's own cgroup is mounted (Docker and Kubernetes give each container its
# own, at the root, on cgroup v2 and v1 alike).
CGROUP = Path("/sys/fs/cgroup")


def cgroup_cpu_limit(root=CGROUP):
    """How many CPUs' time the cgroup's quota allows (1.5 for "150000 100000"), or None when it
    sets none: cgroup v2's cpu.max, else cgroup v1's cpu.cfs_quota_us / cpu.cfs_period_us."""
    root = Path(root)
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    for controller in ("cpu", "cpu,cpuacct"):
        try:
            quota = int((root / controller / "cpu.cfs_quota_us").read_text())
            period = int((root / controller / "cpu.cfs_period_us").read_text())
        except (OSError, ValueError):
            continue
        return quota / period if quota > 0 and period > 0 else None  # -1: no quota
    return None


def container_cpus(root=CGROUP):
    """The CPUs this container may use: those the process may run on, capped by the cgroup's
    quota (rounded up), so a pod limited to one CPU on a 64-core node counts one, not 64."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    limit = cgroup_cpu_limit(root)
    if limit is not None:
        cpus = min(cpus, math.ceil(limit))
    return max(1, cpus)


def default_workers(root=CGROUP):
    """A worker for each CPU the container may use, plus one (one may wait while others work)."""
    return container_cpus(root) + 1


wsgi_app = "protecting_babies.wsgi:application"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# Processes x threads: a worker per CPU the container may use plus one, eight threads each, by
# default (a request mostly waits on the database or cache; `make bench` measured 8 threads
# well ahead of 2). GUNICORN_WORKERS, or WEB_CONCURRENCY as hosting platforms set it, wins.
workers = int(
    os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or default_workers()
)
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle workers now and then (staggered) so a slow leak can never take the site down; often
# enough for that, rarely enough that a busy day's thousands of requests a second don't churn.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))

# The proxy in front sets X-Forwarded-*; trust it only from the addresses given.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No other header may set what the app sees of the request: gunicorn would otherwise take
# SCRIPT_NAME and PATH_INFO from headers sent by the addresses above, and a page rendered under
# a forged prefix could be cached for everyone. Headers with underscores (which could pass for
# such variables) are refused outright.
forwarder_headers = ""
header_map = "refuse"

# Bounded requests. A search box may be pasted into at length: the view cuts long queries to
# 200 characters with a note, so a line of 8 KB (gunicorn's largest) reaches it; anything longer
# is refused with 414 before it costs a worker anything. Headers: at most 100, 8 KB each.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Logs to stdout/stderr. The access log is JSON and records the path without the query string,
# so what visitors type into search is never written down.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"user_agent": "%(a)s"}'
)

# Container file systems can be slow; keep the worker heartbeat in memory (only gunicorn's own
# heartbeat files go there, never data).
SHARED_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None

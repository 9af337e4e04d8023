"""`make bench`: requests per second and latency with wrk, and SQL queries per page type.

Starts the stack (tests/support/stack.py) on a scratch PostgreSQL database with Redis and moto
S3: instance A with the page cache, instance B with it switched off, instance C with the page
cache on plain sync workers, all with the production settings (bench/settings.py). Then:

1. SQL queries per page type with 10 and then 100 live resources (Django's
   CaptureQueriesContext, in a subprocess on the same database, page cache off), and the time
   one process takes per request: the ceiling, each page uncached, and its routing alone;
2. wrk against each page type (home, a workstream page, the library unfiltered and filtered,
   the parents' section, an advice page, a standard page), cached (A) and uncached (B), and
   the ceiling: a trivial view on A returning the home page's bytes through every middleware;
3. the home page as a campaign link brings visitors: a new fbclid (click id) on every request;
4. the cached home page while another client posts page feedback (10 connections);
5. floods, straight to instance A and then through the shipped nginx edge (deploy/nginx/)
   in front of it: the cached home page for other clients (2,000 addresses) alone, then while
   one client sends, at 50 connections, the workstream page itself (the reference: a flood of
   hits, as cheap as the other clients' own requests), then (a) that page with a junk query
   string (`?x=<n>`), (b) random missing paths, (c) searches, each new; with the flood's own
   status codes and Redis's key count before and after (each client is told apart by
   X-Forwarded-For, as the load balancer sends it), and a table of both side by side;
6. the ceiling and a cached page on plain sync workers (instance C: one thread per worker);
7. a 60-second load at 50 connections spread over the three cached pages.

Prints a Markdown table and writes bench-results/<time>.json. BENCH_DURATION (seconds per
run, default 20), BENCH_WARMUP (unmeasured seconds before each run, default 3),
BENCH_CONNECTIONS (default 50) and BENCH_SOAK (default 60) change the load, BENCH_EDGE_WORKERS
(default 1) the edge's nginx processes; BENCH_ONLY (e.g.
"floods,sync") runs only some of SECTIONS (the ceiling always).
"""

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import after_publish  # noqa: E402
from tests.support.edge import Edge  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

DURATION = int(os.environ.get("BENCH_DURATION", "20"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
SOAK = int(os.environ.get("BENCH_SOAK", "60"))
# Each target gets this many seconds of load before it is measured, so every run (the ceiling
# included) is measured on warm workers: imports done, templates compiled, connections open.
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
THREADS = os.environ.get("GUNICORN_THREADS", "8")
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
# nginx worker processes for the edge in front of instance A (the floods through the edge).
EDGE_WORKERS = int(os.environ.get("BENCH_EDGE_WORKERS", "1"))
SECTIONS = ("queries", "pages", "sync", "publish", "campaign", "feedback", "floods", "soak")
# What a browser sends: every run asks for gzip, so a stored page is sent as it is stored.
BROWSER_HEADERS = ("Accept-Encoding: gzip, deflate, br",)

# A campaign link as shared on social media: a new click id on every visit.
CLICK_ID_LUA = """
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/?utm_source=facebook&utm_campaign=bench&fbclid=" .. n)
end
"""

# Every request from one client address. The app counts 2 proxies (TRUSTED_PROXY_COUNT=2: the
# load balancer, then the edge), so a request straight to gunicorn carries what the edge would
# pass on (the visitor, then the load balancer's address); one through the edge carries what the
# load balancer sends (the visitor), and the edge appends the rest.
CLIENT_LUA = """
wrk.headers["X-Forwarded-For"] = "%s"
"""
# The other clients: many visitors (2,000 addresses), each far below the edge's cap per address,
# as on a busy day; %(suffix)s is what the edge would append when there is no edge.
VISITORS_LUA = """
request = function()
  wrk.headers["X-Forwarded-For"] = "10.1." .. math.random(0, 7) .. "." .. math.random(1, 250)
    .. "%(suffix)s"
  return wrk.format("GET", "/")
end
"""
FLOODER = "203.0.113.66"  # the client that floods
UNLIMITED = "100000000/m"  # a budget nothing in a benchmark reaches
# What the edge appends to X-Forwarded-For: the load balancer's address (here, wrk's).
EDGE_APPENDS = ", 127.0.0.1"

# Floods: each request new, so nothing the flood asks for was asked before.
JUNK_QUERY_LUA = """
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "%(path)s?x=" .. n .. "-" .. math.random(1e9))
end
"""
PLAIN_LUA = """
request = function()
  return wrk.format("GET", "%(path)s")
end
"""
MISSING_PATHS_LUA = """
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/no-such-page-" .. n .. "-" .. math.random(1e9) .. "/")
end
"""
SEARCHES_LUA = """
local words = {"sleep", "crying", "shaking", "help", "pregnancy", "bruise", "cot", "nappy"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/search/?q=" .. words[n % #words + 1] .. "+" .. n)
end
"""

ROTATE_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


# Appended to a flood's script: counts its responses by status code, printed at the end.
STATUS_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write(string.format("status %d %d\\n", status, count))
    end
  end
end
"""

# Visitors' feedback posted as fast as the server takes it (FEEDBACK_RATE is lifted).
FEEDBACK_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "%(origin)s"
wrk.body = "page=%(page)s&rendered=%(rendered)s&useful=no&wrong_or_missing=bench"
"""


def database_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def measure(url, duration=DURATION, script=None):
    """wrk against a warmed-up target: WARMUP seconds unmeasured, then the measured run."""
    if WARMUP:
        wrk(url, WARMUP, script=script)
    return wrk(url, duration, script=script)


def wrk_command(url, duration, connections=CONNECTIONS, script=None, headers=BROWSER_HEADERS):
    wrk_path = shutil.which("wrk")
    if wrk_path is None:
        sys.exit("wrk is not installed: sudo apt-get install wrk (make bench does it as root)")
    command = [
        wrk_path,
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    return [*command, url]


def wrk(url, duration, connections=CONNECTIONS, script=None):
    """One wrk run; returns rps, p50/p99 in ms and the error count."""
    output = subprocess.run(  # noqa: S603 - fixed local command
        wrk_command(url, duration, connections, script), capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(latency) != {"50", "99"}:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    statuses = {}  # one line per wrk thread and status code
    for code, count in re.findall(r"^status (\d+) (\d+)$", output, re.MULTILINE):
        statuses[int(code)] = statuses.get(int(code), 0) + int(count)
    return {
        **({"statuses": statuses} if statuses else {}),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": errors,
    }


def lua_file(workdir, source):
    path = Path(workdir) / f"script-{abs(hash(source))}.lua"
    path.write_text(source)
    return str(path)


def under_flood(url, flood_url, flood_script, connections=CONNECTIONS, workdir=None, script=None):
    """wrk on `url` (warm-up, then measured, with `script`) while a second client floods
    `flood_url` for the whole time with `flood_script` (its responses counted by status).
    Returns (run, flood)."""
    flood_lua = lua_file(workdir, flood_script + STATUS_LUA)
    flood = subprocess.Popen(  # noqa: S603 - fixed local command
        wrk_command(flood_url, WARMUP + DURATION + 2, connections, flood_lua),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        run = measure(url, script=script)
    finally:
        output, _ = flood.communicate(timeout=WARMUP + DURATION + 60)
    return run, parse_wrk(output)


FLOODS = (
    # The reference: a flood of the cached page itself, which the app never refuses (hits are
    # never limited) and which costs exactly what the other clients' requests do.
    ("the cached page itself (reference)", "plain"),
    ("junk query strings", "junk"),
    ("random missing paths", "missing"),
    ("searches", "searches"),
)


def flood_script(kind, paths):
    return {
        "plain": PLAIN_LUA % {"path": paths["workstream"]},
        "junk": JUNK_QUERY_LUA % {"path": paths["workstream"]},
        "missing": MISSING_PATHS_LUA,
        "searches": SEARCHES_LUA,
    }[kind]


def edge_answers(edge, address):
    """What the edge answered `address`, by status, from its access log."""
    statuses = {}
    for line in edge.access_log():
        with contextlib.suppress(ValueError, KeyError):
            entry = json.loads(line)
            if entry["remote"] == address:
                statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
    return statuses


def floods(stack, base, paths, workdir, edge=None):
    """The cached home page for other clients alone, then under each flood (see the module's
    docstring): their runs, and per flood its status codes and Redis's key count. `base` is
    gunicorn itself, or the edge in front of it."""
    suffix = "" if edge else EDGE_APPENDS
    mode = "through the edge" if edge else "direct"
    visitors = lua_file(workdir, VISITORS_LUA % {"suffix": suffix})
    flooder = CLIENT_LUA % (FLOODER + suffix)
    runs = {f"home, cached, other clients, no flood, {mode}": measure(f"{base}/", script=visitors)}
    report = {}
    for name, kind in FLOODS:
        before = stack.redis_keys()
        answered_before = edge_answers(edge, FLOODER) if edge else {}
        run, flood = under_flood(
            f"{base}/",
            f"{base}/",
            flooder + flood_script(kind, paths),
            workdir=workdir,
            script=visitors,
        )
        runs[f"home, cached, other clients, flood of {name}, {mode}"] = run
        report[name] = {
            "flood_rps": flood["rps"],
            "statuses": flood.get("statuses", {}),
            "redis_keys_before": before,
            "redis_keys_after": stack.redis_keys(),
        }
        if edge:
            # Counted by the edge itself, answers wrk had not finished waiting for included.
            report[name]["edge_answered"] = {
                status: count - answered_before.get(status, 0)
                for status, count in edge_answers(edge, FLOODER).items()
            }
        print(f"Flood of {name}, {mode}: {report[name]}")  # noqa: T201
    return runs, report


def print_flood_table(runs):
    """Other clients' throughput under each flood, straight to gunicorn and through the edge,
    side by side: each against its own unflooded run (target: >= 80 %, p99 < 100 ms)."""
    print(  # noqa: T201
        "\n| flood | direct req/s | % of unflooded | p99 ms "
        "| through the edge req/s | % of unflooded | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    for name in ["none", *(name for name, _ in FLOODS)]:
        cells = []
        for mode in ("direct", "through the edge"):
            alone = runs.get(f"home, cached, other clients, no flood, {mode}")
            key = "no flood" if name == "none" else f"flood of {name}"
            run = runs.get(f"home, cached, other clients, {key}, {mode}")
            if run is None or alone is None:
                cells += ["", "", ""]
                continue
            share = 100 * run["rps"] / alone["rps"]
            cells += [f"{run['rps']:.0f}", f"{share:.0f} %", f"{run['p99_ms']:.1f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")  # noqa: T201


QUERY_SCRIPT = """
import json
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from parents.models import AdvicePage, ParentsIndexPage
from resources.choices import Format
from resources.models import Resource, ResourceIndexPage
from strategy.models import StandardPage, StrategyPage, WorkstreamPage

target = {target}
workstreams = list(WorkstreamPage.objects.order_by("number"))
formats = [value for value, _ in Format.choices]
for n in range(Resource.objects.filter(live=True).count(), target):
    resource = Resource.objects.create(
        title=f"Bench resource {{n:03d}}", description="A resource made by the benchmark.",
        for_parents=n % 2 == 0, for_professionals=n % 2 == 1, format=formats[n % len(formats)],
        external_url=f"https://example.org/{{n}}", live=True,
    )
    resource.workstreams.set(workstreams[: 1 + n % len(workstreams)])
library = ResourceIndexPage.objects.get().url
pages = {{
    "home": StrategyPage.objects.get().url,
    "workstream": workstreams[0].url,
    "library": library,
    "library filtered": library + "?audience=parents&format=guide",
    "standard page": StandardPage.objects.get(slug="privacy-notice").url,
    "parents' section": ParentsIndexPage.objects.get().url,
    "advice page": AdvicePage.objects.order_by("path").first().url,
    "advice page (crying, 31 KB)": AdvicePage.objects.get(slug="coping-with-crying").url,
}}
client = Client(headers={{"host": "localhost"}})
counts = {{}}
with override_settings(PAGE_CACHE_ENABLED=False):
    for name, path in pages.items():
        caches["default"].clear()
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as warm:
            assert client.get(path).status_code == 200, path
        with override_settings(PAGE_FRAGMENTS_ENABLED=False):
            with CaptureQueriesContext(connection) as rendered:
                assert client.get(path).status_code == 200, path
        counts[name] = {{"cold": len(cold), "warm": len(warm), "rendered": len(rendered)}}
print(json.dumps({{"resources": Resource.objects.filter(live=True).count(), "queries": counts}}))
"""


TIMING_SCRIPT = """
import json, secrets, statistics, time
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from wagtail.models import Page
from sitechrome.chrome import get_site_chrome, route_from_chrome

paths = {paths}
client = Client(headers={{"host": "localhost"}})
factory = RequestFactory(headers={{"host": "localhost"}})


def median_ms(call, n=200):
    for _ in range(20):
        call()
    times = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def route(path):
    request = factory.get(path)
    request.user = AnonymousUser()
    chrome = get_site_chrome(request)  # the site from the cached chrome, as a real request has it
    page = route_from_chrome(chrome, request.path.lstrip("/"), request)
    if page is None:
        page = Page.route_for_request(request, request.path)[0]
    list(page.get_view_restrictions())


results = {{"ceiling": median_ms(lambda: client.get("/bench/ceiling/"))}}
# What a flood costs per request, beside the ceiling: a hit, a hit with a junk query string,
# and a 404 refused once the visitor's budget is spent.
with override_settings(PAGE_CACHE_ENABLED=True, NOT_FOUND_RATE="1/h", RENDER_CEILING_RATE="1/h"):
    for _ in range(2):
        client.get("/")
        client.get("/nope-" + secrets.token_hex(6) + "/")
    results["cache hit"] = median_ms(lambda: client.get("/"))
    results["cache hit, junk query"] = median_ms(lambda: client.get("/?x=" + secrets.token_hex(6)))
    results["missing page, refused"] = median_ms(
        lambda: client.get("/nope-" + secrets.token_hex(6) + "/")
    )
# Renders as fast as they go: no budget in the way (a 429 would be timed instead of the page).
with override_settings(
    PAGE_CACHE_ENABLED=False, PAGE_RENDER_RATE="100000000/m", RENDER_CEILING_RATE="100000000/m"
):
    for name, path in paths.items():
        assert client.get(path).status_code == 200, path
        results[name] = {{
            "request": median_ms(lambda: client.get(path)),
            "routing": median_ms(lambda: route(path)),
        }}
        with override_settings(PAGE_FRAGMENTS_ENABLED=False):
            results[name]["rendered"] = median_ms(lambda: client.get(path))
print(json.dumps(results))
"""


def cpu_times(stack, paths):
    """Milliseconds per request in one process (median): the ceiling, and each page uncached,
    whole and its Wagtail routing and view-restriction check alone (no rendering)."""
    return json.loads(stack.shell(TIMING_SCRIPT.format(paths=json.dumps(paths))))


def query_counts(stack, target):
    output = stack.shell(QUERY_SCRIPT.format(target=target))
    return json.loads(output)


def wanted(section):
    """Whether BENCH_ONLY (a comma-separated list of SECTIONS; all when unset) asks for it."""
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}
    return not only or section in only


def page_paths(stack):
    """The page types' addresses: the three of the soak, then the others."""

    paths = {
        "home": "/",
        "workstream": stack.shell(
            "from strategy.models import WorkstreamPage; "
            "print(WorkstreamPage.objects.order_by('number').first().url)"
        ),
        "library": stack.shell(
            "from resources.models import ResourceIndexPage; "
            "print(ResourceIndexPage.objects.get().url)"
        ),
    }
    more_paths = {
        "library filtered": paths["library"] + "?audience=parents&format=guide",
        "parents' section": stack.shell(
            "from parents.models import ParentsIndexPage; print(ParentsIndexPage.objects.get().url)"
        ),
        "advice page": stack.shell(
            "from parents.models import AdvicePage; "
            "print(AdvicePage.objects.order_by('path').first().url)"
        ),
        "advice page (crying, 31 KB)": stack.shell(
            "from parents.models import AdvicePage; "
            "print(AdvicePage.objects.get(slug='coping-with-crying').url)"
        ),
        "standard page": stack.shell(
            "from strategy.models import StandardPage; "
            "print(StandardPage.objects.get(slug='privacy-notice').url)"
        ),
    }
    return paths, more_paths


def after_publish_runs(stack, paths, more_paths):
    """The visitors' requests in the second after a publish of the crying page, with the pages
    it purges rendered again at once by the publishing process and without
    (bench/after_publish.py), on instance A, for the site's address (what warming renders)."""
    port = stack.ports[0]
    host = stack.shell(
        "from wagtail.models import Site; "
        "from urllib.parse import urlsplit; "
        "print(urlsplit(Site.objects.get(is_default_site=True).root_url).netloc)"
    )
    crying = more_paths["advice page (crying, 31 KB)"]
    pages = [crying, more_paths["parents' section"], paths["home"]]
    runs = []
    for warm in (False, True):
        run = after_publish.run(stack, port, host, pages, warm)
        print(f"After publish, warming {'on' if warm else 'off'}: {run}")  # noqa: T201
        runs.append(run)
    return runs


def print_after_publish(runs):
    print(  # noqa: T201
        "\n| after a publish of the crying page (3 purged pages, "
        f"{after_publish.VISITORS} visitors) | requests in the second after | of them rendered "
        "| p50 ms | p99 ms | max ms | p99 ms at other times |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    for run in runs:
        name = "purged pages rendered again at once" if run["warm"] else "no warming"
        print(  # noqa: T201
            f"| {name} | {run['after_requests']} | {run['after_misses']} "
            f"| {run['after_p50_ms']:.1f} | **{run['after_p99_ms']:.1f}** "
            f"| {run['after_max_ms']:.1f} | {run['others_p99_ms']:.1f} |"
        )


def print_page_types(results, runs, pages):
    """One row per page type: one process's milliseconds (page kept / rendered), queries (with
    10 and 100 resources; rendered in brackets), and requests a second uncached and cached
    against the best trivial-view ceiling (plain sync workers or the project's gunicorn)."""
    project = runs["ceiling (trivial view)"]["rps"]
    sync = runs.get("ceiling (trivial view), sync workers", {}).get("rps", 0)
    best = max(project, sync)
    cpu = results.get("cpu_ms", {})
    queries = results.get("queries", [])
    print(  # noqa: T201
        f"\nTrivial view: {project:.0f} req/s (project's gunicorn), {sync:.0f} req/s (sync "
        f"workers); best ceiling {best:.0f} req/s. Targets: uncached >= 10 %, cached >= 80 %, "
        "<= 3 queries.\n"
        "\n| page type | ms in one process (page kept / rendered) | queries, 10 / 100 resources "
        "(rendered) | uncached req/s | % of best | cached req/s | % of best |"
        "\n|---|---:|---:|---:|---:|---:|---:|"
    )
    for name in pages:
        timing = cpu.get(name, {})
        counts = [run["queries"].get(name, {}) for run in queries]
        query_cells = " / ".join(
            f"{count.get('warm', '?')} ({count.get('rendered', '?')})" for count in counts
        )
        uncached = runs.get(f"{name}, uncached", {}).get("rps", 0)
        cached = runs.get(f"{name}, cached", {}).get("rps", 0)
        print(  # noqa: T201
            f"| {name} | {timing.get('request', 0):.2f} / {timing.get('rendered', 0):.2f} "
            f"| {query_cells} | {uncached:.0f} | {100 * uncached / best:.0f} % "
            f"| {cached:.0f} | {100 * cached / best:.0f} % |"
        )


def feedback_lua(stack, base):
    return FEEDBACK_LUA % {
        "origin": base,
        "page": stack.shell(
            "from strategy.models import StrategyPage; print(StrategyPage.objects.get().pk)"
        ),
        "rendered": stack.shell(
            "import time; from feedback.forms import rendered_token; "
            "from strategy.models import StrategyPage; "
            "print(rendered_token(StrategyPage.objects.get().pk, at=time.time() - 60))"
        ),
    }


def main():
    workdir = Path(tempfile.mkdtemp(prefix="pb-bench-"))
    ceiling_file = workdir / "ceiling.html"
    stack = Stack(
        instances=3,
        workers=int(os.environ.get("GUNICORN_WORKERS", "3")),
        database_url=database_url(),
        extra_env={
            "BENCH_CEILING_FILE": str(ceiling_file),
            # gunicorn.conf.py recycles a worker every ~1,000 requests: at hundreds of
            # requests a second that is a restart every few seconds, inside the measurement.
            "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "100000"),
            # A cache hit waits on Redis; with 2 threads a worker sits idle meanwhile.
            "GUNICORN_THREADS": THREADS,
            # Feedback is posted as fast as it goes, to see what storing it costs the others.
            "FEEDBACK_RATE": "1000000/m",
            # As in production: a load balancer, then the edge (the floods run both ways).
            "TRUSTED_PROXY_COUNT": "2",
        },
        # A: the page cache on; B: off; C: on, with plain sync workers (one thread each). B's
        # render budgets are lifted: wrk is one address, and what is measured there is the
        # render, not the 429 page (A keeps them: the floods are sent to it). Budgets count
        # per rate, so B's counting never spends A's.
        per_instance=[
            {},
            {
                "PAGE_CACHE_ENABLED": "false",
                "PAGE_RENDER_RATE": UNLIMITED,
                "RENDER_CEILING_RATE": UNLIMITED,
            },
            {"GUNICORN_THREADS": "1"},
        ],
    )
    results = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with stack:
        cached, uncached, sync = stack.urls
        if wanted("queries"):
            print("Queries per page type (page cache off; cold = site chrome not cached yet)")  # noqa: T201
            results["queries"] = [query_counts(stack, 10), query_counts(stack, 100)]
            for run in results["queries"]:
                print(f"  {run['resources']} resources: {run['queries']}")  # noqa: T201
        paths, more_paths = page_paths(stack)
        with urllib.request.urlopen(f"{cached}/", timeout=30) as home:  # noqa: S310 (localhost)
            ceiling_file.write_bytes(home.read())
        results["page_bytes"] = ceiling_file.stat().st_size
        if wanted("queries"):
            results["cpu_ms"] = cpu_times(stack, {**paths, **more_paths})
            print(f"Milliseconds per request in one process (median): {results['cpu_ms']}")  # noqa: T201

        runs = {"ceiling (trivial view)": measure(f"{cached}/bench/ceiling/")}
        if wanted("sync") or wanted("pages"):
            # The best ceiling: the trivial view on plain sync workers too.
            runs["ceiling (trivial view), sync workers"] = measure(f"{sync}/bench/ceiling/")
        if wanted("pages"):
            for name, path in {**paths, **more_paths}.items():
                runs[f"{name}, cached"] = measure(f"{cached}{path}")
                runs[f"{name}, uncached"] = measure(f"{uncached}{path}")
        if wanted("sync"):
            runs["home, cached, sync workers"] = measure(f"{sync}/")
        if wanted("publish"):
            results["after publish"] = after_publish_runs(stack, paths, more_paths)
        if wanted("campaign"):
            runs["home, cached, a new fbclid on every request"] = measure(
                f"{cached}/", script=lua_file(workdir, CLICK_ID_LUA)
            )
        if wanted("feedback"):
            run, flood = under_flood(
                f"{cached}/", f"{cached}/feedback/", feedback_lua(stack, cached), 10, workdir
            )
            runs["home, cached, while feedback is posted (10 connections)"] = run
            results["feedback posts"] = flood
            print(f"Feedback posted meanwhile: {flood['rps']:.0f}/s, {flood.get('statuses')}")  # noqa: T201
        if wanted("floods"):
            flooded, results["floods"] = floods(stack, cached, paths, workdir)
            runs.update(flooded)
            # The same floods through the shipped nginx edge (deploy/nginx/) in front of A.
            with Edge([stack.ports[0]], workers=EDGE_WORKERS) as edge:
                flooded, results["floods through the edge"] = floods(
                    stack, edge.url, paths, workdir, edge=edge
                )
            runs.update(flooded)
        if wanted("soak"):
            rotate = lua_file(workdir, ROTATE_LUA % ", ".join(f'"{p}"' for p in paths.values()))
            runs[f"soak: {SOAK} s, {CONNECTIONS} connections, 3 cached pages"] = measure(
                f"{cached}/", SOAK, script=rotate
            )
        results["wrk"] = runs

    ceiling = runs["ceiling (trivial view)"]["rps"]
    print(  # noqa: T201
        f"\n{DURATION} s per run, {CONNECTIONS} connections, {stack.workers} gunicorn workers "
        f"x {THREADS} threads, page {results['page_bytes']} bytes\n"
    )
    print("| run | req/s | % of ceiling | p50 ms | p99 ms | errors |")  # noqa: T201
    print("|---|---:|---:|---:|---:|---:|")  # noqa: T201
    for name, run in runs.items():
        share = 100 * run["rps"] / ceiling
        print(  # noqa: T201
            f"| {name} | {run['rps']:.0f} | {share:.0f} % | {run['p50_ms']:.1f} "
            f"| {run['p99_ms']:.1f} | {run['errors']} |"
        )
    if wanted("pages"):
        print_page_types(results, runs, {**paths, **more_paths})
    if "after publish" in results:
        print_after_publish(results["after publish"])
    if wanted("floods"):
        print_flood_table(runs)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"{results['started'].replace(':', '')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"\nSaved {path.relative_to(ROOT)}")  # noqa: T201
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The first visitors after a publish: how long their requests take in the second after it, with
the purged pages rendered again at once by the process that published (caching/warm.py) and
without. Used by bench/run.py (`make bench`).

Visitors (VISITORS threads, keep-alive connections, accepting gzip as browsers do) ask for the
pages a publish of the crying advice page purges (the page itself, the parents' section, the
home page) in turn, as a campaign's readers would, from instance A (page cache on). Meanwhile a
separate process publishes the page PUBLISHES times, GAP seconds apart, as the scheduler or a
shell would (outside a request: it warms at once, after the commit), with PAGE_CACHE_WARM off
and then on. Each visitor request is timed; the ones that started within a second after a
publish was committed (and so the pages purged) are the ones that count.
"""

import http.client
import json
import statistics
import threading
import time

VISITORS = 16
PUBLISHES = 8
GAP = 2.5

# Each publish's commit is timed by a callback registered before the purge's own: the second
# after it is the second after the purge (warming, when on, runs in the purge's callback).
PUBLISHER = """
import json, time
from django.db import transaction
from parents.models import AdvicePage
page = AdvicePage.objects.get(slug="coping-with-crying")
stamps = []
time.sleep(1.0)
for n in range({publishes}):
    committed = []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.time()))
        page.save_revision().publish()
    stamps.append([committed[0], time.time()])
    time.sleep({gap})
print(json.dumps(stamps))
"""


def _visitor(port, host, paths, stop, records):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        started = time.time()
        try:
            connection.request("GET", path, headers={"Host": host, "Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            cache = response.getheader("X-Page-Cache", "")
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            status, cache = 0, "error"
        records.append((started, time.time() - started, status, cache))
    connection.close()


def p99(values):
    if not values:
        return 0.0
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def run(stack, port, host, paths, warm):
    """One run: visitors on `paths` of the instance at `port` while another process publishes
    the crying page; returns p50/p99 in ms of the requests that started within a second after a
    publish, and of all the others."""
    records = []
    stop = threading.Event()
    threads = [
        threading.Thread(target=_visitor, args=(port, host, paths, stop, records), daemon=True)
        for _ in range(VISITORS)
    ]
    for thread in threads:
        thread.start()
    try:
        stamps = json.loads(
            stack.shell(
                PUBLISHER.format(publishes=PUBLISHES, gap=GAP),
                PAGE_CACHE_WARM="true" if warm else "false",
            )
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
    after, others, misses = [], [], 0
    for started, seconds, _status, cache in records:
        if any(begun <= started < begun + 1 for begun, _ in stamps):
            after.append(seconds * 1000)
            misses += cache == "miss"
        else:
            others.append(seconds * 1000)
    return {
        "warm": warm,
        "publishes": len(stamps),
        # From the commit to the end of the publish (the warm renders, when on).
        "publish_ms": round(statistics.median((end - begun) * 1000 for begun, end in stamps), 1),
        "after_requests": len(after),
        "after_misses": misses,
        "after_p50_ms": round(statistics.median(after), 1) if after else 0.0,
        "after_p99_ms": round(p99(after), 1),
        "after_max_ms": round(max(after), 1) if after else 0.0,
        "others_p99_ms": round(p99(others), 1),
        "errors": sum(1 for record in records if record[2] != 200),
    }

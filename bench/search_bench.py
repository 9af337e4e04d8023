"""Search latency on PostgreSQL with a library of 1,000 resources: `make bench-search`.

Creates a scratch database (dropped and recreated on every run), migrates it, loads the launch
content, adds the resources, then times GET /search/ through Django's test client (the whole
view: query, fallbacks, paging and the rendered page) and prints p50/p95 per kind of query.

    .venv/bin/python bench/search_bench.py [--resources 1000] [--rounds 20]
        [--database-url postgres://postgres@127.0.0.1:5432/pb_search_bench]

A benchmark, not a test: the figures go in docs/search.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pb_search_bench"

# Words that resource titles and descriptions are made from, so queries match some of them.
TOPICS = [
    "safer sleep",
    "crying baby",
    "coping with crying",
    "unborn baby",
    "concealed pregnancy",
    "domestic abuse",
    "head injury",
    "bruising in babies",
    "parental mental health",
    "postnatal depression",
    "substance misuse",
    "co-sleeping",
    "bath safety",
    "car seats",
    "feeding",
    "fathers and partners",
    "young parents",
    "relationship changes",
    "sudden infant death",
    "shaken baby",
]
KINDS = ["guide", "leaflet", "briefing", "video", "website", "training", "online programme"]
FILLER = [
    "practical", "advice", "for", "families", "and", "the", "professionals", "who", "support",
    "them", "across", "Norfolk", "with", "checklists", "conversation", "prompts", "links", "to",
    "local", "services",
]  # fmt: skip

QUERIES = {
    # every word matches: one full-text query
    "exact, one word": ["sleep", "crying", "pregnancy", "bruising", "depression"],
    "exact, several words": ["safer sleep", "coping with crying", "concealed pregnancy"],
    # no exact match: the full-text query, then the pg_trgm fallback
    "typo (fuzzy fallback)": ["safe sleap", "cryin baby", "concieled pregnacy", "brusing"],
    # nothing at all: both queries, no results
    "no results": ["qzxjvw", "xylophone zebra"],
}


def scratch_database(url):
    """Drop and recreate the scratch database named in `url`."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        sys.exit(f"Refusing a database name that is not plain letters and digits: {name!r}")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def make_resources(count, seed=1):
    from resources.choices import Format  # noqa: PLC0415 (after django.setup(): see main())
    from resources.models import Resource  # noqa: PLC0415

    rng = random.Random(seed)  # noqa: S311 (made-up content, not secrets)
    formats = [choice.value for choice in Format]
    resources = []
    for number in range(count):
        topic = rng.choice(TOPICS)
        kind = rng.choice(KINDS)
        words = rng.sample(FILLER, 12)
        resources.append(
            Resource(
                title=f"{topic.capitalize()}: {kind} {number}",
                description=f"A {kind} about {topic} and {rng.choice(TOPICS)}: {' '.join(words)}.",
                format=rng.choice(formats),
                for_parents=rng.random() < 0.6,
                for_professionals=rng.random() < 0.7,
                external_url=f"https://example.org/resources/{number}",
                live=rng.random() < 0.95,
            )
        )
    return Resource.objects.bulk_create(resources)


def say(line=""):
    sys.stdout.write(line + "\n")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SEARCH_BENCH_DB", DEFAULT_URL))
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20, help="times each query is run")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The search benchmark measures PostgreSQL: give a postgres:// URL.")

    scratch_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protecting_babies.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))

    django.setup()

    started = time.perf_counter()
    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=devnull)
    call_command("load_launch_content", stdout=devnull)
    make_resources(args.resources)
    call_command("update_index", stdout=devnull)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    say(
        f"PostgreSQL {version}; {args.resources} resources ({entries} index entries), "
        f"set up in {time.perf_counter() - started:.1f} s; {args.rounds} rounds per query"
    )

    client = Client()
    for queries in QUERIES.values():  # warm up connections, caches and templates
        for q in queries:
            if client.get("/search/", {"q": q}).status_code != 200:
                sys.exit(f"/search/ failed for {q!r}")

    every = []
    say(
        f"{'query kind':<26}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'SQL p50':>9}{'queries':>9}  results"
    )
    # The empty search page is the floor: the same page with no search in it.
    kinds = {"no query (floor)": [""], **QUERIES, "broad, page 5": ["baby"]}
    for kind, queries in kinds.items():
        timings, sql_timings, queries_made, counts = [], [], set(), set()
        for _ in range(args.rounds):
            for q in queries:
                params = {"q": q, "page": "5"} if kind == "broad, page 5" else {"q": q}
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get("/search/", params)
                    timings.append((time.perf_counter() - start) * 1000)
                sql_timings.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
                queries_made.add(len(captured.captured_queries))
                if response.status_code != 200:
                    sys.exit(f"/search/ answered {response.status_code} for {q!r}")
                counts.add(response.content.count(b'class="app-search-result"'))
        every += timings
        say(
            f"{kind:<26}{len(timings):>5}{statistics.median(timings):>9.1f}"
            f"{percentile(timings, 0.95):>9.1f}{max(timings):>9.1f}"
            f"{statistics.median(sql_timings):>9.1f}{max(queries_made):>9}  "
            f"{min(counts)}-{max(counts)} on the page"
        )
    say(
        f"{'all':<26}{len(every):>5}{statistics.median(every):>9.1f}"
        f"{percentile(every, 0.95):>9.1f}{max(every):>9.1f}"
    )


if __name__ == "__main__":
    main()

"""Render every live public page into the page cache: the release step runs it once per
release, after migrations, so the new release's first visitors are served stored pages
(caching/warm.py, docs/performance.md)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from caching.cache import public_page_urls
from caching.warm import warm


class Command(BaseCommand):
    help = "Render every live public page into the page cache (run by the release step)."

    def handle(self, *args, **options):
        if not settings.PAGE_CACHE_ENABLED:
            self.stdout.write("The page cache is off (PAGE_CACHE_ENABLED): nothing to warm.")
            return
        started = time.monotonic()
        results = warm(public_page_urls())
        stored = [url for url, (status, cache) in results.items() if cache in ("miss", "hit")]
        for url, (status, cache) in sorted(results.items()):
            if cache not in ("miss", "hit"):
                self.stderr.write(f"Not stored: {url} ({status}, X-Page-Cache: {cache})")
        self.stdout.write(
            f"Warmed {len(stored)} of {len(results)} pages in {time.monotonic() - started:.1f} s."
        )

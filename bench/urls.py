"""The site's URLs plus the benchmark's ceiling view (bench only, never in production)."""

from django.urls import path

from bench.views import ceiling
from protecting_babies.urls import handler400, handler500
from protecting_babies.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler500", "urlpatterns"]

urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]

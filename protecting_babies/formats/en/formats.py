"""British formats for every English (Django's en_GB ones): day/month/year, weeks from Monday.
Django also reads ISO dates (2026-12-25), as the admin's date picker may send them."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

"""`python manage.py set_site_url`: the default Wagtail Site at the public address (SITE_URL).

Run by the release step (the Kubernetes release Job, compose's `migrate` service) after
`migrate`, so the printed QR codes, canonical links and the sitemap carry the public address
rather than `localhost`. Safe to run again: an address already set changes nothing.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from protecting_babies.settings.public_address import parse_site_url


class Command(BaseCommand):
    help = "Set the default site's host name, port and scheme to SITE_URL (or the address given)."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="the public address; SITE_URL when left out")

    def handle(self, *args, url=None, **options):
        value = url or settings.SITE_URL
        if not value:
            raise CommandError(
                "SITE_URL is not set: set it to the site's public address, e.g. "
                "SITE_URL=https://protectingbabies.example.org"
            )
        try:
            address = parse_site_url(value)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            site = Site.objects.select_for_update().filter(is_default_site=True).first()
            if site is None:
                raise CommandError(
                    "There is no default site yet: run `manage.py migrate` (and, on a new "
                    "database, `manage.py load_launch_content`) first."
                )
            if (site.hostname, site.port) == (address.hostname, address.port):
                self.stdout.write(f"The site's address is already {address.root_url}/.")
                return
            clash = Site.objects.filter(hostname=address.hostname, port=address.port)
            if clash.exclude(pk=site.pk).exists():
                raise CommandError(
                    f"Another site already has the address {address.root_url}/: change or "
                    "delete it in Settings → Sites first."
                )
            previous = site.root_url
            site.hostname, site.port = address.hostname, address.port
            site.save()
        self.stdout.write(f"The site's address is now {address.root_url}/ (was {previous}/).")

"""Build the site from the launch content, once. Safe to run again: it never changes what exists."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from launch.models import LaunchContentRecord
from protecting_babies.models import HelplineSettings, SiteLinks
from resources.models import Resource, ResourceIndexPage
from strategy.models import StandardPage, StrategyPage, WorkstreamPage

DATA_FILE = Path(__file__).resolve().parents[2] / "launch_content.json"
PAGE_FIELDS = {"title", "slug", "search_description"}


class Command(BaseCommand):
    help = "Load the launch content. Each item is loaded once; editors' later changes are kept."

    def handle(self, *args, **options):
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self.created = []
        with transaction.atomic():
            site, strategy = self.load_strategy(data["strategy"])
            workstreams = {
                item["number"]: self.load_page(
                    strategy,
                    WorkstreamPage,
                    item,
                    show_in_menus=True,
                    number=item["number"],
                    summary=item["summary"],
                    body=json.dumps(item["body"]),
                )
                for item in data["workstreams"]
            }
            index = data["resource_index"]
            self.load_page(
                strategy, ResourceIndexPage, index, show_in_menus=True, intro=index["intro"]
            )
            linked = {}
            for item in data["standard_pages"]:
                linked[item["link"]] = self.load_page(
                    strategy,
                    StandardPage,
                    item,
                    summary=item["summary"],
                    body=json.dumps(item["body"]),
                )
            for item in data["resources"]:
                self.load_resource(item, workstreams)
            self.load_helpline(site, data["helpline"])
            self.load_site_links(site, linked)
        if self.created:
            self.stdout.write(f"Loaded {len(self.created)} items: {', '.join(self.created)}")
        else:
            self.stdout.write("The launch content is already loaded; nothing changed.")

    def first_time(self, key):
        """True, and remembered, the first time an item is seen; False ever after."""
        _record, created = LaunchContentRecord.objects.get_or_create(key=key)
        if created:
            self.created.append(key)
        return created

    def load_strategy(self, item):
        site = Site.objects.filter(is_default_site=True).first()
        if not self.first_time(item["key"]):
            strategy = StrategyPage.objects.first()
            return site or Site.objects.first(), strategy
        # A database emptied by hand (or by a test's flush) may lack what Wagtail's migrations
        # made: the default locale, the root page and the root collection.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", draft_title="Root")
        )
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
        strategy = StrategyPage(
            title=item["title"],
            slug=item["slug"],
            search_description=item["search_description"],
            intro=item["intro"],
            body=json.dumps(item["body"]),
            themes_heading=item["themes_heading"],
            missing_information=item["missing_information"],
        )
        root.add_child(instance=strategy)
        strategy.save_revision().publish()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=strategy,
                is_default_site=True,
                site_name="Protecting Babies",
            )
        else:
            previous_root = site.root_page.specific
            site.root_page = strategy
            site.site_name = "Protecting Babies"
            site.save()
            # Wagtail's "Welcome" placeholder goes; a page anyone has built on stays.
            if type(previous_root) is Page and not previous_root.get_children().exists():
                previous_root.delete()
        return site, strategy

    def load_page(self, parent, model, item, **fields):
        """Create and publish the page the first time; afterwards return it as it is now."""
        if not self.first_time(item["key"]):
            return (
                model.objects.child_of(parent).filter(slug=item["slug"]).first() if parent else None
            )
        if parent is None:
            return None
        page = model(
            **{name: item[name] for name in PAGE_FIELDS},
            missing_information=item.get("missing_information", ""),
            **fields,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def load_resource(self, item, workstreams):
        if not self.first_time(item["key"]):
            return
        resource = Resource(
            title=item["title"],
            description=item["description"],
            format=item["format"],
            for_parents=item["for_parents"],
            for_professionals=item["for_professionals"],
            external_url=item["external_url"],
            missing_information=item["missing_information"],
            live=False,
        )
        resource.workstreams = [workstreams[n] for n in item["workstreams"] if workstreams.get(n)]
        resource.save()
        # A draft may still lack its target: that is what its missing_information says.
        revision = resource.save_revision(clean=item["live"])
        if item["live"]:
            revision.publish()

    def load_helpline(self, site, item):
        if site is None or not self.first_time(item["key"]):
            return
        helpline = HelplineSettings.for_site(site)
        for name, value in item.items():
            if name != "key":
                setattr(helpline, name, value)
        helpline.full_clean()
        helpline.save()

    def load_site_links(self, site, linked):
        if site is None or not self.first_time("setting:site-links"):
            return
        links = SiteLinks.for_site(site)
        for name, page in linked.items():
            if page is not None:
                setattr(links, name, page)
        links.save()

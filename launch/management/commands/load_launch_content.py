"""Build the site from the launch content, once. Safe to run again: it never changes what exists."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from launch.models import LaunchContentRecord
from parents.models import AdvicePage, ParentsIndexPage
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
                    # Reached from the home page's cards: the menu is for parents' advice
                    # and the library, so on a phone it stays on one line.
                    show_in_menus=False,
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
            resources = {
                item["key"]: self.load_resource(item, workstreams) for item in data["resources"]
            }
            self.load_parents(strategy, data["parents"], workstreams, resources)
            self.load_helpline(site, data["helpline"])
            self.load_site_links(site, linked)
            self.load_privacy_feedback(linked.get("privacy_page"), data["privacy_feedback"])
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

    def load_page(self, parent, model, item, relations=None, **fields):
        """Create and publish the page the first time; afterwards return it as it is now.
        `relations`: its many-to-many values (set before the revision that publishes it)."""
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
        for name, value in (relations or {}).items():
            setattr(page, name, value)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def load_parents(self, strategy, data, workstreams, resources):
        """The parents' section, first in the menu, its advice pages, and the home page's
        routes to them."""
        item = data["index"]
        is_new = not LaunchContentRecord.objects.filter(key=item["key"]).exists()
        index = self.load_page(
            strategy, ParentsIndexPage, item, show_in_menus=True, intro=item["intro"]
        )
        if index is None:
            return
        if is_new:
            index.move(strategy, pos="first-child")
            index.refresh_from_db()  # its place in the tree, for the pages added under it
        pages = {}
        for item in data["advice"]:
            pages[item["key"]] = self.load_page(
                index,
                AdvicePage,
                item,
                relations={"workstreams": [workstreams[n] for n in item["workstreams"]]},
                summary=item["summary"],
                key_messages=json.dumps(
                    [{"type": "message", "value": text} for text in item["key_messages"]]
                ),
                body=json.dumps(self.with_resource_ids(item["body"], resources)),
                sources=json.dumps(item["sources"]),
            )
        self.load_home_tasks(strategy, data["home_tasks"], pages)

    @staticmethod
    def with_resource_ids(body, resources):
        """The body with each chosen resource's key ("resource:...") replaced by its id."""
        for block in body:
            if block["type"] == "resources":
                keys = block["value"]["resources"]
                block["value"]["resources"] = [resources[k].pk for k in keys if resources.get(k)]
        return body

    def amend_page(self, page, key, change):
        """Add to a page the site already has, once: `change(page)` makes the change (False
        when the page needs none). Never while the page has a draft: publishing would put the
        editor's draft aside, so that waits for a later run."""
        if page is None or LaunchContentRecord.objects.filter(key=key).exists():
            return
        page = type(page).objects.get(pk=page.pk)  # as it is now, after the rest was loaded
        if page.has_unpublished_changes:
            self.stdout.write(f"“{page.title}” has a draft: {key} waits for a later run.")
            return
        self.first_time(key)
        if change(page):
            page.save_revision().publish()

    def load_home_tasks(self, strategy, item, pages):
        """The parents' top tasks on the home page, unless editors have chosen their own."""

        def add_tasks(home):
            if home.parent_tasks:
                return False
            home.parent_tasks = json.dumps(
                [
                    {"type": "task", "value": {**task, "page": pages[task["page"]].pk}}
                    for task in item["tasks"]
                    if pages.get(task["page"])
                ]
            )
            return True

        self.amend_page(strategy, item["key"], add_tasks)

    def load_privacy_feedback(self, privacy, item):
        """What the privacy notice says about page feedback, on a notice loaded before it."""

        def add_section(page):
            raw = list(page.body.raw_data)
            headings = [b["value"].get("text") for b in raw if b["type"] == "heading"]
            if "Page feedback" in headings:
                return False
            at = next(
                (
                    i
                    for i, block in enumerate(raw)
                    if block["type"] == "heading"
                    and block["value"]["text"] == item["before_heading"]
                ),
                len(raw),
            )
            page.body = json.dumps([*raw[:at], *item["blocks"], *raw[at:]])
            return True

        self.amend_page(privacy, item["key"], add_section)

    def load_resource(self, item, workstreams):
        """Create the resource the first time; afterwards return it as it is now, if it is."""
        if not self.first_time(item["key"]):
            return Resource.objects.filter(title=item["title"]).first()
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
        return resource

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

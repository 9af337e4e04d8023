"""Build the site from the launch content, once. Safe to run again: it never publishes over what
exists. Corrections to launch text that a site already has go to the leads for sign-off
(launch/corrections.json)."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from core.models import (
    ContentReviewSettings,
    plan_first_reviews,
    set_review_fields,
)
from helpline.models import HelplineSettings
from launch.models import LaunchContentRecord
from parents.models import AdvicePage, ParentsIndexPage
from resources.models import Resource, ResourceIndexPage
from sitechrome.models import SiteLinks
from strategy.models import StandardPage, StrategyPage, WorkstreamPage

DATA_FILE = Path(__file__).resolve().parents[2] / "launch_content.json"
CORRECTIONS_FILE = DATA_FILE.with_name("corrections.json")
PAGE_FIELDS = {"title", "slug", "search_description"}
# A link in rich text to another launch page, by its key: <a linktype="page" id="page:...">.
PAGE_LINK = re.compile(r'<a linktype="page" id="(page:[^"]+)">(.*?)</a>')
# The fields a correction compares and replaces, as launch_content.json names them.
CORRECTED_FIELDS = (
    "title",
    "summary",
    "search_description",
    "key_messages",
    "body",
    "sources",
    "missing_information",
)
# Whose first review comes first: the parents' advice (what a frightened parent reads), then
# the professionals' workstreams and the strategy, the resources, then the plain pages.
FIRST_REVIEW_ORDER = (AdvicePage, ParentsIndexPage, WorkstreamPage, StrategyPage, Resource)


def rich_texts(body):
    """(holder, name) of each rich text of a body's blocks that may link to a page."""
    for block in body:
        if block["type"] == "text":
            yield block, "value"
        elif block["type"] in ("key_message", "warning"):
            yield block["value"], "text"


def links_pages(body):
    return any(PAGE_LINK.search(holder[name]) for holder, name in rich_texts(body))


def page_value(page, name):
    """A page's field as stored: stream data as its raw list, text as it is."""
    value = getattr(page, name, None)
    return list(value.raw_data) if hasattr(value, "raw_data") else value


def canonical(value):
    """Stream data as it can be compared: no block ids, list items as plain values (Wagtail
    stores ["a"] as [{"type": "item", "value": "a", "id": ...}])."""
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return canonical(value["value"])
        return {key: canonical(item) for key, item in value.items() if key != "id"}
    return value


class Command(BaseCommand):
    help = "Load the launch content. Each item is loaded once; editors' later changes are kept."

    def handle(self, *args, **options):
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self.created = []
        self.launched = []  # the pages and resources made by this run
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
            pages = self.load_parents(strategy, data["parents"], workstreams, resources)
            self.load_helpline(site, data["helpline"])
            self.load_site_links(site, linked)
            self.load_help_page(site, data["parents"]["help_page"], pages)
            self.load_search_promotions(data["parents"]["search_promotions"], pages)
            self.load_privacy_feedback(linked.get("privacy_page"), data["privacy_feedback"])
            items = {
                item["key"]: item for item in [*data["parents"]["advice"], *data["standard_pages"]]
            }
            pages.update({item["key"]: linked.get(item["link"]) for item in data["standard_pages"]})
            self.content = {"pages": pages, "resources": resources}
            corrections = json.loads(CORRECTIONS_FILE.read_text(encoding="utf-8"))
            for correction in corrections["corrections"]:
                self.apply_correction(correction, items)
            self.plan_reviews()
        if self.created:
            self.stdout.write(f"Loaded {len(self.created)} items: {', '.join(self.created)}")
        else:
            self.stdout.write("The launch content is already loaded; nothing changed.")

    def plan_reviews(self):
        """The content loaded now starts with an owner (the leads' default review owner, when
        they have chosen one) and first reviews spread over the weeks from the date the leads
        chose (Settings → Content review), or from a few months on: never all overdue on day
        one. Nothing is marked reviewed: the parents' pages say they are not yet."""
        if not self.launched:
            return
        chosen = ContentReviewSettings.load()

        def order(obj):
            kinds = [isinstance(obj, kind) for kind in FIRST_REVIEW_ORDER]
            return kinds.index(True) if True in kinds else len(kinds)

        launched = sorted(
            (type(obj).objects.get(pk=obj.pk) for obj in self.launched), key=order
        )  # sorted() keeps the load order within each kind
        plan_first_reviews(launched, chosen.launch_start())
        if chosen.default_owner is not None:
            for obj in launched:
                set_review_fields(obj, review_owner=chosen.default_owner)

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
        self.launched.append(strategy)
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
        self.launched.append(page)
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
            return {}
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
                key_messages=self.key_messages(item),
                body=self.advice_body(item, resources, pages),
                sources=json.dumps(item["sources"]),
            )
        # A page loaded before the page it links to gets its links once both exist.
        for item in data["advice"]:
            page = pages[item["key"]]
            if item["key"] in self.created and page is not None and links_pages(item["body"]):
                page.body = self.advice_body(item, resources, pages)
                page.save_revision().publish()
        self.load_home_tasks(strategy, data["home_tasks"], pages)
        return pages

    @staticmethod
    def key_messages(item):
        return json.dumps([{"type": "message", "value": text} for text in item["key_messages"]])

    def advice_body(self, item, resources, pages):
        """The body as JSON, with its resources' and linked pages' ids. A link to a page not
        loaded (yet) is left as its words."""

        def page_link(match):
            page = pages.get(match.group(1))
            if page is None:
                return match.group(2)
            return f'<a linktype="page" id="{page.pk}">{match.group(2)}</a>'

        body = self.with_resource_ids(json.loads(json.dumps(item["body"])), resources)
        for holder, name in rich_texts(body):
            holder[name] = PAGE_LINK.sub(page_link, holder[name])
        return json.dumps(body)

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

    def apply_correction(self, correction, items):
        """Corrected launch text for the pages a site loaded before it was corrected. A page
        that still holds a version the correction replaces gets the corrected text as a new
        revision sent to the leads for sign-off: nothing is published behind their back. A
        page editors have changed keeps their text and gets a note under "Still missing". A
        page with a draft waits for a later run; each page is corrected once."""
        for key, change in correction["items"].items():
            record = f"{correction['key']}:{key}"
            page = self.content["pages"].get(key)
            if page is None or LaunchContentRecord.objects.filter(key=record).exists():
                continue
            if key in self.created:  # loaded just now, from the corrected text
                self.first_time(record)
                continue
            page = type(page).objects.get(pk=page.pk)
            if page.has_unpublished_changes:
                self.stdout.write(
                    f"“{page.title}” has a draft: its correction waits for a later run."
                )
                continue
            item = items[key]
            current = self.comparable(
                page, {name: page_value(page, name) for name in CORRECTED_FIELDS}
            )
            corrected = self.corrected_fields(item)
            if current == self.comparable(page, corrected):
                self.first_time(record)
                continue
            if any(
                current == self.comparable(page, self.corrected_fields(old))
                for old in change["replaces"]
            ):
                self.send_for_sign_off(page, corrected)
            else:
                self.note_correction(page, change["summary"])
            self.first_time(record)

    def corrected_fields(self, item):
        """The fields of a launch item (or of a version it replaces) as the page stores them."""
        fields = {}
        for name in CORRECTED_FIELDS:
            if name not in item:
                continue
            if name == "key_messages":
                fields[name] = json.loads(self.key_messages(item))
            elif name == "body":
                fields[name] = json.loads(
                    self.advice_body(item, self.content["resources"], self.content["pages"])
                )
            else:
                fields[name] = item[name]
        return fields

    @staticmethod
    def comparable(page, fields):
        """The fields as they can be compared: stream data without ids, chosen resources by
        their titles (their ids differ from site to site)."""
        titles = dict(Resource.objects.values_list("pk", "title"))
        result = {}
        for name, value in fields.items():
            if not hasattr(page, name):
                continue
            value = canonical(value)
            if name == "body":
                for block in value:
                    if block["type"] == "resources":
                        ids = block["value"].get("resources") or []
                        block["value"]["resources"] = [titles.get(pk, pk) for pk in ids]
            result[name] = value
        return result

    def send_for_sign_off(self, page, fields):
        for name, value in fields.items():
            setattr(page, name, json.dumps(value) if isinstance(value, list) else value)
        try:
            page.save_revision(log_action=True)
        except ValidationError as error:
            self.stdout.write(f"“{page.title}” was not corrected: {error}")
            return
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, None)
        self.stdout.write(
            f"“{page.title}”: its corrected text is a new revision, sent to the leads for sign-off."
        )

    def note_correction(self, page, summary):
        note = (
            "The launch text of this page was corrected after a health visitor's review, but "
            "this page had been changed since it was loaded, so the correction was not applied. "
            f"Make these changes, or check that they are made: {summary}"
        )
        page.missing_information = "\n\n".join(
            part for part in (note, page.missing_information) if part
        )
        page.save_revision(log_action=True, clean=False)
        self.stdout.write(
            f"“{page.title}” was changed by editors: the correction is noted under "
            "“Still missing” in a draft."
        )

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
        self.launched.append(resource)
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

    def load_help_page(self, site, item, pages):
        """Where a search that finds nothing sends parents, unless a lead has chosen a page."""
        page = pages.get(item["page"])
        if site is None or page is None or not self.first_time(item["key"]):
            return
        links = SiteLinks.for_site(site)
        if links.help_page_id is None:
            links.help_page = page
            links.save()

    def load_search_promotions(self, item, pages):
        """Editors' picks for what parents type ("co-sleeping", "floppy", "shaken"): the
        advice page first, whatever else the search finds. Editors keep them under Search →
        Promoted search results."""
        if not self.first_time(item["key"]):
            return
        for promotion in item["items"]:
            page = pages.get(promotion["page"])
            if page is not None:
                SearchPromotion.objects.get_or_create(
                    query=Query.get(promotion["query"]), page=page
                )

    def load_site_links(self, site, linked):
        if site is None or not self.first_time("setting:site-links"):
            return
        links = SiteLinks.for_site(site)
        for name, page in linked.items():
            if page is not None:
                setattr(links, name, page)
        links.save()

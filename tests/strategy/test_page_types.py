"""Page-tree rules and the admin: every page type where it belongs, and only there."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from parents.models import ParentsIndexPage
from resources.models import ResourceIndexPage
from strategy.models import StandardPage, StrategyPage, WorkstreamPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_the_strategy_page_lives_only_under_the_wagtail_root(self):
        self.assertAllowedParentPageTypes(StrategyPage, {Page})
        self.assertCanNotCreateAt(StrategyPage, StrategyPage)
        self.assertCanNotCreateAt(WorkstreamPage, StrategyPage)

    def test_the_strategy_page_holds_the_parents_section_workstreams_library_and_pages(self):
        self.assertAllowedSubpageTypes(
            StrategyPage, {ParentsIndexPage, WorkstreamPage, ResourceIndexPage, StandardPage}
        )

    def test_workstreams_and_the_library_live_only_under_the_strategy_page(self):
        self.assertAllowedParentPageTypes(WorkstreamPage, {StrategyPage})
        self.assertAllowedParentPageTypes(ResourceIndexPage, {StrategyPage})
        self.assertAllowedSubpageTypes(WorkstreamPage, set())
        self.assertAllowedSubpageTypes(ResourceIndexPage, set())
        self.assertCanNotCreateAt(StandardPage, WorkstreamPage)

    def test_standard_pages_nest_under_the_strategy_page_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {StrategyPage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


class LaunchedSiteTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        # The launch content, loaded once for the test session (tests/conftest.py).
        cls.strategy = StrategyPage.objects.get()
        cls.workstream = WorkstreamPage.objects.get(number=4)
        cls.library = ResourceIndexPage.objects.get()
        cls.standard = StandardPage.objects.get(slug="privacy-notice")

    def setUp(self):
        self.user = self.login()

    def test_there_is_at_most_one_strategy_page_and_one_library(self):
        root = Page.get_first_root_node()
        self.assertFalse(StrategyPage.can_create_at(root))
        self.assertFalse(ResourceIndexPage.can_create_at(self.strategy))
        self.assertTrue(WorkstreamPage.can_create_at(self.strategy))

    def test_every_page_type_is_routable_renderable_and_previewable(self):
        # The editor renders StreamFields in the browser, so the preview gets its form data here.
        common = {"slug": "preview", "review_every_months": 12, "body": streamfield([])}
        post_data = {
            self.strategy: {
                "title": "S",
                "parents_heading": "Help",
                "parent_tasks": streamfield([]),
                "professionals_link": "For staff",
                "intro": rich_text("<p>I</p>"),
                "themes_heading": "T",
            },
            self.workstream: {"title": "W", "number": 4, "summary": "One line."},
            self.library: {"title": "L", "intro": rich_text("<p>I</p>"), "per_page": 20},
            self.standard: {"title": "P", "summary": ""},
        }
        for page, fields in post_data.items():
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=nested_form_data({**common, **fields}))

    def test_an_editor_can_create_a_workstream_with_a_body(self):
        self.assertCanCreate(
            self.strategy,
            WorkstreamPage,
            nested_form_data(
                {
                    "title": "Keeping babies safe in the car",
                    "slug": "car-safety",
                    "number": 5,
                    "summary": "Safer car journeys with a new baby.",
                    "body": streamfield(
                        [
                            ("text", rich_text("<p>Plain advice.</p>")),
                            (
                                "key_message",
                                {"heading": "Remember", "text": rich_text("<p>Buckle up.</p>")},
                            ),
                        ]
                    ),
                    "review_every_months": 12,
                }
            ),
        )
        page = WorkstreamPage.objects.get(slug="car-safety")
        self.assertEqual(page.body[1].value["heading"], "Remember")

    def test_an_editor_can_create_a_standard_page(self):
        self.assertCanCreate(
            self.strategy,
            StandardPage,
            nested_form_data(
                {
                    "title": "Cookies",
                    "slug": "cookies",
                    "summary": "",
                    "body": streamfield([("text", rich_text("<p>No cookies.</p>"))]),
                    "review_every_months": 12,
                }
            ),
        )

    def test_a_second_workstream_with_a_taken_number_is_refused_with_a_message(self):
        response = self.client.post(
            f"/admin/pages/add/strategy/workstreampage/{self.strategy.pk}/",
            nested_form_data(
                {
                    "title": "Another",
                    "slug": "another",
                    "number": 4,
                    "summary": "A duplicate number.",
                    "body": streamfield([]),
                    "review_every_months": 12,
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Workstream 4 already exists. Choose another number.")
        self.assertFalse(WorkstreamPage.objects.filter(slug="another").exists())


class EmptyTreeTests(WagtailPageTestCase):
    """A new site from nothing: the launch content is taken away first (the test's transaction
    puts it back)."""

    def setUp(self):
        for strategy in StrategyPage.objects.all():
            strategy.delete()
        self.login()

    def test_an_editor_can_create_the_strategy_and_its_library(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            StrategyPage,
            nested_form_data(
                {
                    "title": "Protecting Babies",
                    "slug": "protecting-babies-new",
                    "parents_heading": "Help with your baby",
                    "parent_tasks": streamfield([]),
                    "professionals_link": "I work with babies and families",
                    "intro": rich_text("<p>Why.</p>"),
                    "body": streamfield([]),
                    "themes_heading": "Themes",
                    "review_every_months": 12,
                }
            ),
        )
        strategy = StrategyPage.objects.get(slug="protecting-babies-new")
        self.assertCanCreate(
            strategy,
            ResourceIndexPage,
            nested_form_data(
                {
                    "title": "Useful resources",
                    "slug": "resources",
                    "intro": rich_text("<p>All of them.</p>"),
                    "per_page": 20,
                    "review_every_months": 12,
                }
            ),
        )

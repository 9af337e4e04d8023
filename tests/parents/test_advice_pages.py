"""The parents' advice pages as a parent and an editor meet them: tree rules, creation in the
admin with real form data, what a page shows (key messages first, sources, review dates,
print), the links between advice and the workstreams, and a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from parents.models import AdvicePage, ParentsIndexPage
from strategy.models import StandardPage, StrategyPage, WorkstreamPage
from tests.support.factories import ResourceFactory


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def advice_form_data(**changes):
    """An advice page's add form, as the admin posts it: every kind of block in its body."""
    data = {
        "title": "Bath time",
        "slug": "bath-time",
        "summary": "How to keep your baby safe in the bath.",
        "key_messages": streamfield([("message", "Stay with your baby in the bath.")]),
        "body": streamfield(
            [
                ("text", rich_text("<p>Bath time can be fun.</p>")),
                ("heading", {"text": "Getting ready", "level": "h2"}),
                (
                    "do_dont",
                    {
                        "heading": "In the bath",
                        "dos": streamfield([("item", "Check the water.")]),
                        "donts": streamfield([("item", "Leave your baby alone.")]),
                    },
                ),
                (
                    "warning",
                    {
                        "heading": "Call 999 now if your baby:",
                        "signs": streamfield([("item", "has stopped breathing")]),
                        "text": rich_text(""),
                    },
                ),
                ("helpline", {"heading": "Talk to someone", "text": ""}),
                (
                    "checklist",
                    {
                        "heading": "Bath checklist",
                        "intro": "Tick each one.",
                        "items": streamfield([("item", "Water checked")]),
                    },
                ),
            ]
        ),
        "sources": streamfield(
            [("source", {"organisation": "NHS", "title": "Bath time", "url": ""})]
        ),
        "review_every_months": 12,
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


class AdvicePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ParentsIndexPage.objects.get()
        cls.advice = AdvicePage.objects.get(slug="coping-with-crying")

    def setUp(self):
        self.login()

    def test_the_parents_section_lives_under_the_home_page_and_holds_advice_only(self):
        self.assertAllowedParentPageTypes(ParentsIndexPage, {StrategyPage})
        self.assertAllowedSubpageTypes(ParentsIndexPage, {AdvicePage})
        self.assertAllowedParentPageTypes(AdvicePage, {ParentsIndexPage})
        self.assertAllowedSubpageTypes(AdvicePage, set())
        self.assertCanNotCreateAt(AdvicePage, StrategyPage)
        self.assertCanNotCreateAt(StandardPage, ParentsIndexPage)

    def test_there_is_one_parents_section(self):
        self.assertFalse(ParentsIndexPage.can_create_at(StrategyPage.objects.get()))

    def test_an_editor_builds_an_advice_page_with_every_kind_of_block(self):
        self.assertCanCreate(self.index, AdvicePage, advice_form_data())
        page = AdvicePage.objects.get(slug="bath-time")
        assert [block.block_type for block in page.body] == [
            "text",
            "heading",
            "do_dont",
            "warning",
            "helpline",
            "checklist",
        ]
        assert page.has_tools

    def test_an_advice_page_needs_a_key_message_and_a_source(self):
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["parents", "advicepage", self.index.pk]),
            advice_form_data(
                key_messages=streamfield([]), sources=streamfield([]), **{"action-publish": "1"}
            ),
        )
        assert response.status_code == 200
        assert not AdvicePage.objects.filter(slug="bath-time").exists()
        # The StreamFields' messages travel in their widgets' data, for the editor's script.
        widgets = BeautifulSoup(response.content, "html.parser").select(
            "[data-w-block-arguments-value]"
        )
        errors = " ".join(widget["data-w-block-arguments-value"] for widget in widgets)
        assert errors.count("The minimum number of items is 1") == 2

    def test_both_page_types_are_routable_renderable_and_previewable(self):
        index_data = {
            "title": "Parents",
            "slug": "p",
            "intro": "For you.",
            "review_every_months": 12,
        }
        for page, data in (
            (self.index, nested_form_data(index_data)),
            (self.advice, advice_form_data(slug="preview")),
        ):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=data)

    def test_the_edit_form_shows_the_reading_age(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.advice.pk]))
        note = BeautifulSoup(response.content, "html.parser").select_one("[data-readability]")
        assert note is not None
        assert "Reading age about" in note.get_text()


@pytest.fixture
def crying(launch_content):
    return launch_content["advice"]["coping-with-crying"]


def test_key_messages_come_first_as_a_short_list(client, crying):
    soup = soup_of(client, crying.url)
    main = soup.select_one("main")
    first_list = main.select_one("ul")
    assert first_list.find_parent(class_="app-key-messages") is not None
    assert [li.get_text(strip=True) for li in first_list.select("li")] == [
        "Crying is normal, and it will stop.",
        "There are ways to comfort your baby that can help.",
        "It is OK to walk away for a few minutes, after putting your baby down safely on their "
        "back in their cot.",
        "Never, ever shake a baby.",
    ]


def test_an_advice_page_lists_its_sources_and_says_it_is_not_yet_reviewed(client, crying):
    soup = soup_of(client, crying.url)
    sources = soup.select_one(".app-sources")
    links = {a.get_text(strip=True): a["href"] for a in sources.select("a")}
    assert links["Babies cry, you can cope"] == "https://iconcope.org"
    assert "ICON:" in sources.get_text()
    dates = soup.select_one(".app-review-dates").get_text(" ", strip=True)
    assert "Not yet reviewed by the partnership’s leads" in dates
    assert dates.startswith("Published")


def test_a_source_without_an_address_is_not_cited(client, launch_content):
    page = launch_content["advice"]["pregnant-and-not-ready-to-tell-anyone"]
    soup = soup_of(client, page.url)
    assert soup.select_one(".app-sources") is None
    assert "Royal College of GPs" not in soup.select_one("main").get_text()
    assert "Royal College of GPs" in page.missing_information


def test_once_reviewed_the_page_shows_its_review_dates(client, crying):
    AdvicePage.objects.filter(pk=crying.pk).update(last_reviewed="2026-11-20")
    dates = soup_of(client, crying.url).select_one(".app-review-dates").get_text(" ", strip=True)
    assert dates.startswith("Last reviewed 20 November 2026")
    assert "Next review due 20 November 2027" in dates


def test_the_page_prints_with_its_address_and_a_qr_code(client, crying):
    soup = soup_of(client, crying.url)
    qr = soup.select(".app-print-qr img")
    assert qr and qr[-1]["src"].startswith("data:image/svg+xml")
    assert (
        "http://localhost/for-parents-and-carers/coping-with-crying/"
        in soup.select_one(".app-print-qr").get_text()
    )
    button = soup.find("button", string="Print this page")
    assert button is not None and button.has_attr("hidden")  # shown by JavaScript


def test_workstreams_and_advice_link_to_each_other(client, launch_content):
    safer_sleeping = launch_content["workstreams"][3]
    families = soup_of(client, safer_sleeping.url).select_one(".app-for-families")
    assert families.h2.get_text(strip=True) == "What we tell families"
    assert [a.get_text(strip=True) for a in families.select("a")] == ["Safer sleep for your baby"]

    advice = launch_content["advice"]["safer-sleep-for-your-baby"]
    professionals = soup_of(client, advice.url).select_one(".app-for-professionals")
    assert [a["href"] for a in professionals.select("a")] == [safer_sleeping.url]

    # Advice that belongs to no workstream points professionals to the strategy.
    get_help = launch_content["advice"]["when-to-get-help"]
    professionals = soup_of(client, get_help.url).select_one(".app-for-professionals")
    assert [a["href"] for a in professionals.select("a")] == ["/#strategy"]


def test_a_workstream_page_does_not_list_advice_behind_a_password(client, launch_content):
    """As the parents' section does not: a restricted page's title stays behind its password."""
    safer_sleeping = launch_content["workstreams"][3]
    advice = launch_content["advice"]["safer-sleep-for-your-baby"]
    PageViewRestriction.objects.create(
        page=advice, restriction_type=PageViewRestriction.PASSWORD, password="a-long-password"
    )
    soup = soup_of(client, safer_sleeping.url)
    assert soup.select_one(".app-for-families") is None
    assert not soup.select_one("main").select(f'a[href="{advice.url}"]')


def test_the_parents_section_lists_its_advice_as_cards(client, launch_content):
    soup = soup_of(client, launch_content["parents"].url)
    cards = [a.get_text(strip=True) for a in soup.select(".app-card a.app-card__link")]
    assert cards == [
        "Safer sleep for your baby",
        "Coping with crying",
        "When to get help",
        "Pregnant and not ready to tell anyone?",
        "Looking after yourself",
    ]


def test_a_page_with_a_tool_says_beside_the_exit_control_that_nothing_is_kept(
    client, launch_content
):
    crying = soup_of(client, launch_content["advice"]["coping-with-crying"].url)
    note = crying.select_one(".app-exit-note")
    assert "Nothing you type on this page is saved or sent" in note.get_text()
    assert note.find_previous_sibling(class_="govuk-exit-this-page") is not None
    pregnancy = launch_content["advice"]["pregnant-and-not-ready-to-tell-anyone"]
    assert soup_of(client, pregnancy.url).select_one(".app-exit-note") is None


def query_count(client, url):
    client.get(url)  # warm: the site chrome is cached after the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("slug", [None, "looking-after-yourself", "coping-with-crying"])
def test_query_count_does_not_grow_with_the_number_of_resources(client, launch_content, slug):
    url = launch_content["advice"][slug].url if slug else launch_content["parents"].url
    workstream = launch_content["workstreams"][1]
    ResourceFactory.create_batch(10, workstreams=[workstream])
    with_10 = query_count(client, url)
    ResourceFactory.create_batch(90, workstreams=[workstream])
    assert query_count(client, url) == with_10
    # The crying page's link to "When to get help" in its rich text costs one query.
    assert with_10 <= 11


def test_an_advice_page_is_served_from_the_page_cache(client, cached_site):
    url = cached_site["advice"]["coping-with-crying"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "My crying plan" in response.content.decode()


def test_every_page_is_a_page_of_the_site_under_the_home_page(launch_content):
    home = launch_content["strategy"]
    for page in [launch_content["parents"], *launch_content["advice"].values()]:
        assert page.live
        assert Page.objects.descendant_of(home).filter(pk=page.pk).exists()
        assert page.last_reviewed is None  # never reviewed until a lead confirms it
    assert WorkstreamPage.objects.filter(advice_pages__isnull=False).distinct().count() == 4

"""The parents' launch content: the five pages live with the facts they use (only those of the
national messages and the client's copy), their sources, plain English a 9-year-old reads, and
loaded once, never over an editor's edit."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from core.models import review_models
from editorial.review import items_due
from parents.models import AdvicePage
from parents.readability import MAX_READING_AGE, readability
from tests.support.users import make_editor

# Each fact of ../shared/content/parents-advice-facts.md a page uses, as the page says it.
FACTS = {
    "safer-sleep-for-your-baby": [
        "every sleep",
        "naps in the day too",
        "their own cot or Moses basket",
        "clear, flat and firm",
        "in the same room as you, day and night, for at least the first six months",
        "Put your baby on their back",
        "you can leave them in the way they choose to lie. Still put them down on their back",
        "Put pillows, duvets, bumpers, soft toys, pods or nests in the cot.",
        "firm, flat mattress. It should be waterproof and in good condition",
        "feet to foot",
        "no higher than their shoulders",
        "No hat indoors for sleep",
        "smoke-free, before and after birth",
        "16 to 20 °C",
        "light bedding",
        "Breastfeeding also lowers the risk",
        "far more risky than any bed",
        "co-sleeping or bed sharing",
        "you or your partner smoke, even if never in the bedroom",
        "you or your partner have drunk alcohol",
        "you or your partner have taken drugs, or medicine that may make you drowsy",
        "you are extremely tired",
        "born early (premature), at 37 weeks or less",
        "born small (low birth weight), at 2.5 kg (5½ lb) or less",
        "make your bed a safer place either way",
        "Keep pillows, sheets and blankets away from your baby",
        "Keep pets and other children out of the bed",
        "get trapped between the mattress and the wall",
        "If you feed your baby in bed, or think you might fall asleep, make the bed safer first",
        "put your baby down in a safe place first",
        "by over 80% since 1991",
        "partners, grandparents and babysitters",
        "Ask your midwife or health visitor",
    ],
    "coping-with-crying": [
        "Infant crying is normal. Comforting methods can help. It's OK to walk away, after "
        "putting your baby down safely on their back in their cot. Never, ever shake a baby.",
        "Call 999 now if you think your baby may have been shaken or hurt, by you or by "
        "someone else.",
        "Call NHS 111 any time, day or night, if you are worried your baby is unwell.",
        "from about 2 weeks old",
        "at about 6 to 8 weeks",
        "By 4 to 5 months there is much less crying",
        "Some babies cry for no reason",
        "It does not mean you are doing something wrong",
        "hungry or tired",
        "clean nappy",
        "too hot or too cold",
        "Could they be unwell",
        "talking calmly, humming or singing",
        "a steady, soothing sound",
        "holding them close, skin to skin",
        "a walk outside with your baby",
        "a warm bath",
        "Put your baby down safely on their back in their cot.",
        "Walk away for a few minutes.",
        "Go back and check on your baby.",
        "have a glass of water or a cup of tea, or call someone",
        "not like their usual cry? That is a warning sign. Read when to get help",
        "brain injury, disability for life, or death",
        "Around 70% of babies who are shaken are shaken by men",
        "this is for dads and partners",
        "All Babies Cry",
    ],
    "when-to-get-help": [
        "call your GP or NHS 111",
        "at any time, day or night",
        "under 3 months old and has a temperature of 38 °C or more",
        "weak, high-pitched or does not stop, and is not like their usual cry",
        "has stopped breathing",
        "will not wake up",
        "has a fit",
        "is struggling to breathe",
        "turns blue or blotchy",
        "has a rash that does not fade when you press a glass on it",
        "has a fit for the first time, even if they seem to get better",
        "has a severe allergic reaction",
        "is under 8 weeks old and you are very worried about them",
        "may have been seriously hurt, by you or by someone else",
        "cries all the time and you cannot comfort them",
        "their cry does not sound like their normal cry",
        "is hard to wake, or is quiet and listless",
        "is floppy",
        "breathes fast or pants, or sucks their tummy in under their ribs",
        "blue, pale, blotchy or grey skin",
        "the palms of the hands and the soles of the feet",
        "is under 8 weeks old and does not want to feed",
        "nappies that are drier than usual",
        "the sick is green",
        "Call your GP in the day. Call NHS 111 in the evening and at weekends. "
        "Call 999 in an emergency.",
        "Trust your instincts. You know your baby better than anyone.",
    ],
    "pregnant-and-not-ready-to-tell-anyone": [
        "refer yourself to a midwife",
        "You do not have to see your GP first",
        "online, on the NHS website",
        "By 10 weeks is best",
        "checks and support sooner",
        "it is never too late to get care",
    ],
    "looking-after-yourself": [
        "Emotional health is not only about children and young people",
        "advice and support for parents on their own emotional health",
        "Me, You and Baby Too is an online programme from OnePlusOne",
        "Put your baby down safely on their back in their cot. Then it is OK to walk away",
        "mums, dads and partners",
        "Parent’s Emotional Health Advice & Support",
    ],
}
# The sources each page lists, each with its title and address as the facts give them. The
# pregnancy page's two sources have no address in the facts, so it lists none (its "Still
# missing" says so), and "Looking after yourself" leaves out Me, You and Baby Too's.
LULLABY = "https://www.lullabytrust.org.uk/safer-sleep-advice/"
NHS_ILL = "https://www.nhs.uk/conditions/baby/health/is-your-baby-or-toddler-seriously-ill/"
SOURCES = {
    "safer-sleep-for-your-baby": [
        ("The Lullaby Trust", "Safer sleep for babies", LULLABY),
        ("The Lullaby Trust", "Co-sleeping", LULLABY + "co-sleeping/"),
        (
            "NHS",
            "Reduce the risk of sudden infant death syndrome (SIDS)",
            "https://www.nhs.uk/baby/caring-for-a-newborn/"
            "reduce-the-risk-of-sudden-infant-death-syndrome/",
        ),
    ],
    "coping-with-crying": [
        ("ICON", "Babies cry, you can cope", "https://iconcope.org"),
        (
            "Just One Norfolk",
            "All Babies Cry, and advice on parents' emotional health",
            "https://www.justonenorfolk.nhs.uk",
        ),
        ("NHS", "Is your baby or toddler seriously ill?", NHS_ILL),
    ],
    "when-to-get-help": [
        ("NHS", "Is your baby or toddler seriously ill?", NHS_ILL),
        (
            "NCT",
            "When to urgently call a doctor about your baby",
            "https://www.nct.org.uk/information/baby-toddler/baby-and-toddler-health/"
            "when-urgently-call-doctor-about-baby",
        ),
        (
            "Buckinghamshire Health Help Now (NHS)",
            "Spotting signs of serious illness",
            "http://bucks.healthhelpnow.nhs.uk/health-help/advice/teenager/"
            "spotting-signs-of-serious-illness/spotting-signs-of-serious-illness/",
        ),
    ],
    "pregnant-and-not-ready-to-tell-anyone": [],
    "looking-after-yourself": [
        (
            "Just One Norfolk",
            "All Babies Cry, and advice on parents' emotional health",
            "https://www.justonenorfolk.nhs.uk",
        ),
        ("ICON", "Babies cry, you can cope", "https://iconcope.org"),
    ],
}


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return re.sub(r"\s+", " ", main.get_text(" ")).replace(" .", ".").replace(" ,", ",")


@pytest.mark.parametrize("slug", FACTS)
def test_every_fact_the_page_uses_is_on_the_rendered_page(client, launch_content, slug):
    text = page_text(client, launch_content["advice"][slug])
    missing = [fact for fact in FACTS[slug] if fact not in text]
    assert missing == []


@pytest.mark.parametrize("slug", SOURCES)
def test_every_source_on_a_page_has_its_title_and_address(client, launch_content, slug):
    page = launch_content["advice"][slug]
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    sources = soup.select_one(".app-sources")
    listed = [
        (li.get_text(" ", strip=True).split(":")[0], li.a.get_text(strip=True), li.a["href"])
        for li in (sources.select("li") if sources else [])
    ]
    assert listed == SOURCES[slug]
    # Never a sentence about an address the site does not have.
    assert "web address" not in soup.select_one("main").get_text(" ")


def test_a_source_without_an_address_is_kept_for_the_leads_not_cited(launch_content):
    pregnancy = launch_content["advice"]["pregnant-and-not-ready-to-tell-anyone"]
    assert [source.value["organisation"] for source in pregnancy.sources] == [
        "NHS England",
        "Royal College of GPs",
    ]
    assert pregnancy.public_sources() == []
    assert "the public page does not list them" in pregnancy.missing_information
    yourself = launch_content["advice"]["looking-after-yourself"]
    assert "OnePlusOne" not in [source["organisation"] for source in yourself.public_sources()]
    assert "neither links to it nor lists it as a source" in yourself.missing_information


@pytest.mark.parametrize("slug", FACTS)
def test_each_page_reads_at_a_reading_age_of_about_nine(launch_content, slug):
    score = launch_content["advice"][slug].readability()
    assert score.words > 100
    assert score.reading_age <= MAX_READING_AGE, score


def test_the_readability_check_would_fail_a_page_written_for_professionals():
    sentences = [
        "The Protecting Babies strategy aims to challenge how we have, as a system, been "
        "protecting unborn and infants, help us understand if risks are exacerbated due to both "
        "lockdown and the potential long-term effects of the pandemic."
    ]
    assert readability(sentences).too_hard


def test_the_pages_are_not_yet_reviewed_and_first_in_line_for_review(launch_content):
    """Never reviewed (their pages say so), and not overdue on day one either: their first
    reviews come before any other launch content's."""
    assert not [item for item in items_due() if item.kind == "Page"]
    advice = list(launch_content["advice"].values())
    assert all(page.last_reviewed is None for page in advice)
    last_advice = max(page.first_review_due for page in advice)
    others = [
        page
        for model in review_models()
        for page in model.objects.all()
        if not isinstance(page, AdvicePage)
    ]
    assert all(page.first_review_due > last_advice for page in others)


def test_loading_again_never_overwrites_an_editors_edit(launch_content):
    page = launch_content["advice"]["coping-with-crying"]
    page.summary = "An editor's new summary."
    page.save_revision().publish()
    AdvicePage.objects.get(slug="when-to-get-help").delete()
    output = io.StringIO()
    call_command("load_launch_content", stdout=output)
    assert "nothing changed" in output.getvalue()
    assert AdvicePage.objects.get(pk=page.pk).summary == "An editor's new summary."
    assert not AdvicePage.objects.filter(slug="when-to-get-help").exists()
    assert AdvicePage.objects.count() == 4


def test_what_the_facts_and_copy_do_not_give_is_flagged_for_editors(admin_client, launch_content):
    page = launch_content["advice"]["pregnant-and-not-ready-to-tell-anyone"]
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    warning = BeautifulSoup(response.content, "html.parser").select_one(".help-warning")
    assert "no web address for the NHS page where you refer yourself" in warning.get_text()


def test_the_home_page_sends_parents_to_their_top_tasks(client, launch_content):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    routes = soup.select_one(".app-parent-routes")
    tasks = {
        a.select_one(".app-task__label").get_text(strip=True): a["href"]
        for a in routes.select("a.app-task")
    }
    advice = launch_content["advice"]
    assert tasks == {
        "Safer sleep for your baby": advice["safer-sleep-for-your-baby"].url,
        "My baby won't stop crying": advice["coping-with-crying"].url,
        "Get help now": advice["when-to-get-help"].url,
    }
    assert {a["href"] for a in routes.select(".app-helpline__contacts a")} >= {
        "tel:+443003000123",
        "sms:+447520631590",
    }
    professionals = soup.select_one(".app-professionals-route a")
    assert professionals.get_text(strip=True) == "I work with babies and families"
    assert professionals["href"] == "#strategy"
    assert soup.select_one("#strategy .app-card-list") is not None  # the strategy, whole


def test_an_editor_edits_the_home_pages_routes(client, launch_content):
    editor = make_editor()
    client.force_login(editor)
    home = launch_content["strategy"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "For parents, first" in text and "Parent tasks" in text

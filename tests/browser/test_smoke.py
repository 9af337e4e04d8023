def test_home_page_shows_the_strategy_title(site, page):
    page.goto(site.url("/"))
    assert page.locator("h1").inner_text() == "Protecting Babies"

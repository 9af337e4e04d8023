"""The click-to-load video: nothing from the host before play; the privacy-enhanced player after."""

from tests.support.public_content import VIDEO, add_video

VIDEO_HOSTS = ("youtube.com", "youtube-nocookie.com", "ytimg.com", "googlevideo.com", "vimeo")


def test_video_loads_nothing_from_its_host_until_play(site, context):
    add_video(site.content["workstreams"][4])
    host_requests = []
    context.on(
        "request",
        lambda r: host_requests.append(r.url) if any(h in r.url for h in VIDEO_HOSTS) else None,
    )
    context.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>player</p>"),
    )
    page = context.new_page()
    page.goto(site.url("/all-babies-cry/"))
    play = page.get_by_role("button", name=f"Play video “{VIDEO['title']}”", exact=True)
    play.wait_for(state="visible")  # shown once the script runs
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(500)
    assert host_requests == [], "the video host was contacted before play"
    assert page.locator("iframe").count() == 0

    with page.expect_request(lambda r: "youtube-nocookie.com" in r.url):
        play.click()
    iframe = page.locator(".app-video iframe")
    assert iframe.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert iframe.get_attribute("title") == f"Video: {VIDEO['title']}"
    assert all("youtube-nocookie.com" in url for url in host_requests)
    # The transcript stays on the page.
    assert page.get_by_text("where your baby sleeps").is_visible()

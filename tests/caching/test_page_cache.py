"""The anonymous page cache: what is kept, what never is, and purges that follow content changes."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from caching.cache import page_cache
from helpline.models import HelplineSettings
from resources.models import Resource
from strategy.models import StandardPage
from tests.support.users import workstream_form_data

STATUS = "X-Page-Cache"


def url(page):
    return page.specific.url


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, cached_site, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    assert first[STATUS] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200
    assert second[STATUS] == "hit"
    assert second.content == first.content
    assert "Protecting Babies" in text(second)
    assert not second.cookies


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def test_a_cached_page_carries_the_same_security_headers_as_a_fresh_one(client, cached_site):
    first = client.get("/")
    second = client.get("/")
    assert (first[STATUS], second[STATUS]) == ("miss", "hit")
    for header in SECURITY_HEADERS:
        assert second[header] == first[header], header
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


def test_a_plain_http_request_is_redirected_even_when_the_page_is_cached(
    client, cached_site, settings
):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    secure = client.get("/", secure=True)
    assert client.get("/", secure=True)[STATUS] == "hit"
    assert "max-age=3600" in secure["Strict-Transport-Security"]
    plain = client.get("/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/"


def test_public_pages_carry_cache_control_for_a_cdn(client, cached_site):
    for path in ("/", url(cached_site["library"]), url(cached_site["workstreams"][1])):
        for response in (client.get(path), client.get(path)):
            directives = {d.strip() for d in response["Cache-Control"].split(",")}
            assert "public" in directives
            assert "s-maxage=300" in directives
            assert "max-age=60" in directives
            assert "stale-while-revalidate=60" in directives
            assert response["ETag"].startswith('"')


def test_head_is_answered_from_the_cache_with_no_body(client, cached_site):
    client.get("/")
    response = client.head("/")
    assert response.status_code == 200
    assert response[STATUS] == "hit"
    assert response.content == b""


def test_a_matching_etag_gets_304(client, cached_site):
    etag = client.get("/")["ETag"]
    response = client.get("/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert client.get("/", headers={"if-none-match": '"other"'}).status_code == 200


def test_the_weak_etag_a_compressing_proxy_gives_browsers_gets_304(client, cached_site):
    """nginx's gzip turns the page's ETag into W/"…" (deploy/nginx/); If-None-Match compares
    weakly (RFC 9110), so a phone revalidating a compressed page still gets 304."""
    etag = client.get("/")["ETag"]
    response = client.get("/", headers={"if-none-match": f"W/{etag}"})
    assert response.status_code == 304
    assert client.get("/", headers={"if-none-match": 'W/"other"'}).status_code == 200


def test_query_strings_are_cached_separately(client, cached_site):
    library = url(cached_site["library"])
    all_resources = client.get(library)
    guides = client.get(library + "?format=guide")
    assert guides[STATUS] == "miss"
    assert client.get(library + "?format=guide")[STATUS] == "hit"
    assert "All Babies Cry campaign" in text(all_resources)
    assert "All Babies Cry campaign" not in text(client.get(library + "?format=guide"))


def test_signed_in_editors_never_get_or_fill_the_cache(client, admin_client, cached_site):
    client.get("/")
    response = admin_client.get("/")
    assert response.status_code == 200
    assert response[STATUS] == "bypass"
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert client.get("/")[STATUS] == "hit"


def test_admin_search_and_health_checks_are_never_cached(client, cached_site):
    for path in ("/admin/login/", "/search/?q=sleep", "/healthz", "/readyz"):
        client.get(path)
        response = client.get(path)
        assert STATUS not in response, path
        assert "public" not in response.get("Cache-Control", ""), path


def test_a_response_that_sets_a_cookie_is_never_cached(client, cached_site):
    page = cached_site["standard"]["privacy-notice"]
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="a-long-password"
    )
    page_cache().clear()
    for _ in range(2):
        response = client.get(url(page))
        assert response.status_code == 200
        assert response[STATUS] == "bypass"
        assert "private" in response["Cache-Control"]
        assert "password" in text(response).lower()


def test_a_missing_page_is_kept_and_its_404_purged_when_a_page_is_published_there(
    client, cached_site, django_capture_on_commit_callbacks
):
    client.get("/")
    first = client.get("/new-advice/")
    assert (first.status_code, first[STATUS]) == (404, "miss")
    second = client.get("/new-advice/")
    assert (second.status_code, second[STATUS]) == (404, "hit")
    assert second.content == first.content
    assert "Page not found" in text(second)

    home = cached_site["strategy"]
    page = StandardPage(title="New advice", slug="new-advice", summary="Fresh advice.")
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=page)
        page.save_revision().publish()
    response = client.get("/new-advice/")
    assert response.status_code == 200
    assert "Fresh advice." in text(response)


def test_a_new_redirect_replaces_a_kept_404(
    client, cached_site, django_capture_on_commit_callbacks
):
    client.get("/")
    assert client.get("/old-leaflet/").status_code == 404
    assert client.get("/old-leaflet/")[STATUS] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/old-leaflet", redirect_link="/useful-resources/")
    response = client.get("/old-leaflet/")
    assert response.status_code == 301
    assert response["Location"] == "/useful-resources/"
    assert client.get("/old-leaflet/")[STATUS] == "hit"


def publish(obj, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obj.save_revision().publish()


def test_publishing_a_page_purges_it_and_its_parent_but_not_unrelated_pages(
    client, cached_site, django_capture_on_commit_callbacks
):
    workstream = cached_site["workstreams"][1]
    library = url(cached_site["library"])
    for path in (url(workstream), "/", library):
        client.get(path)
    message = {"heading": "New advice", "text": "<p>Never shake a baby.</p>"}
    workstream.body = [("key_message", message)]
    publish(workstream, django_capture_on_commit_callbacks)

    response = client.get(url(workstream))
    assert response[STATUS] == "miss"
    assert "Never shake a baby." in text(response)
    assert client.get("/")[STATUS] == "miss"
    assert client.get(library)[STATUS] == "hit"


def test_renaming_a_page_in_the_navigation_purges_every_page(
    client, cached_site, django_capture_on_commit_callbacks
):
    workstream = cached_site["workstreams"][2]
    library = url(cached_site["library"])
    client.get(library)
    workstream.title = "Babies before birth"
    publish(workstream, django_capture_on_commit_callbacks)
    response = client.get(library)
    assert response[STATUS] == "miss"
    assert "Babies before birth" in text(response)


def test_unpublishing_a_page_takes_it_off_at_once(
    client, cached_site, django_capture_on_commit_callbacks
):
    page = cached_site["standard"]["accessibility-statement"]
    path = url(page)
    assert client.get(path).status_code == 200
    assert client.get(path)[STATUS] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(path).status_code == 404


def test_deleting_a_page_takes_it_off_at_once(
    client, cached_site, django_capture_on_commit_callbacks
):
    page = cached_site["workstreams"][3]
    path = url(page)
    client.get(path)
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert client.get(path).status_code == 404
    home = client.get("/")
    assert home[STATUS] == "miss"
    assert "Safer sleeping" not in text(home)


def test_moving_a_page_purges_its_old_address(
    client, cached_site, django_capture_on_commit_callbacks
):
    page = cached_site["standard"]["staying-safe-online"]
    new_parent = cached_site["standard"]["privacy-notice"]
    old_path = url(page)
    assert client.get(old_path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.move(new_parent, pos="last-child")
    assert client.get(old_path).status_code in (301, 302, 404)
    page.refresh_from_db()
    assert client.get(url(page)).status_code == 200


def test_a_resource_change_purges_the_library_and_the_workstreams_that_list_it(
    client, cached_site, django_capture_on_commit_callbacks
):
    resource = Resource.objects.get(title="All Babies Cry campaign on Just One Norfolk")
    crying = cached_site["workstreams"][4]
    sleeping = cached_site["workstreams"][3]
    library = url(cached_site["library"])
    paths = [library, library + "?audience=parents", url(crying), url(sleeping)]
    for path in paths:
        client.get(path)
    resource.title = "All Babies Cry: coping with crying"
    publish(resource, django_capture_on_commit_callbacks)

    for path in (library, library + "?audience=parents", url(crying)):
        response = client.get(path)
        assert response[STATUS] == "miss", path
        assert "All Babies Cry: coping with crying" in text(response), path
    assert client.get(url(sleeping))[STATUS] == "hit"


def test_a_resource_taken_off_a_workstream_leaves_that_page(
    client, cached_site, django_capture_on_commit_callbacks
):
    resource = Resource.objects.get(title="All Babies Cry campaign on Just One Norfolk")
    crying = cached_site["workstreams"][4]
    sleeping = cached_site["workstreams"][3]
    assert "All Babies Cry campaign" in text(client.get(url(crying)))
    client.get(url(sleeping))
    resource.workstreams.set([sleeping])
    publish(resource, django_capture_on_commit_callbacks)
    assert "All Babies Cry campaign" not in text(client.get(url(crying)))
    assert "All Babies Cry campaign" in text(client.get(url(sleeping)))


def test_unpublishing_a_resource_removes_it_from_the_library(
    client, cached_site, django_capture_on_commit_callbacks
):
    resource = Resource.objects.get(title="All Babies Cry campaign on Just One Norfolk")
    library = url(cached_site["library"])
    assert "All Babies Cry campaign" in text(client.get(library))
    with django_capture_on_commit_callbacks(execute=True):
        resource.unpublish()
    assert "All Babies Cry campaign" not in text(client.get(library))


def test_a_page_unpublished_leaves_the_library_that_links_to_it(
    client, cached_site, django_capture_on_commit_callbacks
):
    """A resource for a page of this site: when the page goes, the library and the workstream
    listing the resource stop linking to it at once (the resources' pages_shown_on(), found
    through Wagtail's reference index: the page cache knows nothing of resources)."""
    page = cached_site["advice"]["looking-after-yourself"]
    crying = cached_site["workstreams"][4]
    resource = Resource(title="Looking after yourself, on this site", format="website", page=page)
    resource.description = "Advice for parents on their own health and feelings."
    resource.for_parents = True
    resource.save()
    resource.workstreams.set([crying])
    publish(resource, django_capture_on_commit_callbacks)
    library = url(cached_site["library"])
    link = f'href="{url(page)}"'
    for path in (library, url(crying)):
        client.get(path)
        response = client.get(path)
        assert response[STATUS] == "hit" and link in response.content.decode(), path

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    for path in (library, url(crying)):
        response = client.get(path)
        assert response[STATUS] == "miss", path
        assert "Looking after yourself, on this site" in text(response), path
        assert link not in response.content.decode(), path


def test_a_helpline_change_purges_every_page(
    client, cached_site, django_capture_on_commit_callbacks
):
    paths = ["/", url(cached_site["library"]), url(cached_site["standard"]["privacy-notice"])]
    for path in paths:
        client.get(path)
    helpline = HelplineSettings.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        helpline.phone_display = "0300 300 0999"
        helpline.phone_dial = "+443003000999"
        helpline.save()
    for path in paths:
        response = client.get(path)
        assert response[STATUS] == "miss", path
        assert "0300 300 0999" in text(response), path


def test_nothing_is_cached_when_switched_off(client, cached_site, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    assert STATUS not in client.get("/")


def test_campaign_and_click_tracking_parameters_share_the_page_s_cache_entry(client, cached_site):
    first = client.get("/")
    assert first[STATUS] == "miss"
    for query in (
        "utm_source=facebook&utm_medium=social&utm_campaign=all-babies-cry",
        "fbclid=IwAR0aBcDeF",
        "fbclid=IwAR9zYxWvU&utm_source=newsletter",
        "gclid=abc123&UTM_Content=banner",
    ):
        response = client.get("/?" + query)
        assert response[STATUS] == "hit", query
        assert response.content == first.content


def test_tracking_parameters_leave_the_library_filters_as_they_were(client, cached_site):
    library = url(cached_site["library"])
    client.get("/")  # the site chrome, which holds what the library reads, is cached
    guides = client.get(library + "?format=guide")
    tracked = client.get(library + "?utm_source=email&format=guide&fbclid=XyZ")
    assert tracked[STATUS] == "hit"
    assert tracked.content == guides.content
    assert "All Babies Cry campaign" not in text(tracked)
    unfiltered = client.get(library + "?fbclid=XyZ")
    assert "All Babies Cry campaign" in text(unfiltered)
    assert b"fbclid" not in unfiltered.content


def test_an_editor_s_preview_shows_the_draft_not_the_cached_page(client, admin_client, cached_site):
    page = cached_site["workstreams"][1]
    # Visitors at the site's own host name, which Wagtail's preview request uses too.
    host = {"host": page.get_site().hostname}
    client.get(page.url, headers=host)
    assert client.get(page.url, headers=host)[STATUS] == "hit"

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = admin_client.post(
        preview_url, workstream_form_data(page, title="A draft title nobody has approved")
    )
    assert posted.json()["is_valid"]
    preview = admin_client.get(preview_url)
    assert preview.status_code == 200
    heading = BeautifulSoup(preview.content, "html.parser").h1.get_text(strip=True)
    assert heading == "A draft title nobody has approved"

    # Visitors still get the live page, from the cache.
    visitor = client.get(page.url, headers=host)
    assert visitor[STATUS] == "hit"
    assert "A draft title nobody has approved" not in text(visitor)

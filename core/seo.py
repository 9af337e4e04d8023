"""Discoverability: robots.txt, the sitemap, and the metadata in every page's <head>."""

import json

from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from core.models import BasePage

SITE_NAME = "Protecting Babies"
ORGANISATION_NAME = "Norfolk Safeguarding Children Partnership"
DEFAULT_DESCRIPTION = (
    "Norfolk Safeguarding Children Partnership's Protecting Babies strategy: advice for "
    "parents and carers, and resources for professionals."
)
SHARE_IMAGE = "images/share.png"
SHARE_IMAGE_SIZE = (1200, 630)
SHARE_IMAGE_ALT = "Protecting Babies, Norfolk Safeguarding Children Partnership"

# Paths no search engine should crawl: the admin, search results and the health checks.
DISALLOWED = ["/admin/", "/search/", "/healthz", "/readyz"]

# Characters that could end a <script> element or start an HTML comment inside JSON-LD.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def site_root_url(request):
    """The site's public address, e.g. "https://example.org/", from the Wagtail Site.

    Canonical links, the sitemap and the structured data all use it, so they agree; set the
    Site's hostname and port in Settings → Sites to the public address.
    """
    site = Site.find_for_request(request)  # kept on the request: one lookup per request
    if site is not None:
        return site.root_url.rstrip("/") + "/"
    return request.build_absolute_uri("/")


def absolute_url(request, path):
    return site_root_url(request) + path.lstrip("/")


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Allow the public site, keep crawlers out of the admin and search, name the sitemap."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", ""]
    lines.append(f"Sitemap: {absolute_url(request, reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(no_cache=True)
def sitemap(request):
    """Every live, public page of the site the request is for, with when it last changed.

    Always revalidated (so never kept by the page cache): publishing any page changes it.
    """
    return wagtail_sitemap(request)


def share_image_url(request):
    return absolute_url(request, static(SHARE_IMAGE))


def page_description(page):
    """What a search engine or a shared link shows under the title."""
    return (page.get_summary() if isinstance(page, BasePage) else "") or DEFAULT_DESCRIPTION


def _organisation(request, helpline):
    root = site_root_url(request)
    organisation = {
        "@type": "Organization",
        "@id": root + "#organisation",
        "name": ORGANISATION_NAME,
        "url": root,
        "logo": share_image_url(request),
    }
    contact_points = []
    if helpline is not None and helpline.phone_href:
        contact_points.append(
            {
                "@type": "ContactPoint",
                "contactType": "helpline",
                "name": helpline.heading,
                "telephone": helpline.phone_href.removeprefix("tel:"),
                "areaServed": "GB",
                "availableLanguage": "en-GB",
                **({"url": helpline.website_url} if helpline.website_url else {}),
            }
        )
    if helpline is not None and helpline.text_href:
        contact_points.append(
            {
                "@type": "ContactPoint",
                "contactType": "text message helpline",
                "telephone": helpline.text_href.removeprefix("sms:"),
                "areaServed": "GB",
                "availableLanguage": "en-GB",
            }
        )
    if contact_points:
        organisation["contactPoint"] = contact_points
    return organisation


def structured_data(request, helpline=None, page=None, canonical="", description=None):
    """JSON-LD for the organisation (the helpline as its contact point), the site and the page
    (its `description` when the caller has it already: worked out once per render)."""
    root = site_root_url(request)
    graph = [
        _organisation(request, helpline),
        {
            "@type": "WebSite",
            "@id": root + "#website",
            "name": SITE_NAME,
            "url": root,
            "inLanguage": "en-GB",
            "publisher": {"@id": root + "#organisation"},
        },
    ]
    if page is not None and canonical:
        web_page = {
            "@type": "WebPage",
            "@id": canonical,
            "url": canonical,
            "name": page.seo_title or page.title,
            "description": page_description(page) if description is None else description,
            "inLanguage": "en-GB",
            "isPartOf": {"@id": root + "#website"},
            "publisher": {"@id": root + "#organisation"},
        }
        if page.last_published_at:
            web_page["dateModified"] = page.last_published_at.isoformat()
        if page.first_published_at:
            web_page["datePublished"] = page.first_published_at.isoformat()
        graph.append(web_page)
    return {"@context": "https://schema.org", "@graph": graph}


def json_ld_script(data):
    """A <script type="application/ld+json"> element: data, never run, so the CSP allows it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308

"""The metadata in every page's <head>: description, canonical link, share cards and JSON-LD."""

from django import template

from core import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context, helpline=None):
    """What templates/components/meta.html shows, for a Wagtail page or any other view; the
    helpline (from the site chrome) is the organisation's contact point."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    page = page if hasattr(page, "get_full_url") else None
    noindex = bool(context.get("noindex"))
    canonical = "" if noindex or page is None else (page.get_full_url(request) or "")
    title = (page.seo_title or page.title) if page is not None else context.get("meta_title", "")
    description = (
        seo.page_description(page)
        if page is not None
        else context.get("meta_description") or seo.DEFAULT_DESCRIPTION
    )
    return {
        "title": title or seo.SITE_NAME,
        "description": description,
        "canonical": canonical,
        "url": canonical or seo.absolute_url(request, request.path),
        "noindex": noindex,
        "site_name": seo.SITE_NAME,
        "image": seo.share_image_url(request),
        "image_width": seo.SHARE_IMAGE_SIZE[0],
        "image_height": seo.SHARE_IMAGE_SIZE[1],
        "image_alt": seo.SHARE_IMAGE_ALT,
        "json_ld": seo.json_ld_script(
            seo.structured_data(request, helpline, page, canonical, description)
        ),
    }

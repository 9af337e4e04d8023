"""What a printed page carries so it can be found again: a QR code to its address."""

from functools import lru_cache

import segno
from django import template

register = template.Library()


@lru_cache(maxsize=256)
def qr_code_data_uri(url):
    """An SVG QR code of the address, as a data: URI (the CSP allows data: images)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


@register.inclusion_tag("components/print_qr.html", takes_context=True)
def print_qr_code(context, page):
    """The page's public address and its QR code, shown only on paper."""
    url = page.get_full_url(context.get("request")) or ""
    return {"url": url, "qr": qr_code_data_uri(url) if url else ""}

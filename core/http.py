"""Small helpers about the request every app uses: where to go next, who is asking, and where
the admin lives."""

import ipaddress
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, fallback):
    """The `next` address posted or in the query string when it is on this site, else fallback:
    never an open redirect to another site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def client_ip_address(request):
    """The visitor's address behind TRUSTED_PROXY_COUNT trusted proxies (for the sign-in
    lockout and the rate limits).

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N proxies
    the visitor is the N-th entry from the right; anything further left may be forged."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def client_network(request):
    """Who the budgets and the sign-in lockout count: the visitor's IPv4 address, or the /64
    network of their IPv6 address (a home or a phone is given a whole /64 and may use any
    address in it), written as that network's first address."""
    address = client_ip_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network((ip, 64), strict=False).network_address)
    return str(ip)


@cache
def admin_prefix():
    """The Wagtail admin's path, "/admin/": everything under it is the editors' side."""
    return reverse("wagtailadmin_home")

"""The site's public address (SITE_URL), read once for the settings, the release's
`set_site_url` and the deploy check: the one place that says what such an address may be."""

import ipaddress
import urllib.parse
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


class PublicAddress(NamedTuple):
    scheme: str
    hostname: str
    port: int

    @property
    def root_url(self):
        """The address as Wagtail's Site gives it: no port when it is the scheme's own."""
        if self.port == DEFAULT_PORTS[self.scheme]:
            return f"{self.scheme}://{self.hostname}"
        return f"{self.scheme}://{self.hostname}:{self.port}"

    @property
    def is_local(self):
        """An address only this machine can reach (localhost, 127.0.0.1, ::1, *.localhost)."""
        if self.hostname == "localhost" or self.hostname.endswith(".localhost"):
            return True
        try:
            return ipaddress.ip_address(self.hostname).is_loopback
        except ValueError:
            return False


def parse_site_url(value):
    """`https://protectingbabies.example.org` as a PublicAddress; ImproperlyConfigured, saying
    what is wrong, for anything Wagtail's Site cannot hold (it keeps a host name and a port, and
    takes port 443 for HTTPS and any other for plain HTTP)."""
    text = value.strip()
    parts = urllib.parse.urlsplit(text)
    problem = None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        problem = "it must start with https:// (or http://) and name the host"
    elif parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username:
        problem = "it must be the site's root, with no path, query or user name"
    else:
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            port = None
        if port is None:
            problem = "its port is not a number from 1 to 65535"
        elif parts.scheme == "https" and port != 443:
            problem = "Wagtail serves HTTPS addresses on port 443 only"
    if problem:
        raise ImproperlyConfigured(
            f"SITE_URL {text!r} is not a public address the site can use: {problem} "
            "(e.g. https://protectingbabies.example.org)."
        )
    return PublicAddress(parts.scheme, parts.hostname, port)


def site_url_from(value):
    """The PublicAddress SITE_URL names, or None when it is not set."""
    return parse_site_url(value) if value.strip() else None

"""Which site a page belongs to: the domain its owner registered, from its URL.

``www.cnn.com``, ``edition.cnn.com`` and ``cnn.com`` are one site, and
``news.bbc.co.uk`` belongs to ``bbc.co.uk``, not to ``co.uk``: where the registered
part of a name ends is not a matter of counting dots, so it comes from the Public
Suffix List. tldextract carries a copy of the list; it is told never to fetch a
newer one (no network at run time) and to keep no cache on disk.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import tldextract

from cleaner.packs.schema import KEBAB_ID

_KEBAB = re.compile(KEBAB_ID)


class SiteNamer:
    """Names the site of a URL; holds the suffix list, read once (~0.3 s)."""

    def __init__(self) -> None:
        # The list's private section too: github.io and blogspot.com are suffixes under
        # which each user's site is its own (a pack for github.io would apply to all).
        self._extract = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
        )

    def __call__(self, url: str | None) -> str | None:
        """The site of ``url`` (a URL or a bare host name), or None when it names none:
        no host, an IP address, a host with no registered domain, or a name that
        cannot be a pack's name.

        A public suffix itself (``co.uk``, ``com``) and a one-label name
        (``localhost``) have no registered domain: a pack for ``co.uk`` would apply
        to every site under it. A name under no known suffix (``www.site.test``, an
        intranet host) is its own site."""
        host = _host(url) if url else None
        if not host or _is_address(host):
            return None
        parts = self._extract(host)
        if not parts.domain or "." not in host:
            return None
        site = parts.top_domain_under_public_suffix or host
        try:
            site = site.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        return site if _KEBAB.match(site) else None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _host(url: str) -> str | None:
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None

"""What site a source names: one reading for a document's ``--source``/``source=`` and a
site pack's ``sources:`` entry, so that whatever spelling selects a site on one side
(a URL, upper case, a port, a trailing dot, ``www.``, an internationalised name in
Unicode or in punycode) also names it on the other.

A pack source is held to more than a document's: the rest of a URL (a path, a query)
or a ``*`` anywhere but a leading ``*.`` would be dropped or never match, so they
are the author's error, at the line; a document's source is never an error (its
host is taken, or none: only the generic packs apply).
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit


def source_host(source: str | None) -> str | None:
    """The lower-case host of a URL or a bare domain, without ``www.``: also of a
    protocol-relative URL (``//metro.co.uk/x``, common in crawls) and of a fully
    qualified name (``metro.co.uk.``, its root's dot dropped). A URL too malformed to
    have one (``http://[x/``) has none: only the generic packs apply to it."""
    return _split(source)[0]


def pack_source(entry: str) -> str:
    """A ``sources:`` entry as :func:`source_host` reads a document's source, the site it
    names; a ValueError says why an entry names none (the words follow "item N of
    'sources'"). A leading ``*.`` goes: a source covers the hosts under it anyway."""
    host, rest = _split(entry)
    host = host.removeprefix("*.") if host else None
    if not host or host == "www" or any(c.isspace() or c in "@[]" for c in host):
        raise ValueError(f"names no site ({entry!r}): write the site's host, e.g. 'metro.co.uk'")
    if rest.strip("/"):
        raise ValueError(
            f"names a page, not a site: write only its host '{host}' (a pack applies to"
            f" every page of its sources; '{rest}' would be ignored)"
        )
    if "*" in host:
        raise ValueError(
            "has a '*' inside: write the site's host, which covers every host under it"
            " (a leading '*.' is allowed, and means the same)"
        )
    return host


def _split(source: str | None) -> tuple[str | None, str]:
    """The host (as :func:`source_host` gives it) and what follows it (path, query, fragment)."""
    if not source:
        return None, ""
    source = source.strip().lower()
    if "://" in source or source.startswith("//"):
        try:
            parts = urlsplit(source)
            host = parts.hostname
        except ValueError:
            return None, ""
        rest = (
            parts.path
            + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
    else:
        host, slash, rest = source.partition("/")
        rest = slash + rest
    host = (host or "").split(":", 1)[0].rstrip(".")
    if not host.isascii():  # crawls write an internationalised name as punycode
        with contextlib.suppress(UnicodeError):  # no name IDNA can write: compared as it is
            host = host.encode("idna").decode("ascii")
    return host.removeprefix("www.") or None, rest

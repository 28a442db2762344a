"""A page's site is the domain under its public suffix."""

from __future__ import annotations

import pytest

from cleaner.learn.sites import SiteNamer


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.cnn.com/2010/x.html", "cnn.com"),
        ("http://edition.cnn.com", "cnn.com"),
        ("http://news.bbc.co.uk/1/hi/world", "bbc.co.uk"),
        ("news.example.org", "example.org"),
        ("HTTP://WWW.EXAMPLE.COM/A", "example.com"),
        ("http://bücher.de/x", "xn--bcher-kva.de"),
        ("http://192.168.0.1/page", None),
        ("http://[::1]/page", None),
        ("", None),
        (None, None),
        ("not a url at all", None),
        ("https://co.uk/x", None),  # a public suffix itself: a pack would apply to all of .co.uk
        ("https://com/x", None),
        ("https://localhost/x", None),
        ("http://intranet/x", None),
        ("https://site0.test/1", "site0.test"),  # under no known suffix: its own site
        # the list's private section: each user's site under github.io is its own
        ("https://someone.github.io/post", "someone.github.io"),
        ("https://github.io/1", None),
        ("https://a-blog.blogspot.com/2010/01/x.html", "a-blog.blogspot.com"),
    ],
)
def test_site_of(url: str | None, site: str | None) -> None:
    assert SiteNamer()(url) == site

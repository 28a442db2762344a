"""Pages over a size, tag or depth limit are refused, named, before they are parsed."""

from __future__ import annotations

import pytest

from cleaner.errors import InputError
from cleaner.html.limits import HtmlLimits, check_page

LIMITS = HtmlLimits(max_bytes=100_000, max_tags=2_000, max_depth=50)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<p>" + "x" * 100_001, "100,004 bytes, over the limit of 100,000"),
        ("<b>x</b>" * 1_001, "about 2,002 tags, over the limit of 2,000"),
        ("<div>" * 51 + "x" + "</div>" * 51, "elements nested over 50 deep"),
        (b"<section><div>" * 26, "elements nested over 50 deep"),
    ],
    ids=["size", "tags", "depth", "bytes"],
)
def test_a_page_over_a_limit_is_named(page: str | bytes, message: str) -> None:
    with pytest.raises(InputError, match=f"page.html: HTML page has {message}; skipped"):
        check_page(page, "page.html", LIMITS)


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 50 + "x" + "</div>" * 50,  # at the limit
        "<div><p>" + "<p>a paragraph, never closed" * 900 + "</div>",  # implied end tags
        "<ul>" + "<li>item<br><img src=x>" * 500 + "</ul>",  # void elements, optional ends
        "<div>" + "<span/>" * 900 + "</div>",  # self-closed
        ("<div>x</div>" * 900),  # many, shallow
    ],
    ids=["at-limit", "unclosed-p", "li-void", "self-closed", "shallow"],
)
def test_ordinary_pages_pass(page: str) -> None:
    check_page(page, "page.html", LIMITS)

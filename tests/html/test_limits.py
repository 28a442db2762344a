"""Pages over a size, tag or depth limit are refused, named, before they are parsed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.errors import InputError
from cleaner.html.limits import HtmlLimits, check_page

LIMITS = HtmlLimits(max_bytes=100_000, max_tags=2_000, max_depth=50)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<p>" + "x" * 100_001, "100,004 bytes, over the limit of 100,000"),
        ("<b>x</b>" * 2_001, "about 2,001 tags, over the limit of 2,000"),  # start tags
        ("<div>" * 51 + "x" + "</div>" * 51, "elements nested over 50 deep"),
        (b"<section><div>" * 26, "elements nested over 50 deep"),
        # stray end tags close nothing: they do not make room for deeper nesting after them
        ("</div>" * 200 + "<div>" * 51 + "x", "elements nested over 50 deep"),
        # a layout table is four levels (table > tbody > tr > td), a list two (ul > li)
        ("<table><tr><td>" * 13 + "x" + "</td></tr></table>" * 13, "elements nested over 50 deep"),
        ("<ul><li>" * 26 + "x" + "</li></ul>" * 26, "elements nested over 50 deep"),
    ],
    ids=["size", "tags", "depth", "bytes", "stray-end-tags-first", "layout-tables", "lists"],
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
        "<table><tr><td>" * 12 + "<div>x</div>" + "</td></tr></table>" * 12,  # 48 levels
        "<table>" + "<tr><td>a cell, never closed" * 500 + "</table>",  # a long table is not deep
        "<b>x</b>" * 1_500,  # 3,000 tags with their end tags: 1,500 elements
    ],
    ids=[
        "at-limit",
        "unclosed-p",
        "li-void",
        "self-closed",
        "shallow",
        "tables-at-limit",
        "long-table",
        "end-tags",
    ],
)
def test_ordinary_pages_pass(page: str) -> None:
    check_page(page, "page.html", LIMITS)


def _nesting(tags: list[str]) -> int:
    """The depth by hand, tag by tag, as the rule in the module's docstring says."""
    depth = deepest = 0
    for tag in tags:
        name = tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""
        if name in ("p", "br", "li", "tr", "td"):
            continue  # optional end tag or void element
        levels = {"table": 4, "ul": 2}.get(name, 1)  # table > tbody > tr > td, ul > li
        if tag.startswith("</"):
            depth = max(depth - levels, 0)
        elif not tag.endswith("/>"):
            depth += levels
            deepest = max(deepest, depth)
    return deepest


@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<SPAN>",
                "</span>",
                "<p>",
                "</p>",
                "<br/>",
                "<li>",
                "<b/>",
                "<table>",
                "</TABLE>",
                "<tr>",
                "<td>",
                "</td>",
                "<ul>",
                "</ul>",
            ]
        )
    )
)
def test_depth_is_the_nesting_of_start_and_end_tags(tags: list[str]) -> None:
    page = "x".join(tags)
    limit = 3
    deepest = _nesting(tags)
    if deepest > limit:
        with pytest.raises(InputError, match="nested over 3 deep"):
            check_page(page, "page.html", HtmlLimits(max_depth=limit))
    else:
        check_page(page, "page.html", HtmlLimits(max_depth=limit))

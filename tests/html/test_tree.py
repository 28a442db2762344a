"""cleaner.html.tree: pages parsed for trafilatura as deep as libxml2 can go."""

from __future__ import annotations

import pytest

from cleaner.errors import InputError
from cleaner.html.extract import extract_body
from cleaner.html.tree import PARSED_DEPTH, parse_page

STORY = [
    "The council voted on Tuesday night to close three of the five recycling centres in the "
    "borough, saying the savings were needed to keep the libraries open for another year.",
    "Residents who packed the public gallery said the decision would lead to more rubbish being "
    "dumped on country lanes, and asked the council to think again before the spring.",
]


def nested(opening: str, closing: str, times: int) -> str:
    """The story in an <article> under ``times`` of ``opening``...``closing``."""
    article = "<article><h1>Recycling centres to close</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
    body = opening * times + article + closing * times
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("opening", "closing", "times"),
    [
        ("<div>", "</div>", 255),  # where libxml2's default limit (256) ended the parse
        ("<div>", "</div>", 1_000),
        # 70 old layout tables are 280 levels: table > tbody > tr > td
        ("<table><tr><td>", "</td></tr></table>", 70),
    ],
    ids=["255-divs", "1000-divs", "70-layout-tables"],
)
def test_an_article_nested_deep_is_extracted_whole(opening: str, closing: str, times: int) -> None:
    body = extract_body(nested(opening, closing, times))
    assert all(paragraph in body for paragraph in STORY)


def test_a_page_nested_deeper_than_libxml2_parses_is_named_not_emptied() -> None:
    message = f"page.html: HTML page has elements nested over {PARSED_DEPTH:,} deep"
    with pytest.raises(InputError, match=message):
        parse_page(nested("<div>", "</div>", PARSED_DEPTH), "page.html")


def test_an_ordinary_page_parses() -> None:
    tree = parse_page(nested("<div>", "</div>", 3), "page.html")
    assert tree is not None and len(tree.xpath("//p")) == len(STORY)

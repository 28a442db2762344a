"""Whole-article snapshots: every document in tests/articles/ through the default packs.

Text files go through ``cleaner.clean``, HTML files through ``cleaner.clean_html``;
a first line ``source: DOMAIN`` in a ``.txt`` fixture selects that site's packs
(the line itself is not part of the document).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from tests.conftest import ARTICLES

FIXTURES = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html"))
SOURCE_PREFIX = "source: "


def _clean(path: Path) -> str:
    if path.suffix == ".html":
        return cleaner.clean_html(path.read_bytes(), url=None)
    text = path.read_bytes().decode("utf-8")  # raw: CRLF fixtures keep their CRLF
    source = None
    if text.startswith(SOURCE_PREFIX):
        first, _, text = text.partition("\n")
        source = first.removeprefix(SOURCE_PREFIX).strip()
    return cleaner.clean(text, source=source)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_article(path: Path, snapshot) -> None:
    assert _clean(path) == snapshot


def test_there_are_enough_fixtures() -> None:
    assert len([p for p in FIXTURES if p.suffix == ".txt"]) >= 12

"""Round trips: a file's line ends, BOM, final newline and encoding survive a rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.io.files import decode, write_document
from tests.strategies import NEWLINES, SEPARATORS

PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LINE = st.text("ab é\u05d0\u4e2d\t\x00" + SEPARATORS, max_size=12)
ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-32", "gb18030")


@st.composite
def stored(draw: st.DrawFn) -> tuple[list[str], str, bool, bool, str]:
    """Lines and how a file stores them: newline, BOM, final newline, encoding."""
    return (
        draw(st.lists(LINE, max_size=6)),
        draw(st.sampled_from(NEWLINES)),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.sampled_from(ENCODINGS)),
    )


def _bytes(lines: list[str], newline: str, bom: bool, final: bool, encoding: str) -> bytes:
    text = newline.join(lines) + (newline if final and lines else "")
    return (("\ufeff" if bom else "") + text).encode(encoding)


@PROPERTY
@given(stored())
def test_decode_then_render_gives_the_same_bytes(case) -> None:
    lines, newline, bom, final, encoding = case
    data = _bytes(lines, newline, bom, final, encoding)
    document = decode(data, "f.txt", encoding=encoding, sniff=False)
    assert "\r" not in document.text
    # utf-16 and utf-32 are read in a byte order (the BOM's), which the file is written in
    assert b"".join(document.encoded(document.text)) == data


@PROPERTY
@given(stored())
def test_rewrite_keeps_conventions_and_drops_only_the_promo(tmp_path: Path, case) -> None:
    lines, newline, bom, final, encoding = case
    body = [f"Line {i} of the article; {line}" for i, line in enumerate(lines)] or ["Body."]
    with_promo = [*body[:1], "MORE: Another story", *body[1:]]
    path = tmp_path / "f.txt"
    path.write_bytes(_bytes(with_promo, newline, bom, final, encoding))
    document = decode(path.read_bytes(), str(path), encoding=encoding, sniff=False)
    write_document(path, document, cleaner.clean(document.text))
    assert path.read_bytes() == _bytes(body, newline, bom, final, encoding)


@pytest.mark.parametrize("newline", NEWLINES)
def test_separators_stay_inside_lines_through_a_rewrite(tmp_path: Path, newline: str) -> None:
    kept = "Body" + "".join(f" {sep} part" for sep in SEPARATORS)
    path = tmp_path / "f.txt"
    path.write_bytes(newline.join([kept, "MORE: Another story", kept, ""]).encode())
    document = decode(path.read_bytes(), str(path))
    write_document(path, document, cleaner.clean(document.text))
    assert path.read_bytes() == newline.join([kept, kept, ""]).encode()

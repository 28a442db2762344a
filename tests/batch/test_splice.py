"""Replacing one value of a JSON record in its bytes (``cleaner/batch/splice.py``)."""

from __future__ import annotations

import json

from hypothesis import assume, given
from hypothesis import strategies as st

from cleaner.batch.splice import add_member, replace_value, value_span

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=6), _values, max_size=5), st.text(), st.booleans(), st.booleans())
def test_replacing_a_value_is_what_json_would_write_and_nothing_else_moves(
    record: dict[str, object], value: str, ascii_only: bool, spaced: bool
) -> None:
    record = {**record, "text": "old"}
    text = json.dumps(record, ensure_ascii=ascii_only, indent=1 if spaced else None)
    raw = text.encode("utf-8", "surrogatepass")
    assume(raw.decode("utf-8", "replace") == text)  # lone surrogates make no UTF-8 line
    out = replace_value(raw, text, "text", value)
    assert json.loads(out) == {**record, "text": value}
    start, end = value_span(text, "text")
    prefix = text[:start].encode("utf-8")
    assert out.startswith(prefix) and out.endswith(text[end:].encode("utf-8"))


def test_value_span_finds_the_last_of_a_repeated_key_and_none_when_absent() -> None:
    text = '{"a": 1, "text": "x", "b": [{"text": 2}], "text" : "y" }'
    assert text[slice(*value_span(text, "text"))] == '"y"'
    assert value_span(text, "c") is None
    assert value_span("{ }", "text") is None


def test_add_member_at_the_end_of_any_object() -> None:
    assert add_member(b"{}", "text", "x") == b'{"text": "x"}'
    assert add_member(b'{ "a": 1e400 }  ', "text", "\u00e9") == b'{ "a": 1e400, "text": "\xc3\xa9"}  '

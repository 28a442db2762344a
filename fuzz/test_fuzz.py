"""Fuzz targets for the loader, the engine and batch records (see conftest.py for how to run them)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run
from cleaner.errors import RuleTimeoutError
from cleaner.packs.loader import parse_pack
from tests.packs.test_loader_random import load_and_use
from tests.strategies import documents, only_removes, pack_texts, yaml_texts

FUZZ = settings.get_profile("fuzz")


@FUZZ
@given(yaml_texts())
def test_loader(text: str) -> None:
    load_and_use(text)


@FUZZ
@given(pack_texts(), documents("abXY. :\t"))
def test_engine_with_random_packs(pack: str, text: str) -> None:
    rules = RuleSet([parse_pack(pack)]).rules_for(None)
    try:
        once = run(text, rules, timeout=0.5)
    except RuleTimeoutError:
        return
    assert run(once.text, rules, timeout=0.5).text == once.text
    assert only_removes(text, once.text)


@FUZZ
@given(documents() | st.text())
def test_engine_with_bundled_packs(text: str) -> None:
    result = cleaner.default_cleaner().run(text)
    assert cleaner.clean(result.text) == result.text
    assert only_removes(text, result.text)


_NUMBERS = st.from_regex(r"-?(0|[1-9][0-9]{0,60})(\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?", fullmatch=True)
_SPACE = st.sampled_from(["", " ", "\t", "  "])


@st.composite
def _records(draw: st.DrawFn) -> bytes:
    """A JSON object as a writer other than Python's may have written it: numbers of
    any size and precision, spacing, escapes, and a text field among the others."""
    values = _NUMBERS | st.text().map(json.dumps) | st.sampled_from(["1e400", "NaN", "[1, {}]", "null"])
    members = draw(st.lists(st.tuples(st.sampled_from(["id", "n", "x", "meta"]), values), max_size=4))
    at = draw(st.integers(0, len(members)))
    members.insert(at, ("text", json.dumps(draw(documents()), ensure_ascii=draw(st.booleans()))))
    space = draw(_SPACE)
    body = f",{space}".join(f'"{k}"{space}:{space}{v}' for k, v in members)
    return f"{{{space}{body}{space}}}".encode()


@FUZZ
@given(_records())
def test_records_keep_every_byte_but_the_text(raw: bytes) -> None:
    from cleaner.batch.records import Fields, clean_block
    from cleaner.batch.splice import value_span
    from cleaner.report.ledger import Tally

    result = clean_block(cleaner.default_cleaner(), raw + b"\n", Fields(), Tally())
    assert not result.problems
    out = result.output.rstrip(b"\n")
    before, after = raw.decode(), out.decode()
    (b_start, b_end), (a_start, a_end) = value_span(before, "text"), value_span(after, "text")
    assert (before[:b_start], before[b_end:]) == (after[:a_start], after[a_end:])

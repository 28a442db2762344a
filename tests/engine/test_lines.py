"""The two line stores of the engine agree with each other and with str.split.

Documents under :data:`cleaner.engine.lines.LONG` characters use :class:`ListLines`; the
engine tests and property tests run on those. The offset store that longer texts
use is held to the same answers here, on small texts, so that its cutting and
rewriting are tested as thoroughly without megabytes of input.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.engine.lines import LineMap, ListLines, OffsetLines, assemble, lines_of

TEXTS = st.text(alphabet=st.sampled_from("ab \n\t\u00e9\u4e2d"), max_size=60)


def _expected_lines(text: str) -> list[str]:
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, dict[int, str], list[range]]:
    """A text, some of its lines rewritten, and runs of lines to keep."""
    text = draw(TEXTS)
    count = len(_expected_lines(text))
    rewrites = draw(
        st.dictionaries(st.integers(0, max(0, count - 1)), TEXTS.map(lambda t: t.replace("\n", "")))
    )
    rewrites = {i: line for i, line in rewrites.items() if i < count}
    bounds = sorted(set(draw(st.lists(st.integers(0, count), max_size=8))))
    runs = [range(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=False) if a < b]
    return text, rewrites, runs


@given(TEXTS)
def test_both_stores_split_like_str_split(text: str) -> None:
    for store in (ListLines(text), OffsetLines(text)):
        assert list(store) == _expected_lines(text)
        assert len(store) == len(_expected_lines(text))


@given(_edits())
def test_both_stores_cut_and_rewrite_alike(case: tuple[str, dict[int, str], list[range]]) -> None:
    text, rewrites, runs = case
    lines = _expected_lines(text)
    for i, line in rewrites.items():
        lines[i] = line
    expected = "".join(lines[i] + "\n" for run in runs for i in run)
    for store in (ListLines(text), OffsetLines(text)):
        for i, line in rewrites.items():
            store[i] = line
        assert [store[i] for i in range(len(store))] == lines
        assert assemble(store.text, store.cuts(runs)) == expected
        for i in range(len(store) + 1):
            before, end = store.before(i)
            assert before[:end].split() == "\n".join(lines[:i]).split()


def test_long_texts_are_kept_as_offsets() -> None:
    assert isinstance(lines_of("a\n" * 10), ListLines)
    assert isinstance(lines_of("a\n" * (1 << 20)), OffsetLines)


@given(st.lists(st.integers(0, 5), max_size=12))
def test_line_map_numbers_kept_lines_both_ways(lengths: list[int]) -> None:
    runs, start = [], 0
    for k, length in enumerate(lengths):
        if k % 2:
            runs.append(range(start, start + length))
        start += length
    runs = [r for r in runs if r]
    step = LineMap(runs)
    kept = [i for run in runs for i in run]
    assert len(step) == len(kept)
    assert [step.old(new) for new in range(len(kept))] == kept
    assert list(step.new(range(start + 1))) == [(old, new) for new, old in enumerate(kept)]

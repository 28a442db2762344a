"""Properties of the engine for every input: idempotence, and cleaning only removes.

"Only removes", precisely (``tests.strategies.only_removes``): the output's lines
map in order to input lines (split on \\n, \\r\\n and \\r), and each output line is
a subsequence of its input line once runs of whitespace are made one space (a
strip cut joins the whitespace on both sides into one space). Every removal's
text is also found, the same way, in the input line it names.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import CleanResult, run
from cleaner.packs.loader import parse_pack
from tests.strategies import documents, is_subsequence, only_removes, pack_texts, squash

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = "abXY. :\t"


def _removals_point_at_their_input_lines(text: str, result: CleanResult) -> bool:
    lines = [squash(line) for line in re.split(r"\r\n|\r|\n", text)]
    return all(is_subsequence(squash(r.text), lines[r.line - 1]) for r in result.removals)


def _run(pack: str, text: str) -> CleanResult:
    return run(text, RuleSet([parse_pack(pack)]).rules_for(None))


# A story, a share bar whose "Share this article:" a rule drops, then a reader thread: the
# line ending with a colon spared the thread in the pass that dropped it, and the second
# cleaning cut the thread (QA round Q, Q1)
_SHARED_THREAD = (
    " ".join(["The harbour board will dredge the channel in spring, the third time in ten years."] * 12)
    + "\nShare this article:\nFacebook\nTwitter\nEmail\n"
    + "Great article, thanks for sharing!\nThank you for this, very helpful.\nTotally agree with you.\n"
    + "Love this, so true.\n"
)


@PROPERTY
@given(documents())
@example(_SHARED_THREAD)
@example("Follow us on Twitter\r\nBody.\u2028MORE: x\rMORE: y")
@example("\ufeffFollow us on Twitter\nBody.\n")  # a byte-order mark stays in front of what is left
@example("\ufeff\n\nBody.\n")
def test_default_packs_are_idempotent_and_only_remove(text: str) -> None:
    result = cleaner.default_cleaner().run(text)
    assert cleaner.clean(result.text) == result.text
    assert only_removes(text, result.text)
    assert _removals_point_at_their_input_lines(text, result)


@PROPERTY
@given(pack_texts(), documents(SMALL))
@example(  # a strip joins the halves of a match: cut again until none is left
    "rules:\n- id: t.x\n  strip: {contains: XY}\n", "aXXYYb\n"
)
@example(  # a strip leaves a line that a drop-line rule matches
    "rules:\n- id: t.d\n  drop-line: {line: a}\n- id: t.s\n  strip: {contains: XY}\n", "a XY\nb\n"
)
@example(  # a removal brings a block's end within max-lines
    "rules:\n- id: t.b\n  drop-block: {start: {line: X}, end: {line: Y}, max-lines: 2}\n"
    "- id: t.d\n  drop-line: {line: a}\n",
    "X\na\nY\nb\n",
)
@example(  # a strip leaves a truncate-at marker
    "rules:\n- id: t.t\n  truncate-at: {line: X}\n- id: t.s\n  strip: {contains: ab}\n", "b\nX ab\nY\n"
)
def test_random_packs_are_idempotent_and_only_remove(pack: str, text: str) -> None:
    once = _run(pack, text)
    assert _run(pack, once.text).text == once.text
    assert only_removes(text, once.text)
    assert _removals_point_at_their_input_lines(text, once)


_TABLE_LINES = st.sampled_from(
    ("| a | b |", "|---|---|", "| X b | Y. |", "|:--|", "a b |", "---|---", "")
) | st.text(SMALL + "|-", max_size=12)


@PROPERTY
@given(
    pack_texts(),
    st.lists(_TABLE_LINES, max_size=12).map(lambda lines: "".join(f"{line}\n" for line in lines)),
)
@example(  # a strip would make the line under a header a separator: the header is one in the next pass
    "rules:\n- id: t.s\n  strip: {contains: ab}\n- id: t.d\n  drop-line: {contains: a}\n", "| a |\n|---|ab\n"
)
def test_random_packs_are_idempotent_around_tables(pack: str, text: str) -> None:
    """A table's header and separator are no rule's match (cleaner.engine.tables):
    what is one in a pass is one in the next, so cleaning stays idempotent."""
    once = _run(pack, text)
    assert _run(pack, once.text).text == once.text
    assert only_removes(text, once.text)


def test_only_removes_rejects_added_or_reordered_text() -> None:
    """The property itself can fail: added, changed or reordered text is caught."""
    assert only_removes("a b\nc\n", "a b\n")
    assert only_removes("a\tXX\tb\n", "a b\n")
    assert not only_removes("a\nb\n", "b\na\n")
    assert not only_removes("a\n", "a!\n")
    assert not only_removes("a\n", "a\nb\n")
    assert only_removes("\ufeffa\nb\n", "\ufeffb\n")  # the text's mark, not line 1's
    assert not only_removes("\ufeffa\nb\n", "b\n")
    assert not only_removes("a\nb\n", "\ufeffb\n")


@PROPERTY
@given(st.text(max_size=200))
def test_any_text_cleans_without_error(text: str) -> None:
    result = cleaner.default_cleaner().run(text)
    assert result.text == "" or result.text.endswith("\n")
    assert "\r" not in result.text


@PROPERTY
@example("a")
@example(" a \n\n")
@example("\x1ca\x1c")
@given(st.text(alphabet=" \t\n\x1c\u2028ab", max_size=30))
def test_nothing_removed_keeps_the_lines_from_the_first_to_the_last_with_text(text: str) -> None:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    kept = [k for k, line in enumerate(lines) if line.strip()]
    expected = "".join(line + "\n" for line in lines[kept[0] : kept[-1] + 1]) if kept else ""
    assert run(text, []).text == expected

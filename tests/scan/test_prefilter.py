"""The relaxed RE2 patterns never miss a line ``regex`` matches, and say why when they
cannot stand in for a pattern at all."""

from __future__ import annotations

import itertools

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.scan.prefilter import Unsupported, relax
from cleaner.scan.scanner import RE2_ROUTE, Scanner, route

FLAGS = [0, regex.IGNORECASE | regex.FULLCASE, regex.IGNORECASE]
# Characters that trip up case folding, Unicode classes and word boundaries.
ALPHABET = "aAsSkKiIfFt 1\u0663\u00a0\u2003\u00df\u1e9e\ufb01\u0130\u0131\u212a\u00e9.:-_\u2028\x1c"
ATOMS = [
    *"askfiSß ",
    "ss",
    "fi",
    r"\w",
    r"\W",
    r"\d",
    r"\s",
    r"\S",
    r"\b",
    r"\B",
    ".",
    "[a-z]",
    "[^a]",
    "[ßs]",
    r"[\w.]",
    r"\p{Lu}",
    r"[[:alpha:]]",
    "^",
    "$",
    r"\A",
    r"\Z",
    "(?=s)",
    "(?<=a)",
    "(?!k)",
    "(?<!i)",
    r"\K",
]


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        roll = draw(st.integers(0, 9))
        if roll < 6 or depth > 1:
            item = draw(st.sampled_from(ATOMS))
        elif roll < 8:
            item = "(" + draw(patterns(depth + 1)) + "|" + draw(patterns(depth + 1)) + ")"
        else:
            item = "(?>" + draw(patterns(depth + 1)) + ")"
        if draw(st.booleans()) and item not in ("^", "$", r"\A", r"\Z", r"\b", r"\B", r"\K"):
            item = "(?:" + item + ")" + draw(st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "*+", "??"]))
        items.append(item)
    if depth == 0 and "(" in items[0] and draw(st.booleans()):
        items.append(r"\1")
    return "".join(items)


def _misses(pattern: regex.Pattern[str], lines: list[str]) -> list[str]:
    scanner = Scanner([pattern])
    if scanner.routes[0] != RE2_ROUTE:
        return []  # searched by regex on every line: nothing to miss
    hits = scanner.scan("\n".join(lines)) or {}
    return [line for i, line in enumerate(lines) if _matches(pattern, line) and i not in hits]


def _matches(pattern: regex.Pattern[str], line: str) -> bool:
    """Whether ``regex`` finds ``pattern`` in ``line``; False if it does not finish:
    some patterns under full case folding never return on some lines (the example
    below), and the engine then reports a time-out and leaves the document as it was."""
    try:
        return pattern.search(line, timeout=0.5) is not None
    except TimeoutError:
        return False


@settings(max_examples=400, deadline=None)
@example(r"(?:(?<=a))??(?:((?>(?:[a-z])*(?!k))(?:s)*+\s|^))*+(?:.){1,3}ss", FLAGS[1], ["A K\u00df_SK "])
@given(patterns(), st.sampled_from(FLAGS), st.lists(st.text(ALPHABET, max_size=8), min_size=1, max_size=6))
def test_relaxed_pattern_never_misses_a_line(source: str, flags: int, lines: list[str]) -> None:
    try:
        pattern = regex.compile(source, flags)
    except regex.error:
        return
    assert _misses(pattern, lines) == []


@pytest.mark.parametrize(
    ("source", "flags", "line"),
    [
        ("strasse", regex.IGNORECASE | regex.FULLCASE, "STRAßE"),
        ("straße", regex.IGNORECASE | regex.FULLCASE, "STRASSE"),
        (r"ss \w$", regex.IGNORECASE | regex.FULLCASE, "ß ß"),
        ("[ß]x", regex.IGNORECASE | regex.FULLCASE, "ssx"),
        ("kelvin", regex.IGNORECASE, "\u212aELVIN"),
        ("istanbul", regex.IGNORECASE | regex.FULLCASE, "İstanbul"),
        (r"\d\d", 0, "٣٣"),
        (r"^\s*x", 0, "\u3000x"),
        (r"(?<=\. )More", 0, "End. More"),
        (r"(\d) \1", 0, "8 8"),
        (r"^(?!.*said).*?\bfoo", 0, "a foo"),
        (r"^(?!x)(?:.*?(?:[.!]|\bby)\s+)?\W*sign up", regex.IGNORECASE | regex.FULLCASE, "Done. SIGN UP"),
        (r"^(?:.*?, )?(?:x|^.*y)z", 0, "a, yz"),
    ],
)
def test_known_hard_cases_are_found(source: str, flags: int, line: str) -> None:
    pattern = regex.compile(source, flags)
    assert pattern.search(line)
    assert _misses(pattern, ["nothing here", line]) == []


# Under full case folding ``regex`` reads a ß of the text as the "ss" of two literal
# characters wherever its optimiser joins them into one string, across groups,
# branches it factors (``s(?:sa|sb)``) and ``{1}``: every such pattern, on every short
# line of these characters.
SHARP_LINES = ["".join(chars) for n in range(1, 5) for chars in itertools.product("sßaẞtﬆ", repeat=n)]


@pytest.mark.parametrize(
    "source",
    [
        *("ssa", "s(?:sa|sb)", "(?:as|bs)s", "sßa", "ßsa", "sﬆ", "s?sa", "s{1}sa", r".[s](?:s)"),
        *(r"\btSs", "a(s)s", "[s]\u017fa"),  # U+017F, the long s, folds to s
    ],
)
def test_sharp_s_stands_for_any_two_esses(source: str) -> None:
    pattern = regex.compile(source, regex.IGNORECASE | regex.FULLCASE)
    assert any(pattern.search(line) for line in SHARP_LINES if "ß" in line or "ẞ" in line)
    assert _misses(pattern, SHARP_LINES) == []


def test_relaxed_pattern_still_filters() -> None:
    """Over-approximating is allowed, but a literal stays a literal."""
    scanner = Scanner([regex.compile(r"^\s*Got a story\b")])
    assert scanner.scan("Body.\nGot a story? Call us.\nMore body.\n") == {1: [0]}


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        (r"^(?!.*\bsaid\b).*?\bfoo", "foo"),
        (r"^.*foo|^\s*bar", r"foo|^\s*bar"),
        (r"^(?:.*?[.!]\s+)?\W*foo", r"\W*foo"),
        (r"(?i)^.*?foo", "(?i)foo"),
    ],
)
def test_a_run_of_any_text_after_the_line_start_is_left_out(source: str, plain: str) -> None:
    """``^(?!...).*?X`` holds a match where ``X`` does: RE2 then looks for ``X``, not for
    every line from its start (a rule written so made the scan eight times slower)."""
    assert relax(regex.compile(source)).source == relax(regex.compile(plain)).source


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (r"(?:colour){e<=1}", "fuzzy"),
        (r"(?L)\w+", "locale"),
        (r"(?r)abc", "reverse"),
        (r"(a(?1)?b)", "has no RE2 counterpart"),
    ],
)
def test_what_cannot_be_relaxed_says_why(source: str, reason: str) -> None:
    with pytest.raises(Unsupported, match=reason):
        relax(regex.compile(source))


def test_exponential_backtracking_stays_with_regex() -> None:
    """Its time limit is what the engine promises for such a rule; RE2 would skip the
    lines where it runs out of time. Polynomial shapes gain from RE2 and go there."""
    assert route(regex.compile(r"^(a|aa)+$")).startswith("regex: prone to catastrophic backtracking")
    assert route(regex.compile(r"^\s*-?\s*(?:one|two) min read\s*$")) == RE2_ROUTE

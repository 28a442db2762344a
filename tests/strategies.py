"""Hypothesis strategies and checks shared by the property tests and the fuzz targets.

Documents are drawn from lines the bundled rules act on (their own ``remove``
examples), lines they must keep, and random text over an alphabet rich in the
characters that matter here: line separators, spaces, NUL, right-to-left and
CJK letters. Rule packs are drawn from a small alphabet so that rules overlap
and interact (a strip that leaves a line another rule matches, a block whose
end comes within reach once lines go).
"""

from __future__ import annotations

import re
from functools import cache

import yaml
from hypothesis import strategies as st

from cleaner.packs.loader import default_rules_dir, load_packs

SEPARATORS = "\u2028\u2029\u0085\x0c\x0b\x1c\x1d\x1e"
ALPHABET = "ab XY.:\t" + SEPARATORS + "\x00\u05d0\u0627\u4e2d\u3042\ufeff\u00e9"
NEWLINES = ("\n", "\r\n", "\r")


@cache
def bundled_examples() -> tuple[str, ...]:
    """Every remove and keep example of the bundled packs, one line each."""
    lines = []
    for pack in load_packs([default_rules_dir()]):
        for rule in pack.rules:
            lines += [*rule.examples.remove, *rule.examples.keep]
    return tuple(line for example in lines for line in example.splitlines())


def lines(alphabet: str = ALPHABET) -> st.SearchStrategy[str]:
    """One line: random text, or a line the bundled rules know."""
    return st.one_of(
        st.text(alphabet, max_size=30),
        st.sampled_from(bundled_examples()),
        st.sampled_from(("", "  ", "Related Articles", "Comments", "MORE: x", "8 8 8")),
    )


@st.composite
def documents(draw: st.DrawFn, alphabet: str = ALPHABET) -> str:
    """A document of up to 12 lines, each ended by any newline style (or not at all)."""
    body = draw(st.lists(lines(alphabet), max_size=12))
    ends = draw(st.lists(st.sampled_from(NEWLINES), min_size=len(body), max_size=len(body)))
    text = "".join(line + end for line, end in zip(body, ends, strict=True))
    return text[: -len(ends[-1])] if body and draw(st.booleans()) else text


_WORDS = st.text("abXY. :", min_size=1, max_size=4).filter(lambda s: s.strip())


def _matcher() -> st.SearchStrategy[dict[str, str]]:
    return st.builds(
        lambda kind, value: {kind: value},
        st.sampled_from(("line", "prefix", "suffix", "contains")),
        _WORDS,
    ) | st.builds(
        lambda value: {"regex": value}, st.sampled_from((r"a+b", r"X\s*Y", r"^\w+$", r"b\.", r"(?i)xy"))
    )


@st.composite
def _rule(draw: st.DrawFn, number: int) -> dict[str, object]:
    action = draw(st.sampled_from(("drop-line", "strip", "truncate-at", "truncate-at-cluster", "drop-block")))
    rule: dict[str, object] = {"id": f"t.r{number}"}
    if action == "truncate-at-cluster":
        need = draw(st.integers(2, 3))
        rule[action] = {
            "match": draw(_matcher()),
            "min-lines": need,
            "within-lines": draw(st.integers(need, 5)),
        }
        if draw(st.booleans()):
            rule[action]["max-run"] = draw(st.integers(1, 2))
    elif action == "drop-block":
        rule[action] = {
            "start": draw(_matcher()),
            "end": draw(_matcher()),
            "max-lines": draw(st.integers(1, 4)),
        }
    else:
        rule[action] = draw(_matcher())
    if action in ("drop-line", "strip", "truncate-at", "truncate-at-cluster") and draw(st.booleans()):
        rule["max-words"] = draw(st.integers(1, 4))
    if action == "drop-line":
        rule["position"] = draw(st.sampled_from(("any", "head", "tail")))
        rule["keep-data-rows"] = draw(st.booleans())
    if action in ("truncate-at", "truncate-at-cluster"):
        rule["min-words-before"] = draw(st.integers(0, 3))
    if action in ("truncate-at", "truncate-at-cluster", "drop-block") and draw(st.booleans()):
        rule["stop-at-prose"] = {
            "lines": draw(st.integers(1, 2)),
            "words": draw(st.integers(1, 3)),
            "gap": draw(st.integers(0, 1)),
            "min-cut": draw(st.integers(1, 3)),
        }
        if draw(st.booleans()):
            rule["stop-at-prose"]["long-line"] = draw(st.integers(1, 6))
        if draw(st.booleans()):
            rule["stop-at-prose"]["sentence-words"] = draw(st.integers(1, 3))
        if draw(st.booleans()):
            rule["stop-at-prose"]["speech-words"] = draw(st.integers(1, 3))
            if draw(st.booleans()):
                rule["stop-at-prose"]["narration-words"] = draw(st.integers(1, 3))
            if draw(st.booleans()):
                rule["stop-at-prose"]["end-lines"] = draw(st.integers(1, 2))
        if draw(st.booleans()):
            rule["stop-at-prose"]["closing-words"] = draw(st.integers(1, 3))
        rule["stop-at-prose"]["subheadings"] = draw(st.booleans())
        if action == "truncate-at":
            rule["stop-at-prose"]["quoted"] = draw(st.booleans())
            if draw(st.booleans()):
                rule["stop-at-prose"]["section-words"] = draw(st.integers(1, 3))
    rule["ignore-case"] = draw(st.booleans())
    return rule


@st.composite
def pack_texts(draw: st.DrawFn) -> str:
    """The YAML text of a valid pack of 1 to 4 interacting rules."""
    count = draw(st.integers(1, 4))
    rules = [draw(_rule(n)) for n in range(count)]
    return yaml.safe_dump({"rules": rules}, allow_unicode=True)


_KEYS = (
    "rules",
    "id",
    "pack",
    "sources",
    "drop-line",
    "strip",
    "truncate-at",
    "truncate-at-cluster",
    "match",
    "min-lines",
    "within-lines",
    "drop-block",
    "prune",
    "line",
    "prefix",
    "regex",
    "start",
    "end",
    "max-lines",
    "max-words",
    "position",
    "examples",
    "remove",
    "keep",
    "ignore-case",
    "min-words-before",
    "stop-at-prose",
    "keep-data-rows",
    "lines",
    "words",
    "gap",
    "aliases",
    "selector",
    "description",
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.sampled_from(("(", "a{99999999999}", "[z-a]", "x" * 3, "t.a", "tail")),
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=25,
)
_YAML_BITS = st.sampled_from(
    (
        "rules:",
        "\n",
        "  - ",
        "id: ",
        "a.b",
        "drop-line: ",
        "{line: x}",
        "&a ",
        "*a",
        "!!python/object:os.system",
        "!!binary",
        "? ",
        ": ",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "#",
        "- ",
        "<<: ",
        "---",
        "%YAML 1.1",
        "\t",
        "~",
        "\x00",
        "\\",
        "|",
        ">",
        "1e400",
        ".nan",
        "yes",
        "2020-01-01",
        "\u2028",
        "\ufeff",
    )
)


def yaml_texts() -> st.SearchStrategy[str]:
    """Text a loader may be handed: dumps of random data, YAML fragments, mutated packs."""
    dumped = _DATA.map(lambda data: yaml.safe_dump(data, allow_unicode=True))
    fragments = st.lists(_YAML_BITS | st.text(max_size=3), max_size=25).map("".join)
    return st.one_of(dumped, fragments, _mutated_packs())


@st.composite
def _mutated_packs(draw: st.DrawFn) -> str:
    """A valid pack with a few characters deleted, replaced or inserted."""
    text = draw(pack_texts())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(":-[]{}'\"&*!? \n", max_size=2)) + text[at + 1 :]
    return text


def squash(text: str) -> str:
    """A line with every run of whitespace made one space: a strip cut may join the
    whitespace on both sides of the cut into one space."""
    return re.sub(r"\s+", " ", text)


def is_subsequence(small: str, big: str) -> bool:
    found = iter(big)
    return all(ch in found for ch in small)


def only_removes(before: str, after: str) -> bool:
    """Cleaning never adds text, precisely: the output's lines map, in order, to input
    lines (split on \\n, \\r\\n and \\r), and each output line, whitespace runs made one
    space, is a subsequence of its input line, whitespace runs made one space. A
    byte-order mark starting the input is the text's, not its first line's: the output
    starts with it (unless empty), whichever lines went, and has no other."""
    if before.startswith("\ufeff") and after:
        if not after.startswith("\ufeff"):
            return False
        before, after = before[1:], after[1:]
    inputs = iter(squash(line) for line in re.split(r"\r\n|\r|\n", before))
    outputs = after.split("\n")[:-1] if after else []  # the engine's output ends with "\n"
    return all(any(is_subsequence(squash(line), source) for source in inputs) for line in outputs)

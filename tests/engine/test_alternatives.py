"""cleaner.engine.alternatives: a matcher's values searched one by one."""

from __future__ import annotations

import pytest
import regex

from cleaner.engine.alternatives import Alternatives
from cleaner.engine.compiler import compile_rule
from cleaner.packs.loader import parse_pack

VALUES = [r"^Closing date:", r"\([^()]{2,40}, 20\d\d\)$", r"^\d\d:\d\d = "]
LINES = [
    "Closing date: 1 May",
    "Mary Beard, SPQR (Profile, 2015)",
    "03:10 = Budget",
    "The plans close on 1 May.",
    "",
    "closing date: 1 May",
]


@pytest.mark.parametrize("line", LINES)
def test_alternatives_answer_as_the_alternation_of_their_values(line: str) -> None:
    joined = regex.compile("|".join(f"(?:{v})" for v in VALUES))
    each = Alternatives([regex.compile(v) for v in VALUES])
    assert (each.search(line) is None) is (joined.search(line) is None)


def test_a_cut_s_stop_at_values_are_searched_one_by_one_with_the_rule_s_flags() -> None:
    pack = parse_pack(
        "rules:\n  - id: t.cut\n    truncate-at: {line: Comments}\n    ignore-case: true\n"
        "    stop-at: {regex: ['^Closing date:', 'References$']}\n"
    )
    stop = compile_rule(pack.rules[0]).stop
    assert isinstance(stop, Alternatives)
    assert stop.search("closing DATE: 1 May") is not None  # ignore-case holds for each value
    assert stop.search("REFERENCES") is not None
    assert stop.search("Closing remarks") is None

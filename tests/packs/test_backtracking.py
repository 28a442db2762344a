"""Which regexes the lint calls prone to catastrophic backtracking, and which it leaves alone."""

from __future__ import annotations

import pytest
import regex

from cleaner.engine.compiler import lint_rule
from cleaner.packs.backtracking import UNREADABLE, backtracking_risk
from cleaner.packs.loader import default_rules_dir, load_packs
from cleaner.packs.model import Action, Matcher, Rule

EXPONENTIAL = [
    r"(a|aa)+",  # overlapping alternatives under a repeat
    r"^(a|aa)+$",
    r"(\w|\d)+",
    r"^(?:\d+|\w+)+$",
    r"^(a+)+$",  # nested quantifiers
    r"^(\w+\s?)*$",
    r"(?:[a-z]+\s?)+!",
    r"^(a*)*b",
    r"^([^,]*,?){5,}$",
    r"(?i)^(?:a|A)+$",  # the same letter once case is ignored
    r"(?x) ( a | aa ) +  # verbose",
    r"(?=(a+)+b)",  # inside a lookahead
    r"(?P<w>\w)(?:(?P=w)|\w)+x",  # a backreference is a copy of its group
]
POLYNOMIAL = [
    (r"(.*?,){11}", 12),  # 11 loops that all read commas, plus the retry at each position
    (r"^(.*?,){11}P", 11),
    (r"\s*\s*\s*x", 4),
    (r"\p{Lu}+\p{L}+\w+", 4),
]
SAFE = [
    r"^(?:a|b)+$",
    r"^(?:Read more|Read)+x",  # alternatives that share a prefix but cannot split one text two ways
    r"^Follow (?:us|\w+(?: \w+){0,3}) on X",
    r"^(\w+\s)+x",
    r"^\s*\d{1,2} (?:seconds?|minutes?) ago\s*$",
    r"^Sign up for our .{0,40}newsletter",  # a bounded repeat is no loop
    r"^(.*?,){2}P",  # degree 2: quadratic, common, left to the time limit
    r"a++b",  # possessive and atomic: nothing to backtrack into
    r"^(?>a+)+b",
    r"(?:\x41|a)+",  # \x41 is "A": no overlap without ignore-case
]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_exponential_patterns_are_found(pattern: str) -> None:
    assert "exponential" in (backtracking_risk(pattern) or "")


@pytest.mark.parametrize(("pattern", "degree"), POLYNOMIAL)
def test_polynomial_patterns_are_found_with_their_degree(pattern: str, degree: int) -> None:
    assert f"about n^{degree} steps" in (backtracking_risk(pattern) or "")


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_pass(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


def test_ignore_case_flag_counts() -> None:
    assert backtracking_risk(r"^(?:a|A)+$") is None
    assert backtracking_risk(r"^(?:a|A)+$", regex.IGNORECASE) is not None


@pytest.mark.parametrize(
    "pattern", [r"(?(1)a|b)", r"(a)(?1)", r"(*SKIP)x", r"\L<words>", "(" * 3000 + ")" * 3000]
)
def test_patterns_it_cannot_read_get_no_verdict(pattern: str) -> None:
    assert backtracking_risk(pattern) == UNREADABLE


def _rule(*values: str) -> Rule:
    return Rule(id="t.slow", action=Action.DROP_LINE, matcher=Matcher("regex", values))


def test_lint_warns_per_value_and_falls_back_to_the_nested_quantifier_shape() -> None:
    [warning] = lint_rule(_rule(r"^ok$", r"(a|aa)+"))
    assert warning.startswith("regex '(a|aa)+': ") and "catastrophic backtracking" in warning
    [fallback] = lint_rule(_rule(r"(?(1)a|b)(\w+\s?)*"))
    assert "nested quantifiers" in fallback


def test_bundled_packs_have_no_risky_regex() -> None:
    packs = load_packs([default_rules_dir()])
    assert [(r.id, lint_rule(r)) for p in packs for r in p.rules if lint_rule(r)] == []

"""The loader against random YAML: it loads a pack or raises RuleError, never anything else;
and what loads compiles, lints and runs (a rule may only time out)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings

from cleaner.engine.compiler import RuleSet, lint_rule
from cleaner.engine.run import run
from cleaner.errors import RuleError, RuleTimeoutError
from cleaner.packs.loader import parse_pack
from tests.strategies import yaml_texts

SAMPLE = "Body.\nMORE: x\n\nab XY\nX\nY\nRelated\n"


def load_and_use(text: str) -> None:
    """Everything a pack goes through, raising only what a user may see as a message."""
    try:
        rules = RuleSet([parse_pack(text, path="p.yaml")])
    except RuleError as exc:
        assert exc.path == "p.yaml"
        return
    for rule in rules.all_rules():
        lint_rule(rule.rule)
    with contextlib.suppress(RuleTimeoutError):  # the only error a run may raise
        run(SAMPLE, rules.all_rules(), timeout=0.2)


@settings(max_examples=150, deadline=None)
@given(yaml_texts())
def test_random_yaml_loads_or_raises_rule_error(text: str) -> None:
    load_and_use(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("? [a]\n: b\nrules: []\n", "a key must be text"),  # was: TypeError, unhashable
        ("1: x\nrules: []\n", "a key must be text"),  # was: TypeError in "did you mean"
        ("~: x\nrules: []\n", "a key must be text"),
        (".nan: x\nrules: []\n", "a key must be text"),  # was: ValueError from ast
        ("rules:\n  - {id: a.b, drop-line: {line: x}, yes: 1}\n", "a key must be text"),
        (
            "rules:\n  - id: a.b\n    drop-line: {line: x}\n    max-words: 100000000000000000000\n",
            "max-words",
        ),
        (
            "rules:\n  - id: a.b\n    drop-line: {regex: '" + "(" * 5000 + ")" * 5000 + "'}\n",
            "nested too deeply",
        ),
        ("a: &a [*a]\nrules: []\n", "recursive"),
        ("rules: !!python/object/apply:os.system ['true']\n", "could not determine a constructor"),
        ("[" * 2000, "invalid YAML"),
    ],
)
def test_hostile_packs_are_located_rule_errors(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message) as info:
        RuleSet([parse_pack(text, path="p.yaml")])
    assert str(info.value).startswith("p.yaml")


def test_largest_max_words_still_cleans() -> None:
    pack = parse_pack("rules:\n  - id: a.b\n    drop-line: {line: x}\n    max-words: 100000\n")
    assert run("x\ny\n", RuleSet([pack]).all_rules()).text == "y\n"

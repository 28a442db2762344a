"""Every bundled rule: its examples hold, and it has a description and both kinds of example.

(sqlfluff's YAML cases and docstring test: a rule without proof is not done.)
"""

from __future__ import annotations

import pytest

from cleaner.api import default_cleaner
from cleaner.engine.examples import example_failures, missing_examples
from cleaner.packs.model import Action

RULES = [rule for pack in default_cleaner().packs for rule in pack.rules]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples_hold(rule) -> None:
    assert example_failures(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented_and_has_both_examples(rule) -> None:
    assert rule.description.strip(), f"{rule.id} has no description"
    assert missing_examples(rule) == []


def test_ids_are_prefixed_with_their_pack() -> None:
    for pack in default_cleaner().packs:
        for rule in pack.rules:
            assert rule.id.startswith(pack.name + "."), rule.id


def test_every_action_kind_is_used_by_some_bundled_rule_or_tested_elsewhere() -> None:
    used = {rule.action for rule in RULES}
    assert {Action.DROP_LINE, Action.STRIP, Action.TRUNCATE_AT} <= used

"""Run a rule's own examples: what it must remove, what it must leave alone.

A one-line example asks "does this rule act on this line?": the line guard
(``max-words``) applies, the document guard ``min-words-before`` does not (a
single line has no words before it), and for ``truncate-at-cluster`` it asks
whether the line counts as one line of a cluster. An example with several lines is a whole
document and runs with every guard, so position and block rules can be shown
in context.
"""

from __future__ import annotations

import dataclasses

from cleaner.engine.compiler import compile_rule
from cleaner.engine.run import DEFAULT_TIMEOUT, run
from cleaner.errors import RuleExampleError
from cleaner.packs.model import Action, Rule


def _acts_on(rule: Rule, example: str, timeout: float) -> bool:
    if "\n" not in example.strip("\n"):
        rule = dataclasses.replace(rule, min_words_before=0)
        if rule.action is Action.TRUNCATE_AT_CLUSTER:  # one line is one member of a cluster
            rule = dataclasses.replace(rule, action=Action.TRUNCATE_AT)
    result = run(example, [compile_rule(rule)], timeout=timeout)
    return bool(result.removals)


def example_failures(rule: Rule, *, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """What is wrong with the rule's examples; empty when they all hold."""
    if rule.action is Action.PRUNE:
        return []
    failures = [
        f"does not remove its example {text!r}"
        for text in rule.examples.remove
        if not _acts_on(rule, text, timeout)
    ]
    failures += [
        f"removes text from its keep example {text!r}"
        for text in rule.examples.keep
        if _acts_on(rule, text, timeout)
    ]
    return failures


def missing_examples(rule: Rule) -> list[str]:
    """Bundled rules must show both sides: at least one remove and one keep example."""
    if rule.action is Action.PRUNE:
        return []
    missing = [side for side in ("remove", "keep") if not getattr(rule.examples, side)]
    return [f"has no '{side}' example" for side in missing]


def check_examples(rule: Rule, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Raise RuleExampleError, located at the rule, if an example does not hold."""
    failures = example_failures(rule, timeout=timeout)
    if failures:
        raise RuleExampleError("; ".join(failures), path=rule.path, line=rule.line, rule_id=rule.id)

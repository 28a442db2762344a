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
from cleaner.errors import RuleExampleError, RuleTimeoutError
from cleaner.packs.model import Action, Rule


def _acts_on(rule: Rule, example: str, timeout: float) -> bool:
    if "\n" not in example.strip("\n"):
        rule = dataclasses.replace(rule, min_words_before=0)
        if rule.action is Action.TRUNCATE_AT_CLUSTER:  # one line is one member of a cluster
            rule = dataclasses.replace(rule, action=Action.TRUNCATE_AT)
    result = run(example, [compile_rule(rule)], timeout=timeout)
    return bool(result.removals)


def example_failures(rule: Rule, *, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """What is wrong with the rule's examples; empty when they all hold.

    An example the rule runs out of time on fails as that example: the check goes
    on with the rule's other examples (and the caller with the other rules)."""
    if rule.action is Action.PRUNE:
        return []
    failures = []
    for side, wanted in (("remove", True), ("keep", False)):
        for text in getattr(rule.examples, side):
            try:
                if _acts_on(rule, text, timeout) != wanted:
                    failures.append(_WRONG[side].format(text=text))
            except RuleTimeoutError as exc:
                failures.append(f"{side} example {_shortened(text)} timed out after {exc.seconds:g}s{_SLOW}")
    return failures


_WRONG = {
    "remove": "does not remove its example {text!r}",
    "keep": "removes text from its keep example {text!r}",
}
_SLOW = " (prone to catastrophic backtracking?)"


def _shortened(text: str, limit: int = 40) -> str:
    """``text`` quoted, its middle cut when long: a text that makes a pattern backtrack
    is often long, and its end (the character that fails the match) tells why."""
    if len(text) > limit:
        text = f"{text[: limit - 11]}…{text[-10:]}"
    return repr(text)


def missing_examples(rule: Rule) -> list[str]:
    """Bundled rules must show both sides: at least one remove and one keep example."""
    if rule.action is Action.PRUNE:
        return []
    missing = [side for side in ("remove", "keep") if not getattr(rule.examples, side)]
    return [f"has no '{side}' example" for side in missing]


# Lines of an ordinary article, each unlike the others: a rule that acts on every one
# of them acts on any line, and empties every document it meets.
_ORDINARY = (
    "The council met on Monday evening to discuss the budget for next year.",
    "Residents asked why the library would close two days a week.",
    "\u201cWe have no other choice,\u201d the treasurer said.",
    "12 of the 15 members voted in favour.",
    "A second vote is planned for March, when the new figures are due, and the debate "
    "is expected to last well into the night as members of every party have asked to "
    "speak on the closures, the repairs to the old bridge over the river, and the rise "
    "in the price of parking in the centre of the town.",
    "Ja.",
)


def acts_on_every_line(rule: Rule, *, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """A warning if the rule acts on every line of an ordinary article (``(?s).*``,
    ``truncate-at: {regex: ^}``): it would empty every document, with no error."""
    if rule.action is Action.PRUNE:
        return []
    try:
        if not all(_acts_on(rule, line, timeout) for line in _ORDINARY):
            return []
    except RuleTimeoutError as exc:
        return [f"timed out after {exc.seconds:g}s on a line of an ordinary article{_SLOW}"]
    return ["acts on any line (it removed every line of an ordinary article): it would empty every document"]


def check_examples(rule: Rule, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Raise RuleExampleError, located at the rule, if an example does not hold."""
    failures = example_failures(rule, timeout=timeout)
    if failures:
        raise RuleExampleError("; ".join(failures), path=rule.path, line=rule.line, rule_id=rule.id)

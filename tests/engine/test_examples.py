"""The example runner itself: a wrong example is caught, located, in both directions."""

from __future__ import annotations

import dataclasses

import pytest

from cleaner.engine.examples import acts_on_every_line, check_examples, example_failures, missing_examples
from cleaner.errors import RuleExampleError
from cleaner.packs.model import Action, Examples, Matcher, Rule


def _rule(remove=(), keep=(), **extra) -> Rule:
    return Rule(
        id="t.more",
        action=Action.DROP_LINE,
        matcher=Matcher("prefix", ("MORE:",)),
        examples=Examples(tuple(remove), tuple(keep)),
        path="p.yaml",
        line=7,
        **extra,
    )


def test_holding_examples() -> None:
    assert example_failures(_rule(["MORE: x"], ["more: y"])) == []


def test_remove_example_that_survives_and_keep_example_that_goes() -> None:
    failures = example_failures(_rule(["Nothing here"], ["MORE: oops"]))
    assert failures == [
        "does not remove its example 'Nothing here'",
        "removes text from its keep example 'MORE: oops'",
    ]
    with pytest.raises(RuleExampleError, match=r"^p\.yaml:7: rule 't\.more':"):
        check_examples(_rule(["Nothing here"]))


def test_one_line_truncate_example_ignores_min_words_before_but_documents_do_not() -> None:
    rule = Rule(
        id="t.rel",
        action=Action.TRUNCATE_AT,
        matcher=Matcher("line", ("Related",)),
        min_words_before=3,
        examples=Examples(("Related", "one two three\nRelated\nx"), ("one\nRelated\nx",)),
    )
    assert example_failures(rule) == []


def test_one_line_cluster_example_is_one_member_but_a_document_needs_the_cluster() -> None:
    rule = Rule(
        id="t.thread",
        action=Action.TRUNCATE_AT_CLUSTER,
        matcher=Matcher("prefix", ("Thanks",)),
        min_lines=2,
        within_lines=3,
        min_words_before=2,
        examples=Examples(
            ("Thanks!", "Body text.\nThanks!\nThanks, Jo."),
            ("Thanks to the rain.\nIt rose.\nThe end.\nThanks all.", "Body text.\nThanks!"),
        ),
    )
    assert example_failures(rule) == []
    one_alone = dataclasses.replace(rule, examples=Examples(("Body text.\nThanks!",), ("Thanks all.",)))
    assert example_failures(one_alone) == [
        "does not remove its example 'Body text.\\nThanks!'",
        "removes text from its keep example 'Thanks all.'",
    ]


def test_missing_examples_are_named() -> None:
    assert missing_examples(_rule()) == ["has no 'remove' example", "has no 'keep' example"]


def test_an_example_that_times_out_is_a_failure_of_that_example() -> None:
    slow = "a" * 45 + "b"
    rule = dataclasses.replace(_rule(["aaaa", slow], [slow]), matcher=Matcher("regex", ("^(a|aa)+$",)))
    assert example_failures(rule, timeout=0.05) == [
        f"remove example {'a' * 29 + '…' + 'a' * 9 + 'b'!r} timed out after 0.05s"
        " (prone to catastrophic backtracking?)",
        f"keep example {'a' * 29 + '…' + 'a' * 9 + 'b'!r} timed out after 0.05s"
        " (prone to catastrophic backtracking?)",
    ]


def test_a_rule_that_times_out_on_ordinary_text_is_a_warning_not_a_crash() -> None:
    rule = dataclasses.replace(_rule(), matcher=Matcher("regex", (r"^(\w|\w\w|\s)+$",)))
    assert acts_on_every_line(rule, timeout=0.05) == [
        "timed out after 0.05s on a line of an ordinary article (prone to catastrophic backtracking?)"
    ]

"""Per-rule statistics count what a user sees go: a line a strip leaves with no text
went, and is counted as a line; totals say "1 document", "2 documents"."""

from __future__ import annotations

from cleaner.api import Cleaner
from cleaner.packs.model import Action, Matcher, Pack, Rule
from cleaner.report.stats import Stats


def _cleaner(*rules: Rule) -> Cleaner:
    return Cleaner([Pack("t", rules)], defaults=False)


def _strip(rule_id: str, regex: str) -> Rule:
    return Rule(rule_id, Action.STRIP, matcher=Matcher("regex", (regex,)))


COUNTS = _strip("t.counts", r"\b\d+(?: \d+)+\b")
CREDIT = _strip("t.credit", r"Photo: \w+")


def _stats(cleaner: Cleaner, *texts: str) -> Stats:
    stats = Stats()
    for text in texts:
        stats.add(cleaner.run(text), flagged=False)
    return stats


def test_a_line_a_strip_leaves_empty_counts_as_a_removed_line() -> None:
    stats = _stats(_cleaner(COUNTS), "The council met on Tuesday.\n8 8 8\nThe vote passed.\n")
    assert stats.as_dict(max_loss=0.5)["rules"] == {"t.counts": {"documents": 1, "lines": 1, "chars": 5}}


def test_a_strip_that_leaves_text_removes_no_line() -> None:
    stats = _stats(_cleaner(COUNTS), "The council met.\nGallery 8 8 8 of the day\n", "Scores 1 2 and more\n")
    assert stats.rules["t.counts"].lines == 0
    assert stats.rules["t.counts"].documents == 2


def test_a_line_two_strips_empty_counts_once_for_the_strip_that_left_it_empty() -> None:
    text = "Body text here.\r\n  8 8 8 Photo: Reuters  \r\nMore.\r\n"
    stats = _stats(_cleaner(COUNTS, CREDIT), text)  # the counts go first, then the credit
    assert (stats.rules["t.counts"].lines, stats.rules["t.credit"].lines) == (0, 1)
    stats = _stats(_cleaner(CREDIT, COUNTS), text)
    assert (stats.rules["t.counts"].lines, stats.rules["t.credit"].lines) == (1, 0)


def test_a_line_a_strip_cut_and_a_later_pass_dropped_counts_once_as_dropped() -> None:
    drop = Rule("t.drop", Action.DROP_LINE, matcher=Matcher("line", ("Advertisement",)))
    result = _cleaner(drop, CREDIT).run("Body.\nPhoto: Reuters Advertisement\n")
    assert [(r.rule_id, r.whole_line) for r in result.removals] == [("t.credit", False), ("t.drop", True)]
    stats = Stats()
    stats.add(result, flagged=False)
    assert {rule: count.lines for rule, count in stats.rules.items()} == {"t.drop": 1, "t.credit": 0}


def test_totals_say_document_or_documents() -> None:
    cleaner = _cleaner(COUNTS)
    assert _stats(cleaner, "8 8 8\nText.\n").table()[-1] == (
        "1 document: 1 changed, 0 failed, 0 flagged for word loss"
    )
    assert _stats(cleaner, "Text.\n", "Text.\n").table()[-1].startswith("2 documents: 0 changed")

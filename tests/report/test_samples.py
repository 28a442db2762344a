"""Samples for the review page: the first of each rule, in context, bounded."""

from __future__ import annotations

from cleaner.api import Cleaner
from cleaner.packs.model import Action, Matcher, Pack, Rule
from cleaner.report.samples import SHOWN_CHARS, Mark, Samples

PACK = Pack(
    "t",
    (
        Rule("t.promo", Action.DROP_LINE, matcher=Matcher("prefix", ("PROMO:",))),
        Rule("t.ad", Action.STRIP, matcher=Matcher("contains", ("[ad]",))),
    ),
)
CLEANER = Cleaner([PACK], defaults=False)


def _document(n: int) -> str:
    return f"Title {n}\nOne.\nTwo [ad] two.\nPROMO: buy {n}\nThree.\nFour.\nFive.\n"


def test_a_rule_keeps_its_first_samples_one_per_document() -> None:
    samples = Samples(per_rule=3)
    for n in range(10):
        samples.note(f"doc{n}", CLEANER.run(_document(n) + "PROMO: again\n"))
    assert [s.record for s in samples.by_rule["t.promo"]] == ["doc0", "doc1", "doc2"]
    assert [s.line for s in samples.by_rule["t.promo"]] == [4, 4, 4]  # the first of two in each


def test_context_lines_carry_every_rules_marks() -> None:
    samples = Samples(context=2)
    samples.note("doc", CLEANER.run(_document(7)))
    (sample,) = samples.by_rule["t.promo"]
    assert [(shown.number, shown.text) for shown in sample.lines] == [
        (2, "One."),
        (3, "Two [ad] two."),
        (4, "PROMO: buy 7"),
        (5, "Three."),
        (6, "Four."),
    ]
    assert sample.lines[1].marks == (Mark(4, 8, "t.ad"),)
    assert sample.lines[2].marks == (Mark(0, 12, "t.promo"),)
    assert [shown.number for shown in samples.by_rule["t.ad"][0].lines] == [1, 2, 3, 4, 5]


def test_line_numbers_are_the_inputs_whatever_its_line_ends() -> None:
    samples = Samples(context=1)
    samples.note("doc", CLEANER.run(_document(1).replace("\n", "\r\n")))
    assert [(s.number, s.text) for s in samples.by_rule["t.promo"][0].lines] == [
        (3, "Two [ad] two."),
        (4, "PROMO: buy 1"),
        (5, "Three."),
    ]


def test_a_long_line_is_cut_around_its_removal() -> None:
    line = "x" * 5000 + " [ad] " + "y" * 5000
    samples = Samples()
    samples.note("doc", CLEANER.run(f"Before.\n{line}\nAfter.\n"))
    shown = samples.by_rule["t.ad"][0].lines[1]
    assert len(shown.text) == SHOWN_CHARS and shown.cut and 0 < shown.offset < 5000
    (mark,) = shown.marks
    assert shown.text[mark.start : mark.end] == "[ad]"
    assert line[shown.offset : shown.offset + SHOWN_CHARS] == shown.text


def test_merge_keeps_the_first_samples_of_the_run() -> None:
    first, second = Samples(per_rule=2), Samples(per_rule=2)
    for n in range(3):
        first.note(n, CLEANER.run(_document(n)))
        second.note(n + 10, CLEANER.run(_document(n)))
    first.merge(second)
    assert [s.record for s in first.by_rule["t.promo"]] == [0, 1]
    one = Samples(per_rule=2)
    one.note(0, CLEANER.run(_document(0)))
    one.merge(second)
    assert [s.record for s in one.by_rule["t.promo"]] == [0, 10]


def test_renumber_moves_only_records_known_by_their_line() -> None:
    samples = Samples()
    samples.note(3, CLEANER.run(_document(0)), by_line=True)
    samples.note(3, CLEANER.run(_document(1)))  # an id that happens to be a number
    samples.renumber(100)
    assert [s.record for s in samples.by_rule["t.promo"]] == [103, 3]


def test_a_node_pruned_from_a_page_is_its_own_sample_without_context() -> None:
    pack = Pack("h", (Rule("h.share", Action.PRUNE, selectors=(".share",)), *PACK.rules))
    page = (
        "<html><body><article><h1>Title</h1>"
        + "".join(f"<p>Paragraph {n} of the article, long enough to be its body.</p>" for n in range(5))
        + "<p>PROMO: buy now</p></article><div class='share'>Share this</div></body></html>"
    )
    samples = Samples()
    samples.note("page.html", Cleaner([pack], defaults=False).run_html(page))
    (pruned,) = samples.by_rule["h.share"]
    assert pruned.line == 0
    assert [(s.number, s.text, s.marks) for s in pruned.lines] == [
        (0, "Share this", (Mark(0, 10, "h.share"),))
    ]
    (promo,) = samples.by_rule["t.promo"]
    assert promo.lines[-1].text == "PROMO: buy now"  # the pruned node marks no line of the text
    assert all(mark.rule_id == "t.promo" for shown in promo.lines for mark in shown.marks)

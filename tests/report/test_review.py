"""The review page as rendered from a run's statistics and samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.api import Cleaner
from cleaner.errors import WriteError
from cleaner.packs.model import Action, Examples, Matcher, Pack, Rule
from cleaner.report.ledger import Tally
from cleaner.report.review import render_report, write_report
from tests.report.page import read_page

HOSTILE = "<script>alert('x')</script>"
PACK = Pack(
    "t",
    (
        Rule(
            "t.promo",
            Action.DROP_LINE,
            description="Promo lines.\nEvidence: 40 of 52 pages, in the last 3 lines.",
            matcher=Matcher("prefix", ("PROMO:",)),
            examples=Examples(remove=("PROMO: buy",), keep=("No promo",)),
            path="packs/t.yaml",
            line=4,
        ),
        Rule("t.ad", Action.STRIP, matcher=Matcher("contains", ("[ad]",)), path="packs/t.yaml", line=9),
        Rule("t.idle", Action.DROP_LINE, description="Never fires", matcher=Matcher("line", ("zzz",))),
    ),
    path="packs/t.yaml",
)
CLEANER = Cleaner([PACK], defaults=False)


def _tally(documents: int) -> Tally:
    tally = Tally(report=True)
    for n in range(documents):
        ad = "Some [ad] text.\n" if n % 2 == 0 else ""
        text = f"Title {n}\n{ad}Quote: {HOSTILE}\nPROMO: {HOSTILE} {n}\nEnd.\n"
        tally.note(f"doc{n}.txt", CLEANER.run(text))
    return tally


def test_rules_are_ranked_by_documents_hit_with_the_stats_figures() -> None:
    tally = _tally(9)
    page = read_page(render_report([PACK], tally.stats, tally.samples))
    assert list(page.rows) == ["t.promo", "t.ad"]
    for rule_id, cells in page.rows.items():
        count = tally.stats.rules[rule_id]
        assert cells[1:4] == [str(count.documents), str(count.lines), str(count.chars)]
    assert page.rows["t.promo"][:4] == [
        "packs/t.yaml:4",
        "9",
        "9",
        str(sum(len(f"PROMO: {HOSTILE} {n}") for n in range(9))),
    ]
    assert page.idle == ["t.idle"]


def test_removed_text_and_context_are_escaped_never_markup() -> None:
    tally = _tally(2)
    html = render_report([PACK], tally.stats, tally.samples)
    page = read_page(html)
    assert "script" not in page.tags
    assert HOSTILE not in html
    promo = page.sections["t.promo"]
    assert ("t.promo", "r0", f"PROMO: {HOSTILE} 0") in promo.marks
    assert f"Quote: {HOSTILE}" in promo.text  # a context line, shown as text


def test_nothing_is_loaded_from_outside_the_page() -> None:
    tally = _tally(3)
    page = read_page(render_report([PACK], tally.stats, tally.samples))
    assert not any(name in ("src", "srcset") for _, name, _ in page.attributes)
    links = [value for _, name, value in page.attributes if name == "href"]
    assert links and all(value.startswith("#rule-") for value in links)
    assert ("meta", "content", "default-src 'none'; style-src 'unsafe-inline'") in page.attributes
    assert not page.tags & {"script", "link", "img", "iframe", "object"}


def test_samples_are_capped_per_rule_and_are_the_first_documents() -> None:
    tally = _tally(40)
    page = read_page(render_report([PACK], tally.stats, tally.samples))
    promo = page.sections["t.promo"]
    assert promo.samples == [
        f"record doc{n}.txt, line {4 if n % 2 == 0 else 3} of its text" for n in range(5)
    ]
    assert page.sections["t.ad"].samples == [
        f"record doc{n}.txt, line 2 of its text" for n in (0, 2, 4, 6, 8)
    ]
    assert "40 documents, 40 lines" in "".join(promo.text)


def test_a_rules_description_and_evidence_are_shown_with_its_examples() -> None:
    tally = _tally(1)
    promo = read_page(render_report([PACK], tally.stats, tally.samples)).sections["t.promo"]
    text = "".join(promo.text)
    assert "Promo lines.\nEvidence: 40 of 52 pages, in the last 3 lines." in text
    assert 'drop-line prefix "PROMO:"' in text
    assert "remove: PROMO: buy" in text and "keep: No promo" in text


def test_a_run_that_removed_nothing_lists_every_rule() -> None:
    page = read_page(render_report([PACK], Tally().stats, Tally().samples))
    assert page.rows == {} and page.idle == ["t.promo", "t.ad", "t.idle"]


def test_write_report_is_atomic_and_names_a_file_it_cannot_write(tmp_path: Path) -> None:
    tally = _tally(1)
    target = tmp_path / "review.html"
    write_report(target, [PACK], tally.stats, tally.samples)
    assert target.read_text(encoding="utf-8") == render_report([PACK], tally.stats, tally.samples)
    assert [p.name for p in tmp_path.iterdir()] == ["review.html"]
    with pytest.raises(WriteError, match=r"missing/review\.html"):
        write_report(tmp_path / "missing" / "review.html", [PACK], tally.stats, tally.samples)


def test_a_pruned_node_is_shown_as_pruned_from_the_page_with_its_text_marked() -> None:
    pack = Pack("h", (Rule("h.share", Action.PRUNE, selectors=(".share",), path="packs/h.yaml", line=2),))
    body = "".join(f"<p>Paragraph {n} of the article, long enough to be its body.</p>" for n in range(5))
    page_html = (
        f"<html><body><article><h1>T</h1>{body}</article><div class='share'>Share this</div></body></html>"
    )
    tally = Tally(report=True)
    tally.note("page.html", Cleaner([pack], defaults=False).run_html(page_html))
    page = read_page(render_report([pack], tally.stats, tally.samples))
    share = page.sections["h.share"]
    assert share.samples == ["record page.html, a node pruned from the page"]
    assert ("h.share", "r0", "Share this") in share.marks
    assert page.rows["h.share"][1:4] == ["1", "0", "10"]
    assert "1 document, 0 lines, 10 characters removed" in "".join(share.text)  # singular where it is one

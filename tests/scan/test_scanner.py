"""The RE2 scanner path gives exactly what the plain engine gives, one rule at a time.

``Cleaner.run`` scans with RE2 and lets ``regex`` confirm; ``engine.run`` tries every
rule on every line. Both run here on generated articles (bundled packs and a
generated 1,000-rule pack, site-scoped and generic), on the bundled examples, and on
the evaluation pages in ``../shared/eval`` when they are there.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import generate
from cleaner.api import Cleaner
from cleaner.engine.plan import SCAN_AFTER
from cleaner.engine.run import CleanResult, run
from cleaner.errors import RuleTimeoutError
from cleaner.packs.model import Action, Matcher, Pack, Rule
from cleaner.scan import scanner
from cleaner.scan.prefilter import FOLDS, TEXT_FOLDED
from cleaner.scan.scanner import route
from tests.conftest import ROOT, SHARED

TIMEOUT = 10.0  # generous: a time-out would be compared too, but must not be flaky
SITES = generate.site_names(8)


def _plain(cleaner: Cleaner, text: str, source: str | None) -> CleanResult | str:
    try:
        return run(text, cleaner.ruleset.rules_for(source), timeout=TIMEOUT)
    except RuleTimeoutError as exc:
        return exc.rule_id


def _scanned(cleaner: Cleaner, text: str, source: str | None) -> CleanResult | str:
    assert cleaner.ruleset.prefilter.scanner is not None  # built now, used from the start
    try:
        return cleaner.run(text, source)
    except RuleTimeoutError as exc:
        return exc.rule_id


def _assert_same(cleaner: Cleaner, documents, sources) -> int:
    changed = 0
    for text, source in zip(documents, sources, strict=True):
        expected = _plain(cleaner, text, source)
        assert _scanned(cleaner, text, source) == expected, (source, text)
        changed += isinstance(expected, CleanResult) and expected.changed
    return changed


@pytest.fixture(scope="module")
def defaults() -> Cleaner:
    return Cleaner(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def thousand() -> Cleaner:
    return Cleaner(generate.rule_packs(7, SITES, rules=1000, generic=200, untranslatable=2), timeout=TIMEOUT)


@pytest.mark.parametrize("seed", range(4))
def test_default_packs_on_generated_articles(defaults: Cleaner, seed: int) -> None:
    corpus = generate.corpus(seed, 150, SITES)
    changed = _assert_same(defaults, corpus.documents, corpus.sources)
    assert changed > 20  # the comparison saw real removals, not only untouched text


@pytest.mark.parametrize("seed", range(2))
def test_thousand_rule_pack_on_generated_articles(thousand: Cleaner, seed: int) -> None:
    corpus = generate.corpus(100 + seed, 40, SITES, paragraphs=8)
    changed = _assert_same(thousand, corpus.documents, corpus.sources)
    assert changed > 10


def test_thousand_rule_pack_takes_both_paths(thousand: Cleaner) -> None:
    routes = [route(rule.pattern) for rule in thousand.ruleset.rules_for(SITES[0])]
    assert "re2" in routes
    assert any(r.startswith("regex:") for r in routes)


def test_bundled_examples(defaults: Cleaner) -> None:
    documents = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    _assert_same(defaults, documents, [None] * len(documents))


# Each: a rule, and lines it must treat exactly as the plain engine does.
TRICKY = [
    (Matcher("regex", ("strasse",)), True, ["Straße 1", "STRASSE", "strase", "Stra\u00dfe and ß"]),
    (Matcher("regex", (r"^\w\w$",)), True, ["ß", "ss", "ßß", "ﬁ"]),
    (Matcher("regex", (r"ss \w$",)), True, ["ß ß", "ss ß", "ß s"]),
    (Matcher("line", ("ﬁnal",)), True, ["FINAL", "ﬁnal", "Final"]),
    (Matcher("regex", ("kelvin",)), True, ["\u212aELVIN", "kelvin", "ke lvin"]),
    (Matcher("regex", (r"(?<=\.\s)More\b",)), False, ["End. More here", "More here", "End.More"]),
    (Matcher("regex", (r"(\d+) \1 \1",)), False, ["8 8 8", "8 8 9", "12 12 12 x"]),
    (Matcher("regex", (r"^\s*Read\s++more(?=:)",)), False, ["Read more: x", "Read more x", " Read  more:"]),
    (Matcher("regex", (r"\p{Lu}{3,}:",)), False, ["ÉTÉ: x", "abc:", "NEWS:"]),
    (Matcher("regex", (r"^[[:upper:]]+$",)), False, ["ABC", "Abc", "ÀB"]),
    (Matcher("regex", (r"a(?i)B",)), False, ["AB", "ab", "Ab"]),
    (Matcher("regex", (r"x\Z",)), False, ["ax", "xa", "x "]),
    (Matcher("regex", (r"^\s*$",)), False, ["", "  ", "\u00a0", "a"]),
    (Matcher("regex", (r"(?:colour){e<=1}",)), False, ["color", "colour", "cooler"]),
    (Matcher("regex", (r"^(a|aa)+$",)), False, ["aaaa", "aaab"]),
    (Matcher("regex", ("\\d{3}",)), False, ["\u0663\u0663\u0663", "12", "123"]),
    (Matcher("regex", (r"^\s+x",)), False, ["\u2003x", "\u3000x", "x", "\x1cx"]),
    # Line-start alternatives are searched behind a line break, the others apart; a
    # line-start one that opens with any letter (a menu) goes with the others.
    (Matcher("prefix", ("Read more",)), False, ["Read more", " Read more", "x Read more", "Read mor"]),
    (Matcher("regex", (r"^\s*Tags:|\bvia @\w+",)), False, ["Tags: a", "x via @ab", "via @x", "Tags:"]),
    (Matcher("regex", (r"^(?:\d+\s+)?Comments|^[^|]{1,9}\|[^|]{1,9}\|",)), True, ["3 Comments", "a | b | c"]),
    (Matcher("regex", (r"^|x",)), False, ["", "x"]),
    # Patterns read a no-break space as a space and skip zero-width marks at a line's
    # start (cleaner.engine.reading): RE2 must find the lines they then match.
    (
        Matcher("line", ("Related Articles",)),
        True,
        [
            "Related\u00a0Articles",
            "\u200bRELATED ARTICLES",
            "\u2060\ufeffRelated\u202fArticles",
            "Re\u200blated",
        ],
    ),
    (
        Matcher("regex", (r"^Follow us on (?:Twitter|X)\b",)),
        False,
        ["\u200bFollow us on\u00a0X", "Follow\u00a0us on X"],
    ),
    (Matcher("regex", (r"(?<=\. )Read more$",)), False, ["End.\u00a0Read\u00a0more", "End.\u200bRead more"]),
    (Matcher("regex", (r"\u00a0",)), False, ["a\u00a0b", "a b"]),
]


@pytest.mark.parametrize(("matcher", "ignore_case", "lines"), TRICKY)
@pytest.mark.parametrize("action", [Action.DROP_LINE, Action.STRIP])
def test_tricky_patterns(matcher: Matcher, ignore_case: bool, lines: list[str], action: Action) -> None:
    rule = Rule(id="t.rule", action=action, matcher=matcher, ignore_case=ignore_case)
    cleaner = Cleaner([Pack(name="t", rules=(rule,))], defaults=False, timeout=TIMEOUT)
    text = "Body line one.\n" + "\n".join(lines) + "\nBody line two.\n"
    _assert_same(cleaner, [text, *(line + "\n" for line in lines)], [None] * (len(lines) + 1))


@pytest.mark.parametrize("text", ["Read more\nBody.\n", "Body.\nRead more", "Read more", "\nRead more\n\n"])
def test_line_start_rules_on_the_first_and_last_lines(text: str) -> None:
    rule = Rule(id="t.more", action=Action.DROP_LINE, matcher=Matcher("prefix", ("Read more",)))
    cleaner = Cleaner([Pack(name="t", rules=(rule,))], defaults=False, timeout=TIMEOUT)
    _assert_same(cleaner, [text], [None])
    assert "Read more" not in cleaner.run(text).text


def test_strip_then_strip_sees_the_changed_line() -> None:
    """A second strip rule may match only what the first one left."""
    rules = (
        Rule(id="t.a", action=Action.STRIP, matcher=Matcher("contains", ("[x]",))),
        Rule(id="t.b", action=Action.STRIP, matcher=Matcher("regex", (r"^Gone now$",))),
        Rule(id="t.c", action=Action.DROP_LINE, matcher=Matcher("line", ("Gone now",)), position="tail"),
    )
    cleaner = Cleaner([Pack(name="t", rules=rules)], defaults=False)
    text = "Keep.\nGone [x] now\nKeep too.\nGone [x]now\n"
    assert _scanned(cleaner, text, None) == run(text, cleaner.ruleset.rules_for(None))
    assert cleaner.run(text).text == "Keep.\nKeep too.\n"


def test_a_strip_that_leaves_a_line_read_otherwise() -> None:
    """What a strip leaves is read as patterns read it: "Related\u00a0Articles" is the line."""
    rules = (
        Rule(id="t.a", action=Action.STRIP, matcher=Matcher("prefix", ("[ad]",))),
        Rule(id="t.b", action=Action.DROP_LINE, matcher=Matcher("regex", ("^Related Articles$",))),
    )
    cleaner = Cleaner([Pack(name="t", rules=rules)], defaults=False)
    text = "Keep.\n[ad]Related\u00a0Articles\nKeep too.\n"
    assert _scanned(cleaner, text, None) == run(text, cleaner.ruleset.rules_for(None))
    assert cleaner.run(text).text == "Keep.\nKeep too.\n"


# Under full case folding a ß of the text reads as the "ss" of a rule, which the
# patterns spell out; from the first line with another character that expands (ﬁ,
# ﬀ) on, the text is scanned again, folded. Each text: which path, and the trap.
OFFER = Matcher("regex", ("final offer",))
# regex's optimiser joins "s" + "se" into one string: "Großen Preis" matches
STREET = Matcher("regex", ("grosse strasse", r"gros(?:se|sen) preis"))
FOLDING = [
    "Straße.\nBody.\nﬁnal offer\n",  # ß first, then another one on a line of its own
    "ﬁnal offer\nStraße.\nﬁnal offer\n",  # another one first
    "Straße.\npromo ﬁnal offer\nBody.\n",  # the other one on a line the search skips after "promo"
    "Body.\nﬁnal oﬀer ß\n",  # two others and ß on one line
    "Body.\nGROẞE Straße\n",  # ß and ẞ for the rule's "ss"
    "Body.\nDer Großen Preis\n",  # ß for an "ss" that regex's optimiser joins across a group
    "Body.\npromo Große Straße ﬁnal offer\n",  # ß read as ss and ﬁ as fi on one line, after "promo"
    # the text is folded from its first such line on: later lines, with none, one or
    # another of them (ﬀ, ﬂ), keep their numbers
    "ﬁne print\nBody.\nﬁnal oﬀer\nKeep ﬂat.\nFinal offer\n",
    "Body.\nﬁne print\nBody.\nfinal oﬀer\n",  # only ﬀ matters, on a later line than the ﬁ
    "Body.\nﬂat ﬁne\n" * 40 + "FINAL OFFER ﬂat\nBody.\n",  # every line has some
]


@pytest.mark.parametrize("text", FOLDING)
def test_lines_that_expand_under_case_folding(text: str) -> None:
    rules = (
        # a candidate on "promo" lines that never removes them: only the first line is a head
        Rule(id="t.promo", action=Action.DROP_LINE, matcher=Matcher("regex", ("promo",)), position="head"),
        Rule(id="t.final", action=Action.DROP_LINE, matcher=OFFER, ignore_case=True),
        Rule(id="t.street", action=Action.DROP_LINE, matcher=STREET, ignore_case=True),
    )
    cleaner = Cleaner([Pack(name="t", rules=rules)], defaults=False, timeout=TIMEOUT)
    _assert_same(cleaner, [text], [None])
    gone = ("offer", "grosse", "preis")
    assert cleaner.run(text).text == "".join(
        line + "\n" for line in text.splitlines() if not any(word in line.casefold() for word in gone)
    )


def test_a_long_text_is_folded_piece_by_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text longer than the scanner's folding piece (here 40 bytes) is folded and
    scanned again piece by piece, each piece's lines under their own numbers."""
    monkeypatch.setattr(scanner, "_FOLD_CHUNK", 40)
    rule = Rule(id="t.final", action=Action.DROP_LINE, matcher=OFFER, ignore_case=True)
    cleaner = Cleaner([Pack(name="t", rules=(rule,))], defaults=False, timeout=TIMEOUT)
    lines = [
        "ﬁne print",
        "Body, long enough to fill more than one piece.",
        "ﬁnal oﬀer",
        "FINAL OFFER",
        *["Body ﬂat.", "ﬁnal offer", "Body."] * 10,
        "Final oﬀer",
    ]
    text = "\n".join(lines) + "\n"
    _assert_same(cleaner, [text], [None])
    assert cleaner.run(text).text == "".join(f"{k}\n" for k in lines if "offer" not in k.casefold())


def test_foldings_hold_no_line_break() -> None:
    """The scanner reads a folded text's lines under the original's numbers."""
    assert TEXT_FOLDED and not any(c in FOLDS[f] for f in TEXT_FOLDED for c in "\n\r")


def test_a_strip_that_leaves_a_ligature_for_the_next_rule() -> None:
    """A line a strip rewrote is scanned again (``Scanner.line``), folded too."""
    rules = (
        Rule(id="t.a", action=Action.STRIP, matcher=Matcher("contains", ("[x]",))),
        Rule(id="t.b", action=Action.STRIP, matcher=OFFER, ignore_case=True),
    )
    cleaner = Cleaner([Pack(name="t", rules=rules)], defaults=False, timeout=TIMEOUT)
    text = "Keep.\nﬁnal [x] oﬀer\nKeep too.\n"
    _assert_same(cleaner, [text], [None])
    assert cleaner.run(text).text == "Keep.\nKeep too.\n"


def test_scanner_is_built_only_once_enough_text_went_the_plain_way() -> None:
    cleaner = Cleaner()
    prefilter = cleaner.ruleset.prefilter
    page = "A paragraph of the article, long enough to count.\n" * 100
    cleaner.run(page)
    assert "scanner" not in prefilter.__dict__  # one page: the plain engine was cheaper
    for k in range(SCAN_AFTER // len(page) + 1):
        cleaner.run(page, source=f"site{k}.example")  # any source: one scanner for all
    assert prefilter.__dict__.get("scanner") is not None


def _eval_pages() -> list[Path]:
    return sorted((SHARED / "eval" / "dev").glob("*/*.extracted.txt"))


@pytest.mark.skipif(not _eval_pages(), reason="../shared/eval is not available")
def test_evaluation_pages(defaults: Cleaner, thousand: Cleaner) -> None:
    pages = [p.read_text(encoding="utf-8") for p in _eval_pages()]
    changed = _assert_same(defaults, pages, [None] * len(pages))
    assert changed > 0
    sample = random.Random(5).sample(pages, 40)
    _assert_same(thousand, sample, [random.Random(k).choice([None, *SITES]) for k in range(40)])

"""Templates for lines whose digits (or spacing) vary; the guards of learned cuts."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
import regex
import yaml

from cleaner.api import Cleaner
from cleaner.learn.counting import Counts, SiteCounts
from cleaner.learn.learner import learn
from cleaner.learn.pages import read_page
from cleaner.learn.rules import site_rules, template
from cleaner.learn.sites import SiteNamer
from cleaner.learn.thresholds import DEFAULT
from tests.learn import corpus


def test_a_template_matches_every_number_and_nothing_else() -> None:
    pattern = regex.compile(template("Comments (12)", "Comments (3)"))
    assert pattern.pattern == r"^\s*Comments \(\d+\)\s*$"
    assert pattern.search("Comments (4071)") and pattern.search("  Comments (0) ")
    assert not pattern.search("Comments (many)") and not pattern.search("No Comments (3) here")


def test_spacing_is_loose_only_when_it_varied() -> None:
    assert template("Page 1 of 2", "Page 2 of 7") == r"^\s*Page \d+ of \d+\s*$"
    loose = regex.compile(template("Page 1  of 2", "Page 1 of 2"))
    assert loose.search("Page 1 of 2") and loose.search("Page 3\tof 9")


def _site(lines_on_two_pages: list[str]) -> SiteCounts:
    counts = Counts(DEFAULT)
    for n in range(10):
        prose = f"Story {'abcdefghij'[n]}: " + "the council met the farmers and the mayor spoke " * 3
        counts.add(read_page("\n".join([*(lines_on_two_pages if n < 2 else []), prose]), "a.com", DEFAULT))
    return counts.sites["a.com"]


def test_short_lines_need_short_min_pages_and_longer_ones_min_pages() -> None:
    site = _site(["Share this story with friends", "Share it"])
    few = dataclasses.replace(DEFAULT, min_pages=2, short_min_pages=3)
    learned = {r["drop-line"]["line"] for r in site_rules("a.com", site, few)[0]}
    assert learned == {"Share this story with friends"}
    assert site_rules("a.com", site, DEFAULT)[0] == []


def _tail_cut_cleaner(tmp_path: Path) -> Cleaner:
    rows = corpus.records()
    namer = SiteNamer()
    pack = learn(read_page(str(r["text"]), namer(str(r["url"])), DEFAULT) for r in rows).packs["example.com"]
    assert [r for r in yaml.safe_load(pack)["rules"] if r.get("truncate-at") == {"line": corpus.TAIL}]
    (tmp_path / "news.yaml").write_text(pack, encoding="utf-8")
    return Cleaner([tmp_path], defaults=False)


_ARTICLE = [corpus.sentence(random.Random(1), 30), corpus.sentence(random.Random(2), 35)]


@pytest.mark.parametrize(
    "after",
    [
        # QA round N, N7: an updated report goes on after the line its pages used to end on
        [
            "Update, Friday: the jury returned its verdict at 3.40pm and the defendant showed no reaction.",
            "He will be sentenced on 14 April, and the judge told him to expect a prison sentence.",
        ],
        ["UPDATE 5pm: The road has reopened and the bus service runs again."],  # a dated update alone
        [
            "The council voted to close the bridge for repairs until the spring.",
            "The work will cost the county two million pounds next year.",
        ],
        ["The mayor said the bridge would reopen before the winter"],  # speech, no full stop
        ["Grant was jailed for six years at the same court on Monday."],
    ],
    ids=["update and speech", "update", "sentences", "speech", "a sentence"],
)
def test_a_learned_tail_cut_stops_where_the_article_goes_on(tmp_path: Path, after: list[str]) -> None:
    page = "\n".join([*_ARTICLE, corpus.TAIL, *after])
    cleaned = _tail_cut_cleaner(tmp_path).clean(page, "https://news.example.com/new").splitlines()
    assert cleaned == [*_ARTICLE, *after]  # the marker still goes (a drop-line)


def test_a_learned_tail_cut_still_takes_what_the_site_puts_after_it(tmp_path: Path) -> None:
    # teasers, a dateline, a short sentence: no article going on
    after = ["Ten things to do in the city this weekend", "Updated: 14 April 2010 3:40pm"]
    after += ["Why the river floods", "Get the app.", "Comments closed by the site's editors"]
    page = "\n".join([*_ARTICLE, corpus.TAIL, *after])
    assert _tail_cut_cleaner(tmp_path).clean(page, "https://news.example.com/new").splitlines() == _ARTICLE

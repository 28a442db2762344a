"""Tail cuts learned from the chrome zone after the article, that reader comments follow."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from cleaner.api import Cleaner
from cleaner.learn.learner import learn
from cleaner.learn.pages import read_page
from cleaner.learn.sites import SiteNamer
from cleaner.learn.thresholds import DEFAULT, Thresholds
from tests.learn import corpus


def _packs(rows: list[dict[str, object]], thresholds: Thresholds = DEFAULT) -> dict[str, str]:
    namer = SiteNamer()
    return learn(
        (read_page(str(r["text"]), namer(str(r["url"])), thresholds) for r in rows), thresholds
    ).packs


def _cuts(text: str) -> dict[str, dict]:
    rules = yaml.safe_load(text)["rules"]
    return {r["truncate-at"]["line"]: r for r in rules if "truncate-at" in r}


def _dropped(text: str) -> set[str]:
    return {r["drop-line"].get("line") for r in yaml.safe_load(text)["rules"] if "drop-line" in r}


def test_a_marker_in_the_chrome_zone_cuts_the_comments_after_it() -> None:
    cuts = _cuts(_packs(corpus.commented_records())["example.org"])
    assert corpus.ZONE[0] in cuts
    cut = cuts[corpus.ZONE[0]]
    assert cut["min-words-before"] == DEFAULT.tail_min_words_before
    assert "stop-at-prose" not in cut  # the comments it takes are prose
    assert "in the chrome after the article on" in cut["description"]


def test_learned_zone_cut_takes_the_comments_and_keeps_the_article(tmp_path: Path) -> None:
    for site, text in _packs(corpus.commented_records()).items():
        (tmp_path / f"{site}.yaml").write_text(text, encoding="utf-8")
    page = corpus.magazine_page(random.Random(99), 1)
    lines = page.splitlines()
    comments = lines[lines.index("Comments") + 1 :]
    assert comments
    cleaned = Cleaner([tmp_path], defaults=False).clean(page, "https://mag.example.org/new").splitlines()
    article = [line for line in lines[: lines.index(corpus.ZONE[0])] if len(line.split()) >= 20]
    assert cleaned == article  # the nav, the advert, the zone and every comment gone


def test_a_marker_between_two_paragraphs_is_a_line_not_a_cut() -> None:
    text = _packs(corpus.commented_records())["example.org"]
    assert corpus.ADVERT in _dropped(text)
    assert corpus.ADVERT not in _cuts(text)


def test_a_block_of_chrome_mid_article_with_the_footer_after_it_is_no_cut() -> None:
    text = _packs(corpus.commented_records())["example.net"]
    assert set(corpus.DAILY_BLOCK) <= _dropped(text)
    assert not set(corpus.DAILY_BLOCK) & set(_cuts(text))


def test_the_same_commented_corpus_gives_the_same_packs() -> None:
    rows = corpus.commented_records()
    assert _packs(rows) == _packs(rows)
    assert _cuts(_packs(rows)["example.org"])


def test_a_block_mid_article_is_no_cut_where_the_footer_was_not_extracted(tmp_path: Path) -> None:
    rows = corpus.footerless_records()
    text = _packs(rows)["example.net"]
    assert set(corpus.DAILY_BLOCK) <= _dropped(text)
    assert not _cuts(text)  # the article goes on after the block on every page
    (tmp_path / "daily.yaml").write_text(text, encoding="utf-8")
    page = corpus.daily_page(random.Random(5), 0, footer=False)
    cleaned = Cleaner([tmp_path], defaults=False).clean(page, "https://daily.example.net/new")
    assert cleaned.splitlines() == [line for line in page.splitlines() if line not in corpus.DAILY_BLOCK]


@pytest.mark.parametrize(
    "style",
    ["long", "wire", "lede"],
    ids=["long paragraphs", "short paragraphs", "long lede then one-sentence paragraphs"],
)
def test_a_box_mid_story_that_ends_the_short_stories_is_no_cut(tmp_path: Path, style: str) -> None:
    # A few short stories end at the box, so it is the end of the page's own text on
    # some of its pages, as a block before reader comments is; but the longer stories
    # go straight on after it with their next paragraphs (in wire copy, of fewer than
    # prose_words words, as long as those before the box; after a lede of long
    # paragraphs, sentences of half their length).
    text = _packs(corpus.briefing_records(style=style))["example.co.uk"]
    assert set(corpus.BRIEFING) <= _dropped(text)
    assert not _cuts(text)
    (tmp_path / "paper.yaml").write_text(text, encoding="utf-8")
    page = corpus.briefing_page(random.Random(3), 1, style)
    cleaned = Cleaner([tmp_path], defaults=False).clean(page, "https://paper.example.co.uk/new")
    assert cleaned.splitlines() == [line for line in page.splitlines() if line not in corpus.BRIEFING]


def test_one_line_comments_in_the_readers_voice_still_get_the_zone_cut() -> None:
    # Comments of a sentence each, ending on a full stop, read as a story going on
    # after the zone but for their "I" and "you": the thread is still cut.
    text = _packs(corpus.commented_records(voice=True))["example.org"]
    cut = _cuts(text)[corpus.ZONE[0]]
    assert "prose running straight on after it on 0:" in cut["description"]


def test_a_zone_cut_says_on_how_many_pages_prose_ran_straight_on_after_it() -> None:
    cut = _cuts(_packs(corpus.commented_records())["example.org"])[corpus.ZONE[0]]
    assert "prose running straight on after it on 0:" in cut["description"]

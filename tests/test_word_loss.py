"""No page of the evaluation's train half or of sites/ loses a tenth of its article words,
to the bundled packs or to what `cleaner learn` finds in sites/ (benchmarks/word_loss.py:
counted in the gold's 4-word shingles, so a story written as one line cannot hide behind a
line count), and no cut meant for reader comments acts on an article's own text.
Skips without ../shared/eval."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from benchmarks import word_loss
from cleaner import Cleaner
from cleaner.learn.folder import write_packs
from cleaner.learn.learner import learn
from cleaner.learn.pages import read_page
from cleaner.learn.sites import SiteNamer
from cleaner.learn.thresholds import DEFAULT
from tests.conftest import SHARED

EVAL = SHARED / "eval"


@pytest.fixture(scope="module")
def eval_dir() -> Path:
    if not (EVAL / "dev").is_dir():
        pytest.skip("../shared/eval is not available")
    return EVAL


def _damaged(losses: Iterable[word_loss.Loss]) -> list[str]:
    return [
        f"{loss.page.group} {loss.page.name}: {loss.before - loss.after} of {loss.before} {loss.rules}"
        for loss in losses
        if loss.share >= 0.1
    ]


def test_no_train_or_sites_page_loses_a_tenth_of_its_article(eval_dir: Path) -> None:
    pages = word_loss.pages(eval_dir, halves=("train",))
    assert _damaged(word_loss.losses(Cleaner(), pages, eval_dir)) == []


def test_nor_to_the_packs_learned_from_sites(eval_dir: Path, tmp_path: Path) -> None:
    sites = list(word_loss.site_pages(eval_dir))
    site_of = SiteNamer()
    read = (read_page(page.extracted, site_of(page.url), DEFAULT) for page in sites if site_of(page.url))
    learned = learn(read)
    assert learned.rules > 100  # the learner did learn: the test is not about an empty folder
    write_packs(tmp_path / "learned", learned.packs)
    cleaner = Cleaner(rules=[tmp_path / "learned"])
    assert _damaged(word_loss.losses(cleaner, iter(sites), eval_dir)) == []


# Cuts told by what a comment thread looks like; the gold text is the article alone, so
# anything they take from it is article.
COMMENT_CUTS = ("comments.thread", "comments.reader-thread", "comments.signatures")


def test_no_comment_cut_acts_on_an_article_alone(eval_dir: Path) -> None:
    cleaner = Cleaner()
    pages = [*word_loss.dev_pages(eval_dir, halves=("train",)), *word_loss.site_pages(eval_dir)]
    assert len(pages) > 1000
    cut = []
    for page in pages:
        removals = [r for r in cleaner.run(page.gold, page.url).removals if r.rule_id in COMMENT_CUTS]
        if removals:
            cut.append(f"{page.group} {page.name}: {removals[0].rule_id} from line {removals[0].line}")
    assert cut == []

"""No page of the evaluation's train half or of sites/ loses a tenth of its article words
to the bundled packs (benchmarks/word_loss.py: counted in the gold's 4-word shingles, so a
story written as one line cannot hide behind a line count). Skips without ../shared/eval."""

from __future__ import annotations

import pytest

from benchmarks import word_loss
from cleaner import Cleaner
from tests.conftest import SHARED

EVAL = SHARED / "eval"


def test_no_train_or_sites_page_loses_a_tenth_of_its_article() -> None:
    if not (EVAL / "dev").is_dir():
        pytest.skip("../shared/eval is not available")
    found = word_loss.losses(Cleaner(), word_loss.pages(EVAL, halves=("train",)), EVAL)
    damaged = [
        f"{loss.page.group} {loss.page.name}: {loss.before - loss.after} of {loss.before} {loss.rules}"
        for loss in found
        if loss.share >= 0.1
    ]
    assert damaged == []

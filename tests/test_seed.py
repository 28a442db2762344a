"""The reference case: the seed pages clean to exactly what was asked, by every way in."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cleaner

SEEDS = ["000_1815ac38d03d51b8", "sun-article"]


@pytest.mark.parametrize("name", SEEDS)
def test_api(seed_dir, name: str) -> None:
    text = (seed_dir / f"{name}.txt").read_text(encoding="utf-8")
    expected = (seed_dir / f"{name}.expected.txt").read_text(encoding="utf-8")
    assert cleaner.clean(text) == expected


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("how", ["file", "stdin"])
def test_cli(seed_dir, name: str, how: str) -> None:
    path = seed_dir / f"{name}.txt"
    expected = (seed_dir / f"{name}.expected.txt").read_bytes()
    argv = [sys.executable, "-m", "cleaner", "clean", str(path) if how == "file" else "-"]
    stdin = path.read_bytes() if how == "stdin" else None
    done = subprocess.run(argv, input=stdin, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected


def test_every_removal_is_attributed(seed_dir) -> None:
    text = (seed_dir / "000_1815ac38d03d51b8.txt").read_text(encoding="utf-8")
    result = cleaner.Cleaner().run(text)
    rule_ids = {r.rule_id for r in result.removals}
    assert {"promo.got-a-story", "links.more-colon", "related.heading"} <= rule_ids
    removed_lines = {r.line for r in result.removals}
    assert 6 in removed_lines and 17 in removed_lines  # "Got a story?" and "Related Articles"

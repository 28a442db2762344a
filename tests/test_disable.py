"""Leaving out rules or packs (``Cleaner(disable=...)``, ``--disable``): a generic rule
that misfires on someone's corpus goes without copying the bundled packs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.api import Cleaner
from cleaner.cli.main import app
from cleaner.errors import CleanerError

THREAD = (Path(__file__).parent / "articles" / "blog-kitchen-reader-thread-no-heading.txt").read_text()
PROMO = "The council met on Monday.\nFollow us on Twitter for the latest news.\n"


def test_a_disabled_rule_removes_nothing_and_the_others_still_run() -> None:
    cut = Cleaner().run(THREAD)
    assert "comments.reader-thread" in {r.rule_id for r in cut.removals}
    kept = Cleaner(disable=["comments.reader-thread"]).run(THREAD)
    assert "comments.reader-thread" not in {r.rule_id for r in kept.removals}
    assert "I second the point about the worktop. Ours chipped within a month." in kept.text
    assert Cleaner(disable=["comments.reader-thread"]).clean(PROMO) == "The council met on Monday.\n"


def test_a_pack_name_disables_all_its_rules() -> None:
    social = Cleaner(disable=["social"])
    assert all(pack.name != "social" for pack in social.packs)
    assert social.clean(PROMO) == PROMO


@pytest.mark.parametrize(
    ("name", "hint"), [("comments.reader-thred", "comments.reader-thread"), ("zzz", None)]
)
def test_an_unknown_name_is_an_error_not_a_silent_no_op(name: str, hint: str | None) -> None:
    with pytest.raises(CleanerError, match=f"no rule or pack is called '{name}'") as caught:
        Cleaner(disable=[name])
    assert (
        (f"did you mean '{hint}'" in str(caught.value)) if hint else ("did you mean" not in str(caught.value))
    )


def test_clean_and_batch_take_disable(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(THREAD)
    runner = CliRunner()
    printed = runner.invoke(app, ["clean", str(page), "--disable", "comments.reader-thread"])
    assert printed.exit_code == 0, printed.stderr
    assert printed.stdout == Cleaner(disable=["comments.reader-thread"]).clean(THREAD)
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": 1, "text": THREAD}) + "\n")
    batch = runner.invoke(app, ["batch", str(records), "-j", "1", "--disable", "comments.reader-thread"])
    assert batch.exit_code == 0, batch.stderr
    assert json.loads(batch.stdout)["text"] == printed.stdout
    wrong = runner.invoke(app, ["clean", str(page), "--disable", "nope"])
    assert wrong.exit_code == 2
    assert "--disable: no rule or pack is called 'nope'" in wrong.stderr

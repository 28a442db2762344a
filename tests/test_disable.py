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


RENAMED = "rules:\n  - id: mine.sign-up\n    aliases: [mine.join]\n    drop-line: {prefix: Join the Zebra}\n"
SIGN_UP = "The council met on Monday.\nJoin the Zebra club today\n"


def test_an_alias_disables_its_rule_everywhere_a_site_pack_s_disable_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule renamed keeps its old id as an alias: a project that switched it off by the
    old name goes on working, on the command line, in its config file and in Python."""
    (tmp_path / "mine.yaml").write_text(RENAMED)
    (tmp_path / "page.txt").write_text(SIGN_UP)
    monkeypatch.chdir(tmp_path)
    assert Cleaner(["mine.yaml"]).clean(SIGN_UP) == "The council met on Monday.\n"
    assert Cleaner(["mine.yaml"], disable="mine.join").clean(SIGN_UP) == SIGN_UP
    runner = CliRunner()
    option = runner.invoke(app, ["clean", "page.txt", "--rules", "mine.yaml", "--disable", "mine.join"])
    assert (option.exit_code, option.stdout) == (0, SIGN_UP), option.stderr
    (tmp_path / "cleaner.toml").write_text('rules = ["mine.yaml"]\ndisable = ["mine.join"]\n')
    config = runner.invoke(app, ["clean", "page.txt"])
    assert (config.exit_code, config.stdout) == (0, SIGN_UP), config.stderr
    assert Cleaner.from_config().clean(SIGN_UP) == SIGN_UP
    checked = runner.invoke(app, ["rules", "check"])
    assert checked.exit_code == 0, checked.stdout + checked.stderr


def test_a_misspelt_alias_is_offered_the_alias(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(RENAMED)
    with pytest.raises(CleanerError, match=r"'mine\.joins' \(did you mean 'mine\.join'\?\)"):
        Cleaner([tmp_path / "mine.yaml"], disable="mine.joins")

"""Time limits: per pattern call, per document; a hostile rule never hangs a run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app
from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run
from cleaner.errors import RuleTimeoutError
from cleaner.packs.loader import parse_pack


def _rules(yaml_text: str):
    return RuleSet([parse_pack(yaml_text)]).rules_for(None)


def test_strip_that_times_out_while_cutting_is_a_rule_timeout() -> None:
    # search finds "X" at once; the cutting pass then goes on into the hostile part.
    rules = _rules("rules:\n  - id: t.strip\n    strip: {regex: 'X|(a|aa)+$'}\n")
    with pytest.raises(RuleTimeoutError) as info:
        run("X" + "a" * 40 + "b\n", rules, timeout=0.05)
    assert info.value.rule_id == "t.strip" and not info.value.whole_document


def test_many_lines_each_within_the_line_limit_exhaust_the_document_budget() -> None:
    # Each line takes a few milliseconds, far below the 1 s per line; 3,000 of them
    # would take seconds, past the 0.2 s the document is given.
    rules = _rules("rules:\n  - id: t.slowish\n    drop-line: {regex: '^(a|aa)+$'}\n")
    with pytest.raises(RuleTimeoutError) as info:
        run(("a" * 22 + "b\n") * 3000, rules, timeout=1.0, document_timeout=0.2)
    assert info.value.rule_id == "t.slowish" and info.value.whole_document
    assert "the document's time budget (0.2s)" in str(info.value)


def test_document_budget_on_the_command_line(tmp_path: Path, slow_pack: Path) -> None:
    path = tmp_path / "doc.txt"
    original = ("a" * 22 + "b\n") * 3000 + "MORE: x\n"
    path.write_text(original)
    args = ["clean", "--in-place", str(path), "--rules", str(slow_pack), "--document-timeout", "0.2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert f"{path}: rule 'slow.rule' timed out after the document's time budget" in result.stderr
    assert path.read_text() == original


def test_a_timeout_leaves_the_rest_of_the_batch_cleaned(tmp_path: Path) -> None:
    pack = tmp_path / "slow.yaml"
    pack.write_text("rules:\n  - id: slow.rule\n    strip: {regex: 'X|(a|aa)+$'}\n")
    hostile, fine = tmp_path / "a.txt", tmp_path / "b.txt"
    hostile.write_text("X" + "a" * 40 + "b\n")
    fine.write_text("Body.\nMORE: x\n")
    result = CliRunner().invoke(
        app, ["clean", "-i", str(tmp_path), "--rules", str(pack), "--timeout", "0.05"]
    )
    assert result.exit_code == 1
    assert "a.txt: rule 'slow.rule' timed out after 0.05s" in result.stderr
    assert "Traceback" not in result.stderr
    assert hostile.read_text() == "X" + "a" * 40 + "b\n"
    assert fine.read_text() == "Body.\n"

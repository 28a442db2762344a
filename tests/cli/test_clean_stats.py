"""``cleaner clean`` with ``--stats``, ``--stats-json``, ``--audit`` and ``--max-loss``:
the same ledger as ``batch``, with file names as record ids."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli.main import app

PACK = "rules:\n  - id: t.promo\n    drop-line: {prefix: 'PROMO:'}\n"


def _run(*args: str):
    return CliRunner().invoke(app, ["clean", *args])


def test_check_with_stats_json_and_audit(tmp_path: Path) -> None:
    pack = tmp_path / "t.yaml"
    pack.write_text(PACK)
    long = tmp_path / "long.txt"
    long.write_text("One two three four five six.\nPROMO: buy\n")
    short = tmp_path / "short.txt"
    short.write_text("Tiny.\nPROMO: buy it now today\n")
    untouched = tmp_path / "fine.txt"
    untouched.write_text("Nothing here.\n")
    stats, audit = tmp_path / "stats.json", tmp_path / "audit.jsonl"
    files = [str(long), str(short), str(untouched)]
    result = _run(
        "--check",
        *files,
        "--no-defaults",
        "--rules",
        str(pack),
        "--stats-json",
        str(stats),
        "--audit",
        str(audit),
    )
    assert result.exit_code == 1
    assert json.loads(stats.read_text()) == {
        "documents": 3,
        "changed": 2,
        "failed": 0,
        "flagged": 1,
        "emptied": 0,
        "no_text": 0,
        "lossy": 0,
        "pages_as_text": 0,
        "max_loss": 0.5,
        "rules": {
            "t.promo": {
                "documents": 2,
                "lines": 2,
                "chars": len("PROMO: buy") + len("PROMO: buy it now today"),
            }
        },
    }
    assert [json.loads(line) for line in audit.read_text().splitlines()] == [
        {"record": str(long), "rule": "t.promo", "line": 2, "start": 0, "end": 10, "text": "PROMO: buy"},
        {
            "record": str(short),
            "rule": "t.promo",
            "line": 2,
            "start": 0,
            "end": 23,
            "text": "PROMO: buy it now today",
        },
        {"record": str(short), "flag": "max-loss", "words_lost": 0.8333, "max_loss": 0.5},
    ]
    assert short.read_text() == "Tiny.\nPROMO: buy it now today\n"  # --check wrote nothing


def test_stats_on_stderr_next_to_the_cleaned_text(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Council votes.\nFollow us on Twitter for the latest news.\n")
    result = _run(str(page), "--stats", "--max-loss", "0.9")
    assert result.exit_code == 0
    assert result.stdout == "Council votes.\n"
    document = json.loads(result.stderr)
    assert document["rules"] == {"social.follow-us": {"documents": 1, "lines": 1, "chars": 41}}
    assert (document["flagged"], document["max_loss"]) == (0, 0.9)


PRUNE_PACK = (
    "rules:\n  - id: t.share\n    prune: {selector: '.share'}\n"
    "  - id: t.follow\n    drop-line: {line: 'Follow us on Twitter'}\n"
)
PARAGRAPH = "<p>The council met again on Tuesday to agree the budget for the coming year.</p>"


def test_prune_removals_are_explained_counted_and_audited(tmp_path: Path) -> None:
    pack = tmp_path / "t.yaml"
    pack.write_text(PRUNE_PACK)
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><body><article><h1>Budget</h1>{PARAGRAPH * 3}<p>Follow us on Twitter</p></article>"
        '<div class="share">Share   this <b>article</b></div></body></html>'
    )
    stats, audit = tmp_path / "stats.json", tmp_path / "audit.jsonl"
    options = ["--no-defaults", "--rules", str(pack), "--explain", "--stats-json", str(stats)]
    result = _run(str(page), *options, "--audit", str(audit))
    assert result.exit_code == 0, result.stderr
    assert "Share" not in result.stdout
    assert f"{page}: t.share ({pack}:2) prune: Share this article (18 characters)" in result.stderr
    assert f"{page}:3:1: t.follow ({pack}:4) drop: Follow us on Twitter" in result.stderr
    assert json.loads(stats.read_text())["rules"] == {
        "t.follow": {"documents": 1, "lines": 1, "chars": 20},
        "t.share": {"documents": 1, "lines": 0, "chars": 18},
    }
    first = json.loads(audit.read_text().splitlines()[0])
    assert first == {
        "record": str(page),
        "rule": "t.share",
        "line": 0,
        "start": 0,
        "end": 18,
        "text": "Share this article",
    }

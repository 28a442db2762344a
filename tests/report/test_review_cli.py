"""``--report FILE.html`` on ``cleaner clean`` and ``cleaner batch``: the page shows
the figures of ``--stats-json``, and a batch writes the same page with any number
of workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app
from tests.report.page import read_page

PACK = """\
rules:
  - id: t.promo
    description: Promo lines
    drop-line: {prefix: "PROMO:"}
  - id: t.ad
    strip: {contains: "[ad]"}
  - id: t.rare
    drop-line: {line: "RARE LINE"}
"""


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def packs(tmp_path: Path) -> list[str]:
    pack = tmp_path / "t.yaml"
    pack.write_text(PACK)
    return ["--no-defaults", "--rules", str(pack)]


def _rows(report: Path) -> dict[str, dict[str, int]]:
    rows = read_page(report.read_text(encoding="utf-8")).rows
    return {
        rule_id: dict(zip(("documents", "lines", "chars"), map(int, cells[1:4]), strict=True))
        for rule_id, cells in rows.items()
    }


def test_clean_report_has_the_stats_figures_and_names_the_files(tmp_path: Path, packs: list[str]) -> None:
    pages = []
    for n in range(3):
        page = tmp_path / f"page{n}.txt"
        page.write_text(f"Story {n}.\nA [ad] line <b>bold</b>.\nPROMO: <script>x()</script> {n}\nEnd.\n")
        pages.append(str(page))
    report, stats = tmp_path / "review.html", tmp_path / "stats.json"
    result = _run("clean", "--check", *pages, *packs, "--report", str(report), "--stats-json", str(stats))
    assert result.exit_code == 1
    assert _rows(report) == json.loads(stats.read_text())["rules"]
    page = read_page(report.read_text(encoding="utf-8"))
    assert page.sections["t.promo"].samples == [f"record {p}, line 3 of its text" for p in pages]
    assert "script" not in page.tags and page.idle == ["t.rare"]


def test_clean_to_stdout_prints_the_same_text_with_a_report(tmp_path: Path, packs: list[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Story.\nPROMO: buy\n")
    plain = _run("clean", str(page), *packs)
    reported = _run("clean", str(page), *packs, "--report", str(tmp_path / "r.html"))
    assert reported.exit_code == plain.exit_code == 0
    assert reported.stdout == plain.stdout == "Story.\n"
    assert list(_rows(tmp_path / "r.html")) == ["t.promo"]


def test_a_report_that_cannot_be_written_is_named(tmp_path: Path, packs: list[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Story.\nPROMO: buy\n")
    target = tmp_path / "missing" / "r.html"
    result = _run("clean", str(page), *packs, "--report", str(target))
    assert result.exit_code == 2
    assert str(target) in result.stderr


def _records(count: int) -> list[dict[str, object]]:
    filler = "Words of the article that the rules leave alone. " * 20
    records: list[dict[str, object]] = []
    for i in range(count):
        text = f"Story {i}.\n{filler}\n" + ("PROMO: x\n" if i % 3 else "") + f"[ad] line {i}\nEnd.\n"
        records.append({"id": f"r{i}", "text": text} if i % 2 else {"text": text})
    records[3001] = {"text": "Story.\nRARE LINE\nEnd.\n"}  # known by its line: 3002, in a later block
    return records


def test_batch_report_is_the_same_with_one_worker_or_two(tmp_path: Path, packs: list[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records(4000)), encoding="utf-8")
    assert source.stat().st_size > 3 << 20  # several blocks: the workers are started
    pages = {}
    for workers in ("1", "2"):
        report, stats = tmp_path / f"review{workers}.html", tmp_path / f"stats{workers}.json"
        out = tmp_path / f"out{workers}.jsonl"
        args = ["batch", str(source), "-o", str(out), "-j", workers, "--report", str(report)]
        result = _run(*args, "--stats-json", str(stats), *packs)
        assert result.exit_code == 0, result.stderr
        assert _rows(report) == json.loads(stats.read_text())["rules"]
        pages[workers] = report.read_bytes()
    assert pages["1"] == pages["2"]
    page = read_page(pages["2"].decode("utf-8"))
    assert page.sections["t.rare"].samples == ["input line 3002, line 2 of its text"]
    assert page.sections["t.promo"].samples == [
        "record r1, line 3 of its text",
        "input line 3, line 3 of its text",
        "input line 5, line 3 of its text",
        "record r5, line 3 of its text",
        "record r7, line 3 of its text",
    ]  # records 1, 2, 4, 5 and 7 have a promo line; even ones have no id


def test_a_report_path_that_is_a_folder_is_named_as_one(tmp_path: Path, packs: list[str]) -> None:
    page, folder = tmp_path / "page.txt", tmp_path / "d.html"
    page.write_text("Story.\nPROMO: x\n")
    folder.mkdir()
    result = _run("clean", "--check", str(page), *packs, "--report", str(folder))
    assert result.exit_code == 2
    assert f"error: {folder}: cannot be written: it is a folder" in result.stderr
    assert "hard link" not in result.stderr

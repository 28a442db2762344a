"""The README's examples for datatrove and Hugging Face datasets, run as they are
written there, on a small crawl in a temporary folder, offline."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "## datatrove and Hugging Face datasets"
BODY = "The council met on Tuesday to agree the budget for the coming year, which rises by four per cent."
CRAWL = [
    {"id": "1", "text": f"{BODY}\nFollow us on Twitter\n", "url": "https://example.org/1"},
    {"id": "2", "text": f"{BODY}\n8 8 8\n", "url": "https://example.org/2"},
    {"id": "3", "text": f"{BODY}\n", "url": None},
]


def _examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ", len(SECTION))]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def _run(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HOME": str(folder / "hf"), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_datasets_example(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    (tmp_path / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in CRAWL))
    done = _run(_examples()[1], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "couldn't be hashed properly" not in done.stderr  # datasets can fingerprint the map
    out = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text().splitlines()]
    assert [(r["id"], r["text"]) for r in out] == [("1", BODY + "\n"), ("2", BODY + "\n"), ("3", BODY + "\n")]


def test_the_datatrove_example(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "part.jsonl").write_text("".join(json.dumps(r) + "\n" for r in CRAWL))
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "mine.yaml").write_text(
        "rules:\n  - id: mine.budget\n    strip: {contains: ', which rises by four per cent'}\n"
    )
    done = _run(_examples()[0], tmp_path)
    assert done.returncode == 0, done.stderr
    files = list((tmp_path / "clean").glob("*.jsonl.gz"))  # JsonlWriter's default: gzip
    written = [json.loads(line) for path in files for line in gzip.decompress(path.read_bytes()).splitlines()]
    short = "The council met on Tuesday to agree the budget for the coming year."
    assert sorted(r["text"] for r in written) == [short + "\n"] * 3
    assert "removed/mine.budget" in (tmp_path / "logs" / "stats.json").read_text()

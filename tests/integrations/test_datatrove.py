"""cleaner.integrations.datatrove: a real LocalPipelineExecutor run, JSONL in and out,
in two worker processes (datatrove pickles the step into them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner.api import Cleaner
from cleaner.integrations.datatrove import CleanerFormatter
from cleaner.packs.model import Action, Matcher, Pack, Rule

BODY = "The council met on Tuesday to agree the budget for the coming year, which rises by four per cent.\n"
RECORDS = [
    {"id": "a", "text": BODY + "Follow us on Twitter\n8 8 8\n", "url": "https://example.org/a"},
    {"id": "b", "text": BODY, "url": "https://example.org/b"},
    {"id": "c", "text": BODY + "Sponsored by Acme\n", "url": "https://news.example.org/c"},
    {"id": "d", "text": BODY + "Sponsored by Acme\n"},
]
SITE = Pack(
    "example",
    (Rule("example.sponsor", Action.DROP_LINE, matcher=Matcher("prefix", ("Sponsored by",))),),
    sources=("example.org",),
)


def _read(folder: Path) -> dict[str, dict[str, object]]:
    records = {}
    for path in folder.glob("*.jsonl"):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            records[record["id"]] = record
    return records


def test_a_local_pipeline_cleans_texts_and_counts_removals_per_rule(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for half in (0, 1):  # two files: one task each
        lines = [json.dumps(r) for r in RECORDS[2 * half : 2 * half + 2]]
        (source / f"part{half}.jsonl").write_text("\n".join(lines) + "\n")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source)),
            CleanerFormatter(Cleaner([SITE])),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    stats = executor.run()
    out = _read(tmp_path / "out")
    assert {key: record["text"] for key, record in out.items()} == {
        "a": BODY,
        "b": BODY,
        "c": BODY,  # the site pack of example.org
        "d": RECORDS[3]["text"],  # no URL: generic packs only
    }
    assert out["a"]["metadata"]["url"] == "https://example.org/a"
    counts = {label: metric.total for label, metric in stats.stats[1].stats.items() if label != "doc_len"}
    assert counts == {
        "total": 4,
        "changed": 2,
        "removed/social.follow-us": 1,
        "removed/gallery.image-counts": 1,
        "removed/example.sponsor": 1,
        "removed_chars": len("Follow us on Twitter") + len("8 8 8") + len("Sponsored by Acme"),
    }
    assert json.loads((tmp_path / "logs" / "stats.json").read_text())[1]["stats"]["changed"] == 2


def test_format_cleans_with_the_generic_packs() -> None:
    assert CleanerFormatter().format(BODY + "Follow us on Twitter\n") == BODY


def test_texts_come_out_as_cleaner_batch_writes_them(tmp_path: Path) -> None:
    """Line ends and final newline as each text had them, changed or not: never the
    engine's ``\\n`` form for the changed documents only."""
    from datatrove.data import Document
    from typer.testing import CliRunner

    from cleaner.cli.main import app

    texts = {
        "crlf": "Story line.\r\nFollow us on Twitter for the latest news.\r\nMore story.",
        "crlf-kept": "Untouched line.\r\nAnother.",
        "no-end": "Story line.\nFollow us on Twitter for the latest news.",
        "bom": "\ufeffStory line.\nFollow us on Twitter for the latest news.\n",
    }
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in texts.items()))
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.stderr
    expected = {
        r["id"]: r["text"] for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())
    }

    step = CleanerFormatter()
    documents = step.run(Document(text=text, id=key) for key, text in texts.items())
    assert {doc.id: doc.text for doc in documents} == expected
    assert expected["crlf"] == "Story line.\r\nMore story."
    assert {key: step.format(text) for key, text in texts.items()} == expected

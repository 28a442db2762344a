"""``clean_dataset`` on a real local Ray (2 CPUs): JSONL in, JSONL out, the same records
as ``cleaner batch`` writes from the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks import generate
from cleaner.batch.records import NO_TEXT
from cleaner.cli.main import app
from cleaner.ray_data import clean_dataset

SITES = generate.site_names(4)
TEXT = "Body.\nFollow us on Twitter for the latest news.\n"


@pytest.fixture(scope="module")
def ray():
    """A local Ray with 2 CPUs. Imported here, not when tests are collected: importing
    Ray changes the process (other tests watch its signals and temporary files)."""
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'boilerplate-cleaner[ray]')")
    pytest.importorskip("ray.data", reason="ray.data is not installed")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def _records(path: Path) -> dict[str, dict[str, object]]:
    """Records by id. Ray writes every column on every row, so a field a record did
    not have comes out as null: such nulls are left out to compare with the input's."""
    files = sorted(path.glob("*.json*")) if path.is_dir() else [path]
    rows = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").split("\n") if line]
    return {row["id"]: {k: v for k, v in row.items() if v is not None} for row in rows}


def _write_input(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _batch(*args: str) -> None:
    result = CliRunner().invoke(app, ["batch", *args])
    assert result.exit_code in (0, 1), result.stderr


def _both(ray, tmp_path: Path, records: list[dict[str, object]], *batch_args: str, **ray_args: object):
    """The records ``cleaner batch`` (with ``batch_args``) writes, and those
    ``clean_dataset`` (with ``ray_args``) does, from the same input."""
    source = tmp_path / "in.jsonl"
    _write_input(source, records)
    _batch(str(source), "-o", str(tmp_path / "batch.jsonl"), *batch_args)
    clean_dataset(ray.data.read_json(str(source)), **ray_args).write_json(str(tmp_path / "ray"))
    return _records(tmp_path / "batch.jsonl"), _records(tmp_path / "ray")


def test_text_column_as_cleaner_batch_writes_it(ray, tmp_path: Path) -> None:
    corpus = generate.corpus(11, 300, SITES, paragraphs=8)
    records = [
        {"id": f"r{k}", "url": f"https://{source}/story" if source else None, "text": text, "n": k}
        for k, (text, source) in enumerate(zip(corpus.documents, corpus.sources, strict=True))
    ]
    records.append({"id": "no-url", "text": "Body.\n\nMORE: elsewhere\n"})
    source = tmp_path / "in.jsonl"
    _write_input(source, records)
    _batch(str(source), "-o", str(tmp_path / "batch.jsonl"))

    dataset = ray.data.read_json(str(source))
    clean_dataset(dataset, batch_size=64).write_json(str(tmp_path / "ray"))

    expected, got = _records(tmp_path / "batch.jsonl"), _records(tmp_path / "ray")
    assert got == expected
    assert sum(got[k]["text"] != r["text"] for k, r in {r["id"]: r for r in records}.items()) > 50


def test_html_column_with_urls(ray, tmp_path: Path) -> None:
    body = "<p>" + "The council met on Monday to discuss the new bridge and its cost. " * 6 + "</p>"
    promo = "<p>Follow us on Twitter for the latest updates.</p>"
    records = [
        {
            "id": f"h{k}",
            "url": f"https://{SITES[k % 4]}/a{k}",
            "html": f"<html><body>{body}{promo}</body></html>",
        }
        for k in range(12)
    ]
    source = tmp_path / "in.jsonl"
    _write_input(source, records)
    _batch(str(source), "-o", str(tmp_path / "batch.jsonl"), "--html-field", "html")

    dataset = ray.data.read_json(str(source))
    clean_dataset(dataset, html_column="html").write_json(str(tmp_path / "ray"))

    expected, got = _records(tmp_path / "batch.jsonl"), _records(tmp_path / "ray")
    assert got == expected
    assert all("council met" in row["text"] and "Follow us" not in row["text"] for row in got.values())


def test_disable_as_cleaner_batch_does_it(ray, tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "Body.\n\nMORE: elsewhere\n"},
        {"id": "b", "text": "Body.\nFollow us on X\n"},
    ]
    expected, got = _both(ray, tmp_path, records, "--disable", "links", disable=["links"])
    assert got == expected
    assert "MORE: elsewhere" in str(got["a"]["text"])


def test_an_actor_sent_another_versions_translations_cleans_as_batch_does() -> None:
    """Entries that would blind its scanner (a node with another ``regex``), made by
    other code: the actor translates for itself. (No Ray needed: the actor's class.)"""
    from cleaner.api import Cleaner
    from cleaner.ray_data import CleanBatch
    from cleaner.scan.translations import Translations

    made = Translations()
    built = Cleaner(translations=made)
    built.prepare()
    packs = built.packs
    code, entries = made.snapshot()
    blind = {key: ["re2", "[^\\x{0}-\\x{10FFFF}]", False] for key in entries}
    text = "Body of the story.\n\nFollow us on Twitter for the latest news.\n"
    expected = Cleaner().run(text).text
    assert expected != text
    for snapshot in ((f"other-{code}", blind), made.snapshot()):
        actor = CleanBatch(
            packs, text_column="text", html_column=None, url_column=None, timeout=1.0, translations=snapshot
        )
        assert actor.clean(text, None) == expected


def test_an_actor_leaves_a_value_the_engine_fails_on_as_it_was(engine_fails: type[Exception]) -> None:
    """As ``cleaner batch`` passes such a record through. (No Ray needed: the actor's class.)"""
    from cleaner.api import gather_packs
    from cleaner.ray_data import CleanBatch
    from tests.conftest import BOOM

    actor = CleanBatch(gather_packs(), text_column="text", html_column=None, url_column=None, timeout=1.0)
    assert actor.clean(f"{BOOM}\nFollow us on Twitter for the latest news.", None) == (
        f"{BOOM}\nFollow us on Twitter for the latest news."
    )
    assert actor.clean("Body.\nFollow us on Twitter for the latest news.", None) == "Body."


def test_config_gives_the_same_settings_as_to_cleaner_batch(ray, tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(
        "rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n"
    )
    config = tmp_path / "cleaner.toml"
    config.write_text('rules = ["packs"]\ndisable = ["social"]\ntext-field = "body"\n')
    text = "Council met.\nThe vote passed.\nFollow us on Twitter for the latest news.\nMORE: x\n"
    source = tmp_path / "in.jsonl"
    _write_input(source, [{"id": f"c{k}", "body": text} for k in range(4)])
    _batch(str(source), "-o", str(tmp_path / "batch.jsonl"), "--config", str(config))

    clean_dataset(ray.data.read_json(str(source)), config=config).write_json(str(tmp_path / "ray"))

    expected, got = _records(tmp_path / "batch.jsonl"), _records(tmp_path / "ray")
    assert got == expected
    assert got["c0"]["body"] == "Council met.\nFollow us on Twitter for the latest news.\n"


def test_learn_dataset_gives_the_packs_cleaner_learn_writes(ray, tmp_path: Path) -> None:
    from cleaner.ray_data import learn_dataset
    from tests.learn import corpus as learn_corpus

    source = learn_corpus.write(tmp_path / "in.jsonl", learn_corpus.records(pages=40))
    result = CliRunner().invoke(app, ["learn", str(source), "-o", str(tmp_path / "cli"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    expected = {p.stem: p.read_text(encoding="utf-8") for p in sorted((tmp_path / "cli").iterdir())}

    learned = learn_dataset(ray.data.read_json(str(source)), batch_size=16)  # 5 batches, in order
    assert learned.packs == expected
    assert sorted(expected) == ["example.com", "other.org"]


def test_one_pack_source_and_one_name_are_taken_whole_and_a_bad_timeout_fails_here(
    ray, tmp_path: Path
) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(
        "rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n"
    )
    config = tmp_path / "cleaner.toml"
    config.write_text('disable = ["links"]\n')
    dataset = ray.data.from_items([{"text": "x\n"}])
    # what the lazy dataset will run is set up here: a mistake shows now, not in a worker
    clean_dataset(dataset, config=config, rules=str(tmp_path / "packs"), disable="social")
    with pytest.raises(ValueError, match=r"timeout: must be from 0\.001 to 86400"):
        clean_dataset(dataset, timeout=-1)


def test_html_rows_that_fail_keep_their_text_as_cleaner_batch_leaves_them(ray, tmp_path: Path) -> None:
    """A page over the limits, one from which no text was extracted, or no page at all,
    puts neither its HTML nor null nor "" over the row's text; ``error_column`` says why,
    in the words batch reports it with."""
    good = "<html><body><article><p>" + "The council voted to keep the ferry running. " * 4
    deep = "<div>" * 1500 + "deep" + "</div>" * 1500
    records = [
        {"id": "good", "html": good + "</p></article></body></html>", "text": "old"},
        {"id": "deep", "html": deep, "text": "old deep"},
        {"id": "null", "html": None, "text": "old null"},
        {"id": "deep-no-text", "html": deep},
        {"id": "js", "html": '<div id="app"></div><script src="/app.js"></script>', "text": "old js"},
    ]
    expected, got = _both(
        ray, tmp_path, records, "--html-field", "html", html_column="html", error_column="error"
    )
    errors = {key: row.pop("error", None) for key, row in got.items()}
    assert got == expected
    assert got["deep"]["text"] == "old deep" and got["null"]["text"] == "old null"
    assert got["js"]["text"] == "old js"  # nothing extracted: not "" over the text it had
    assert "deep-no-text" in got and "text" not in got["deep-no-text"]
    assert errors == {
        "good": None,
        "deep": "<html>: HTML page has elements nested over 1,000 deep; skipped",
        "null": "'html' must be a string, not null",
        "deep-no-text": "<html>: HTML page has elements nested over 1,000 deep; skipped",
        "js": f"<html>: {NO_TEXT}",
    }


def test_a_byte_order_mark_as_cleaner_batch_keeps_it(ray, tmp_path: Path) -> None:
    records = [
        {"id": "bom", "text": "\ufeffStory.\nMORE: x\n"},
        {"id": "crlf", "text": "\ufeffA.\r\nMORE: x"},
    ]
    expected, got = _both(ray, tmp_path, records)
    assert got == expected
    assert {key: row["text"] for key, row in got.items()} == {"bom": "\ufeffStory.\n", "crlf": "\ufeffA."}


def test_the_config_s_document_timeout_reaches_the_actors(
    ray, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each actor is built with, taken from the lazy dataset's one step (what a
    document budget then does is tested in tests/engine/test_run_limits.py)."""
    from cleaner.ray_data import CleanBatch

    config = tmp_path / "cleaner.toml"
    config.write_text("timeout = 2\ndocument-timeout = 0.5\n")
    steps: list[dict[str, object]] = []
    dataset = ray.data.from_items([{"text": "x\n"}])
    monkeypatch.setattr(type(dataset), "map_batches", lambda _, fn, **step: steps.append(step))
    for given, expected in (({}, (2.0, 0.5)), ({"document_timeout": 3}, (2.0, 3))):
        clean_dataset(dataset, config=config, **given)
        step = steps.pop()
        actor = CleanBatch(*step["fn_constructor_args"], **step["fn_constructor_kwargs"])
        assert (actor.cleaner.timeout, actor.cleaner.document_timeout) == expected


def test_an_actor_logs_how_many_rows_of_a_batch_it_left_as_they_were(
    engine_fails: type[Exception], caplog: pytest.LogCaptureFixture
) -> None:
    """Ray shows an actor's log on the driver. (No Ray needed: the actor's class.)"""
    import pyarrow

    from cleaner.api import gather_packs
    from cleaner.ray_data import CleanBatch
    from tests.conftest import BOOM

    actor = CleanBatch(gather_packs(), text_column="text", html_column=None, url_column=None, timeout=1.0)
    texts = [f"{BOOM}\nFollow us on Twitter for the latest news.", None, "Body.\nFollow us on Twitter."]
    with caplog.at_level("WARNING", logger="cleaner.ray_data"):
        out = actor(pyarrow.table({"text": texts}))
    assert out.column("text").to_pylist() == [texts[0], None, "Body."]
    (message,) = caplog.messages
    assert message.startswith("cleaner: 2 of 3 rows could not be cleaned and were left as they were (first: ")


def test_a_config_value_that_cannot_be_used_names_the_files_line(ray, tmp_path: Path) -> None:
    """As ``Cleaner.from_config`` and the command line name it; a name the argument
    gave is named as the argument."""
    from cleaner.errors import ConfigError

    config = tmp_path / "cleaner.toml"
    dataset = ray.data.from_items([{"text": "x\n"}])
    config.write_text('timeout = 2\ndisable = ["socail"]\n')
    with pytest.raises(ConfigError) as raised:
        clean_dataset(dataset, config=config, disable="links")
    assert str(raised.value) == (
        f"{config}:2: 'disable': no rule or pack is called 'socail' (did you mean 'social'?)"
    )
    config.write_text('disable = ["social"]\n')
    with pytest.raises(ValueError, match=r"^disable: no rule or pack is called 'linkz'"):
        clean_dataset(dataset, config=config, disable="linkz")
    config.write_text('\nrules = ["missing-rules/"]\n')
    with pytest.raises(ConfigError) as raised:
        clean_dataset(dataset, config=config)
    assert str(raised.value) == (
        f"{config}:2: 'rules': no such rule pack file or folder: {tmp_path / 'missing-rules'}"
    )


@pytest.mark.parametrize(
    ("record", "text_column", "reason"),
    [
        ({"id": "n", "url": 5, "text": TEXT}, "text", "'url' must be a string, not a number"),
        ({"id": "n", "text": TEXT}, "body", "no 'body' field"),  # a column the dataset lacks
    ],
)
def test_an_actor_fails_a_row_as_cleaner_batch_fails_its_record(
    tmp_path: Path, record: dict[str, object], text_column: str, reason: str
) -> None:
    """(No Ray needed: the actor's class, on the table Ray reads from such records.)"""
    import pyarrow

    from cleaner.api import gather_packs
    from cleaner.ray_data import CleanBatch

    source = tmp_path / "in.jsonl"
    _write_input(source, [record])
    args = ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--text-field", text_column]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert f"{source}:1: {reason}\n" in result.stderr
    assert _records(tmp_path / "out.jsonl") == {"n": record}

    actor = CleanBatch(
        gather_packs(),
        text_column=text_column,
        html_column=None,
        url_column="url",
        timeout=1.0,
        error_column="e",
    )
    out = actor(pyarrow.table({key: [value] for key, value in record.items()}))
    assert out.column(text_column).to_pylist() == [record.get(text_column)]
    assert out.column("e").to_pylist() == [reason]

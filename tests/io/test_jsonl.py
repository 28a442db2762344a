"""Reading JSONL in blocks of whole lines, and atomic (gzip) output."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

from cleaner.errors import InputError
from cleaner.io import jsonl
from cleaner.io.jsonl import dump_line, open_input, open_output


def _blocks(path: Path) -> list[tuple[jsonl.Block, bytes]]:
    """Each block with the lines it holds, read while the file is open."""
    with open_input(str(path)) as blocks:
        return [(block, block.read()) for block in blocks]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_blocks_hold_whole_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compress: bool) -> None:
    monkeypatch.setattr(jsonl, "BLOCK", 64)
    lines = [f'{{"n": {i}, "text": "{"x" * (i * 7 % 90)}"}}\n'.encode() for i in range(40)]
    lines[-1] = lines[-1].rstrip(b"\n")  # the last line may lack its newline
    data = b"".join(lines)
    path = tmp_path / "in.jsonl"
    path.write_bytes(gzip.compress(data) if compress else data)
    blocks, held = zip(*_blocks(path), strict=True)
    assert b"".join(held) == data
    assert all(b.endswith(b"\n") for b in held[:-1])
    assert [block.length for block in blocks] == [len(b) for b in held]
    assert any(len(b) > 64 for b in held)  # a line longer than a block stays whole
    assert len(blocks) > 10


def test_the_parent_does_not_read_a_plain_file_but_says_where_its_blocks_lie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forked worker reads its block for itself instead of receiving the bytes."""
    monkeypatch.setattr(jsonl, "BLOCK", 50)
    data = b"".join(f'{{"n": {i}, "text": "{"y" * (i * 11 % 70)}"}}\n'.encode() for i in range(30))
    (tmp_path / "in.jsonl").write_bytes(data)
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(data))
    with open_input(str(tmp_path / "in.jsonl")) as blocks:
        plain = list(blocks)
        assert len(plain) > 5 and all(b.data == b"" and b.span is not None for b in plain)
        assert b"".join(b.span.read() for b in plain if b.span) == data
        assert [b.position for b in plain] == list(itertools.accumulate(b.length for b in plain))
    with open_input(str(tmp_path / "in.jsonl.gz")) as blocks:
        assert all(b.span is None for b in blocks)  # offsets into the compressed bytes mean nothing


def test_a_file_cut_short_under_a_span_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "a"}\n' * 10)
    with open_input(str(path)) as blocks:
        span = next(blocks).span
        assert span is not None
        path.write_bytes(b"")  # truncated in place, as another program might
        with pytest.raises(InputError, match=r"in\.jsonl.*cut short"):
            span.read()


def test_a_file_cut_short_while_its_blocks_are_cut_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "BLOCK", 20)
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "a"}\n' * 10)
    with open_input(str(path)) as blocks:
        next(blocks)
        path.write_bytes(b'{"text": "a"}\n')  # the reader looks past the end for a line break
        with pytest.raises(InputError, match=r"in\.jsonl.*cut short"):
            list(blocks)


def test_output_replaces_the_target_only_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), open_output(target) as sink:
        sink.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    with open_output(target) as sink:
        sink.write(b"new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_gzip_output_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.jsonl.gz", "b.jsonl.gz"):
        with open_output(tmp_path / name) as sink:
            sink.write(b'{"text": "x"}\n')
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert gzip.decompress(outputs[0]) == b'{"text": "x"}\n'


def test_dump_line_keeps_utf8_and_escapes_lone_surrogates() -> None:
    assert dump_line({"t": "café"}) == '{"t": "café"}\n'.encode()
    assert dump_line({"t": "a\ud800"}) == b'{"t": "a\\ud800"}\n'


@pytest.mark.parametrize(
    "value",
    [
        {"id": 1, "text": 'plain ASCII \\ " \t\x01 text', "n": [1.5, None, True, {"k": "v"}]},
        {"text": "ASCII", "title": "Café"},  # one field beyond ASCII
        {"text": "ASCII", "tags": [["deep", ["é"]]]},  # nested
        {"é": "key beyond ASCII"},
        ["a", {"b": "\u2028"}],
        {"text": "x", "nested": [[[[[[["y"]]]]]]]},
    ],
)
def test_dump_line_writes_what_json_writes_keeping_utf8(value: object) -> None:
    """ASCII-only values take a faster encoder: the bytes must be the same."""
    assert dump_line(value) == (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")


def test_dump_line_takes_json_nested_as_deep_as_the_parser_allows() -> None:
    value = json.loads("[" * 900 + "]" * 900)
    assert dump_line(value) == (json.dumps(value) + "\n").encode()


def test_output_onto_a_folder_is_a_named_error(tmp_path: Path) -> None:
    folder = tmp_path / "out.jsonl"
    folder.mkdir()
    with pytest.raises(InputError, match=r"out\.jsonl: cannot be written"), open_output(folder) as sink:
        sink.write(b"x\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def _shape(blocks: list[tuple[jsonl.Block, bytes]]) -> list[tuple[int, int, int, bytes]]:
    return [(b.start, b.length, b.overlong, held) for b, held in blocks]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_a_line_over_the_limit_is_a_block_of_its_own_keeping_only_its_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compress: bool
) -> None:
    monkeypatch.setattr(jsonl, "BLOCK", 64)
    before = b"".join(b'{"n": %d}\n' % i for i in range(20))
    long = b'{"text": "' + b"x" * 5000 + b'"}\n'
    after = b"".join(b'{"n": %d}\n' % i for i in range(20, 40))
    path = tmp_path / "in.jsonl"
    path.write_bytes(gzip.compress(before + long + after) if compress else before + long + after)
    with open_input(str(path), max_line=1000) as blocks:
        found = [(block, block.read()) for block in blocks]
    overlong = [(b, held) for b, held in found if b.overlong]
    assert [(b.start, b.overlong, held) for b, held in overlong] == [
        (len(before), len(long), long[: jsonl.HEAD])
    ]
    assert b"".join(held for b, held in found if not b.overlong) == before + after
    assert all(len(held) <= jsonl.HEAD for _, held in found)


def test_plain_and_compressed_input_are_cut_into_the_same_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "BLOCK", 64)
    lines = [b'{"t": "' + b"y" * (i * 37 % 300) + b'"}\n' for i in range(80)]
    data = b"".join(lines).rstrip(b"\n")
    (tmp_path / "in.jsonl").write_bytes(data)
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(data))
    plain = _shape(_blocks(tmp_path / "in.jsonl"))
    assert plain == _shape(_blocks(tmp_path / "in.jsonl.gz"))
    with open_input(str(tmp_path / "in.jsonl"), max_line=200) as blocks:
        assert sum(b.overlong > 0 for b in blocks) == sum(len(line) > 201 for line in lines)


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz"])
def test_blocks_read_from_any_block_end_are_those_of_the_whole_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """What makes a resumed batch write what an uninterrupted one would."""
    monkeypatch.setattr(jsonl, "BLOCK", 64)
    data = b"".join(b'{"t": "' + b"z" * (i * 53 % 250) + b'"}\n' for i in range(60))
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    whole = _shape(_blocks(path))
    for n, (start, *_) in enumerate(whole):
        with open_input(str(path), skip=start) as blocks:
            assert _shape([(b, b.read()) for b in blocks]) == whole[n:]


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_compressed_line_with_no_line_break_is_read_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """6 GB of gzipped zeros grew one buffer for ever, copying it at every read; zstd
    makes 32 KB of one byte: its input is given to it a few bytes at a time."""
    import tracemalloc

    from cleaner.io import compression

    monkeypatch.setattr(jsonl, "BLOCK", 1 << 16)
    path = tmp_path / f"in.jsonl{suffix}"
    with path.open("wb") as raw, compression.writer(raw, compression.output_format(path.name)) as out:
        out.write(b'{"ok": 1}\n')
        for _ in range(40):
            out.write(b"a" * (1 << 20))
        out.write(b'\n{"ok": 2}\n')
    tracemalloc.start()
    try:
        with open_input(str(path), max_line=1 << 20) as blocks:
            found = [(b.overlong, b.read()) for b in blocks]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [overlong for overlong, _ in found] == [0, 40 * (1 << 20) + 1, 0]
    assert b"".join(data for overlong, data in found if not overlong) == b'{"ok": 1}\n{"ok": 2}\n'
    assert peak < 8 << 20


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "is a zip archive, which cannot be read"),
        (b'{"text": "a"}\n\x00\x01\x02' * 10, r"looks like a binary file \(NUL bytes\)"),
    ],
    ids=["zip", "nul"],
)
def test_a_binary_input_is_one_error_naming_it(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=rf"in\.jsonl: {message}"), open_input(str(path)) as blocks:
        list(blocks)


def test_a_device_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="/dev/zero: is a device"), open_input("/dev/zero") as blocks:
        list(blocks)
    with pytest.raises(InputError, match="is a folder"), open_input(str(tmp_path)) as blocks:
        list(blocks)


def test_a_named_pipe_is_read_as_a_stream(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    data = b'{"text": "a"}\n' * 1000

    def feed() -> None:
        with fifo.open("wb") as writer:
            writer.write(data)

    thread = threading.Thread(target=feed)
    thread.start()
    with open_input(str(fifo)) as blocks:
        assert b"".join(b.read() for b in blocks) == data
    thread.join()


def test_temporary_files_of_killed_runs_are_removed_by_the_next(tmp_path: Path) -> None:
    import os

    target = tmp_path / "out.jsonl"
    dead = tmp_path / ".out.jsonl.99999999.x1y2.tmp"  # above any pid_max: no such process
    living = tmp_path / f".out.jsonl.{os.getppid()}.a1b2.tmp"  # a run still writing
    dead.write_bytes(b"left by a killed run")
    living.write_bytes(b"being written")
    with open_output(target) as sink:
        sink.write(b"new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [living.name, "out.jsonl"]


BOM_DATA = b"".join(b'{"t": "' + b"w" * (i * 41 % 200) + b'"}\n' for i in range(50))


def _bom_input(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A UTF-8 BOM then ``BOM_DATA``, as a plain file, compressed, or on stdin (a pipe)."""
    import io
    import sys

    from cleaner.io import compression

    data = b"\xef\xbb\xbf" + BOM_DATA
    if kind == "stdin":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        return "-"
    path = tmp_path / f"in.jsonl{kind}"
    path.write_bytes(compression.compressor(compression.output_format(path.name))(data))
    return str(path)


@pytest.mark.parametrize("kind", ["", ".gz", ".zst", "stdin"])
def test_a_byte_order_mark_starting_the_input_is_read_past(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Windows tools start UTF-8 files with one; json refuses it, and the first record was lost."""
    monkeypatch.setattr(jsonl, "BLOCK", 64)
    with open_input(_bom_input(tmp_path, kind, monkeypatch)) as blocks:
        found = [(block.start, block.read()) for block in blocks]
    assert b"".join(data for _, data in found) == BOM_DATA
    assert found[0][0] == 3  # where the first record starts in the input


@pytest.mark.parametrize("kind", ["", ".zst"])
def test_a_resumed_run_reads_past_the_byte_order_mark_as_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setattr(jsonl, "BLOCK", 64)
    path = _bom_input(tmp_path, kind, monkeypatch)
    with open_input(path) as blocks:
        whole = _shape([(b, b.read()) for b in blocks])
    for n, (start, *_) in enumerate(whole):
        with open_input(path, skip=start) as blocks:
            assert _shape([(b, b.read()) for b in blocks]) == whole[n:]

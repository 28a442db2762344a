"""Compressed input told by its first bytes; output compressed as its name says, a
member per write, which any decompressor reads as one stream."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest
import zstandard

from cleaner.errors import InputError
from cleaner.io import compression
from cleaner.io.jsonl import open_input

DATA = b"".join(b'{"n": %d, "text": "line %d"}\n' % (i, i) for i in range(2000))
FORMATS = {
    "gzip": gzip.compress,
    "zstd": zstandard.ZstdCompressor().compress,
    "xz": lzma.compress,
    "bz2": bz2.compress,
}


@pytest.mark.parametrize("format", FORMATS)
def test_each_format_is_read_by_its_content_whatever_the_name(tmp_path: Path, format: str) -> None:
    path = tmp_path / "records.data"  # a name that says nothing
    path.write_bytes(FORMATS[format](DATA[:30_000]) + FORMATS[format](DATA[30_000:]))  # two members
    assert compression.detect(path.read_bytes()[:8]) == format
    with open_input(str(path)) as blocks:
        assert b"".join(block.read() for block in blocks) == DATA


@pytest.mark.parametrize(
    ("suffix", "format"), [(".gz", "gzip"), (".zst", "zstd"), (".xz", "xz"), (".bz2", "bz2")]
)
def test_output_members_written_one_after_another_read_as_one_stream(
    tmp_path: Path, suffix: str, format: str
) -> None:
    assert compression.output_format(f"out.jsonl{suffix}") == format
    compress = compression.compressor(format)
    path = tmp_path / f"out.jsonl{suffix}"
    path.write_bytes(compress(DATA[:1000]) + compress(DATA[1000:]))
    with open_input(str(path)) as blocks:
        assert b"".join(block.read() for block in blocks) == DATA


def test_a_known_format_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.lz4"
    path.write_bytes(b"\x04\x22\x4d\x18" + bytes(range(256)) * 10)
    message = r"in\.jsonl\.lz4: is lz4-compressed, which cannot be read"
    with pytest.raises(InputError, match=message), open_input(str(path)) as blocks:
        list(blocks)


def _cut_inside_the_last_member(format: str) -> bytes:
    """Two members (frames, streams), the second cut in its middle, as a copy or a
    download that stopped short leaves them."""
    second = FORMATS[format](DATA[30_000:])
    return FORMATS[format](DATA[:30_000]) + second[: len(second) // 2]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("members", ["one", "two"])
def test_a_stream_that_ends_inside_a_member_is_an_error_naming_the_file(
    tmp_path: Path, format: str, members: str
) -> None:
    path = tmp_path / "cut.data"
    whole = FORMATS[format](DATA)
    path.write_bytes(whole[: len(whole) - 10] if members == "one" else _cut_inside_the_last_member(format))
    message = r"cut\.data: cannot be read: Compressed file ended before the end-of-stream marker"
    with pytest.raises(InputError, match=message), open_input(str(path)) as blocks:
        list(blocks)


def test_zstd_cut_between_two_frames_is_a_valid_stream_of_the_first(tmp_path: Path) -> None:
    """Nothing in a zstd stream says that another frame was to follow (``zstd -t``
    accepts it too): the first frame's records are read, and nothing is reported."""
    path = tmp_path / "first.zst"
    path.write_bytes(FORMATS["zstd"](DATA[:30_000]))
    with open_input(str(path)) as blocks:
        assert b"".join(block.read() for block in blocks) == DATA[:30_000]


def test_zstd_skippable_frames_are_read_past(tmp_path: Path) -> None:
    skippable = (0x184D2A50).to_bytes(4, "little") + (5).to_bytes(4, "little") + b"notes"
    path = tmp_path / "in.zst"
    path.write_bytes(FORMATS["zstd"](DATA[:30_000]) + skippable + FORMATS["zstd"](DATA[30_000:]) + skippable)
    with open_input(str(path)) as blocks:
        assert b"".join(block.read() for block in blocks) == DATA

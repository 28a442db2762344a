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

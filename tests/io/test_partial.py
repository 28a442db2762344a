"""Partial files of a batch: cut back to a checkpoint's size, locked while written,
and a full disk is an error naming the file, whose target keeps its content."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from cleaner.errors import WriteError
from cleaner.io.partial import Checkpoint, Partial


def test_a_partial_file_goes_on_from_a_size_and_replaces_its_target_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    first = Partial(target)
    first.write(b"one\ntwo\n")
    size = first.size()
    first.write(b"half-written by a run that was then kil")
    first.close()
    again = Partial(target)
    assert again.start_at(size) and not again.start_at(10**9)
    again.start_at(size)
    again.write(b"three\n")
    again.commit()
    again.close()
    assert target.read_bytes() == b"one\ntwo\nthree\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_full_disk_is_an_error_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"previous\n")
    partial = Partial(target)

    def full(data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(partial._handle, "write", full)
    with pytest.raises(WriteError, match=r"out\.jsonl: cannot write \(No space left on device\)"):
        partial.write(b"record\n")
    partial.close()
    assert target.read_bytes() == b"previous\n"


def test_a_checkpoint_that_cannot_be_read_is_none(tmp_path: Path) -> None:
    checkpoint = Checkpoint(tmp_path / "out.jsonl")
    assert checkpoint.load() is None
    checkpoint.path.write_bytes(b"{not json")
    assert checkpoint.load() is None
    checkpoint.save({"offset": 3})
    assert checkpoint.load() == {"offset": 3}


def test_a_checkpoint_changed_after_it_was_saved_is_none(tmp_path: Path) -> None:
    checkpoint = Checkpoint(tmp_path / "out.jsonl")
    checkpoint.save({"offset": 1048740, "lines": 6040})
    saved = checkpoint.path.read_text()
    checkpoint.path.write_text(saved.replace("1048740", "1049240"))  # still JSON, 500 bytes on
    assert checkpoint.load() is None
    checkpoint.path.write_text(saved.replace(', "sha256"', ', "other"'))  # without its checksum
    assert checkpoint.load() is None

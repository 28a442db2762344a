"""Files: decoding keeps how the file was stored; writes are atomic and keep it."""

from __future__ import annotations

import codecs
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from cleaner.errors import InputError, WriteError
from cleaner.io.files import (
    check_outputs,
    decode,
    file_stamp,
    read_bytes,
    read_document,
    write_atomic,
    write_document,
)

ROUND_TRIPS = [
    b"plain\nlines\n",
    b"no final newline",
    b"crlf\r\nlines\r\n",
    b"old mac\rlines\r",
    "\ufeffbom and ünïcode\n".encode(),
    b"",
]


@pytest.mark.parametrize("data", ROUND_TRIPS)
def test_decode_render_round_trip(data: bytes) -> None:
    document = decode(data, "f.txt")
    assert "\r" not in document.text
    assert document.render(document.text).encode() == data


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"abc\ndef\nghi\njk\xffl\n", "4:3"),  # the byte's offset, 14, is no column
        (b"a\rb\r\n\xc3\xa9x\xff", "3:3"),  # CR and CRLF end lines; a character is a column
        (b"\xef\xbb\xbfab\xff", "1:3"),  # the BOM is no character of the line
    ],
)
def test_an_undecodable_byte_is_located_by_line_and_column_from_1(data: bytes, where: str) -> None:
    with pytest.raises(InputError, match=rf"^x\.txt:{where}: not valid utf-8: byte 0x"):
        decode(data, "x.txt")


def test_render_applies_conventions_to_new_text() -> None:
    document = decode("\ufeffa\r\nb\r\nc".encode(), "f.txt")
    assert (document.bom, document.newline, document.final_newline) == (True, "\r\n", False)
    assert document.render("a\nc\n") == "\ufeffa\r\nc"


def test_binary_and_undecodable_input_name_the_file() -> None:
    with pytest.raises(InputError, match=r"^x\.bin: looks like a binary file"):
        decode(b"\x89PNG\x00\x00", "x.bin")
    with pytest.raises(InputError, match=r"^x\.txt:2:1: not valid utf-8: byte 0xff \(use --encoding"):
        decode(b"ok\n\xff", "x.txt")
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"ok", "x.txt", encoding="no-such-codec")


@pytest.mark.parametrize(
    ("encoding", "named"), [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")]
)
def test_wide_unicode_text_is_named_with_the_option_that_reads_it(encoding: str, named: str) -> None:
    data = "Story line here.\n".encode(encoding)
    if not encoding.endswith("be"):
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE))
    else:
        data = codecs.BOM_UTF16_BE + data
    with pytest.raises(InputError, match=rf"^n\.txt: saved as {named} .*--encoding {named.lower()}$"):
        decode(data, "n.txt")
    assert decode(data, "n.txt", encoding=named.lower()).text.endswith("Story line here.\n")


def test_atomic_write_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")
    os.chmod(path, 0o600)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_failed_write_leaves_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old content")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new content")
    assert path.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_write_document_follows_symlink(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_bytes(b"a\r\nb\r\n")
    link = tmp_path / "l.txt"
    link.symlink_to(target)
    write_document(link, decode(target.read_bytes(), "l.txt"), "a\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"a\r\n"


def test_a_file_with_hard_links_is_refused_and_every_name_keeps_its_text(tmp_path: Path) -> None:
    path, other = tmp_path / "f.txt", tmp_path / "g.txt"
    path.write_text("old\n")
    os.link(path, other)
    with pytest.raises(WriteError, match=r"f\.txt: cannot write \(it has 2 hard links"):
        write_document(path, decode(path.read_bytes(), str(path)), "new\n")
    assert (path.read_text(), other.read_text()) == ("old\n", "old\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt", "g.txt"]


def test_a_folder_is_refused_as_a_folder_not_for_its_links(tmp_path: Path) -> None:
    folder = tmp_path / "d.html"
    folder.mkdir()
    with pytest.raises(InputError, match=r"d\.html: cannot be written: it is a folder"):
        write_atomic(folder, b"<html>")
    assert [p.name for p in tmp_path.iterdir()] == ["d.html"] and not any(folder.iterdir())


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old\n")
    try:
        os.setxattr(path, "user.origin", b"crawl 7")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes here")
    write_atomic(path, b"new\n")
    assert (path.read_bytes(), os.getxattr(path, "user.origin")) == (b"new\n", b"crawl 7")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives files away")
def test_owner_and_group_are_kept_when_root(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old\n")
    os.chown(path, 4321, 8765)
    write_atomic(path, b"new\n")
    status = path.stat()
    assert (path.read_bytes(), status.st_uid, status.st_gid) == (b"new\n", 4321, 8765)


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old\n")
    stamp = file_stamp(path)
    document = decode(path.read_bytes(), str(path))
    path.write_text("someone else's longer text\n")
    with pytest.raises(WriteError, match="changed by someone else since it was read"):
        write_document(path, document, "new\n", expected=stamp)
    assert path.read_text() == "someone else's longer text\n"
    write_document(path, document, "new\n", expected=file_stamp(path))
    assert path.read_text() == "new\n"


@pytest.mark.parametrize("text", ["", "caf\u00e9\r\nline two", "x\n"])
@pytest.mark.parametrize("stored", ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32"])
def test_utf16_and_utf32_come_back_with_a_bom_only_if_they_had_one(text: str, stored: str) -> None:
    data = text.encode(stored)  # "utf-16" and "utf-32" write a BOM, the others none
    if stored.endswith("-be"):
        data = codecs.BOM_UTF16_BE + data
    asked = stored[:6]  # what the user gives: --encoding utf-16
    document = decode(data, "f.txt", encoding=asked)
    assert document.text == text.replace("\r\n", "\n")
    assert b"".join(document.encoded(document.text)) == data


def _drain(fifo: Path, into: list[bytes]) -> threading.Thread:
    thread = threading.Thread(target=lambda: into.append(fifo.read_bytes()))
    thread.start()
    return thread


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    write_atomic(fifo, [b"one ", b"two"])
    reader.join(timeout=30)
    assert got == [b"one two"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_the_null_device_stays_a_device() -> None:
    write_atomic(os.devnull, b"thrown away")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_read_only_file_is_not_rewritten(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "page.txt"
    path.write_text("old\n")
    path.chmod(0o444)
    real_access = os.access
    # root may write anything: ask as a user would, for this file only
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    with pytest.raises(WriteError, match="read-only"):
        write_document(path, decode(b"old\n", str(path)), "new\n")
    assert path.read_text() == "old\n"


def test_an_input_named_as_an_output_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("text\n")
    link = tmp_path / "link.txt"
    link.symlink_to(page)
    with pytest.raises(InputError, match=r"--report names an input of this run \(.*page.txt\)"):
        check_outputs({"--report": link, "--audit": None}, [str(page)])
    check_outputs({"--report": tmp_path / "new.html"}, [str(page)])  # a new file: fine


def test_outputs_that_cannot_be_files_are_refused_before_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match="--errors names the file of --output too"):
        check_outputs({"--output": out, "--errors": tmp_path / "." / "out.jsonl"}, [])
    with pytest.raises(InputError, match="there is no folder"):
        check_outputs({"--stats-json": tmp_path / "missing" / "s.json"}, [])
    with pytest.raises(InputError, match="it is a folder"):
        check_outputs({"--output": tmp_path}, [])
    check_outputs({"--output": os.devnull, "--audit": os.devnull}, [])  # both thrown away: fine


class _Endless:
    """Standard input that never ends (``< /dev/zero``, ``yes '<p>' |``)."""

    def __init__(self, unit: bytes = b"\0") -> None:
        self.buffer = self
        self.unit = unit

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            raise AssertionError("the whole of an endless input was asked for")
        return (self.unit * (size // len(self.unit) + 1))[:size]


def test_binary_standard_input_is_refused_before_it_is_read_whole(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Endless())
    with pytest.raises(InputError, match="<stdin>: looks like a binary file"):
        read_document("-")


def test_an_output_through_a_missing_folder_is_still_the_input(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_text("text\n")
    # the kernel cannot stat "nosuch/../page.txt", but write_atomic writes to its real path
    with pytest.raises(InputError, match="--report names an input of this run"):
        check_outputs({"--report": "nosuch/../page.txt"}, ["page.txt"])


def test_standard_output_is_only_for_the_option_that_owns_it() -> None:
    check_outputs({"--output": "-"}, [], stdout="--output")
    for option in ("--report", "--audit", "--errors"):
        with pytest.raises(InputError, match=f"{option} needs a file name, not '-'"):
            check_outputs({"--output": "-", option: "-"}, [], stdout="--output")


def test_standard_input_longer_than_a_limit_is_refused_once_that_much_is_read(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Endless(b"<p>"))
    with pytest.raises(InputError, match="<stdin>: is over 100,000 bytes"):
        read_bytes("-", limit=100_000)


def test_a_file_no_one_may_write_is_not_rewritten_even_by_root(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("old\n")
    path.chmod(0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_document(path, decode(b"old\n", str(path)), "new\n")
    assert path.read_text() == "old\n"

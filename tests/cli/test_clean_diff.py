"""``cleaner clean --diff`` applied for real: ``patch -p1`` and ``git apply`` must take
the diff and turn each file into the very bytes ``--in-place`` writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app

AD = b"Follow us on Twitter"
FILES = {
    "lf.txt": b"Hello.\n" + AD + b"\nBye.\n",
    "crlf.txt": b"Hello.\r\n" + AD + b"\r\nBye.\r\n",
    "cr.txt": b"Hello.\r" + AD + b"\rBye.",
    "no-final-newline.txt": b"Hello.\n" + AD + b"\nBye.",
    "last-line-goes.txt": b"Hello.\n" + AD,
    "bom-crlf.txt": "\ufeffHello.\r\n".encode() + AD + b"\r\n",
    "mixed.txt": b"Hello.\r\n" + AD + b"\nBye.\n",  # written back with one style: \n
    "blank-edges.txt": b"\n\nHello.\n" + AD + b"\n\n",
    "all-gone.txt": AD + b"\n",
    "two words.txt": b"Hello.\n" + AD + b"\n",
    "new\nline.txt": b"Hello.\n" + AD + b"\n",
    "tab\tand\\slash.txt": b"Hello.\n" + AD + b"\n",
    "unchanged.txt": b"Nothing to remove.\n",
}


def _tree(folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    return {name: (folder / name).read_bytes() for name in FILES}


def _contents(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILES}


def _clean(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(app, ["clean", *args, *FILES])


@pytest.fixture
def expected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every file as ``--in-place`` writes it."""
    _tree(tmp_path / "in-place")
    assert _clean(tmp_path / "in-place", monkeypatch, "--in-place").exit_code == 1
    return _contents(tmp_path / "in-place")


def _diff(folder: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    result = _clean(folder, monkeypatch, "--diff")
    assert result.exit_code == 1, result.stderr
    assert (
        result.stderr.splitlines()[-1]
        == f"{len(FILES) - 1} files would be cleaned, 1 file would be left unchanged."
    )
    return result.stdout_bytes


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_patch_p1_turns_every_file_into_the_in_place_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: dict[str, bytes]
) -> None:
    folder = tmp_path / "patched"
    before = _tree(folder)
    diff = _diff(folder, monkeypatch)
    assert _contents(folder) == before  # --diff writes nothing
    done = subprocess.run(["patch", "-p1", "--batch"], cwd=folder, input=diff, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _contents(folder) == expected
    assert not [p.name for p in folder.iterdir() if p.suffix in (".orig", ".rej")]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_apply_takes_the_diff_on_committed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: dict[str, bytes]
) -> None:
    folder = tmp_path / "repo"
    _tree(folder)
    git = ["git", "-c", "core.autocrlf=false", "-c", "user.name=t", "-c", "user.email=t@t"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "files"]):
        subprocess.run([*git, *command], cwd=folder, check=True, capture_output=True)
    diff = _diff(folder, monkeypatch)
    done = subprocess.run([*git, "apply", "-"], cwd=folder, input=diff, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert _contents(folder) == expected


def test_a_file_with_bytes_replaced_gets_no_diff_that_would_not_apply(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9\n" + AD + b"\n")
    result = CliRunner().invoke(app, ["clean", "--diff", "--errors", "replace", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"error: {path}: has bytes that are not valid utf-8" in result.stderr


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
@pytest.mark.parametrize(
    ("encoding", "kept"),
    [("latin-1", "Café.\r\n".encode("latin-1")), ("utf-8-sig", "\ufeffCafé.\r\n".encode())],
)
def test_the_diff_is_in_the_file_s_own_bytes_and_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, kept: bytes
) -> None:
    for folder in ("patched", "in-place"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "f.txt").write_bytes(kept + AD + b"\r\n")
    monkeypatch.chdir(tmp_path / "in-place")
    assert CliRunner().invoke(app, ["clean", "--encoding", encoding, "-i", "f.txt"]).exit_code == 1
    monkeypatch.chdir(tmp_path / "patched")
    diff = CliRunner().invoke(app, ["clean", "--encoding", encoding, "--diff", "f.txt"]).stdout_bytes
    assert b"\n " + kept in diff
    done = subprocess.run(["patch", "-p1", "--batch"], input=diff, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert Path("f.txt").read_bytes() == (tmp_path / "in-place" / "f.txt").read_bytes() == kept


def test_a_utf_16_file_gets_no_diff_whose_lines_would_be_cut_wrong(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(("Hello.\n" + AD.decode() + "\n").encode("utf-16"))
    result = CliRunner().invoke(app, ["clean", "--encoding", "utf-16", "--diff", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"error: {path}: no diff of a utf-16-" in result.stderr  # -le or -be: the BOM's order
    assert "file: patch and git cut lines at the byte 0x0a, which is not its newline" in result.stderr

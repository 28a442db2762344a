"""Folder walks: what is taken, what is never entered, what ``.gitignore`` and
``--exclude`` leave out."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.io.discovery import Excludes, WalkOptions, expand_paths, is_whole_page, looks_like_html


def _tree(root: Path, *files: str) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n")


def _walk(root: Path, *exclude: str, base: Path | None = None) -> list[str]:
    options = WalkOptions(exclude=Excludes(tuple(exclude), base))
    return [Path(found.path).relative_to(root).as_posix() for found in expand_paths([str(root)], options)]


def test_a_walk_takes_the_extensions_in_any_case(tmp_path: Path) -> None:
    _tree(tmp_path, "a.txt", "B.TXT", "c.Txt", "notes.TEXT", "page.HTML", "old.Htm", "skip.md", "sub/D.TXT")
    assert _walk(tmp_path) == ["B.TXT", "a.txt", "c.Txt", "notes.TEXT", "old.Htm", "page.HTML", "sub/D.TXT"]
    given = WalkOptions(include=("*.md", "sub/*.txt"))  # the user's patterns as well
    found = [Path(f.path).relative_to(tmp_path).as_posix() for f in expand_paths([str(tmp_path)], given)]
    assert found == ["skip.md", "sub/D.TXT"]


@pytest.mark.parametrize(
    "folder", [".git", ".hg", ".svn", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox",
               ".nox", ".mypy_cache", "build", "dist", "lib/python3.11/site-packages"],
)  # fmt: skip
def test_environment_and_vcs_folders_are_never_entered(tmp_path: Path, folder: str) -> None:
    _tree(tmp_path, "a.txt", f"{folder}/inside.txt", f"{folder}/deeper/more.txt")
    assert _walk(tmp_path) == ["a.txt"]


def test_a_virtualenv_of_any_name_is_known_by_its_pyvenv_cfg(tmp_path: Path) -> None:
    _tree(tmp_path, "a.txt", "myenv/pyvenv.cfg", "myenv/lib/stoplist.txt")
    assert _walk(tmp_path) == ["a.txt"]


def test_a_folder_named_explicitly_is_walked_even_if_it_would_be_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, "build/a.txt")
    assert _walk(tmp_path / "build") == ["a.txt"]


def test_gitignore_of_the_repository_and_of_subfolders_is_honoured(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, "docs/a.txt", "docs/secret.txt", "docs/out/x.txt", "docs/sub/b.txt", "docs/sub/c.txt")
    (tmp_path / ".gitignore").write_text("secret.txt\nout/\n")
    (tmp_path / "docs" / "sub" / ".gitignore").write_text("*.txt\n!b.txt\n")
    # walking a subfolder still reads the .gitignore files above it, up to the repository's root
    assert _walk(tmp_path / "docs") == ["a.txt", "sub/b.txt"]


def test_gitignore_above_a_repository_means_nothing(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.txt\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    _tree(tmp_path, "repo/a.txt")
    assert _walk(tmp_path / "repo") == ["a.txt"]


def test_exclude_a_bare_name_matches_at_any_depth(tmp_path: Path) -> None:
    _tree(tmp_path, "a.txt", "drafts/b.txt", "docs/drafts/c.txt", "docs/d.txt")
    assert _walk(tmp_path, "drafts") == ["a.txt", "docs/d.txt"]


def test_exclude_a_path_is_relative_to_the_folder_walked(tmp_path: Path) -> None:
    _tree(tmp_path, "docs/drafts/c.txt", "docs/d.txt", "docs/sub/drafts/e.txt")
    assert _walk(tmp_path / "docs", "drafts/*") == ["d.txt", "sub/drafts/e.txt"]


def test_exclude_a_path_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, "docs/drafts/c.txt", "docs/d.txt")
    monkeypatch.chdir(tmp_path)
    found = [f.path for f in expand_paths(["docs"], WalkOptions(exclude=Excludes(("docs/drafts/*",))))]
    assert found == ["docs/d.txt"]


def test_exclude_matches_in_any_case_as_the_include_patterns_do(tmp_path: Path) -> None:
    """A walk takes E.TXT for a *.txt: --exclude '*.txt' leaves it out too (QA round Q, Q14)."""
    _tree(tmp_path, "a.txt", "E.TXT", "Drafts/b.TXT", "notes/c.Txt", "page.html")
    assert _walk(tmp_path, "*.txt") == ["page.html"]
    assert _walk(tmp_path, "DRAFTS", "Notes/*") == ["E.TXT", "a.txt", "page.html"]
    named = [
        f.path for f in expand_paths([str(tmp_path / "E.TXT")], WalkOptions(exclude=Excludes(("*.txt",))))
    ]
    assert named == []


def test_exclude_relative_to_a_given_base(tmp_path: Path) -> None:
    _tree(tmp_path, "docs/drafts/c.txt", "docs/d.txt")
    assert _walk(tmp_path / "docs", "docs/drafts", base=tmp_path) == ["d.txt"]
    assert _walk(tmp_path / "docs", "drafts/*", base=tmp_path) == ["d.txt", "drafts/c.txt"]


def test_named_files_are_taken_unless_excluded(tmp_path: Path) -> None:
    _tree(tmp_path, ".venv/a.txt", "drafts/b.txt")
    paths = [str(tmp_path / ".venv/a.txt"), str(tmp_path / "drafts/b.txt"), "-"]
    left_out: list[str] = []
    found = list(
        expand_paths(
            paths,
            WalkOptions(exclude=Excludes(("drafts",))),
            on_skipped=lambda path, why: left_out.append(path),
        )
    )
    assert [(f.path, f.named) for f in found] == [(paths[0], True), ("-", True)]
    assert left_out == [paths[1]]  # for the user to hear of it


def test_a_file_is_given_once_however_many_names_it_comes_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, "docs/u.txt", "docs/v.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "docs" / "v.txt")
    monkeypatch.chdir(tmp_path)
    paths = ["docs/u.txt", "docs/u.txt", "./docs/u.txt", str(tmp_path / "docs/u.txt"), "docs", "link.txt"]
    found = [(f.path, f.named) for f in expand_paths(paths)]
    assert found == [("docs/u.txt", True), ("docs/v.txt", False)]  # under the first name it came by


def test_a_walk_skips_links_to_files_outside_the_folder(tmp_path: Path) -> None:
    _tree(tmp_path, "docs/a.txt", "outside.txt")
    (tmp_path / "docs" / "in.txt").symlink_to(tmp_path / "docs" / "a.txt")
    (tmp_path / "docs" / "out.txt").symlink_to(tmp_path / "outside.txt")
    skipped: list[tuple[str, str]] = []
    found = [
        f.path
        for f in expand_paths([str(tmp_path / "docs")], on_skipped=lambda p, why: skipped.append((p, why)))
    ]
    assert found == [str(tmp_path / "docs" / "a.txt")]  # in.txt is a.txt again: given once
    assert skipped == [
        (str(tmp_path / "docs" / "out.txt"), "a symbolic link to a file outside the folder walked")
    ]
    # named on the command line, a link is followed wherever it goes
    assert [f.path for f in expand_paths([str(tmp_path / "docs" / "out.txt")])] == [
        str(tmp_path / "docs" / "out.txt")
    ]


@pytest.mark.parametrize(
    ("name", "head", "html"),
    [
        ("notes.txt", b"<!DOCTYPE html> goes on the first line of every page.", False),
        ("NOTES.TEXT", b"<html> is the root element.", False),
        ("page.htm", b"Plain words, but the name says HTML.", True),
        ("page.XHTML", b"", True),
        ("-", b"\xef\xbb\xbf  <!doctype html><p>x</p>", True),
        ("saved.page", b"<html><body>x</body></html>", True),
        ("saved.page", b"Plain words about <html>.", False),
        # what pages put before their doctype: an XML declaration, a browser's comment
        ("-", b'<?xml version="1.0" encoding="Shift_JIS"?>\n<!DOCTYPE html>', True),
        ("-", b"<!-- saved from url=(0022)https://x.test/a -->\r\n<!DOCTYPE html><html>", True),
        ("page.php", b"<!-- a licence\n over lines -->\n<HTML lang=en>", True),
        ("-", b"<!-- a note --> and then words, no page.", False),
        ("-", b"<htmlish> is no tag of a page", False),
        # read by its byte-order mark (QA round Q, Q7)
        ("-", "\ufeff<!DOCTYPE html><p>x</p>".encode("utf-16-le"), True),
        ("index.php", "\ufeff<html><body>x</body></html>".encode("utf-32-be"), True),
        ("page.txt", "\ufeff<html><body>x</body></html>".encode("utf-16-le"), False),
    ],
)
def test_a_known_extension_decides_and_content_only_when_it_says_nothing(
    name: str, head: bytes, html: bool
) -> None:
    assert looks_like_html(name, head) is html


def test_content_with_no_byte_order_mark_is_read_in_the_encoding_given() -> None:
    head = "<!DOCTYPE html><html><body>x</body></html>".encode("utf-16-le")
    assert not looks_like_html("-", head)
    assert looks_like_html("-", head, "utf-16-le")
    assert not looks_like_html("-", head, "no-such-codec")


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("<!DOCTYPE html>\n<html><body><p>Body.</p></body></html>", True),
        ("\ufeff  <!-- saved from url=(0042)x -->\n<html lang=en><head></head><body>B</body></html>", True),
        ("<html> is the root element of every page.\nThe body tag holds the text.", False),
        ("The story.\n<html><body>quoted</body></html>", False),
        ("<html><!-- built by hand --><body><p>x</p></body></html>", True),
        # tutorials about HTML, extracted text: the tags are words of sentences (QA round Q, Q8)
        ("<!DOCTYPE html> opens every page.\nThen comes <html>, holding <head> and <body>.", False),
        ("<html> is the root.\nIts children are <head> and <body>, in that order.", False),
        ("<!DOCTYPE html>\n<html> is the root; <body> holds what you see.", False),
        ("<html> opens a page, <body> holds it, and it ends with </html>.", False),
        # a page whose doctype was cut off still ends as a page
        ('<!doctype html public "-//W3C//DTD HTML 4.0\n<b>Sport</b> | News\n</body></html>\n', True),
        ("", False),
    ],
)
def test_a_whole_page_is_told_from_a_text_about_html(text: str, page: bool) -> None:
    assert is_whole_page(text) is page

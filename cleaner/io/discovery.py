"""Turn the paths a user gives into the list of documents to clean.

Folders are walked as black and ruff walk them, because ``--in-place`` rewrites what
it finds: folders of version control, virtual environments, caches and build output
(:data:`DEFAULT_EXCLUDE`, and any folder holding a ``pyvenv.cfg``) are never entered,
and what ``.gitignore`` files ignore is left out (from the repository's root down,
read with ``pathspec``, the library black uses for the same job). ``--exclude``
patterns are gitignore patterns too, so they match the way people write them: a bare
name (``drafts``) anywhere, a path (``docs/drafts/*``) from the folder walked or from
the working directory (from the config file's folder for a config's patterns).
A path named on the command line is taken as given, unless an exclude pattern says so.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from cleaner.io.files import wide_unicode

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.html", "*.htm", "*.xhtml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
# How a page starts: white space, an XML declaration and comments, then a doctype or <html>.
_PREAMBLE = r"[\ufeff\s]*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)*"
_PAGE_START = re.compile(_PREAMBLE + r"<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
# ... and goes on in markup: that tag and the next two (or comments) with only white space
# between them. A text about HTML names the tags in sentences ("<html> is the root").
_PAGE_SHAPE = re.compile(
    _PREAMBLE + r"<(?:!doctype\s+html|html)\b[^<>]*>\s*(?:<!--.*?-->\s*|<[!/]?[a-z][^<>]*>\s*){2}",
    re.IGNORECASE | re.DOTALL,
)
_SNIFFED = 4096  # bytes of the start looked at: room for a licence comment before the doctype
# The union of black's and ruff's default excludes, with the other usual environment
# and cache folders: a folder walk never enters these.
DEFAULT_EXCLUDE = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".jj", ".svn", ".pants.d", ".pyenv", ".pytype",
    ".venv", "venv", ".env", "env", "__pypackages__", "site-packages", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",
    ".tox", ".nox", ".idea", ".vscode", "_build", "buck-out", "build", "dist",
)  # fmt: skip
REPOSITORY_MARKERS = (".git", ".hg")  # what marks the root of a repository (config search too)


@dataclass(frozen=True)
class Excludes:
    """gitignore patterns of paths to leave out, and the folder they are relative to
    (None: the folder walked, or the working directory, whichever matches)."""

    patterns: tuple[str, ...] = ()
    base: Path | None = None


@dataclass(frozen=True)
class WalkOptions:
    """How folders are walked: which files are taken, which paths are left out."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: Excludes = field(default_factory=Excludes)
    gitignore: bool = True


@dataclass(frozen=True)
class Found:
    """An input to clean; ``named``: given on the command line, not found by a walk."""

    path: str
    named: bool


def expand_paths(
    paths: Sequence[str],
    options: WalkOptions = WalkOptions(),
    on_skipped: Callable[[str, str], object] = lambda path, why: None,
) -> Iterator[Found]:
    """Files named directly are taken (unless excluded); folders are walked in sorted
    order and give the files matching ``include``; ``-`` is stdin. What is left out
    that the user would expect (a file they named that an exclude pattern matches, a
    link a walk found to a file outside its folder) goes to ``on_skipped`` with the
    reason, so that they hear why. A file is given
    once, under the first name it came by, however many it has (``u.txt ./u.txt``, a
    folder and a file in it, a symlink and its target): cleaned twice, it would be
    counted twice and, in place, written twice."""
    seen: set[str] = set()
    for found in _expanded(paths, options, on_skipped):
        key = found.path if found.path == "-" else os.path.realpath(found.path)
        if key not in seen:
            seen.add(key)
            yield found


def _expanded(
    paths: Sequence[str], options: WalkOptions, on_skipped: Callable[[str, str], object]
) -> Iterator[Found]:
    excluded = _Excluder(options.exclude)
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            yield from _walk(path, options, excluded, on_skipped)
        elif raw == "-" or not excluded(path, None, is_dir=False):
            yield Found(raw, named=True)
        else:
            on_skipped(raw, "an exclude pattern matches it (--exclude, or the config's)")


def _walk(
    root: Path, options: WalkOptions, excluded: _Excluder, on_skipped: Callable[[str, str], object]
) -> Iterator[Found]:
    top = Path(os.path.abspath(root))  # compared absolute; yielded under ``root`` as given
    inside = os.path.realpath(top)
    ignores = {top: _ancestor_gitignores(top) if options.gitignore else []}
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        specs = ignores.pop(here)
        if options.gitignore and (here / ".gitignore").is_file():
            specs = [*specs, (here, _read_gitignore(here / ".gitignore"))]
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if not (_is_environment(sub) or _ignored(sub, specs, True) or excluded(sub, top, is_dir=True)):
                kept.append(name)
                ignores[sub] = specs
        dirs[:] = kept  # os.walk enters only these, in this order
        for name in sorted(files):
            found = here / name
            if (
                _included(found, top, options.include)
                and found.is_file()
                and not _ignored(found, specs, False)
                and not excluded(found, top, is_dir=False)
            ):
                shown = str(root / found.relative_to(top))
                if found.is_symlink() and not _within(os.path.realpath(found), inside):
                    # black and ruff skip these too: `--in-place docs/` rewrites what is in docs/
                    on_skipped(shown, "a symbolic link to a file outside the folder walked")
                else:
                    yield Found(shown, named=False)


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _is_environment(folder: Path) -> bool:
    return folder.name in DEFAULT_EXCLUDE or (folder / "pyvenv.cfg").is_file()


def _included(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    """Whether a pattern matches the name, or the path from the folder walked, in any
    case (``B.TXT`` is a ``*.txt``), on every system: corpora from Windows tools and old
    CMS exports write their extensions in capitals, and the packs are taken so too."""
    names = (path.name.lower(), path.relative_to(root).as_posix().lower())
    return any(fnmatch.fnmatchcase(name, p.lower()) for p in patterns for name in names)


class _Excluder:
    """Matches paths against the exclude patterns, relative to each base they may have.

    In any case, as the include patterns match (:func:`_included`): once walks took
    ``X.TXT`` for a ``*.txt``, ``--exclude '*.txt'`` left it in, to be checked or
    rewritten (QA round Q, Q14). pathspec has no case-insensitive mode, so the patterns
    and the paths are both lower-cased (no gitignore escape is a letter's case)."""

    def __init__(self, excludes: Excludes) -> None:
        patterns = [pattern.lower() for pattern in excludes.patterns]
        self._spec = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None
        self._base = excludes.base

    def __call__(self, path: Path, root: Path | None, *, is_dir: bool) -> bool:
        if self._spec is None:
            return False
        if root is None and self._base is None and self._matches(path.as_posix().lstrip("/")):
            return True  # a named file, matched as written
        bases = [self._base] if self._base is not None else [root, Path.cwd()]
        absolute = Path(os.path.abspath(path))
        for base in bases:
            if base is None:
                continue
            try:
                relative = absolute.relative_to(os.path.abspath(base)).as_posix()
            except ValueError:
                continue  # not under this base
            if relative != "." and self._matches(relative + ("/" if is_dir else "")):
                return True
        return False

    def _matches(self, relative: str) -> bool:
        assert self._spec is not None  # __call__ asks only when there are patterns
        return self._spec.match_file(relative.lower())


_Spec = tuple[Path, pathspec.GitIgnoreSpec]


def _ignored(path: Path, specs: Sequence[_Spec], is_dir: bool) -> bool:
    """What git would decide: the deepest .gitignore with a matching pattern wins."""
    decision: bool | None = None
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        include = spec.check_file(relative).include
        if include is not None:
            decision = include
    return bool(decision)


def _ancestor_gitignores(top: Path) -> list[_Spec]:
    """The .gitignore files of the folders above ``top`` (absolute) up to its
    repository's root; none outside a repository, where they mean nothing to git."""
    chain: list[Path] = []
    for folder in (top, *top.parents):
        if any((folder / marker).exists() for marker in REPOSITORY_MARKERS):
            break
        chain.append(folder.parent)
    else:
        return []
    found = [(folder, folder / ".gitignore") for folder in reversed(chain)]
    return [(folder, _read_gitignore(ignore)) for folder, ignore in found if ignore.is_file()]


def _read_gitignore(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return pathspec.GitIgnoreSpec.from_lines([])
    return pathspec.GitIgnoreSpec.from_lines(lines)


def is_whole_page(text: str) -> bool:
    """Whether a text is a whole HTML page: a doctype or <html> tag first, and either in
    a run of tags with a <body> or </html> tag further on, or with </html> last. A record
    whose text field holds one was meant for ``--html-field``. An article about HTML
    opens with the tag too, and names <head> and <body> in its sentences: the run of
    tags, or the end, tells it apart (QA round Q, Q8). Every dev page that passed the
    test before still does (1,399 of 1,413)."""
    start = text[:_SNIFFED]  # never a copy of a whole document: this runs on every one
    if start.lstrip("\ufeff \t\r\n")[:1] != "<":  # most texts: one look at the first character
        return False
    if _PAGE_START.match(start) is None:
        return False
    shaped = _PAGE_SHAPE.match(start) is not None and _PAGE_BODY.search(text) is not None
    return shaped or _PAGE_END.search(text[-_SNIFFED:]) is not None


_PAGE_BODY = re.compile(r"<body\b|</html\s*>", re.IGNORECASE)
# A page cut or broken at its start (a doctype with no end) still ends as one: </html> last.
_PAGE_END = re.compile(r"</html\s*>(?:\s|<!--.*?-->)*\Z", re.IGNORECASE | re.DOTALL)


def looks_like_html(name: str, head: bytes, encoding: str = "utf-8") -> bool:
    """HTML by extension; text by extension; else (standard input, a name whose
    extension says neither) by a doctype / <html> tag at the start of the content.
    An extension decides when it says something: an article about HTML saved as
    ``.txt`` may well start with ``<html>`` or ``<!DOCTYPE html>`` as its first words.
    Before the tag, an XML declaration (XHTML) and comments (a browser's ``<!-- saved
    from url=... -->``) may come, as they do in pages.

    The content is read by its byte-order mark, else in ``encoding`` (``--encoding``):
    a UTF-16 page on standard input was told to use ``--encoding utf-16``, which then
    printed its markup as its cleaned text (QA round Q, Q7)."""
    lowered = name.lower()
    if lowered.endswith(HTML_SUFFIXES):
        return True
    if lowered.endswith(TEXT_SUFFIXES):
        return False
    try:  # "replace": the last character may be cut in two
        start = head[:_SNIFFED].decode(wide_unicode(head) or encoding, "replace")
    except LookupError:  # an unknown --encoding: decode() names it
        return False
    return _PAGE_START.match(start) is not None

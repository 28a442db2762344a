"""Turn the paths a user gives into the list of documents to clean."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from pathlib import Path

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.html", "*.htm", "*.xhtml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _matches(path: Path, patterns: Sequence[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, p) for p in patterns)


def expand_paths(
    paths: Sequence[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> Iterator[str]:
    """Files named directly are always taken (unless excluded); folders are walked
    in sorted order and give the files matching ``include``; ``-`` is stdin."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = found.relative_to(path)
                if _matches(found, include) and not _matches(relative, exclude):
                    yield str(found)
        elif raw == "-" or not _matches(path, exclude):
            yield raw


def looks_like_html(name: str, head: bytes) -> bool:
    """HTML by extension, or by a doctype / <html> tag at the start of the content."""
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))

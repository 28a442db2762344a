"""The folder of learned packs: one ``SITE.yaml`` per site, each written atomically.

A folder given to ``cleaner learn -o`` is new, empty, or one that ``learn`` wrote
before (every ``*.yaml`` in it starts with the learned header): its packs are then
replaced, and those of sites no longer learned removed, so the folder always holds
exactly one run's packs. Any other pack in it is a person's work: the folder is
refused, and nothing in it touched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from cleaner.errors import WriteError
from cleaner.io.files import write_atomic
from cleaner.learn.packfile import HEADER


def write_packs(folder: Path, packs: Mapping[str, str]) -> list[Path]:
    """Write ``packs`` (site -> YAML text) into ``folder``; the files written."""
    old = _learned_files(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for site, text in sorted(packs.items()):
            path = folder / f"{site}.yaml"
            # A reader sees the old pack or the new one; no fsync (a rerun learns it again).
            write_atomic(path, text.encode("utf-8"), durable=False)
            written.append(path)
        for path in old - set(written):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    except OSError as exc:
        raise WriteError(str(folder), exc.strerror or str(exc)) from exc
    return written


def check_folder(folder: Path) -> None:
    """Refuse ``folder`` as :func:`write_packs` would, but before a corpus is read for it."""
    _learned_files(folder)


def _learned_files(folder: Path) -> set[Path]:
    """The packs ``learn`` wrote in ``folder`` before; an error if it holds others."""
    if not folder.exists():
        return set()
    if not folder.is_dir():
        raise WriteError(str(folder), "not a folder")
    found = set()
    for path in sorted(folder.glob("*.y*ml")):
        try:
            with path.open(encoding="utf-8") as handle:
                first = handle.readline()
        except (OSError, UnicodeDecodeError):
            first = ""
        if first != HEADER:
            raise WriteError(
                str(folder),
                f"holds {path.name}, a pack not written by cleaner learn; give a new folder",
                left="folder",
            )
        found.add(path)
    return found

"""What the scanner made of each pattern, kept between runs.

Building the RE2 scanner (:mod:`cleaner.scan.scanner`) translates every pattern: the
backtracking analysis and the relaxation walk each parsed pattern in Python. For
the bundled packs that is about 0.3 s: half of the serial start of every batch,
which its workers wait for (forked, they inherit the scanner). A translation
depends only on the pattern's source and flags and on the code that translates,
so it can be kept on disk: one JSON file per fingerprint of that code and of the
``regex`` and RE2 versions, so a new version of either never reads an old one's
entries.

The command line keeps them in the user's cache folder (``CLEANER_CACHE_DIR``
moves it; set to an empty value, nothing is kept). The Python API keeps them in
memory unless given a :class:`Translations` with a file. A cache that cannot be
read is ignored, one that cannot be written is left as it was: the scanner is
the same either way, only its build is slower.

A translation read back is trusted to match every line its pattern matches: one
that matches nothing would switch its rule off without a word. So the file
starts with the SHA-256 of the entries that follow, and a file whose entries do
not match it (cut short, a disk's bit flipped, edited by hand) is ignored as a
whole and written anew by the build that translated everything again.
"""

from __future__ import annotations

# What only building the scanner needs is imported there: the command line imports
# this module for every run, and one page never builds the scanner.
import contextlib
import json
import os
import sys
import time
from functools import cached_property
from pathlib import Path

import regex

Translation = tuple[str, "str | None", bool]  # (route, RE2 source or None, folds case)
Snapshot = tuple["str | None", "dict[str, list[object]]"]  # (fingerprint, entries): see Translations.snapshot
CACHE_ENV = "CLEANER_CACHE_DIR"
_MAX_ENTRIES = 20_000  # past this, a file keeps only what the last build used: packs come and go
_STALE_DAYS = 30  # another version's file unwritten this long is removed when the cache is written
# The modules that translate, as paths under the cleaner package.
_TRANSLATING = ("scan/scanner", "scan/prefilter", "packs/backtracking", "packs/regex_tree")


class Translations:
    """Translations by pattern, read from :attr:`path` (if any) on first use and
    written back by :meth:`save` when something was added."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path  # None: in memory only (UserTranslations finds its own)
        self._added = False
        self._used: set[str] = set()  # keys this process asked for or added

    def __reduce__(self) -> tuple[type[Translations], tuple[Path | None]]:
        """Pickled as where its entries come from, not as the entries: a copy of a
        cache file's translations reads the file itself, and pickles the same
        however many patterns were translated since (a stable hash for
        ``datasets``). An in-memory one arrives empty: send entries with
        :meth:`snapshot` and :meth:`of`."""
        return type(self), (self._path,)

    @cached_property
    def path(self) -> Path | None:
        return self._path

    @cached_property
    def _entries(self) -> dict[str, list[object]]:
        return _read(self.path) if self.path is not None else {}

    @classmethod
    def of(cls, snapshot: Snapshot) -> Translations | None:
        """In-memory translations from a :meth:`snapshot` of another process (a Ray
        driver's, sent to its actors), or None if that process translated with other
        code or versions (a cluster node with another ``regex``): their entries could
        make its scanner miss lines."""
        code, entries = snapshot
        if code is None or code != fingerprint():
            return None
        translations = cls()  # no file: its entries start empty
        translations._entries.update((k, v) for k, v in entries.items() if _well_formed(v))
        return translations

    def snapshot(self) -> Snapshot:
        """The entries, with the fingerprint of the code that made them, as values to
        send to another process (see :meth:`of`)."""
        return fingerprint(), dict(self._entries)

    def get(self, pattern: regex.Pattern[str]) -> Translation | None:
        key = _key(pattern)
        self._used.add(key)
        entry = self._entries.get(key)
        if entry is None:
            return None
        route, source, folds = entry
        return str(route), None if source is None else str(source), bool(folds)

    def put(self, pattern: regex.Pattern[str], translation: Translation) -> None:
        key = _key(pattern)
        self._entries[key] = list(translation)
        self._used.add(key)
        self._added = True

    def save(self) -> bool:
        """Write the entries back (atomically) if any were added; True if written. A
        folder that cannot be written leaves the cache as it was."""
        if self.path is None or not self._added:
            return False
        from cleaner.errors import WriteError
        from cleaner.io.files import write_atomic

        entries = self._entries
        if len(entries) > _MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        body = json.dumps(entries, ensure_ascii=False).encode("utf-8")
        with contextlib.suppress(OSError, WriteError):  # WriteError: a file it must not replace
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, _digest(body) + b"\n" + body)
            self._added = False
            return True
        return False


class UserTranslations(Translations):
    """The translations kept in the user's cache folder, found on first use (one
    page on the command line never builds the scanner, nor looks for its cache)."""

    @cached_property
    def path(self) -> Path | None:
        folder = cache_folder()
        code = fingerprint()
        return None if folder is None or code is None else folder / f"translations-{code}.json"

    def save(self) -> bool:
        """Also remove the files of other versions that no run has written for
        :data:`_STALE_DAYS` days: each upgrade would otherwise leave one behind."""
        written = super().save()
        if written and self.path is not None:
            _remove_stale(self.path)
        return written


def _remove_stale(kept: Path) -> None:
    oldest = time.time() - _STALE_DAYS * 86_400
    for other in kept.parent.glob("translations-*.json"):
        with contextlib.suppress(OSError):
            if other != kept and other.stat().st_mtime < oldest:
                other.unlink()


def cache_folder() -> Path | None:
    """``CLEANER_CACHE_DIR``, or the platform's user cache folder; None when that
    variable is set but empty."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    import platformdirs  # the user cache folder of each platform, as black finds it; 20 ms to import

    return Path(platformdirs.user_cache_dir("cleaner", appauthor=False))


def fingerprint() -> str | None:
    """What a translation depends on besides the pattern: the code that translates,
    and the versions of ``regex`` (its parser and Unicode tables) and RE2. None if
    that code cannot be read (a frozen program): then nothing is kept."""
    import hashlib

    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent.parent  # the cleaner package
    try:
        for name in _TRANSLATING:
            digest.update((here / f"{name}.py").read_bytes())
    except OSError:
        return None
    for part in (regex.__version__, _version("google-re2"), sys.version):
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()[:16]


def _version(distribution: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _key(pattern: regex.Pattern[str]) -> str:
    return f"{pattern.flags}:{pattern.pattern}"


def _digest(body: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(body).hexdigest().encode("ascii")


def _read(path: Path) -> dict[str, list[object]]:
    """The entries of ``path``; none if it is missing, unreadable, not one of ours, or
    not what was written (its checksum does not match)."""
    try:
        digest, _, body = path.read_bytes().partition(b"\n")
        if digest != _digest(body):
            return {}
        entries = json.loads(body)
    except (OSError, ValueError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if _well_formed(v)}


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and isinstance(entry[0], str)
        and (entry[1] is None or isinstance(entry[1], str))
        and isinstance(entry[2], bool)
    )

"""The project's settings: ``[tool.cleaner]`` in ``pyproject.toml``, or a ``cleaner.toml``.

Found as ruff finds its own: from a folder (the working directory) upwards, the first
folder with a ``cleaner.toml``, or a ``pyproject.toml`` that has a ``[tool.cleaner]``
table, wins (``cleaner.toml`` first when a folder has both); the search stops at the
root of the repository (a folder with ``.git`` or ``.hg``) or of the file system.
One file is read, never several merged, so what is in force is what that file says.

Every key is the name of a command-line option without its dashes (``timeout``,
``text-field``, ``no-defaults``…), so the file and the command line read alike; the
command line overrides the file. Paths (``rules``, ``exclude``) are relative to the
folder of the file. Keys are validated when read: an unknown key or a value of the
wrong type is a :class:`~cleaner.errors.ConfigError` naming the file, the line and the
key (with the nearest known key for a typo), as a bad pack is.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.errors import ConfigError, did_you_mean
from cleaner.io.discovery import REPOSITORY_MARKERS

CONFIG_NAME = "cleaner.toml"
PYPROJECT = "pyproject.toml"

# key -> (type of its value, what to call it in an error); ``list`` means a list of strings
KEYS: Mapping[str, tuple[type, str]] = {
    "rules": (list, "a list of paths to packs or folders of packs"),
    "no-defaults": (bool, "true or false"),
    "disable": (list, "a list of rule ids or pack names"),
    "include": (list, "a list of globs"),
    "exclude": (list, "a list of gitignore patterns"),
    "timeout": (float, "a number of seconds"),
    "document-timeout": (float, "a number of seconds"),
    "encoding": (str, "an encoding's name"),
    "text-field": (str, "a field name"),
    "html-field": (str, "a field name"),
    "url-field": (str, "a field name"),
    "id-field": (str, "a field name"),
    "workers": (int, "a whole number"),
    "max-loss": (float, "a number from 0 to 1"),
}
PATH_KEYS = ("rules",)  # resolved against the file's folder ("exclude" patterns are too, when matched)


@dataclass(frozen=True)
class Config:
    """The settings one file gave (paths made absolute), and which file; an empty
    Config when none was found."""

    path: Path | None = None
    values: Mapping[str, object] = field(default_factory=dict)

    @property
    def folder(self) -> Path | None:
        """The folder the file's relative paths start from."""
        return self.path.parent if self.path is not None else None

    @property
    def origin(self) -> str:
        """Where the values came from, as ``cleaner config`` shows it."""
        if self.path is None:
            return "default"
        return f"{self.path} [tool.cleaner]" if self.path.name == PYPROJECT else str(self.path)

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


def load_config(start: str | Path | None = None) -> Config:
    """The settings in force for a run started in ``start`` (default: the working
    directory). ``start`` may also name a config file itself. The one function a
    command needs: found, read and validated, or an empty Config."""
    start = Path(start) if start is not None else Path.cwd()
    if not start.exists():
        raise ConfigError("no such file or folder", path=str(start))
    if start.is_file():
        return read_config(start)
    path = find_config(start)
    return read_config(path) if path is not None else Config()


def find_config(start: Path) -> Path | None:
    """The config file for ``start``, searching upwards; None when there is none."""
    folder = Path(os.path.abspath(start))
    for here in (folder, *folder.parents):
        if (here / CONFIG_NAME).is_file():
            return here / CONFIG_NAME
        if (here / PYPROJECT).is_file() and _has_section(here / PYPROJECT):
            return here / PYPROJECT
        if any((here / marker).exists() for marker in REPOSITORY_MARKERS):
            return None
    return None


def read_config(path: str | Path) -> Config:
    """Read and validate one config file (``pyproject.toml``: its ``[tool.cleaner]``)."""
    path = Path(os.path.abspath(path))
    text, table = _parse(path)
    if path.name == PYPROJECT:
        table = table.get("tool", {}).get("cleaner", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.cleaner] must be a table", path=str(path))
        text_start = max(
            text.find("[tool.cleaner]"), 0
        )  # a key of the same name may be in another tool's table
    else:
        text_start = 0
    values = {key: _checked(key, value, path, text, text_start) for key, value in table.items()}
    for key in PATH_KEYS:
        if key in values:
            values[key] = [str(path.parent / entry) for entry in values[key]]  # type: ignore[attr-defined]
    return Config(path, values)


def _parse(path: Path) -> tuple[str, dict[str, object]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from exc


def _has_section(pyproject: Path) -> bool:
    try:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "[tool.cleaner]" in pyproject.read_text(encoding="utf-8", errors="replace")
    return "cleaner" in table.get("tool", {})


def _checked(key: str, value: object, path: Path, text: str, start: int) -> object:
    line = _line_of(key, text, start)
    if key not in KEYS:
        known = ", ".join(KEYS)
        raise ConfigError(
            f"unknown key '{key}'{did_you_mean(key, KEYS)}; known keys: {known}", path=str(path), line=line
        )
    kind, wanted = KEYS[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    fits = (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
        if kind is list
        else isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    )
    if not fits:
        raise ConfigError(f"'{key}' must be {wanted}, not {value!r}", path=str(path), line=line)
    return value


def _line_of(key: str, text: str, start: int) -> int | None:
    """The line where ``key`` is set (tomllib keeps no positions): the first line
    that starts with it, bare or quoted, followed by ``=``."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=", re.M)
    found = pattern.search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None

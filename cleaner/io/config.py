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

import codecs
import contextlib
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.errors import ConfigError, RuleError, SettingError, did_you_mean
from cleaner.io.discovery import REPOSITORY_MARKERS

CONFIG_NAME = "cleaner.toml"
PYPROJECT = "pyproject.toml"


def is_encoding(name: str) -> bool:
    """Whether Python knows an encoding by this name: checked once, when the setting
    is read, not once per file read with it."""
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return False
    # codecs also has transforms (hex, rot13) that bytes.decode refuses: it tells them
    # apart by this flag, set on every codec since Python 3.4
    return getattr(codec, "_is_text_encoding", True)


@dataclass(frozen=True)
class Setting:
    """What one key may hold: its type (``list``: a list of strings; ``float``: any
    number), what to call it in an error, the bounds of a number (the command line's
    option takes its own from here: what the file accepts the option accepts), and a
    further check of the value."""

    kind: type
    wanted: str
    low: float | None = None
    high: float | None = None
    check: Callable[[Any], bool] | None = None

    def problem(self, value: object) -> str | None:
        """What is wrong with ``value`` (``must be …, not …``), or None when it fits."""
        if not self.fits(value) or (self.check is not None and not self.check(value)):
            return f"must be {self.wanted}, not {value!r}"
        if self._out_of_bounds(value):
            return f"must be {self._bounds()} ({self.wanted}), not {value!r}"
        return None

    def require(self, name: str, value: object) -> None:
        """Raise for a value a caller gave as the argument ``name`` that does not fit: a
        TypeError if it is of another type, a SettingError (a ValueError) if out of range,
        as Python's own argument errors go."""
        problem = self.problem(value)
        if problem is not None:
            raise SettingError(name, problem) if self.fits(value) else TypeError(f"{name} {problem}")

    def fits(self, value: object) -> bool:
        """Whether ``value`` is of the setting's type (a number for ``float``)."""
        if self.kind is list:
            return isinstance(value, list) and all(isinstance(item, str) for item in value)
        if isinstance(value, bool):
            return self.kind is bool
        return isinstance(value, (int, float) if self.kind is float else self.kind)

    def _out_of_bounds(self, value: Any) -> bool:
        # written as "not within" so that NaN, which compares false to everything, is out
        return (self.low is not None and not value >= self.low) or (
            self.high is not None and not value <= self.high
        )

    def _bounds(self) -> str:
        if self.low is not None and self.high is not None:
            return f"from {self.low:g} to {self.high:g}"
        return f"at least {self.low:g}" if self.low is not None else f"at most {self.high:g}"


KEYS: Mapping[str, Setting] = {
    # an empty path would be the file's own folder: every YAML file below it
    "rules": Setting(
        list, "a list of paths to packs or folders of packs", check=lambda paths: all(map(str.strip, paths))
    ),
    "no-defaults": Setting(bool, "true or false"),
    "disable": Setting(list, "a list of rule ids or pack names"),
    "include": Setting(list, "a list of globs"),
    "exclude": Setting(list, "a list of gitignore patterns"),
    # at most a day: "inf" and such would overflow the time limit given to a pattern, and
    # then every document "timed out after infs"
    "timeout": Setting(float, "a number of seconds", low=0.001, high=86400),
    "document-timeout": Setting(float, "a number of seconds", low=0.001, high=86400),
    "encoding": Setting(str, "the name of an encoding Python knows", check=is_encoding),
    "text-field": Setting(str, "a field name"),
    "html-field": Setting(str, "a field name"),
    "url-field": Setting(str, "a field name"),
    "id-field": Setting(str, "a field name"),
    "workers": Setting(int, "a whole number", low=1),
    "max-loss": Setting(float, "a share of words", low=0.0, high=1.0),
    # bounds of an HTML page (cleaner.html.limits.HtmlLimits), as the options take them
    "html-max-mb": Setting(int, "a whole number", low=1),
    "html-max-tags": Setting(int, "a whole number", low=1),
    "html-max-depth": Setting(int, "a whole number", low=1),
    "html-timeout": Setting(float, "a number of seconds", low=0.1, high=86400),
}
PATH_KEYS = ("rules",)  # resolved against the file's folder ("exclude" patterns are too, when matched)


@dataclass(frozen=True)
class Config:
    """The settings one file gave (paths made absolute), and which file; an empty
    Config when none was found."""

    path: Path | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    lines: Mapping[str, int | None] = field(default_factory=dict, compare=False)  # where each key is set

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

    def error(self, key: str, problem: str) -> ConfigError:
        """A problem with the value of ``key`` found only when it is used (a ``disable``
        name no pack has), located as one found on reading it: file, line and key."""
        return ConfigError(f"'{key}': {problem}", path=str(self.path), line=self.lines.get(key))

    def missing_rules(self, exc: RuleError) -> ConfigError | None:
        """``exc`` at this file's ``rules`` line when it is about a pack path the file
        gave that does not exist (renamed, or not made yet), else None. Checked when
        the packs are loaded, not when the file is read: ``cleaner learn`` may be
        about to make the folder, and ``cleaner config`` only shows it."""
        given = {Path(entry) for entry in self.values.get("rules", ())}  # type: ignore[attr-defined]
        if exc.path is None or Path(exc.path) not in given or Path(exc.path).exists():
            return None
        return self.error("rules", f"no such rule pack file or folder: {exc.path}")

    @contextlib.contextmanager
    def located(self) -> Iterator[None]:
        """Errors of using this file's values, raised within, at its lines: a
        SettingError (the file gave that setting), and a pack path of the file's that
        is not there (:meth:`missing_rules`); any other error as it was."""
        try:
            yield
        except SettingError as exc:
            raise self.error(exc.setting.replace("_", "-"), exc.problem) from exc
        except RuleError as exc:
            missing = self.missing_rules(exc)
            if missing is None:
                raise
            raise missing from exc


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
    lines = {key: _line_of(key, text, text_start) for key in table}
    values = {key: _checked(key, value, path, lines[key]) for key, value in table.items()}
    for key in PATH_KEYS:
        if key in values:
            values[key] = [str(path.parent / entry) for entry in values[key]]  # type: ignore[attr-defined]
    return Config(path, values, lines)


def _parse(path: Path) -> tuple[str, dict[str, object]]:
    try:
        text = _decoded(path.read_bytes(), path)
        return text, tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"cannot read it ({exc.strerror or exc})", path=str(path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from exc


# Longest first: UTF-32-LE's BOM starts with UTF-16-LE's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decoded(data: bytes, path: Path) -> str:
    """The file's text. TOML is UTF-8; a UTF-8 byte-order mark (Notepad writes one) is
    read past, and a file saved as UTF-16 or UTF-32 (PowerShell's ``>`` writes UTF-16)
    is named as such rather than reported as byte 0xff."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise ConfigError(f"not valid TOML: saved as {encoding}; save it as UTF-8", path=str(path))
    return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")


def _has_section(pyproject: Path) -> bool:
    """Whether the ``pyproject.toml`` has a ``[tool.cleaner]`` table. One that cannot be
    read as TOML is an error, as ruff makes it: whether its table is there cannot be
    told (``[tool.cleaner`` cut short, a file saved as UTF-16), and passing it over
    would run the rules it disables, or a parent folder's settings, without a word."""
    tool = _parse(pyproject)[1].get("tool", {})
    return isinstance(tool, dict) and "cleaner" in tool


def _checked(key: str, value: object, path: Path, line: int | None) -> object:
    if key not in KEYS:
        known = ", ".join(KEYS)
        raise ConfigError(
            f"unknown key '{key}'{did_you_mean(key, KEYS)}; known keys: {known}", path=str(path), line=line
        )
    problem = KEYS[key].problem(value)
    if problem is not None:
        raise ConfigError(f"'{key}' {problem}", path=str(path), line=line)
    return float(value) if KEYS[key].kind is float else value  # type: ignore[arg-type]


def _line_of(key: str, text: str, start: int) -> int | None:
    """The line where ``key`` is set (tomllib keeps no positions): the first line
    that starts with it, bare or quoted, followed by ``=``."""
    # [ \t], not \s: \s would run on from a blank line above and give that line
    pattern = re.compile(rf"^[ \t]*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')[ \t]*=", re.M)
    found = pattern.search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None

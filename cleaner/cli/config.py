"""The project's config file on the command line: read before a command's other
options, whose defaults it becomes; ``cleaner config`` shows what is in force.

The values go into click's ``default_map``, as black reads ``pyproject.toml``: an
option given on the command line wins, one left out takes the file's value, and one
the file does not set keeps its built-in default; each command takes the keys it
has options for.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from cleaner.api import gather_packs
from cleaner.cli.exit_codes import ERROR, OK
from cleaner.errors import CleanerError, ConfigError, RuleError, SettingError
from cleaner.io.config import KEYS, Config, load_config
from cleaner.io.output import Output
from cleaner.packs.disables import without
from cleaner.packs.model import Pack

_META = "cleaner.config"


def _use_config(ctx: typer.Context, value: Path | None) -> Path | None:
    try:
        config = load_config(value)
    except CleanerError as exc:
        Output().error(str(exc))
        raise typer.Exit(ERROR) from exc
    names = {param.name for param in ctx.command.params}
    ctx.default_map = {
        name: setting for key, setting in config.values.items() if (name := key.replace("-", "_")) in names
    }
    ctx.meta[_META] = config
    return value


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        is_eager=True,
        callback=_use_config,
        help="Settings file (pyproject.toml with [tool.cleaner], or cleaner.toml) "
        "[default: found from the working directory upwards].",
    ),
]


def current_config(ctx: typer.Context) -> Config:
    """The config the ``--config`` option read for this command."""
    return ctx.meta.get(_META, Config())


def from_config(ctx: typer.Context, name: str) -> bool:
    """Whether option ``name`` took its value from the config file."""
    return _source(ctx, name) == "DEFAULT_MAP"


def on_command_line(ctx: typer.Context, name: str) -> bool:
    """Whether option ``name`` was given on the command line (not a default, nor the config's)."""
    return _source(ctx, name) == "COMMANDLINE"


def _source(ctx: typer.Context, name: str) -> str | None:
    source = ctx.get_parameter_source(name)  # typer vendors its own click: compare by name
    return source.name if source is not None else None


@contextlib.contextmanager
def options_named(ctx: typer.Context) -> Iterator[None]:
    """A SettingError of the Python API names its argument (``disable: no rule or pack
    is called 'x'``); on the command line it names what the user wrote instead: the
    config file's line when the value came from there, else the option (``--disable``);
    and a pack path of the config file's that is not there, at its ``rules`` line."""
    try:
        yield
    except SettingError as exc:
        name = exc.setting.replace("_", "-")
        if from_config(ctx, exc.setting):
            raise current_config(ctx).error(name, exc.problem) from exc
        raise CleanerError(f"--{name}: {exc.problem}") from exc
    except RuleError as exc:  # a pack path the config file gave that is not there
        missing = current_config(ctx).missing_rules(exc) if from_config(ctx, "rules") else None
        if missing is None:
            raise
        raise missing from exc


def disable_error(config: Config, packs: Sequence[Pack]) -> ConfigError | None:
    """The error ``clean`` stops at when the config's ``disable`` names what no pack of
    ``packs`` has, at the config's line: ``rules check`` and ``cleaner config`` report
    it as well, or a project's check would pass and every run then fail."""
    try:
        without(packs, config.get("disable", ()))  # type: ignore[arg-type]
    except SettingError as exc:
        return config.error("disable", exc.problem)
    return None


def show_config(config: Config, defaults: Mapping[str, object], output: Output) -> int:
    """Every setting, its value in force and where it came from, as TOML lines; then
    a ``disable`` name that no pack has (the packs are loaded only to check one), an
    error as in every other command."""
    if config.get("disable"):
        packs = gather_packs(config.get("rules", ()), defaults=not config.get("no-defaults", False))  # type: ignore[arg-type]
        error = disable_error(config, packs)
        if error is not None:
            raise error
    output.line(f"# config file: {config.origin if config.path else 'none found'}")
    for key in KEYS:
        if key in config.values:
            value, origin = config.values[key], config.origin
        else:
            value, origin = defaults.get(key), "default"
        shown = f"{key} = {_toml(value)}" if value is not None else f"# {key} is not set"
        output.line(f"{shown:<48} # {origin}")
    return OK


def command_defaults(group: Any) -> dict[str, object]:
    """The built-in default of each config key, read from the options of the commands
    of ``group`` (a click group), so that one place says it."""
    defaults: dict[str, object] = {}
    for command in group.commands.values():
        for param in command.params:
            key = (param.name or "").replace("_", "-")
            if key in KEYS and key not in defaults and param.default not in (None, ()):
                defaults[key] = param.default
    return defaults


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string

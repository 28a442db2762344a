"""Finding, reading and validating the config file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner.errors import ConfigError, RuleError
from cleaner.io.config import Config, find_config, load_config, read_config


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_from_a_subfolder_upwards_in_pyproject(tmp_path: Path) -> None:
    pyproject = _write(tmp_path / "pyproject.toml", '[tool.cleaner]\ntimeout = 2\nrules = ["packs"]\n')
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    config = load_config(tmp_path / "docs" / "deep")
    assert config.path == pyproject
    assert config.values == {"timeout": 2.0, "rules": [str(tmp_path / "packs")]}  # relative to the file


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    outer = _write(tmp_path / "cleaner.toml", "workers = 3\n")
    _write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "sub") == outer


def test_cleaner_toml_comes_before_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.cleaner]\ntimeout = 2\n")
    own = _write(tmp_path / "cleaner.toml", "timeout = 3\n")
    assert load_config(tmp_path) == Config(own, {"timeout": 3.0})


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    _write(tmp_path / "cleaner.toml", "timeout = 3\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo") is None
    assert load_config(tmp_path / "repo") == Config()


def test_unknown_key_names_file_line_and_nearest_key(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "pyproject.toml", "[tool.ruff]\ntimout = 1\n\n[tool.cleaner]\nrules = []\ntimout = 2\n"
    )
    with pytest.raises(ConfigError, match=rf"^{path}:6: unknown key 'timout' \(did you mean 'timeout'\?\)"):
        read_config(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("timeout = 'fast'", "'timeout' must be a number of seconds, not 'fast'"),
        ("no-defaults = 1", "'no-defaults' must be true or false, not 1"),
        ("rules = 'packs'", "'rules' must be a list of paths to packs or folders of packs, not 'packs'"),
        (
            "rules = ['packs', ' ']",
            "'rules' must be a list of paths to packs or folders of packs, not ['packs', ' ']",
        ),
        ("workers = 2.5", "'workers' must be a whole number, not 2.5"),
        ("timeout = -1", "'timeout' must be from 0.001 to 86400 (a number of seconds), not -1"),
        (
            "document-timeout = 0",
            "'document-timeout' must be from 0.001 to 86400 (a number of seconds), not 0",
        ),
        ("timeout = nan", "'timeout' must be from 0.001 to 86400 (a number of seconds), not nan"),
        ("timeout = inf", "'timeout' must be from 0.001 to 86400 (a number of seconds), not inf"),
        ("max-loss = 2", "'max-loss' must be from 0 to 1 (a share of words), not 2"),
        ("workers = 0", "'workers' must be at least 1 (a whole number), not 0"),
        ("encoding = 'bogus'", "'encoding' must be the name of an encoding Python knows, not 'bogus'"),
        ("encoding = 'rot13'", "'encoding' must be the name of an encoding Python knows, not 'rot13'"),
    ],
)
def test_a_value_of_the_wrong_type_or_out_of_range_is_an_error(
    tmp_path: Path, line: str, message: str
) -> None:
    path = _write(tmp_path / "cleaner.toml", f"# settings\n{line}\n")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert str(caught.value) == f"{path}:2: {message}"


def test_values_at_the_bounds_are_taken(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "cleaner.toml", "timeout = 0.001\nmax-loss = 0\nworkers = 1\nencoding = 'Latin-1'\n"
    )
    assert read_config(path).values == {
        "timeout": 0.001,
        "max-loss": 0.0,
        "workers": 1,
        "encoding": "Latin-1",
    }


def test_an_error_found_when_a_value_is_used_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[tool.cleaner]\ntimeout = 2\n\ndisable = ["x"]\n')
    error = read_config(path).error("disable", "no rule or pack is called 'x'")
    assert str(error) == f"{path}:4: 'disable': no rule or pack is called 'x'"


def test_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "cleaner.toml", "timeout = \n")
    with pytest.raises(ConfigError, match=rf"^{path}: not valid TOML: .*line 1"):
        read_config(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[tool.cleaner\ndisable = ["x"]\n', "not valid TOML: Expected ']'"),  # the header cut short
        ("[tool.ruff]\nline-length = \n", "not valid TOML: Invalid value"),  # whose table cannot be told
    ],
)
def test_a_pyproject_that_is_not_toml_is_an_error_not_passed_over(
    tmp_path: Path, text: str, problem: str
) -> None:
    _write(tmp_path / "cleaner.toml", "workers = 3\n")  # a parent's settings: never taken instead
    path = _write(tmp_path / "sub" / "pyproject.toml", text)
    with pytest.raises(ConfigError, match=rf"^{path}: {re.escape(problem)}"):
        load_config(tmp_path / "sub")


@pytest.mark.parametrize("name", ["pyproject.toml", "cleaner.toml"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_config_saved_as_utf16_or_utf32_is_named_so(tmp_path: Path, name: str, encoding: str) -> None:
    path = tmp_path / name
    path.write_text("[tool.cleaner]\n" * (name == "pyproject.toml") + "timeout = 2\n", encoding=encoding)
    wide = encoding.upper()
    with pytest.raises(ConfigError, match=rf"^{path}: not valid TOML: saved as {wide}; save it as UTF-8$"):
        load_config(tmp_path)


def test_a_utf8_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.cleaner]\n\ntimeout = 2\n", encoding="utf-8-sig")
    config = load_config(tmp_path)
    assert (config.path, config.values, config.lines) == (path, {"timeout": 2.0}, {"timeout": 3})


def test_an_explicit_path_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")


def test_a_missing_pack_path_the_file_gave_is_found_at_its_rules_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[tool.cleaner]\ntimeout = 2\nrules = ["gone/", "there"]\n')
    (tmp_path / "there").mkdir()
    config = read_config(path)  # read: not yet an error (``cleaner learn`` may make the folder)
    missing = config.missing_rules(RuleError("no such rule pack file or folder", path=str(tmp_path / "gone")))
    assert str(missing) == f"{path}:3: 'rules': no such rule pack file or folder: {tmp_path / 'gone'}"
    for other in (tmp_path / "there", tmp_path / "elsewhere"):  # there, or not the file's
        assert config.missing_rules(RuleError("a problem", path=str(other))) is None

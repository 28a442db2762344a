"""The config file through the commands: found from the working directory, read by
``clean``, ``batch`` and ``rules``, overridden by the command line, shown by ``config``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app

ARTICLE = "Council votes on the budget.\nThe vote passed by nine to two.\n"
PROMO = "Follow us on Twitter for the latest news.\nMORE: Another story\n"


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a pack of its own and settings in its pyproject.toml."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(
        "rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cleaner]\nrules = ["packs"]\ndisable = ["social"]\n'
        'exclude = ["docs/drafts"]\ntext-field = "body"\n'
    )
    (tmp_path / "docs" / "drafts").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(ARTICLE + PROMO)
    (tmp_path / "docs" / "drafts" / "b.txt").write_text(ARTICLE + PROMO)
    monkeypatch.chdir(tmp_path / "docs")
    return tmp_path


def test_clean_reads_rules_and_disable_from_the_config(project: Path) -> None:
    result = _run("clean", "a.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Council votes on the budget.\nFollow us on Twitter for the latest news.\n"


def test_the_command_line_overrides_the_config(project: Path) -> None:
    result = _run("clean", "a.txt", "--disable", "links")
    assert result.stdout == "Council votes on the budget.\nMORE: Another story\n"


def test_exclude_in_the_config_is_relative_to_its_folder(project: Path) -> None:
    result = _run("clean", "--check", ".")
    assert result.stderr.splitlines() == ["would clean a.txt", "1 file would be cleaned."]


def test_batch_reads_the_fields_from_the_config(project: Path) -> None:
    record = json.dumps({"body": ARTICLE + PROMO})
    result = _run("batch", "-", "-o", "-", "--workers", "1", input=record + "\n")
    assert json.loads(result.stdout) == {
        "body": "Council votes on the budget.\nFollow us on Twitter for the latest news.\n"
    }


TABLE_PAGE = (
    "<!doctype html><html><body><article><h1>Results</h1><p>The race was won in record time.</p><table>"
    + "<tr><td>1</td><td>Runner</td></tr>" * 40
    + "</table></article></body></html>"
)


@pytest.mark.parametrize("where", ["option", "config"])
def test_the_tag_limit_of_an_html_page_is_set_by_option_or_config(project: Path, where: str) -> None:
    """A page of about 130 start tags (260 with their end tags) against a limit of 150, then
    100 (QA round P, P7: the limit could only be set from Python)."""
    (project / "docs" / "results.html").write_text(TABLE_PAGE)
    for limit, refused in (150, False), (100, True):
        if where == "config":
            with (project / "pyproject.toml").open("a") as config:
                config.write(f"html-max-tags = {limit}\n")
        result = _run(
            "clean", "results.html", *(["--html-max-tags", str(limit)] if where == "option" else [])
        )
        assert result.exit_code == (2 if refused else 0), result.stderr
        assert ("over the limit of 100" in result.stderr) == refused
        if where == "config":  # a key given twice is not valid TOML: the next limit replaces it
            text = (project / "pyproject.toml").read_text()
            (project / "pyproject.toml").write_text(text.replace(f"html-max-tags = {limit}\n", ""))


def test_rules_list_reads_the_config(project: Path) -> None:
    result = _run("rules", "list")
    assert "mine.vote" in result.stdout
    assert "social.follow-us" not in result.stdout


def test_config_shows_each_value_and_where_it_came_from(project: Path) -> None:
    result = _run("config")
    assert result.exit_code == 0
    lines = {line.split(" ")[0]: line for line in result.stdout.splitlines()}
    origin = f"# {project / 'pyproject.toml'} [tool.cleaner]"
    assert lines["text-field"].startswith('text-field = "body"') and lines["text-field"].endswith(origin)
    assert lines["rules"].startswith(f'rules = ["{project / "packs"}"]')
    assert lines["timeout"].startswith("timeout = 1.0") and lines["timeout"].endswith("# default")


def test_an_explicit_config_file(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text("no-defaults = true\n")
    result = _run("clean", "a.txt", "--config", str(other))
    assert result.stdout == ARTICLE + PROMO


def test_a_bad_config_is_exit_2_naming_file_line_and_key(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.cleaner]\nrules = []\ntext-feild = 'body'\n")
    for command in (["clean", "a.txt"], ["batch", "-"], ["rules", "list"], ["config"]):
        result = _run(*command, input="")
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {project / 'pyproject.toml'}:3: unknown key 'text-feild' (did you mean 'text-field'?); "
            "known keys: rules, no-defaults, disable, include, exclude, timeout, document-timeout, encoding, "
            "text-field, html-field, url-field, id-field, workers, max-loss, html-max-mb, html-max-tags, "
            "html-max-depth, html-timeout\n"
        )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("timeout = -1", "'timeout' must be from 0.001 to 86400 (a number of seconds), not -1"),
        ("max-loss = 2", "'max-loss' must be from 0 to 1 (a share of words), not 2"),
        (
            "document-timeout = 0",
            "'document-timeout' must be from 0.001 to 86400 (a number of seconds), not 0",
        ),
    ],
)
def test_a_value_out_of_range_is_blamed_on_the_file_not_an_option(
    project: Path, setting: str, message: str
) -> None:
    (project / "pyproject.toml").write_text(f"[tool.cleaner]\nrules = []\n{setting}\n")
    for command in (["config"], ["clean", "a.txt"]):
        result = _run(*command)
        assert result.exit_code == 2
        assert result.stderr == f"error: {project / 'pyproject.toml'}:3: {message}\n"


def test_an_unknown_encoding_is_one_error_before_any_file_is_read(project: Path) -> None:
    for n in range(5):
        (project / "docs" / f"more{n}.txt").write_text(ARTICLE + PROMO)
    result = _run("clean", "--check", "--encoding", "bogus", ".")
    assert result.exit_code == 2
    assert result.stderr.count("bogus") == 1
    assert "Invalid value for '--encoding': unknown encoding 'bogus'" in result.stderr
    (project / "pyproject.toml").write_text("[tool.cleaner]\nencoding = 'bogus'\n")
    result = _run("clean", "--check", ".")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {project / 'pyproject.toml'}:2: 'encoding' must be the name of an encoding Python knows, "
        "not 'bogus'\n"
    )


def test_a_disable_name_no_pack_has_is_blamed_on_the_config_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.cleaner]\ntimeout = 2\n\ndisable = ["comments.reader-thred"]\n'
    )
    for command in (["clean", "a.txt"], ["batch", "-"], ["rules", "list"]):
        result = _run(*command, input="")
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {project / 'pyproject.toml'}:4: 'disable': no rule or pack is called "
            "'comments.reader-thred' (did you mean 'comments.reader-thread'?)\n"
        )
    result = _run("clean", "a.txt", "--disable", "nope")  # the option wins, and is named
    assert result.exit_code == 2
    assert result.stderr == "error: --disable: no rule or pack is called 'nope'\n"


def test_a_pack_path_the_config_gives_that_is_not_there_is_blamed_on_its_line(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.cleaner]\ntimeout = 2\nrules = ["missing-rules/"]\n')
    for command in (["clean", "a.txt"], ["batch", "-"]):
        result = _run(*command, input="")
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {project / 'pyproject.toml'}:3: 'rules': no such rule pack file or folder: "
            f"{project / 'missing-rules'}\n"
        )
    result = _run("clean", "a.txt", "--rules", "elsewhere")  # the option wins: the path alone
    assert result.exit_code == 2
    assert result.stderr == "error: elsewhere: no such rule pack file or folder\n"


def test_rules_check_and_config_report_a_disable_name_no_pack_has(project: Path) -> None:
    """As clean, batch and rules list refuse to run: a project's check must not pass
    when every run then fails."""
    (project / "pyproject.toml").write_text('[tool.cleaner]\nrules = ["packs"]\ndisable = ["mine.vot"]\n')
    error = (
        f"error: {project / 'pyproject.toml'}:3: 'disable': no rule or pack is called 'mine.vot'"
        " (did you mean 'mine.vote'?)"
    )
    for command in (["rules", "check"], ["config"]):
        result = _run(*command)
        assert result.exit_code == 2, command
        assert error in result.stderr.splitlines(), command
    (project / "pyproject.toml").write_text('[tool.cleaner]\nrules = ["packs"]\ndisable = ["mine.vote"]\n')
    assert _run("config").exit_code == 0
    assert "error" not in _run("rules", "check").stderr

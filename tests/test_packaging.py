"""What an install gives: the distribution's name, its licence, its extras, the
version the command reports, and a clear message where the HTML extra is missing."""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli.main import DISTRIBUTION, app

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
HTML_STACK = ("trafilatura", "lxml", "selectolax")


def test_the_distribution_is_not_the_cleaner_of_the_package_index() -> None:
    assert PROJECT["name"] == DISTRIBUTION == "boilerplate-cleaner"
    assert "[project.scripts]" in (ROOT / "pyproject.toml").read_text()
    assert PROJECT["scripts"] == {"cleaner": "cleaner.cli.main:main"}


def test_the_licence_the_metadata_promises_is_there() -> None:
    assert PROJECT["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the cleaner authors" in text


def test_the_html_stack_is_an_extra_text_users_can_skip() -> None:
    base = " ".join(PROJECT["dependencies"]).lower()
    assert not [name for name in HTML_STACK if name in base]
    html = " ".join(PROJECT["optional-dependencies"]["html"]).lower()
    assert all(name in html for name in HTML_STACK)


def test_version_names_the_command_and_the_distribution() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"cleaner {metadata.version(DISTRIBUTION)} (boilerplate-cleaner)\n"


@pytest.fixture
def without_html_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if trafilatura were not installed: importing it fails."""
    monkeypatch.delitem(sys.modules, "cleaner.html.extract", raising=False)
    monkeypatch.setitem(sys.modules, "trafilatura", None)


@pytest.mark.usefixtures("without_html_extra")
def test_html_without_the_extra_is_a_clear_error_in_python() -> None:
    with pytest.raises(cleaner.CleanerError, match=r"pip install 'boilerplate-cleaner\[html\]'"):
        cleaner.Cleaner().run_html("<html><body><p>Hello.</p></body></html>")


@pytest.mark.usefixtures("without_html_extra")
def test_html_without_the_extra_is_a_clear_error_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello.</p></body></html>")
    result = CliRunner().invoke(app, ["clean", str(page)])
    assert result.exit_code == 2
    assert "error: HTML input needs the html extra (trafilatura is not installed)" in result.stderr
    assert "Traceback" not in result.stderr
    text = tmp_path / "page.txt"
    text.write_text("Hello.\nFollow us on Twitter for the latest news.\n")
    assert CliRunner().invoke(app, ["clean", str(text)]).stdout == "Hello.\n"


@pytest.mark.usefixtures("without_html_extra")
def test_batch_of_html_without_the_extra_fails_once_before_reading(tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text('{"html": "<p>a</p>"}\n' * 3)
    result = CliRunner().invoke(app, ["batch", str(records), "--html-field", "html", "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr.count("pip install 'boilerplate-cleaner[html]'") == 1


@pytest.mark.usefixtures("without_html_extra")
def test_rules_check_without_the_extra_says_selectors_were_not_checked() -> None:
    result = CliRunner().invoke(app, ["rules", "check"])
    assert result.exit_code == 0
    assert result.stderr.count("warning: prune selectors not checked: HTML input needs the html extra") == 1

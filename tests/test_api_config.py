"""``Cleaner.from_config``: the Python API reads the same settings as the command line;
``Cleaner()`` alone reads none."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner

TEXT = "Council votes on the budget.\nThe vote passed.\nFollow us on Twitter for the latest news.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(
        "rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n"
    )
    (tmp_path / "cleaner.toml").write_text('rules = ["packs"]\ndisable = ["social"]\ntimeout = 2.5\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


def test_from_config_file_folder_or_working_directory(project: Path) -> None:
    for where in (project / "cleaner.toml", project / "sub", None):
        made = cleaner.Cleaner.from_config(where)
        assert made.clean(TEXT) == "Council votes on the budget.\nFollow us on Twitter for the latest news.\n"
        assert made.timeout == 2.5


def test_cleaner_alone_reads_no_config(project: Path) -> None:
    assert cleaner.Cleaner().clean(TEXT) == "Council votes on the budget.\nThe vote passed.\n"


def test_from_config_with_a_bad_file_is_a_config_error(project: Path) -> None:
    (project / "cleaner.toml").write_text("rulez = []\n")
    with pytest.raises(
        cleaner.CleanerError, match=r"cleaner.toml:1: unknown key 'rulez' \(did you mean 'rules'\?\)"
    ):
        cleaner.Cleaner.from_config()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            'rules = ["packs"]\n\ndisable = ["mine.vot"]\n',
            ":3: 'disable': no rule or pack is called 'mine.vot' (did you mean 'mine.vote'?)",
        ),
        (
            'disable = ["social"]\nrules = ["packs", "missing-rules/"]\n',
            ":2: 'rules': no such rule pack file or folder: {project}/missing-rules",
        ),
    ],
)
def test_from_config_with_a_value_that_cannot_be_used_names_the_files_line(
    project: Path, settings: str, message: str
) -> None:
    (project / "cleaner.toml").write_text(settings)
    with pytest.raises(cleaner.ConfigError) as raised:
        cleaner.Cleaner.from_config()
    assert str(raised.value) == f"{project / 'cleaner.toml'}" + message.format(project=project)

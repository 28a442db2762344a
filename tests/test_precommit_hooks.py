"""The hooks of ``.pre-commit-hooks.yaml`` through real ``pre-commit try-repo``.

try-repo clones the repository it is given at HEAD (and only adds changes to files
git already tracks), so the test snapshots this project's current files, tracked or
new, into a throw-away repository with one commit and points pre-commit at that.
pre-commit then builds the hook's virtualenv with pip from that copy, under a
temporary PRE_COMMIT_HOME: nothing is fetched but packages from the package index.
This is slow (a virtualenv and cleaner's dependencies, about a minute), which is why
the environment is built once for the whole module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CLEAN = "The council met on Monday.\r\nIt voted to repair the bridge.\r\n"
DIRTY = CLEAN.replace("\r\nIt", "\r\nFollow us on Twitter for the latest news.\r\nIt")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed: pre-commit needs it"
)


def _git(*args: str, cwd: Path) -> str:
    command = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args]
    done = subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True, check=True)
    return done.stdout


def _env() -> dict[str, str]:
    """The environment without git's per-repository variables (set when pytest runs
    inside a git hook) and with the tool's own files in a temporary home."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def _project_files() -> list[str]:
    if (ROOT / ".git").exists():
        listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
        return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
    return [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*")
        if p.is_file() and not skip.intersection(p.relative_to(ROOT).parts)
    ]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project as it is now, committed in a repository of its own."""
    copy = tmp_path_factory.mktemp("cleaner-repo")
    for name in _project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    _git("init", "-q", cwd=copy)
    _git("add", "-A", cwd=copy)
    _git("commit", "-q", "-m", "snapshot for the pre-commit test", cwd=copy)
    return copy


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(
    hook_repo: Path, home: Path, hook: str, project: Path, *files: str
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--files", *files]
    env = {**_env(), "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def _user_repo(path: Path) -> Path:
    path.mkdir()
    _git("init", "-q", cwd=path)
    (path / "article.txt").write_bytes(DIRTY.encode())
    (path / "EXPORT.TXT").write_bytes(DIRTY.encode())  # an article file too, in any case
    (path / "notes.md").write_bytes(DIRTY.encode())  # not an article file: left alone
    _git("add", "-A", cwd=path)
    return path


def test_fixer_fails_and_fixes_then_passes(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = _user_repo(tmp_path / "user")
    files = ("article.txt", "EXPORT.TXT", "notes.md")
    first = _try_repo(hook_repo, pre_commit_home, "cleaner", project, *files)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Failed" in first.stdout and "files were modified by this hook" in first.stdout
    assert (project / "article.txt").read_bytes() == CLEAN.encode()  # line ends kept
    assert (project / "EXPORT.TXT").read_bytes() == CLEAN.encode()
    assert (project / "notes.md").read_bytes() == DIRTY.encode()
    second = _try_repo(hook_repo, pre_commit_home, "cleaner", project, *files)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_check_hook_fails_without_writing(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = _user_repo(tmp_path / "user")
    failed = _try_repo(hook_repo, pre_commit_home, "cleaner-check", project, "article.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "would clean article.txt" in failed.stdout
    assert (project / "article.txt").read_bytes() == DIRTY.encode()
    (project / "article.txt").write_bytes(CLEAN.encode())
    assert _try_repo(hook_repo, pre_commit_home, "cleaner-check", project, "article.txt").returncode == 0


def test_every_hook_is_in_the_readme() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    readme = (ROOT / "README.md").read_text()
    assert [h["id"] for h in hooks] == ["cleaner", "cleaner-check"]  # the fixer first
    for hook in hooks:
        assert f"id: {hook['id']}\n" in readme


def test_readme_snippet_has_no_placeholder_owner_and_no_tag_that_does_not_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## pre-commit") : readme.index("## Batches")]
    assert "OWNER" not in section
    assert "rev: v" not in section  # cleaner has no release tags yet
    assert 'rev: $(git -C "$CLEANER" rev-parse HEAD)' in section


def test_hooks_read_the_repository_config(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = _user_repo(tmp_path / "user")
    (project / "pyproject.toml").write_text('[tool.cleaner]\ndisable = ["social"]\n')
    passed = _try_repo(hook_repo, pre_commit_home, "cleaner-check", project, "article.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert (project / "article.txt").read_bytes() == DIRTY.encode()

"""The README's fuzzing command collects, also where cleaner is installed as a package
(``pip install .``), not from the checkout (``pip install -e .``, which puts the
checkout, and with it ``tests``, on every interpreter's path)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_AS_INSTALLED = """
import sys
root, site = sys.argv[1], sys.argv[2]
sys.path[:] = [site] + [p for p in sys.path if p not in (root, "")]
import pytest
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "fuzz/"]))
"""


def test_fuzz_tests_collect_with_cleaner_installed_as_a_package(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "cleaner").symlink_to(ROOT / "cleaner")  # the package alone, as pip installs it
    done = subprocess.run(
        [sys.executable, "-c", _AS_INSTALLED, str(ROOT), str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

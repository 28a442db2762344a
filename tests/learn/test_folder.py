"""The learned folder: replaced as a whole, never over a person's packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import WriteError
from cleaner.learn.folder import write_packs
from cleaner.learn.packfile import HEADER

PACK = HEADER + "sources: [a.com]\nrules: []\n"


def test_a_new_folder_gets_one_file_per_site(tmp_path: Path) -> None:
    written = write_packs(tmp_path / "out", {"b.org": PACK, "a.com": PACK})
    assert [p.name for p in written] == ["a.com.yaml", "b.org.yaml"]
    assert (tmp_path / "out" / "a.com.yaml").read_text() == PACK


def test_a_second_run_replaces_the_first_and_drops_sites_gone(tmp_path: Path) -> None:
    write_packs(tmp_path, {"a.com": PACK, "b.org": PACK})
    write_packs(tmp_path, {"a.com": PACK + "# again\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.com.yaml"]
    assert (tmp_path / "a.com.yaml").read_text().endswith("# again\n")


def test_a_folder_holding_other_packs_is_refused_untouched(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("rules: []\n")
    with pytest.raises(WriteError, match=r"mine\.yaml"):
        write_packs(tmp_path, {"a.com": PACK})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]


def test_a_file_in_place_of_the_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(WriteError, match="not a folder"):
        write_packs(tmp_path / "f", {"a.com": PACK})

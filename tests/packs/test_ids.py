"""Rule ids are unique across packs: every id (or alias) given twice is an error at the later rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import RuleError
from cleaner.packs.ids import check_unique_ids, duplicate_ids
from cleaner.packs.loader import load_packs


def test_every_duplicate_is_an_error_at_the_later_rule(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(
        "rules:\n  - id: one.x\n    drop-line: {line: x}\n  - id: one.x\n    drop-line: {line: y}\n"
    )
    (tmp_path / "two.yaml").write_text(
        "rules:\n  - id: two.x\n    aliases: [one.x]\n    drop-line: {line: z}\n"
    )
    errors = duplicate_ids(load_packs([tmp_path]))
    assert [str(error) for error in errors] == [
        f"{tmp_path / 'one.yaml'}:4:5: rule 'one.x': duplicate rule id 'one.x'"
        f" (first defined at {tmp_path / 'one.yaml'}:2:5)",
        f"{tmp_path / 'two.yaml'}:2:5: rule 'two.x': duplicate rule id 'one.x'"
        f" (first defined at {tmp_path / 'one.yaml'}:2:5)",
    ]
    with pytest.raises(RuleError, match=r"one\.yaml:4:5"):
        check_unique_ids(load_packs([tmp_path]))

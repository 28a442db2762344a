"""``cleaner rules list``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app


def test_lists_packs_with_scope_and_rules_with_description(tmp_path: Path) -> None:
    pack = tmp_path / "site.yaml"
    pack.write_text(
        "pack: site\nsources: [example.com]\nrules:\n"
        "  - id: site.promo\n    description: The promo line\n    drop-line: {line: x}\n"
    )
    result = CliRunner().invoke(app, ["rules", "list", "--rules", str(pack)])
    assert result.exit_code == 0
    assert "promo [generic]" in result.stdout
    assert f"site [example.com] {pack}" in result.stdout
    line = next(row for row in result.stdout.splitlines() if "site.promo" in row)
    assert "drop-line" in line and "The promo line" in line

"""A site pack's ``disable``: generic rules switched off for its sources only."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli.main import app
from cleaner.errors import RuleError
from cleaner.packs.disables import disable_errors
from cleaner.packs.loader import default_rules_dir, load_packs

TEXT = "Council met.\nFollow us on Twitter for the latest news.\nMORE: Another story\n"


def _site_pack(folder: Path, body: str) -> Path:
    path = folder / "metro.yaml"
    path.write_text(
        "pack: metro\nsources: [metro.co.uk]\n" + body + "rules:\n"
        "  - id: metro.vote\n    drop-line: {prefix: The vote}\n"
    )
    return path


def test_a_site_pack_switches_a_generic_rule_off_for_its_sources_only(tmp_path: Path) -> None:
    pack = _site_pack(tmp_path, "disable: [social.follow-us]\n")
    made = cleaner.Cleaner([pack])
    assert (
        made.clean(TEXT, "https://metro.co.uk/2025/x")
        == "Council met.\nFollow us on Twitter for the latest news.\n"
    )
    assert made.clean(TEXT, "https://other.example/x") == "Council met.\n"
    assert made.clean(TEXT) == "Council met.\n"


def test_a_whole_generic_pack_can_be_switched_off(tmp_path: Path) -> None:
    made = cleaner.Cleaner([_site_pack(tmp_path, "disable: [links]\n")])
    assert made.clean(TEXT, "metro.co.uk") == "Council met.\nMORE: Another story\n"


def test_an_unknown_name_is_an_error_at_its_file_and_line(tmp_path: Path) -> None:
    pack = _site_pack(tmp_path, "disable:\n  - social.follow-us\n  - social.folow-us\n")
    with pytest.raises(RuleError) as caught:
        cleaner.Cleaner([pack])
    assert str(caught.value) == (
        f"{pack}:5:5: disable: no rule or pack is called 'social.folow-us' (did you mean 'social.follow-us'?)"
    )


def test_disable_needs_sources(tmp_path: Path) -> None:
    pack = tmp_path / "generic.yaml"
    pack.write_text("disable: [social.follow-us]\nrules:\n  - id: generic.x\n    drop-line: {line: x}\n")
    with pytest.raises(RuleError, match=rf"^{pack}:1:1: 'disable' needs 'sources'"):
        cleaner.Cleaner([pack])


def test_a_rule_also_disabled_on_the_command_line_is_no_error(tmp_path: Path) -> None:
    pack = _site_pack(tmp_path, "disable: [social.follow-us]\n")
    for disable in (["social.follow-us"], ["social"]):
        made = cleaner.Cleaner([pack], disable=disable)
        assert made.clean(TEXT, "metro.co.uk") == "Council met.\nFollow us on Twitter for the latest news.\n"


def test_through_the_command_line_and_rules_list(tmp_path: Path) -> None:
    pack = _site_pack(tmp_path, "disable: [social.follow-us]\n")
    page = tmp_path / "page.txt"
    page.write_text(TEXT)
    result = CliRunner().invoke(app, ["clean", str(page), "--rules", str(pack), "--source", "metro.co.uk"])
    assert result.stdout == "Council met.\nFollow us on Twitter for the latest news.\n"
    listed = CliRunner().invoke(app, ["rules", "list", "--rules", str(pack)]).stdout
    assert "  switches off for its sources: social.follow-us\n" in listed


def test_every_unknown_name_is_an_error_with_its_column(tmp_path: Path) -> None:
    pack = _site_pack(tmp_path, "disable: [social.folow-us, linx]\n")
    errors = disable_errors(load_packs([default_rules_dir(), pack]))
    assert [(error.line, error.column, error.message) for error in errors] == [
        (3, 11, "disable: no rule or pack is called 'social.folow-us' (did you mean 'social.follow-us'?)"),
        (3, 28, "disable: no rule or pack is called 'linx' (did you mean 'links'?)"),
    ]


def test_a_site_pack_that_disables_a_bundled_rule_loads_without_the_bundled_packs(tmp_path: Path) -> None:
    """Nothing to switch off then; it was 'no rule or pack is called ...', so a learned or
    shared site pack could not be tried alone."""
    made = cleaner.Cleaner([_site_pack(tmp_path, "disable: [social.follow-us]\n")], defaults=False)
    assert made.clean("The vote was close.\nStory.\n", "metro.co.uk") == "Story.\n"
    with pytest.raises(RuleError, match=r"did you mean 'social\.follow-us'"):
        cleaner.Cleaner([_site_pack(tmp_path, "disable: [social.folow-us]\n")], defaults=False)

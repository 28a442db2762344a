"""``cleaner rules list``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app
from cleaner.scan.translations import CACHE_ENV, _digest


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


def test_ends_with_what_no_text_rule_takes(tmp_path: Path) -> None:
    lines = _listed(tmp_path, "rules:\n  - id: p.promo\n    drop-line: {line: x}\n")
    assert "fenced code block" in lines[-1] and "only in what it quotes" in lines[-1]
    prune_only = _listed(tmp_path, "rules:\n  - id: p.nav\n    prune: {selector: nav}\n")
    assert not any("fenced" in line for line in prune_only)  # no text rule: nothing to say


def test_a_source_pasted_as_a_url_is_listed_as_the_site_it_selects(tmp_path: Path) -> None:
    pack = tmp_path / "Site.YAML"  # a suffix in upper case is a pack's too
    pack.write_text("sources: ['https://www.Example.com:443/', '*.example.org.']\nrules: []\n")
    result = CliRunner().invoke(app, ["rules", "list", "--no-defaults", "--rules", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout == f"Site [example.com, example.org] {pack}\n"


def _listed(tmp_path: Path, pack_text: str) -> list[str]:
    """The lines ``rules list`` prints for one pack alone."""
    pack = tmp_path / "p.yaml"
    pack.write_text(pack_text)
    result = CliRunner().invoke(app, ["rules", "list", "--no-defaults", "--rules", str(pack)])
    assert result.exit_code == 0
    return result.stdout.splitlines()


def test_says_which_rules_the_scanner_leaves_to_regex(tmp_path: Path) -> None:
    lines = _listed(
        tmp_path,
        "rules:\n"
        "  - id: p.fast\n    drop-line: {prefix: 'MORE:'}\n"
        "  - id: p.fuzzy\n    drop-line: {regex: '(?:colour){e<=1}'}\n",
    )
    fast = next(i for i, text in enumerate(lines) if "p.fast" in text)
    fuzzy = next(i for i, text in enumerate(lines) if "p.fuzzy" in text)
    assert " re2 " in lines[fast] and "searched by" not in lines[fast + 1]
    assert " regex " in lines[fuzzy]
    assert "searched by regex: fuzzy" in lines[fuzzy + 1]


def test_reads_and_keeps_the_translations_in_the_cache(tmp_path: Path, monkeypatch) -> None:
    """What the scanner made of each pattern comes from the cache, as for a run: an
    entry planted there is what the listing says (translating again costs seconds)."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    pack = tmp_path / "p.yaml"
    pack.write_text("rules:\n  - id: p.fast\n    drop-line: {prefix: 'MORE:'}\n")
    command = ["rules", "list", "--no-defaults", "--rules", str(pack)]
    assert "searched by" not in CliRunner().invoke(app, command).stdout
    (cache,) = (tmp_path / "cache").glob("translations-*.json")
    entries = json.loads(cache.read_bytes().partition(b"\n")[2])  # after the checksum line
    (key,) = [key for key in entries if "MORE:" in key]
    entries[key] = ["regex: planted in the cache", None, False]
    body = json.dumps(entries).encode()
    cache.write_bytes(_digest(body) + b"\n" + body)  # planted with its checksum, as the cache writes
    assert "searched by regex: planted in the cache" in CliRunner().invoke(app, command).stdout


@pytest.mark.parametrize(
    ("pack", "under"),
    [
        (  # a prune rule's guards: what it spares whatever its selectors match
            "  - id: p.first\n    max-words: 40\n    prune: {selector: '.note', keep-sections: true}\n",
            "spares a node over 40 words or holding a heading or a toggle with prose after it,"
            " and what it holds, and a series of nodes alike over half of their article",
        ),
        (
            "  - id: p.first\n    prune: {selector: '.note', keep-introduced: true}\n",
            "spares a node introduced by prose ending with a colon, with prose after it, and what it holds",
        ),
        (  # old ids the rule keeps, which --disable takes
            "  - id: p.first\n    aliases: [p.join, p.subscribe]\n    drop-line: {prefix: 'Join'}\n",
            "aliases: p.join, p.subscribe",
        ),
    ],
)
def test_what_a_rule_has_besides_is_listed_under_it(tmp_path: Path, pack: str, under: str) -> None:
    lines = _listed(tmp_path, "rules:\n" + pack + "  - id: p.plain\n    prune: {selector: nav}\n")
    first = next(i for i, text in enumerate(lines) if "p.first" in text)
    assert lines[first + 1].strip() == under
    plain = next(i for i, text in enumerate(lines) if "p.plain" in text)
    assert not any(text.startswith(" ") for text in lines[plain + 1 :])  # nothing besides, no line under it

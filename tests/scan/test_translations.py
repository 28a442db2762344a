"""What the scanner made of each pattern is kept between runs, and changes nothing."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from cleaner.api import Cleaner
from cleaner.scan import scanner as scanner_module
from cleaner.scan import translations
from cleaner.scan.translations import CACHE_ENV, Translations, UserTranslations, fingerprint
from tests.conftest import Captured

TEXT = (
    "The council met on Monday.\n"
    "Follow us on Twitter for the latest news.\n"
    "Die Straße bleibt gesperrt.\n"
    "Sign up for our daily newsletter.\n"
    "Related Articles\n"
    "Another story\n"
)


def _bundled_patterns() -> int:
    """Patterns of the bundled packs: a cache written by a whole build holds one entry each."""
    return sum(p is not None for p in Cleaner().ruleset.prefilter.patterns)


def _build(path: Path | None) -> Cleaner:
    cleaner = Cleaner(translations=Translations(path))
    cleaner.prepare()
    return cleaner


def _entries(path: Path) -> dict[str, list[object]]:
    """The entries of a cache file: JSON after the line of its checksum."""
    return json.loads(path.read_bytes().partition(b"\n")[2])


def _write_entries(path: Path, entries: dict[str, object]) -> None:
    """A cache file holding ``entries``, with their checksum, as the cache writes it."""
    body = json.dumps(entries).encode()
    path.write_bytes(translations._digest(body) + b"\n" + body)


def _no_translating(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a pattern was translated again")

    monkeypatch.setattr(scanner_module, "_translate", refuse)


def test_a_second_build_reads_what_the_first_kept_and_cleans_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "translations.json"
    first = _build(path)
    assert path.is_file()
    _no_translating(monkeypatch)
    second = _build(path)
    assert second.ruleset.prefilter.scanner.routes == first.ruleset.prefilter.scanner.routes
    assert second.run(TEXT) == first.run(TEXT)
    assert first.run(TEXT).changed


def test_a_pattern_the_cache_does_not_hold_is_translated_and_added(tmp_path: Path) -> None:
    path = tmp_path / "translations.json"
    _build(path)
    entries = _entries(path)
    dropped = next(iter(entries))
    del entries[dropped]
    _write_entries(path, entries)
    _build(path)
    assert dropped in _entries(path)


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"0:x": ["re2", 5, "yes"]}'])
def test_a_cache_that_is_not_ours_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "translations.json"
    path.write_bytes(content)
    expected = _build(None).run(TEXT)
    assert _build(path).run(TEXT) == expected
    assert len(_entries(path)) == _bundled_patterns()


def test_a_cache_whose_patterns_were_changed_on_disk_is_rebuilt(tmp_path: Path) -> None:
    """Translations that match nothing would switch their rules off, silently."""
    path = tmp_path / "translations.json"
    expected = _build(path).run(TEXT)
    never = rb'"re2", "[^\\\\x{0}-\\\\x{10FFFF}]"'  # matches no line
    blind, count = re.subn(rb'"re2", "(?:[^"\\]|\\.)*"', never, path.read_bytes())
    assert count == _bundled_patterns()
    path.write_bytes(blind)
    assert _build(path).run(TEXT) == expected
    assert never not in path.read_bytes()  # written anew


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    cleaner = _build(blocker / "sub" / "translations.json")
    assert cleaner.run(TEXT).changed
    assert blocker.read_text().startswith("a file")


def test_the_user_cache_lives_in_the_chosen_folder_under_the_code_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    assert UserTranslations().path == tmp_path / "c" / f"translations-{fingerprint()}.json"
    monkeypatch.setenv(CACHE_ENV, "")
    assert UserTranslations().path is None  # switched off: kept in memory only
    Cleaner(translations=UserTranslations()).prepare()
    assert not (tmp_path / "c").exists()


def test_batch_keeps_the_translations_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cap: Captured
) -> None:
    from cleaner.cli.batch import BatchOptions, batch

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "in.jsonl"
    line = json.dumps({"text": "Words of a story that the rules leave alone.\n" * 40}) + "\n"
    source.write_text(line * 60)  # more text than is cleaned before the scanner is built
    batch(str(source), Cleaner(), BatchOptions(output=str(tmp_path / "out.jsonl")), cap)
    kept = list((tmp_path / "cache").glob("translations-*.json"))
    assert len(kept) == 1 and len(_entries(kept[0])) == _bundled_patterns()


def test_a_full_cache_keeps_what_the_last_build_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "translations.json"
    _build(path)
    used = set(_entries(path))
    junk = {f"0:old pattern {k}": ["re2", "x", False] for k in range(50)}
    _write_entries(path, {**_entries(path), **junk})
    monkeypatch.setattr(translations, "_MAX_ENTRIES", len(used))
    cleaner = Cleaner(rules=[_extra_pack(tmp_path)], translations=Translations(path))
    cleaner.prepare()  # one new pattern: the file is written again, over its limit
    kept = set(_entries(path))
    assert used < kept and not kept & set(junk)


def _extra_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "extra.yaml"
    pack.write_text('pack: extra\nrules:\n  - id: extra.mugs\n    drop-line:\n      regex: "^Buy our mugs"\n')
    return pack


def test_other_versions_files_go_when_no_run_wrote_them_for_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    old, recent = tmp_path / "translations-0000old.json", tmp_path / "translations-000recent.json"
    for other in (old, recent):
        other.write_text("{}")
    month_ago = time.time() - 31 * 86_400
    os.utime(old, (month_ago, month_ago))
    Cleaner(translations=UserTranslations()).prepare()
    assert not old.exists() and recent.exists()
    assert (tmp_path / f"translations-{fingerprint()}.json").is_file()


def test_a_snapshot_builds_another_processes_scanner_without_translating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a Ray driver sends its actors."""
    made = Translations()
    first = Cleaner(translations=made)
    first.prepare()
    snapshot = made.snapshot()
    _no_translating(monkeypatch)
    second = Cleaner(translations=Translations.of(snapshot))
    second.prepare()
    assert second.ruleset.prefilter.scanner.routes == first.ruleset.prefilter.scanner.routes
    assert second.run(TEXT) == first.run(TEXT)


def test_a_snapshot_of_other_code_is_not_used() -> None:
    made = Translations()
    Cleaner(translations=made).prepare()
    code, entries = made.snapshot()
    assert Translations.of((f"not-{code}", entries)) is None
    assert Translations.of((None, entries)) is None

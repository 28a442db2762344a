"""``cleaner clean`` through the real CLI (typer's runner, stdout and stderr apart)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.api import Cleaner
from cleaner.cli.clean import CleanOptions, Mode, clean
from cleaner.cli.main import app
from cleaner.io.output import Output
from tests.conftest import BOOM

ARTICLE = "Council votes on the budget.\nThe vote passed by nine to two.\n"
PROMO = "Follow us on Twitter for the latest news.\nMORE: Another story\n"


def _run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE + PROMO, encoding="utf-8")
    return path


def test_prints_cleaned_text(page: Path) -> None:
    result = _run("clean", str(page))
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_stdin_to_stdout() -> None:
    result = _run("clean", "-", input=ARTICLE + PROMO)
    assert (result.exit_code, result.stdout) == (0, ARTICLE)


def test_explain_lists_every_removal_on_stderr(page: Path) -> None:
    result = _run("clean", str(page), "--explain")
    assert result.stdout == ARTICLE
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{page}:3:1: social.follow-us (")
    assert lines[0].endswith("drop: Follow us on Twitter for the latest news.")
    assert lines[1].startswith(f"{page}:4:1: links.more-colon (")
    assert "rules/links.yaml:" in lines[1]


def test_explain_names_the_guard_of_a_cut(tmp_path: Path) -> None:
    pack = tmp_path / "cut.yaml"
    pack.write_text(
        "rules:\n  - id: t.related\n    truncate-at: {line: Related}\n"
        "    stop-at-prose: {lines: 2, words: 3}\n"
        "  - id: t.bare\n    truncate-at: {line: Comments}\n"
        "  - id: t.box\n    truncate-at: {line: See also}\n"
        "    stop-at-prose: {lines: 2, words: 3, min-cut: 3}\n"
        "  - id: t.menu\n    truncate-at: {line: Most Popular}\n"
        "    stop-at-prose: {lines: 2, words: 3, long-line: 6}\n"
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "Body one.\nMost Popular\nWeather\nThe whole story told in one line.\n"
        "See also\nA box\nProse of four words.\nMore of the prose.\n"
        "Related\nA title\nProse of four words.\nMore of the prose.\nComments\nNice\n"
    )
    result = _run("clean", str(page), "--explain", "--no-defaults", "--rules", str(pack))
    assert result.stdout == (
        "Body one.\nThe whole story told in one line.\nA box\nProse of four words.\nMore of the prose.\n"
        "Prose of four words.\nMore of the prose.\n"
    )
    lines = result.stderr.splitlines()
    long_line = "cut (stop-at-prose: 2 lines of 3+ words, gap 1, or a line of 6+ words)"
    assert lines[0].endswith(f"{long_line}: Most Popular")
    assert lines[1].endswith(f"{long_line}: Weather")
    assert lines[2].endswith("cut (stop-at-prose: 2 lines of 3+ words, gap 1, min-cut 3): See also")
    assert lines[3].endswith("cut (stop-at-prose: 2 lines of 3+ words, gap 1): Related")
    assert lines[4].endswith("cut (stop-at-prose: 2 lines of 3+ words, gap 1): A title")
    assert lines[5].endswith(") cut: Comments")


@pytest.mark.parametrize(
    ("option", "shown"),
    [
        ("spare-series: true", "cut (spare-series)"),
        ("spare-introduced: true", "cut (spare-introduced)"),
        ("stop-at: {line: Over}", "cut (stop-at)"),
    ],
)
def test_explain_names_the_other_guards_of_a_cut(tmp_path: Path, option: str, shown: str) -> None:
    pack = tmp_path / "cut.yaml"
    pack.write_text(
        "rules:\n  - id: t.thread\n    truncate-at-cluster: {match: {prefix: Thanks}, min-lines: 2}\n"
        f"    {option}\n"
    )
    page = tmp_path / "page.txt"
    page.write_text("Body one.\nThanks a.\nThanks b.\n")
    result = _run("clean", str(page), "--explain", "--no-defaults", "--rules", str(pack))
    assert result.stdout == "Body one.\n"
    assert result.stderr.splitlines()[0].endswith(f") {shown}: Thanks a.")


# A paragraph of 30 words: prose to every guard.
P30 = (
    "The council voted on Tuesday to close the old library on the high street, after a survey "
    "found that the roof would cost more to repair than the building is worth today."
)


@pytest.mark.parametrize(
    ("option", "story", "shown"),
    [
        ("sentence-words: 3", ["The story goes on.", "It ends here."], " or sentences of 3+, gap 1"),
        (
            "speech-words: 3",
            ["The mayor said so", "Police told reporters more"],
            " or reported speech of 3+, gap 1",
        ),
        (
            "speech-words: 3, narration-words: 3, end-lines: 1",
            ["The story goes on.", "The mayor said so"],
            " or reported speech of 3+ (with narration of 3+), gap 1, or 1 with speech at the end",
        ),
        (
            "tables: true",
            ["| Party | Votes |", "|---|---|", "| Green | 1,204 |"],
            ", gap 1, or a data table",
        ),
        ("closing-words: 3", ["It ends here."], ", gap 1, or a last sentence of 3+ unlike the items above"),
        (
            "subheadings: true",
            [P30, "Testing the change", P30],
            ", gap 1 (past subheadings, not under a count)",
        ),
        (
            "sentence-words: 3, quoted: true, section-words: 30",
            ["The story goes on.", "It ends here."],
            " or sentences of 3+, gap 1, not under an introduction, not over a sentence of 30+",
        ),
    ],
)
def test_explain_names_the_short_lines_a_guard_counts_as_prose(
    tmp_path: Path, option: str, story: list[str], shown: str
) -> None:
    pack = tmp_path / "cut.yaml"
    pack.write_text(
        "rules:\n  - id: t.related\n    truncate-at: {line: Related}\n"
        f"    stop-at-prose: {{lines: 2, words: 30, {option}}}\n"
    )
    page = tmp_path / "page.txt"
    # a list's title, with a figure: no section's title, which would stay over the story
    page.write_text("\n".join(["Body one.", "Related", "Top 5 titles", *story]) + "\n")
    result = _run("clean", str(page), "--explain", "--no-defaults", "--rules", str(pack))
    assert result.stdout == "\n".join(["Body one.", *story]) + "\n"
    guard = f"cut (stop-at-prose: 2 lines of 30+ words{shown})"
    assert result.stderr.splitlines()[1].endswith(f"{guard}: Top 5 titles")


def test_explain_names_a_cluster_s_max_run(tmp_path: Path) -> None:
    pack = tmp_path / "cut.yaml"
    pack.write_text(
        "rules:\n  - id: t.thread\n"
        "    truncate-at-cluster: {match: {prefix: Thanks}, min-lines: 2, max-run: 1}\n"
    )
    page = tmp_path / "page.txt"
    page.write_text("Body one.\nThanks a.\nGood.\nThanks b.\n")
    result = _run("clean", str(page), "--explain", "--no-defaults", "--rules", str(pack))
    assert result.stdout == "Body one.\n"
    assert result.stderr.splitlines()[0].endswith(") cut (max-run 1): Thanks a.")


def test_extra_rules_file_and_folder(page: Path, tmp_path: Path) -> None:
    pack = tmp_path / "packs" / "mine.yaml"
    pack.parent.mkdir()
    pack.write_text("rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n")
    for target in (pack, pack.parent):
        result = _run("clean", str(page), "--rules", str(target))
        assert result.stdout == "Council votes on the budget.\n"


def test_no_defaults_uses_only_given_rules(page: Path, tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("rules:\n  - id: mine.more\n    drop-line: {prefix: 'MORE:'}\n")
    result = _run("clean", str(page), "--no-defaults", "--rules", str(pack))
    assert result.stdout == ARTICLE + "Follow us on Twitter for the latest news.\n"


def test_source_selects_site_packs(page: Path, tmp_path: Path) -> None:
    pack = tmp_path / "site.yaml"
    pack.write_text("sources: [metro.co.uk]\nrules:\n  - id: site.vote\n    drop-line: {prefix: The vote}\n")
    without = _run("clean", str(page), "--rules", str(pack))
    with_source = _run("clean", str(page), "--rules", str(pack), "--source", "https://metro.co.uk/x")
    assert "The vote" in without.stdout
    assert "The vote" not in with_source.stdout


def test_bad_pack_is_exit_2_with_location_and_no_traceback(page: Path, tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("rules:\n  - id: bad.one\n    drop-lien: {line: x}\n")
    result = _run("clean", str(page), "--rules", str(pack))
    assert result.exit_code == 2
    assert f"{pack}:3:5: rule 'bad.one': unknown key 'drop-lien'" in result.stderr
    assert "Traceback" not in result.stderr


def test_several_inputs_need_a_mode(page: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE)
    result = _run("clean", str(page), str(other))
    assert result.exit_code == 2
    assert "--in-place, --check or --diff" in result.stderr
    assert result.stdout == ""


def test_a_folder_to_print_asks_for_a_mode_and_counts_right(tmp_path: Path) -> None:
    one, empty = tmp_path / "one", tmp_path / "empty"
    one.mkdir()
    empty.mkdir()
    (one / "a.txt").write_text(ARTICLE + PROMO)
    result = _run("clean", str(one))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {one}: a folder needs --in-place, --check or --diff (1 file to clean; "
        "cleaned texts are never printed one after another)\n"
    )
    result = _run("clean", str(empty))
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == f"error: {empty}: the folder holds no file to clean (see --include and --exclude)\n"
    )


def test_a_named_file_an_exclude_pattern_matches_is_skipped_with_a_note(page: Path) -> None:
    note = f"note: {page} skipped: an exclude pattern matches it (--exclude, or the config's)"
    result = _run("clean", "--check", str(page), "--exclude", page.name)
    assert (result.exit_code, result.stderr.splitlines()) == (0, [note, "0 files would be cleaned."])
    result = _run("clean", str(page), "--exclude", page.name)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        note,
        "error: no file to clean: an exclude pattern matches every file named",
    ]


def test_check_exit_codes_and_writes_nothing(page: Path, tmp_path: Path) -> None:
    clean_file = tmp_path / "clean.txt"
    clean_file.write_text(ARTICLE)
    before = page.read_bytes()
    assert _run("clean", "--check", str(clean_file)).exit_code == 0
    result = _run("clean", "--check", str(page), str(clean_file))
    assert result.exit_code == 1
    assert f"would clean {page}" in result.stderr
    assert page.read_bytes() == before


def test_diff_prints_unified_diff(page: Path) -> None:
    result = _run("clean", "--diff", str(page))
    assert result.exit_code == 1
    assert f"--- a/{page}" in result.stdout
    assert "-MORE: Another story" in result.stdout


def test_in_place_rewrites_keeping_crlf_bom_mode_and_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    body = "\ufeffLine one.\r\nMORE: gone\r\nLine two."
    path.write_bytes(body.encode("utf-8"))
    os.chmod(path, 0o640)
    result = _run("clean", "--in-place", str(path))
    assert result.exit_code == 1  # changed: pre-commit's convention
    assert path.read_bytes() == "\ufeffLine one.\r\nLine two.".encode()
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)


def test_in_place_leaves_unchanged_files_untouched(tmp_path: Path) -> None:
    path = tmp_path / "fine.txt"
    path.write_text("\n\nNothing to remove here.\n\n\n")
    mtime = path.stat().st_mtime_ns
    assert _run("clean", "--in-place", str(path)).exit_code == 0
    assert path.stat().st_mtime_ns == mtime


def test_in_place_writes_through_symlink(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text(ARTICLE + PROMO)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    _run("clean", "--in-place", str(link))
    assert link.is_symlink()
    assert target.read_text() == ARTICLE


def test_folder_is_walked_with_include_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + PROMO)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE + PROMO)
    (tmp_path / "c.md").write_text(ARTICLE + PROMO)
    result = _run("clean", "--check", str(tmp_path), "--exclude", "sub/*")
    assert result.exit_code == 1
    assert "would clean" in result.stderr and "a.txt" in result.stderr
    assert "b.txt" not in result.stderr and "c.md" not in result.stderr


def test_unreadable_file_is_named_and_the_rest_still_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE + PROMO)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9\n".encode("latin-1"))
    result = _run("clean", "--in-place", str(binary), str(latin), str(good))
    assert result.exit_code == 2
    assert f"{binary}: looks like a binary file" in result.stderr
    assert f"{latin}:1:4: not valid utf-8: byte 0xe9" in result.stderr  # line and column, from 1
    assert good.read_text() == ARTICLE
    assert binary.read_bytes() == b"\x00\x01\x02binary"
    replaced = _run("clean", str(latin), "--errors", "replace")
    assert replaced.exit_code == 0 and replaced.stdout == "caf\ufffd\n"
    assert _run("clean", str(latin), "--encoding", "latin-1").stdout == "caf\xe9\n"


def test_missing_file_is_exit_2() -> None:
    result = _run("clean", "/no/such/file.txt")
    assert result.exit_code == 2
    assert "/no/such/file.txt" in result.stderr


def test_rule_timeout_leaves_document_unchanged_and_exits_1(tmp_path: Path, slow_pack: Path) -> None:
    path = tmp_path / "doc.txt"
    original = "a" * 40 + "b\nMORE: x\n"
    path.write_text(original)
    result = _run("clean", "--in-place", str(path), "--rules", str(slow_pack), "--timeout", "0.05")
    assert result.exit_code == 1
    assert f"{path}: rule 'slow.rule' timed out" in result.stderr
    assert path.read_text() == original


def test_rule_timeout_on_stdout_writes_the_document_unchanged(tmp_path: Path, slow_pack: Path) -> None:
    original = "a" * 40 + "b\nMORE: x\n"
    for args in (["-"], [str(tmp_path / "doc.txt")]):
        (tmp_path / "doc.txt").write_text(original)
        result = _run("clean", *args, "--rules", str(slow_pack), "--timeout", "0.05", input=original)
        assert result.exit_code == 1
        assert "rule 'slow.rule' timed out" in result.stderr
        assert result.stdout == original


def test_a_document_the_engine_fails_on_is_named_and_the_others_go_on(
    tmp_path: Path, engine_fails: type[Exception]
) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text(ARTICLE + BOOM + "\n" + PROMO)
    good.write_text(ARTICLE + PROMO)
    result = _run("clean", "--in-place", str(bad), str(good))
    assert result.exit_code == 1
    assert f"{bad}: " in result.stderr and engine_fails.__name__ in result.stderr
    assert "Traceback" not in result.stderr
    assert (bad.read_text(), good.read_text()) == (ARTICLE + BOOM + "\n" + PROMO, ARTICLE)
    check = _run("clean", "--check", str(bad))
    assert check.exit_code == 1
    assert "document left unchanged" in check.stderr


def test_a_document_left_empty_is_said_so(tmp_path: Path, page: Path) -> None:
    pack = tmp_path / "all.yaml"
    pack.write_text("rules:\n  - id: all.lines\n    truncate-at: {regex: '^'}\n")
    result = _run("clean", "--check", str(page), "--rules", str(pack))
    assert result.exit_code == 1
    warning = f"warning: {page}: every line was removed (the first by rule 'all.lines' on line 1)"
    assert warning in result.stderr
    assert "warning" not in _run("clean", "--check", str(page)).stderr


def test_a_page_with_no_text_extracted_is_said_so(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<!doctype html><html><head><title>Home</title></head><body><div></div></body></html>")
    result = _run("clean", str(page))
    assert (result.exit_code, result.stdout) == (0, "")
    assert f"warning: {page}: no text was extracted from the page; nothing printed" in result.stderr
    (tmp_path / "full.html").write_text(PAGE)
    assert "warning" not in _run("clean", str(tmp_path / "full.html")).stderr


def test_a_page_with_no_text_extracted_blames_no_prune_rule(tmp_path: Path) -> None:
    """The menu a prune rule removed is not what left the page empty (QA round P, P5)."""
    page = tmp_path / "app.html"
    page.write_text(
        "<!doctype html><html><head><title>Town news</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav><div id="app"></div>'
        "<footer><button>Accept cookies and continue to the site</button></footer></body></html>"
    )
    result = _run("clean", str(page))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        f"warning: {page}: no text was extracted from the page; nothing printed (prune rules had "
        "removed 2 words from the page before, the first by rule 'prune.navigation')\n"
    )


def test_a_gzip_file_saved_as_html_is_named_not_cleaned_into_garbage(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(gzip.compress(PAGE.encode()))
    result = _run("clean", str(page))
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"error: {page}: is gzip-compressed data, not an HTML page: decompress it first; skipped" in (
        result.stderr
    )


def test_in_place_refuses_a_hard_linked_file_and_one_changed_while_it_was_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.cli import clean as clean_command

    linked, changed, fine = (tmp_path / f"{n}.txt" for n in ("linked", "changed", "fine"))
    for path in (linked, changed, fine):
        path.write_text(ARTICLE + PROMO)
    os.link(linked, tmp_path / "other-name.txt")
    real = clean_command._read

    def read_then_someone_writes(name: str, *args: object) -> object:
        read = real(name, *args)
        if name == str(changed):
            changed.write_text("Someone else's edit.\n" + PROMO)
        return read

    monkeypatch.setattr(clean_command, "_read", read_then_someone_writes)
    result = _run("clean", "--in-place", str(linked), str(changed), str(fine))
    assert result.exit_code == 2
    assert f"{linked}: cannot write (it has 2 hard links" in result.stderr
    assert f"{changed}: cannot write (it was changed by someone else since it was read)" in result.stderr
    assert linked.read_text() == (tmp_path / "other-name.txt").read_text() == ARTICLE + PROMO
    assert changed.read_text() == "Someone else's edit.\n" + PROMO
    assert fine.read_text() == ARTICLE


def test_folder_walk_skips_virtualenvs_and_vcs_folders(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + PROMO)
    for folder in (".venv/lib/python3.11/site-packages/justext/stoplists", ".git", "node_modules/x"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "words.txt").write_text(ARTICLE + PROMO)
    result = _run("clean", "--in-place", str(tmp_path))
    assert result.stderr.splitlines()[-1] == "1 file cleaned."
    assert (tmp_path / ".venv/lib/python3.11/site-packages/justext/stoplists/words.txt").read_text() == (
        ARTICLE + PROMO
    )


def test_folder_walk_honours_gitignore_and_exclude_by_name(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n")
    for name in ("a.txt", "generated/b.txt", "docs/drafts/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ARTICLE + PROMO)
    result = _run("clean", "--check", str(tmp_path), "--exclude", "drafts")
    assert result.stderr.splitlines() == [f"would clean {tmp_path / 'a.txt'}", "1 file would be cleaned."]


PAGE = "<!doctype html><html><body><article><p>Council votes.</p><p>MORE: x</p></article></body></html>"


def test_html_found_by_a_walk_is_skipped_with_a_note_in_every_writing_mode(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + PROMO)
    (tmp_path / "page.html").write_text(PAGE)
    for mode in ("--in-place", "--check", "--diff", "--text --in-place"):
        (tmp_path / "a.txt").write_text(ARTICLE + PROMO)
        result = _run("clean", *mode.split(), str(tmp_path))
        assert result.exit_code == 1, (mode, result.stderr)
        assert "note: 1 HTML page skipped: HTML is input, never rewritten" in result.stderr
        assert "page.html" not in result.stdout
    assert (tmp_path / "page.html").read_text() == PAGE


def test_html_named_in_a_writing_mode_is_a_clear_error_never_an_empty_diff(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    for mode in ("--in-place", "--check", "--diff"):
        result = _run("clean", mode, str(page))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert f"{page}: HTML is input, never rewritten: {mode} does not apply" in result.stderr
    assert page.read_text() == PAGE
    assert _run("clean", "--html", "--check", str(page)).exit_code == 2
    printed = _run("clean", str(page))
    assert (printed.exit_code, printed.stdout) == (0, "Council votes.\n")


def test_a_txt_file_that_starts_like_a_page_is_text_in_every_mode(tmp_path: Path) -> None:
    """An article about HTML stored as .txt: its first words are not markup to drop, and
    --in-place, --check and a folder walk (the pre-commit hook) take it as text."""
    article = "<!DOCTYPE html> goes on the first line of every page you write.\n" + ARTICLE
    doc = tmp_path / "doctype.txt"
    doc.write_text(article + PROMO)
    printed = _run("clean", str(doc))
    assert (printed.exit_code, printed.stdout) == (0, article)
    checked = _run("clean", "--check", str(tmp_path))
    assert checked.exit_code == 1, checked.stderr
    assert f"would clean {doc}" in checked.stderr and "HTML page" not in checked.stderr
    assert _run("clean", "--in-place", str(doc)).exit_code == 1
    assert doc.read_text() == article
    # with no extension to go by, standard input is still read as a page when it starts like one
    piped = _run("clean", "-", input="<!DOCTYPE html><html><body><article><p>Council votes.</p></article>")
    assert piped.stdout == "Council votes.\n"


def test_a_utf16_page_with_no_page_extension_is_read_as_a_page(tmp_path: Path) -> None:
    """On standard input, or named .php, with or without --encoding utf-16: its text, not
    its markup (QA round Q, Q7: the hint "--encoding utf-16" printed the markup, exit 0).
    A .txt stays text, and UTF-16 text on standard input still gets that hint."""
    page = "<!DOCTYPE html><html><body><article><p>Council votes.</p></article></body></html>"
    data = page.encode("utf-16")  # with a byte-order mark
    for args in (["-"], ["--encoding", "utf-16", "-"], ["--encoding", "utf-16-le", "-"]):
        piped = _run("clean", *args, input=data)
        assert (piped.exit_code, piped.stdout) == (0, "Council votes.\n"), args
    bare = _run("clean", "--encoding", "utf-16-le", "-", input=page.encode("utf-16-le"))  # no mark
    assert (bare.exit_code, bare.stdout) == (0, "Council votes.\n")
    (tmp_path / "index.php").write_bytes(data)
    assert _run("clean", str(tmp_path / "index.php")).stdout == "Council votes.\n"
    (tmp_path / "page.txt").write_bytes(data)
    assert "<article>" in _run("clean", "--encoding", "utf-16", str(tmp_path / "page.txt")).stdout
    text = _run("clean", "-", input="Council votes.\n".encode("utf-16"))
    assert text.exit_code == 2
    assert "saved as UTF-16 (it opens with a byte-order mark); read it with --encoding utf-16" in text.stderr


POUNDS = "The repairs will cost £1.2m, the council said, and last until the middle of March."


def test_a_page_with_bytes_not_valid_in_its_encoding_is_named_and_counted(tmp_path: Path) -> None:
    """A UTF-8 page with a paragraph pasted in windows-1252: the £ became U+FFFD, said
    (as text mode names a file with invalid bytes) and counted as lossy (QA round P, P1)."""
    page = tmp_path / "mixed.html"
    head = '<html><head><meta charset="utf-8"></head><body><article><p>Zürich votes.</p><p>'
    page.write_bytes(head.encode() + POUNDS.encode("cp1252") + b"</p></article></body></html>")
    stats = tmp_path / "stats.json"
    result = _run("clean", str(page), "--stats-json", str(stats))
    assert result.exit_code == 0, result.stderr
    assert "Zürich votes." in result.stdout and "cost \ufffd1.2m" in result.stdout
    warning = f"warning: {page}: 1 byte not valid utf-8 became U+FFFD (--encoding NAME reads the page in"
    assert warning in result.stderr
    assert json.loads(stats.read_text())["lossy"] == 1
    clean_page = tmp_path / "clean.html"
    clean_page.write_text(head + "Plain.</p></article></body></html>", encoding="utf-8")
    assert "warning" not in _run("clean", str(clean_page)).stderr


def test_encoding_given_on_the_command_line_reads_an_html_page(tmp_path: Path) -> None:
    """Over a wrong guess (no declaration) and over a wrong declaration (QA round P, P2)."""
    czech = "Žluťoučký kůň úpěl ďábelské ódy; zákon míří do sněmovny, kde o něm příští měsíc jednají."
    guessed = tmp_path / "guessed.html"
    guessed.write_bytes(f"<html><body><article><p>{czech}</p></article></body></html>".encode("iso8859-2"))
    assert czech not in _run("clean", str(guessed)).stdout  # taken for windows-1250
    for args, stdin in (([str(guessed)], None), (["--html", "-"], guessed.read_bytes())):
        read = _run("clean", "--encoding", "iso8859-2", *args, input=stdin)
        assert (read.exit_code, read.stdout, read.stderr) == (0, czech + "\n", ""), args
    declared = tmp_path / "declared.html"
    german = "Die Brücke über die Weser wird für drei Wochen gesperrt, sagt die Stadt."
    declared.write_bytes(f'<meta charset="utf-8"><article><p>{german}</p></article>'.encode("latin-1"))
    assert _run("clean", "--encoding", "latin-1", str(declared)).stdout == german + "\n"
    # the config file's encoding is for text files: a page keeps its own charset
    config = tmp_path / "cleaner.toml"
    config.write_text('encoding = "cp1252"\n')
    utf8 = tmp_path / "utf8.html"
    utf8.write_text(f'<meta charset="utf-8"><article><p>{german}</p></article>', encoding="utf-8")
    assert _run("clean", "--config", str(config), str(utf8)).stdout == german + "\n"


def test_in_place_summary_does_not_count_a_failed_write_as_cleaned(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE + PROMO)
    (tmp_path / "c.txt").write_bytes(b"caf\xe9\nMORE: x\n")  # lossy with --errors replace: never written
    result = _run("clean", "--in-place", "--errors", "replace", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "2 files cleaned, 1 error."


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    for n in range(40):  # diffs well over a pipe's 64 KB buffer
        (tmp_path / f"{n:02}.txt").write_text(ARTICLE * 200 + PROMO * 200)
    process = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", "--diff", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"--- a/")
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read()
    assert (process.wait(), stderr) == (0, b"")


def test_a_review_page_never_replaces_an_input(page: Path) -> None:
    before = page.read_bytes()
    result = _run("clean", "--check", str(page), "--report", str(page))
    assert result.exit_code == 2
    assert "--report names an input of this run" in result.stderr
    assert page.read_bytes() == before


def test_statistics_sent_to_the_null_device_leave_it_a_device(page: Path) -> None:
    result = _run("clean", "--check", str(page), "--stats-json", os.devnull, "--audit", os.devnull)
    assert result.exit_code == 1
    assert Path(os.devnull).is_char_device()


class _GoneReader(io.StringIO):
    """stderr whose reader went away (``2>&1 | head -1``) after the first message."""

    def write(self, text: str) -> int:
        if self.getvalue():
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_messages_nobody_reads_do_not_stop_a_rewrite(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(ARTICLE + PROMO, encoding="utf-8")
    cleaner = Cleaner()
    output = Output(out=io.StringIO(), err=_GoneReader())
    code = clean([str(folder)], cleaner, CleanOptions(mode=Mode.IN_PLACE), output)
    assert code == 1  # files were rewritten: never reported as success
    assert [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())] == [ARTICLE] * 5


def test_a_run_with_stderr_closed_goes_to_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(ARTICLE + PROMO, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-i", str(folder)],
        stderr=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        close_fds=True,
        preexec_fn=lambda: os.close(2),
    )
    assert run.returncode == 1  # files were rewritten
    assert [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())] == [ARTICLE] * 3


@pytest.mark.parametrize("option", ["--timeout", "--document-timeout", "--html-timeout"])
@pytest.mark.parametrize("value", ["inf", "100000"])
def test_a_timeout_no_timer_can_hold_is_refused_naming_the_option(option: str, value: str) -> None:
    result = _run("clean", option, value, "-", input=ARTICLE)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output and "86400" in result.output


def test_an_audit_file_that_cannot_be_written_stops_the_run_once(tmp_path: Path, monkeypatch) -> None:
    from cleaner.errors import WriteError
    from cleaner.report import ledger

    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(ARTICLE + PROMO, encoding="utf-8")
    audit = tmp_path / "audit.jsonl"

    def full_disk(self, record, result) -> None:
        raise WriteError(str(audit), "No space left on device")

    monkeypatch.setattr(ledger.Ledger, "note", full_disk)
    result = _run("clean", "--check", *(str(tmp_path / f"{n}.txt") for n in range(3)), "--audit", str(audit))
    assert result.exit_code == 2  # never 0 for a check cut short
    assert result.stderr.count("error:") == 1  # not one per remaining document


def test_an_audit_pipe_whose_reader_left_fails_the_check_once(tmp_path: Path) -> None:
    import threading

    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(600):  # audit lines well past what a pipe holds
        (folder / f"{n:03}.txt").write_text(ARTICLE + PROMO, encoding="utf-8")
    fifo = tmp_path / "audit.pipe"
    os.mkfifo(fifo)

    def read_a_little() -> None:
        with fifo.open("rb") as reader:
            reader.read(10)

    reader = threading.Thread(target=read_a_little)
    reader.start()
    result = _run("clean", "--check", str(folder), "--audit", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 2  # never 0 (a closed stdout's quiet end) for a check cut short
    assert result.stderr.count("error:") == 1
    assert f"{fifo}: cannot write (Broken pipe)" in result.stderr

"""The Python API (``cleaner/api.py``): its boundary around one document, and what
``Cleaner.run_html`` reports of the nodes it prunes."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.api import Cleaner
from cleaner.errors import CleanerError, DocumentError, SettingError
from cleaner.html.limits import HtmlLimits
from cleaner.packs.model import Action, Matcher, Pack, Rule
from tests.conftest import BOOM, fail_engine


def test_a_failure_of_the_engine_is_the_documents_error(engine_fails: type[Exception]) -> None:
    c = cleaner.Cleaner()
    with pytest.raises(DocumentError) as raised:
        c.run(f"A line.\n{BOOM}\n")
    assert isinstance(raised.value, CleanerError)
    assert engine_fails.__name__ in str(raised.value)
    assert str(raised.value).endswith("document left unchanged")
    # the next document is cleaned as if nothing happened
    assert c.clean("A line.\nFollow us on Twitter for the latest news.\n") == "A line.\n"


def test_an_unexpected_error_names_its_type_and_where_it_was_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_engine(monkeypatch, ValueError)
    with pytest.raises(DocumentError, match=r"unexpected error ValueError: injected \(at conftest\.py:\d+\)"):
        cleaner.Cleaner().run(BOOM)


def test_html_that_fails_to_extract_is_the_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.html.sandbox
    from tests.html import faulty_worker

    # extraction runs in a child process: one whose extract_page raises RecursionError on cue
    monkeypatch.setattr(cleaner.html.sandbox, "_WORKER", faulty_worker.__name__)
    with pytest.raises(DocumentError, match="RecursionError"):
        cleaner.Cleaner().run_html(faulty_worker.RECURSE)


def test_interrupts_are_not_a_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_engine(monkeypatch, KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        cleaner.Cleaner().run(BOOM)


ARTICLE = "".join(
    f"<p>{sentence} The council met again on Tuesday to agree the budget for the year.</p>"
    for sentence in ("First.", "Second.", "Third.")
)
PAGE = (
    f"<html><body><article><h1>Budget agreed</h1>{ARTICLE}<p>Follow us on Twitter</p></article>"
    '<div class="share">Share this article</div><nav>Home News Sport</nav></body></html>'
)
RULES = (
    Rule("t.share", Action.PRUNE, selectors=(".share",)),
    Rule("t.nav", Action.PRUNE, selectors=("nav", "footer")),
    Rule("t.follow", Action.DROP_LINE, matcher=Matcher("line", ("Follow us on Twitter",))),
)


def test_run_html_names_the_prune_rule_of_every_node_it_removed() -> None:
    result = Cleaner([Pack("t", RULES)], defaults=False).run_html(PAGE)
    assert "Share this" not in result.text and "Home News" not in result.text
    assert [(r.rule_id, r.pruned, r.line, r.text, r.end) for r in result.removals] == [
        ("t.share", True, 0, "Share this article", 18),
        ("t.nav", True, 0, "Home News Sport", 15),
        ("t.follow", False, 5, "Follow us on Twitter", 20),
    ]
    assert result.changed
    assert result.words_lost == pytest.approx(10 / 54)  # 6 words pruned and 4 dropped, of 54


def test_words_a_prune_rule_removed_count_as_lost() -> None:
    steps = "<li>Beat the butter and the sugar until pale.</li>" * 6
    page = PAGE.replace("</article>", f"<div class='card'><h2>Method</h2><ol>{steps}</ol></div></article>")
    card = Rule("t.card", Action.PRUNE, selectors=(".card",))
    result = Cleaner([Pack("t", (card, *RULES))], defaults=False).run_html(page)
    assert "Beat the butter" not in result.text
    assert result.words_lost > 0.5  # --max-loss flags the page: 59 of its 103 words went
    assert result.lost_more_than(0.5)


ROUNDUP = (
    "<html><body><article><h1>The best folding bikes, ridden for a month</h1>"
    "<p>We rode nine folding bikes to work and back for a month, on trains and up hills.</p>"
    '<div class="bike affiliate-item"><h2>Brompton C Line: best overall</h2><p>It folds in ten seconds, '
    "fits under a train seat and rides like a bigger bike on rough roads.</p></div>"
    "<p>Our other picks:</p><ul>"
    '<li><a class="affiliate-link" href="https://shop.test/1">Tern Link A8</a></li>'
    '<li><a class="affiliate-link" href="https://shop.test/2">Dahon Mariner</a></li></ul>'
    "<table><tr><th>Bike</th><th>Weight</th></tr>"
    '<tr class="affiliate-row"><td>Brompton C Line</td><td>11.7 kg</td></tr>'
    '<tr><td class="affiliate-cell">Tern Link A8</td><td>12.1 kg</td></tr></table>'
    "<h2>Your questions</h2>"
    "<div class='disclosure'><button aria-expanded='true'>Can I take one on a bus?</button>"
    "<div class='disclosure-panel'><p>Folded, most bus companies treat it as luggage.</p></div></div>"
    "<h2>How we test</h2><p>Each bike is ridden for two weeks by two of our testers, one of them on a "
    "daily commute that includes a train.</p>"
    '<p class="affiliate-disclosure">We may earn a commission when you buy through our links.</p>'
    "</article></body></html>"
)


def _bundled_prunes(page: str) -> tuple[list[str], str]:
    """What the bundled packs prune from ``page`` (each node's text), and its clean body."""
    result = cleaner.Cleaner().run_html(page)
    return [r.text for r in result.removals if r.pruned], result.text


def test_bundled_notices_rule_keeps_a_roundups_cards_names_table_and_questions() -> None:
    pruned, text = _bundled_prunes(ROUNDUP)
    # the page's own notice is all the rule prunes (trafilatura itself leaves out a list
    # of links and a button's text: those are not the prune rules' doing)
    assert pruned == ["We may earn a commission when you buy through our links."]
    assert "Brompton C Line: best overall\nIt folds in ten seconds" in text
    assert "| Brompton C Line | 11.7 kg |" in text and "| Tern Link A8 | 12.1 kg |" in text
    assert "treat it as luggage" in text


KINSHIP = (
    "<html><body><article><h1>How much DNA do cousins share?</h1>"
    "<p>Genealogy sites sell DNA tests on the promise of finding cousins, but the share of DNA two "
    "relatives have in common halves with every generation between them.</p>"
    '<table class="kinship-relatedness"><tr><th>Relationship</th><th>Average shared</th></tr>'
    "<tr><td>First cousin</td><td>12.5%</td></tr><tr><td>Second cousin</td><td>3.1%</td></tr></table>"
    '<blockquote class="quote unrelated-strangers">Two strangers can share a stretch of DNA by '
    "chance alone.</blockquote>"
    "<p>Beyond third cousins, a test may find no shared DNA at all, even where the family tree "
    "shows a common ancestor.</p>"
    '<div class="jp-relatedposts"><a href="/a">Ten surnames that hide a story</a></div>'
    "</article></body></html>"
)


def test_bundled_related_rule_prunes_related_lists_not_words_that_hold_related() -> None:
    pruned, text = _bundled_prunes(KINSHIP)
    assert pruned == ["Ten surnames that hide a story"]
    assert "| First cousin | 12.5% |" in text and "by chance alone" in text


def test_run_html_without_prune_rules_reports_only_text_removals() -> None:
    result = Cleaner([Pack("t", RULES[2:])], defaults=False).run_html(PAGE)
    assert [r.rule_id for r in result.removals] == ["t.follow"]


GERMAN = "Die Stadt sperrt die Brücke über die Weser für drei Wochen, weil die Pfeiler Risse zeigen."


def test_run_html_says_which_encoding_read_a_page_and_how_many_bytes_it_lost() -> None:
    """A Latin-1 page that declares UTF-8: its three ü are lost, and the result says so;
    ``encoding`` reads it right (QA round P, P1 and P2)."""
    page = f'<html><head><meta charset="utf-8"></head><body><article><p>{GERMAN}</p></article></body></html>'
    data = page.encode("latin-1")
    with Cleaner(defaults=False) as c:
        lost = c.run_html(data)
        right = c.run_html(data, encoding="latin-1")
        text = c.run_html(page)
    assert "Br\ufffdcke" in lost.text and (lost.encoding, lost.invalid_bytes) == ("utf-8", 3)
    assert GERMAN in right.text and (right.encoding, right.invalid_bytes) == ("iso8859-1", 0)
    assert GERMAN in text.text and (text.encoding, text.invalid_bytes) == (None, 0)  # a str: nothing decoded
    with pytest.raises(SettingError, match="encoding: unknown encoding 'no-such-codec'"):
        cleaner.clean_html(data, encoding="no-such-codec")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cleaner.clean(None), "text must be a str, not NoneType"),
        (lambda: cleaner.clean(b"bytes"), "text must be a str, not bytes; decode it first"),
        (lambda: cleaner.clean("x", source=5), "source must be a str (a URL or a domain) or None, not int"),
        (lambda: cleaner.clean_html(None), "html must be a str or bytes, not NoneType"),
        (lambda: cleaner.clean_html("<p>x</p>", url=b"x"), "url must be a str or None, not bytes"),
        (lambda: cleaner.clean_html(b"<p>x</p>", encoding=8), "encoding must be a str (the name of an enc"),
        # a str is already text: an encoding would silently do nothing
        (
            lambda: cleaner.clean_html("<p>x</p>", encoding="latin-1"),
            "encoding applies to an HTML page's bytes",
        ),
        (lambda: Cleaner(rules=5), "rules must be a pack file or folder"),
        (lambda: Cleaner(rules=[None]), "rules must be a pack file or folder"),
        (
            lambda: Cleaner(rules=b"rules/"),
            "rules must be a pack file or folder (str or Path) or a Pack, or several, not bytes",
        ),
        (lambda: Cleaner(defaults="no"), "defaults must be True or False, not str"),
        (lambda: Cleaner(disable=[1]), "disable takes rule ids and pack names (str), not int"),
        (lambda: Cleaner(timeout="2"), "timeout must be a number of seconds, not '2'"),
        (lambda: Cleaner(html_limits=5), "html_limits must be an HtmlLimits or None, not int"),
        (lambda: Cleaner(translations=5), "translations must be a Translations or None, not int"),
        (lambda: HtmlLimits(max_bytes="10"), "HtmlLimits.max_bytes must be a whole number, not '10'"),
        (lambda: HtmlLimits(max_depth=True), "HtmlLimits.max_depth must be a whole number, not True"),
        (lambda: HtmlLimits(timeout="5"), "HtmlLimits.timeout must be a number of seconds, not '5'"),
    ],
)
def test_an_argument_of_the_wrong_type_is_a_type_error_not_a_documents_error(call, message: str) -> None:
    # a loop that skips documents on DocumentError must not skip a caller's mistake
    with pytest.raises(TypeError) as raised:
        call()
    assert str(raised.value).startswith(message)
    assert not isinstance(raised.value, CleanerError)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"timeout": -1}, "timeout: must be from 0.001 to 86400 (a number of seconds), not -1"),
        ({"timeout": 0}, "timeout: must be from 0.001 to 86400 (a number of seconds), not 0"),
        (
            {"document_timeout": 0},
            "document_timeout: must be from 0.001 to 86400 (a number of seconds), not 0",
        ),
        ({"disable": ["zzz"]}, "disable: no rule or pack is called 'zzz'"),
        (
            {"html_limits": {"timeout": -1}},
            "HtmlLimits.timeout: must be from 0.001 to 86400 (a number of seconds), not -1",
        ),
        (
            {"html_limits": {"timeout": float("inf")}},
            "HtmlLimits.timeout: must be from 0.001 to 86400 (a number of seconds), not inf",
        ),
        ({"html_limits": {"max_tags": 0}}, "HtmlLimits.max_tags: must be at least 1 (a whole number), not 0"),
    ],
)
def test_a_setting_out_of_range_is_a_value_error_at_construction(arguments: dict, message: str) -> None:
    with pytest.raises(SettingError) as raised:
        if "html_limits" in arguments:
            Cleaner(html_limits=HtmlLimits(**arguments["html_limits"]))
        else:
            Cleaner(**arguments)
    assert isinstance(raised.value, ValueError)
    assert str(raised.value) == message  # the argument's own name, not a command-line option's


def test_a_pack_file_reached_twice_is_loaded_once(tmp_path) -> None:
    """A bundled pack named again, a folder and a file in it: not a duplicate rule id."""
    from cleaner.packs.loader import default_rules_dir

    (tmp_path / "mine.yaml").write_text("rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n")
    names = [pack.name for pack in Cleaner().packs]
    assert [pack.name for pack in Cleaner(rules=[default_rules_dir()]).packs] == names
    again = Cleaner(rules=[tmp_path, tmp_path / "mine.yaml"], defaults=False)
    assert [pack.name for pack in again.packs] == ["mine"]


def test_one_pack_source_or_one_name_is_taken_whole(tmp_path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "mine.yaml").write_text("rules:\n  - id: mine.vote\n    drop-line: {prefix: The vote}\n")
    text = "The council met.\nThe vote passed.\nFollow us on Twitter for the latest news.\n"
    for rules in (str(folder), folder, [folder]):
        assert Cleaner(rules, disable="social").clean(text) == (
            "The council met.\nFollow us on Twitter for the latest news.\n"
        )


def test_the_readme_skip_loop_for_html_skips_each_page_that_fails_and_only_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page over a limit, out of time, or whose extraction process died is an
    InputError naming it (the command line counts it as an input it could not read,
    exit 2), a page the engine fails on a DocumentError: the README's loop catches
    both and goes on."""
    import cleaner.html.sandbox
    from tests.html import faulty_worker

    monkeypatch.setattr(cleaner.html.sandbox, "_WORKER", faulty_worker.__name__)
    c = Cleaner(html_limits=HtmlLimits(max_depth=50, timeout=0.5))
    pages = [
        ("https://x.test/ok", PAGE),
        ("https://x.test/deep", "<div>" * 60 + "x" + "</div>" * 60),
        ("https://x.test/slow", faulty_worker.HANG),
        ("https://x.test/oom", faulty_worker.DIE),
        ("https://x.test/recurse", faulty_worker.RECURSE),
        ("https://x.test/also-ok", PAGE),
    ]
    cleaned, skipped = [], {}
    for url, page in pages:
        try:
            cleaned.append(c.clean_html(page, url))
        except (cleaner.DocumentError, cleaner.InputError) as exc:  # as the README writes it
            skipped[url] = type(exc).__name__
    assert [text.splitlines()[0] for text in cleaned] == ["Budget agreed"] * 2
    assert skipped == {
        "https://x.test/deep": "InputError",
        "https://x.test/slow": "InputError",
        "https://x.test/oom": "InputError",
        "https://x.test/recurse": "DocumentError",
    }


def test_a_byte_order_mark_does_not_hide_the_first_line_from_the_rules() -> None:
    """A string that starts with U+FEFF (a file read without utf-8-sig) is cleaned as
    the same text without it, and keeps its mark once, in front."""
    body = "Para one of the story.\n"
    assert cleaner.clean("\ufeffFollow us on Facebook\n" + body) == "\ufeff" + body
    assert cleaner.clean("Follow us on Facebook\n" + body) == body


def test_a_table_header_row_of_page_tool_names_stays_above_its_figures() -> None:
    table = "How readers found the story.\n| Print | Email | RSS |\n|---|---|---|\n| 12% | 30% | 3% |\n"
    assert cleaner.clean(table) == table
    assert (
        cleaner.clean("How readers found the story.\n| Print | Email | RSS |\n")
        == "How readers found the story.\n"
    )


def test_a_table_header_row_trafilatura_writes_from_html_stays() -> None:
    """trafilatura writes a table's empty header cells as empty cells ("|  |  | RSS |"):
    such a row is what navigation.service-cell looks for outside a table."""
    page = (
        "<html><body><article><h1>Where readers get their news</h1>"
        f"<p>{'Young adults still find most of their news on social sites, the survey says. ' * 3}</p>"
        "<table><tr><th></th><th></th><th>RSS</th><th>Web</th></tr>"
        "<tr><td>Age 18-24</td><td>41%</td><td>5%</td><td>3%</td></tr></table>"
        f"<p>{'Older people rely mostly on television and printed newspapers, it found. ' * 3}</p>"
        "</article></body></html>"
    )
    assert "|  |  | RSS | Web |" in cleaner.clean_html(page)

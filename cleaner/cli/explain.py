"""Say why each piece of text went: the jusText ``--format=detailed`` idea."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import Removal
from cleaner.io.output import visible
from cleaner.packs.model import CUT_ACTIONS, ProseStop, Rule
from cleaner.report.stats import plural


def format_removals(removals: Iterable[Removal], ruleset: RuleSet, name: str) -> Iterator[str]:
    """One line per removal: ``doc:line:col: rule-id (pack.yaml:line) drop|strip|cut: text``;
    a cut names its guard, so a reader sees why it ended where it did, and a drop its
    ``keep-data-rows`` guard (the line was no row of a table's data, no item of a list). A node pruned
    from an HTML page has no line in the text: ``doc: rule-id (…) prune: text (N characters)``.
    Control characters in the text and the name are shown escaped (``\\x1b``)."""
    name = visible(name, one_line=True)
    for removal in removals:
        rule = ruleset.find(removal.rule_id)
        where = f" ({rule.path}:{rule.line})" if rule is not None and rule.line else ""
        text = visible(removal.text if len(removal.text) <= 120 else removal.text[:117] + "...")
        if removal.pruned:
            yield f"{name}: {removal.rule_id}{where} prune: {text} ({plural(removal.end, 'character')})"
            continue
        what = _what(removal, rule)
        yield f"{name}:{removal.line}:{removal.start + 1}: {removal.rule_id}{where} {what}: {text}"


def _what(removal: Removal, rule: Rule | None) -> str:
    if not removal.whole_line:
        return "strip"
    if rule is not None and rule.keep_data_rows:
        return "drop (keep-data-rows: no table's data, no list's item)"
    if rule is None or rule.action not in CUT_ACTIONS:
        return "drop"
    named = f" (max-run {rule.max_run})" if rule.max_run is not None else ""
    named += " (spare-series)" if rule.spare_series else ""
    named += " (spare-introduced)" if rule.spare_introduced else ""
    named += " (stop-at)" if rule.stop_at is not None else ""
    guard = rule.stop_at_prose
    if guard is None:
        return f"cut{named}"
    shortest = f", min-cut {guard.min_cut}" if guard.min_cut > 1 else ""
    whole = f", or a line of {guard.long_line}+ words" if guard.long_line is not None else ""
    ended = f" or sentences of {guard.sentence_words}+" if guard.sentence_words is not None else ""
    speech = f" or reported speech of {guard.speech_words}+" if guard.speech_words is not None else ""
    told = f" (with narration of {guard.narration_words}+)" if guard.narration_words is not None else ""
    last = f", or {guard.end_lines} with speech at the end" if guard.end_lines is not None else ""
    table = ", or a data table" if guard.tables else ""
    closing = (
        f", or a last sentence of {guard.closing_words}+ unlike the items above"
        if guard.closing_words is not None
        else ""
    )
    titles = " (past subheadings, not under a count)" if guard.subheadings else ""
    listed = (
        f", or a sentence of {guard.list_end}+ after a bulleted list" if guard.list_end is not None else ""
    )
    run = f"{guard.lines} lines of {guard.words}+ words{ended}{speech}{told}, gap {guard.gap}{titles}"
    return f"cut (stop-at-prose: {run}{shortest}{last}{closing}{listed}{whole}{table}{_marker(guard)}){named}"


def _marker(guard: ProseStop) -> str:
    """What the guard asks of a truncate-at's marker (``quoted``, ``section-words``)."""
    quoted = ", not under an introduction" if guard.quoted else ""
    section = f", not over a sentence of {guard.section_words}+" if guard.section_words is not None else ""
    return quoted + section

"""Compile rules into patterns once per pack set, and choose the rules for a source.

Literals are always escaped (DCLM joined its phrases unescaped, so "Read more..."
matched any three characters); regexes are compiled with the ``regex`` package
because it bounds run time with ``timeout=`` and knows Unicode properties.
A pattern is compiled when its pack is loaded, so a bad one fails at once with
its file and line, not on the first document that reaches it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import regex

from cleaner.engine.alternatives import Alternatives
from cleaner.engine.plan import CompiledRule, Plan, Prefilter
from cleaner.engine.words import at_least
from cleaner.errors import RuleError
from cleaner.packs.disables import check_disables, switched_off
from cleaner.packs.hosts import source_host
from cleaner.packs.ids import check_unique_ids
from cleaner.packs.loader import file_excerpt
from cleaner.packs.model import Action, Matcher, Pack, Rule
from cleaner.packs.syntax import as_written

if TYPE_CHECKING:
    from cleaner.scan.translations import Translations

_LITERAL_SHAPES = {
    "line": r"^\s*(?:{})\s*$",
    "prefix": r"^\s*(?:{})",
    "suffix": r"(?:{})\s*$",
    "contains": r"(?:{})",
}
_BARE_DOTS = regex.compile(r"(?<!\\)\.\.\.")


def matcher_source(matcher: Matcher) -> str:
    """The regex source a matcher stands for; literals are escaped."""
    if matcher.kind == "regex":
        return "|".join(f"(?:{value})" for value in matcher.values)
    alternatives = "|".join(regex.escape(value, special_only=True) for value in matcher.values)
    return _LITERAL_SHAPES[matcher.kind].format(alternatives)


def _flags(rule: Rule) -> int:
    return regex.IGNORECASE | regex.FULLCASE if rule.ignore_case else 0


# RecursionError: groups nested thousands deep; the others: sizes regex refuses.
_COMPILE_ERRORS = (regex.error, RecursionError, OverflowError, ValueError)


def _compile(matcher: Matcher, rule: Rule) -> regex.Pattern[str]:
    try:
        return regex.compile(matcher_source(matcher), _flags(rule))
    except _COMPILE_ERRORS as exc:
        raise _pattern_error(matcher, rule, exc) from exc


def _compile_each(matcher: Matcher, rule: Rule) -> regex.Pattern[str] | Alternatives:
    """A matcher whose regex values are searched one by one (:mod:`cleaner.engine.alternatives`);
    one pattern for a literal matcher or a single value. Compiled whole first, so that an
    error points where :func:`_compile`'s would."""
    whole = _compile(matcher, rule)
    if matcher.kind != "regex" or len(matcher.values) < 2:
        return whole
    return Alternatives([regex.compile(value, _flags(rule)) for value in matcher.values])


def _pattern_error(matcher: Matcher, rule: Rule, exc: Exception) -> RuleError:
    """The error for a matcher that does not compile, as Vale and ruff say it: the
    file, line and column of the pattern at fault (found by compiling each value on
    its own: only on this path), the rule, the position in the pattern, the pack's
    line and the pattern with a caret under that position."""
    culprit = 0
    if matcher.kind == "regex":
        for index, value in enumerate(matcher.values):
            try:
                regex.compile(value, _flags(rule))
            except _COMPILE_ERRORS as own:
                culprit, exc = index, own
                break
    value = matcher.values[culprit]
    line, column = matcher.marks[culprit] if culprit < len(matcher.marks) else (rule.line, None)
    if isinstance(exc, RecursionError):
        problem = "nested too deeply"
    elif isinstance(exc, regex.error) and exc.pos is not None and exc.msg:
        problem = f"{exc.msg} at position {exc.pos} of the pattern"
    else:
        problem = str(exc)
    shown = [file_excerpt(rule.path, line)]
    if isinstance(exc, regex.error) and exc.pos is not None:
        shown.append(_caret(value, exc.pos))
    return RuleError(
        f"invalid {matcher.kind} {_short(value)}: {problem}",
        path=rule.path,
        line=line,
        column=column,
        rule_id=rule.id,
        excerpt="\n".join(part for part in shown if part) or None,
    )


def _caret(pattern: str, pos: int) -> str:
    """The line of ``pattern`` that holds offset ``pos``, with a caret under it."""
    start = pattern.rfind("\n", 0, pos) + 1
    end = pattern.find("\n", pos)
    text = pattern[start : len(pattern) if end < 0 else end]
    label = "  pattern | "
    return f"{label}{text}\n{' ' * (len(label) + pos - start)}^"


def _short(value: str, limit: int = 60) -> str:
    return as_written(value if len(value) <= limit else value[: limit - 1] + "…")


def compile_rule(rule: Rule) -> CompiledRule:
    """Compile one rule's matchers; prune rules have no text pattern."""
    if rule.action is Action.PRUNE or rule.matcher is None:
        return CompiledRule(rule, None)
    end = _compile(rule.end, rule) if rule.end is not None else None
    short = 2 * rule.max_words if rule.max_words is not None else 0
    stop = _compile_each(rule.stop_at, rule) if rule.stop_at is not None else None
    unless = _compile(rule.unless, rule) if rule.unless is not None else None
    labels = _compile(rule.introduction_labels, rule) if rule.introduction_labels is not None else None
    menus = _compile(rule.data_rows_menus, rule) if rule.data_rows_menus is not None else None
    pattern = _compile(rule.matcher, rule)
    too_long = at_least(rule.max_words + 1) if rule.max_words is not None else None
    return CompiledRule(rule, pattern, end, too_long, short, stop, unless, labels, menus)


def compile_errors(rules: Iterable[Rule]) -> dict[Rule, RuleError]:
    """The rules that do not compile, each with its error: ``rules check`` reports them
    all, and runs the examples of the others."""
    errors = {}
    for rule in rules:
        try:
            compile_rule(rule)
        except RuleError as exc:
            errors[rule] = exc
    return errors


def lint_rule(rule: Rule) -> list[str]:
    """Warnings about patterns that are legal but likely wrong or slow."""
    from cleaner.packs.backtracking import catastrophic  # lazy: only `rules check` lints (~3 ms to import)

    warnings = []
    for matcher in (
        rule.matcher,
        rule.end,
        rule.stop_at,
        rule.unless,
        rule.introduction_labels,
        rule.data_rows_menus,
    ):
        if matcher is None or matcher.kind != "regex":
            continue
        for value in matcher.values:
            risk = catastrophic(value, _flags(rule))
            if risk is not None:
                warnings.append(f"regex {as_written(value)}: {risk}: prone to catastrophic backtracking")
            if _BARE_DOTS.search(value):
                warnings.append(
                    f"regex {as_written(value)} has '...' unescaped: it matches any three characters"
                )
    return warnings


def pack_applies(pack: Pack, host: str | None) -> bool:
    """Generic packs always apply; a site pack when the host is, or is under, a source.
    A source is read as a document's host is (``www.`` dropped): ``sources: [www.x.org]``
    applies to ``www.x.org``, whose host here is ``x.org``."""
    if pack.generic:
        return True
    if host is None:
        return False
    sources = (source.removeprefix("www.") for source in pack.sources)
    return any(host == s or host.endswith("." + s) for s in sources)


class RuleSet:
    """Compiled packs, and the rules that apply to each source.

    Compiled once per pack set; the per-host selection is cached on the instance
    (never in a module global), so many documents from one site cost one lookup.

    Pickled as what it was made from, its packs and translations: its caches are
    keyed by object ids, which mean nothing in another process, and the RE2 scanner
    cannot be pickled at all. The copy compiles its patterns again (as unpickling a
    compiled pattern would) and builds its scanner when it needs one. That also
    makes a rule set pickle to the same bytes however much text it has cleaned, so
    a hash of it (the fingerprint ``datasets.map`` keys its cache with) is stable.
    """

    def __init__(self, packs: Sequence[Pack], translations: Translations | None = None) -> None:
        check_unique_ids(packs)
        check_disables(packs)
        self.packs: tuple[Pack, ...] = tuple(packs)
        self._compiled = {id(p): tuple(compile_rule(r) for r in p.rules) for p in self.packs}
        self.prefilter = Prefilter(self.all_rules(), translations)
        self._by_source: dict[str | None, Plan] = {}
        self._by_selection: dict[tuple[int, ...], Plan] = {}

    def __reduce__(self) -> tuple[type[RuleSet], tuple[tuple[Pack, ...], Translations | None]]:
        return RuleSet, (self.packs, self.prefilter.translations)

    def rules_for(self, source: str | None = None) -> tuple[CompiledRule, ...]:
        """The compiled rules of every pack that applies to ``source``."""
        return self.plan_for(source).rules

    def plan_for(self, source: str | None = None) -> Plan:
        """The rules for ``source`` arranged for the engine, with their scanner.

        Cached per source string (the hot path: one dict lookup) and shared between
        sources that select the same packs, so ten thousand sites without a site
        pack build one scanner, not ten thousand.
        """
        plan = self._by_source.get(source)
        if plan is None:
            host = source_host(source)
            selection = tuple(i for i, pack in enumerate(self.packs) if pack_applies(pack, host))
            plan = self._by_selection.get(selection)
            if plan is None:
                rules = self._selected(selection)
                plan = self._by_selection[selection] = Plan(rules, self.prefilter)
            if len(self._by_source) < 10_000:  # bounded: one entry per source seen
                self._by_source[source] = plan
        return plan

    def _selected(self, selection: tuple[int, ...]) -> tuple[CompiledRule, ...]:
        """The rules of the selected packs, less those their site packs switch off."""
        off = switched_off(self.packs[i] for i in selection)
        return tuple(
            rule
            for i in selection
            if self.packs[i].name not in off
            for rule in self._compiled[id(self.packs[i])]
            if rule.id not in off and off.isdisjoint(rule.rule.aliases)
        )

    def all_rules(self) -> tuple[CompiledRule, ...]:
        """Every compiled rule, site-scoped ones included."""
        return tuple(rule for pack in self.packs for rule in self._compiled[id(pack)])

    def selectors_for(self, source: str | None = None) -> tuple[str, ...]:
        """CSS selectors of the prune rules that apply to ``source``."""
        return tuple(prune[1] for prune in self.prunes_for(source))

    def prunes_for(self, source: str | None = None) -> tuple[tuple[str, str, int | None, bool, bool], ...]:
        """(rule id, CSS selector, the rule's ``max-words``, its ``keep-sections``, its
        ``keep-introduced``) of the prune rules that apply to ``source``, in order."""
        return tuple(
            (rule.id, selector, rule.rule.max_words, rule.rule.keep_sections, rule.rule.keep_introduced)
            for rule in self.rules_for(source)
            if rule.action is Action.PRUNE
            for selector in rule.rule.selectors
        )

    def find(self, rule_id: str) -> Rule | None:
        """The rule with this id or alias."""
        for pack in self.packs:
            for rule in pack.rules:
                if rule.id == rule_id or rule_id in rule.aliases:
                    return rule
        return None

"""``cleaner rules check``: load and compile every pack, run every rule's examples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner.api import html_support
from cleaner.cli.config import disable_error
from cleaner.cli.exit_codes import CHANGED, ERROR, OK
from cleaner.engine.compiler import compile_errors, lint_rule
from cleaner.engine.examples import acts_on_every_line, example_failures, missing_examples
from cleaner.errors import CleanerError, RuleError
from cleaner.io.config import Config
from cleaner.io.output import Output
from cleaner.packs.disables import disable_errors
from cleaner.packs.ids import duplicate_ids, unprefixed_ids
from cleaner.packs.loader import default_rules_dir, iter_rules, load_each
from cleaner.packs.model import Pack, Rule
from cleaner.report.stats import plural


def rules_check(
    paths: Sequence[Path], *, defaults: bool, timeout: float, output: Output, config: Config | None = None
) -> int:
    """Validate and compile every pack, then run the examples of every rule that compiles.

    Every broken pack is reported, as a linter reports every file: a pack that does not
    load, a pattern that does not compile, an id given twice, a ``disable`` name that no
    rule has, and one in the ``config``'s ``disable`` (which ``clean`` would stop at).
    The examples of the rules that compiled run all the same, so that one run shows
    every problem. Exit 2 if a pack or the config is broken; else 1 if an example fails
    or a prune selector is not valid CSS; missing examples and risky patterns are warnings.
    """
    packs, errors = load_each([default_rules_dir(), *paths] if defaults else paths)
    every_pack_loaded = not errors  # else a disable may name a rule of a pack that did not load
    uncompiled = compile_errors(iter_rules(packs))
    errors += [*uncompiled.values(), *duplicate_ids(packs)]
    if every_pack_loaded:
        errors += disable_errors(packs)
    for error in sorted(errors, key=_place):  # file by file, line by line, as a linter
        output.error(str(error))
    config_error = disable_error(config, packs) if config is not None and every_pack_loaded else None
    if config_error is not None:
        output.error(str(config_error))
    rules = [rule for rule in iter_rules(packs) if rule not in uncompiled]
    for warning in unprefixed_ids(packs):
        output.warning(warning)
    failed = _run_examples(packs, rules, timeout, output)
    if rules or not errors:  # "0 rules: all examples hold" says nothing beside broken packs
        verdict = f"{plural(failed, 'failing example')}" if failed else "all examples hold"
        output.message(f"{plural(len(packs), 'pack')}, {plural(len(rules), 'rule')}: {verdict}.")
    if errors:
        broken = {error.path for error in errors}
        total = len(broken | {pack.path for pack in packs})
        output.message(f"{len(broken)} of {plural(total, 'pack')} broken.")
    if errors or config_error is not None:
        return ERROR
    return CHANGED if failed else OK


def _place(error: RuleError) -> tuple[str, int, int]:
    return error.path or "", error.line or 0, error.column or 0


def _run_examples(packs: Sequence[Pack], rules: Sequence[Rule], timeout: float, output: Output) -> int:
    """Run the examples of ``rules``, print what fails and what is risky; the number of failures."""
    failed = 0
    selector_error = _selector_check(packs, output)
    for rule in rules:
        where = f"{rule.location()}: rule '{rule.id}'"
        for problem in [*example_failures(rule, timeout=timeout), *_selector_errors(rule, selector_error)]:
            output.error(f"{where}: {problem}")
            failed += 1
        warnings = [*missing_examples(rule), *lint_rule(rule)]
        for warning in warnings + acts_on_every_line(rule, timeout=timeout):
            output.warning(f"{where}: {warning}")
        for note in rule.notes:  # located by the loader, with the line shown
            output.warning(note)
    return failed


def _selector_check(packs: Sequence[Pack], output: Output) -> Callable[[str], str | None] | None:
    """What checks a prune selector; None, said once, when the HTML extra is missing."""
    if not any(rule.selectors for rule in iter_rules(packs)):
        return None
    try:
        return html_support().selector_error  # lazy: only prune rules need the HTML stack
    except CleanerError as exc:
        output.warning(f"prune selectors not checked: {exc}")
        return None


def _selector_errors(rule: Rule, selector_error: Callable[[str], str | None] | None) -> list[str]:
    if not rule.selectors or selector_error is None:
        return []
    return [
        f"prune selector {selector!r} is not valid CSS ({error})"
        for selector in rule.selectors
        if (error := selector_error(selector)) is not None
    ]

"""``cleaner rules check``: load and compile every pack, run every rule's examples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cleaner.api import Cleaner, html_support
from cleaner.cli.exit_codes import CHANGED, ERROR, OK
from cleaner.engine.compiler import compile_rule, lint_rule
from cleaner.engine.examples import acts_on_every_line, example_failures, missing_examples
from cleaner.errors import CleanerError, RuleError
from cleaner.io.output import Output
from cleaner.packs.loader import default_rules_dir, load_each
from cleaner.packs.model import Pack, Rule
from cleaner.report.stats import plural


def rules_check(paths: Sequence[Path], *, defaults: bool, timeout: float, output: Output) -> int:
    """Validate and compile every pack, then run the examples.

    Every pack that does not load or compile is reported, as a linter reports every
    file (exit 2); then nothing runs. Otherwise exit 1 if any example fails or a
    prune selector is not valid CSS; missing examples and risky patterns are warnings.
    """
    packs, errors = load_each([default_rules_dir(), *paths] if defaults else paths)
    errors += [error for pack in packs for error in _compile_errors(pack)]
    if errors:
        for error in sorted(errors, key=lambda error: error.path or ""):  # file by file, as a linter
            output.error(str(error))
        broken = len({error.path for error in errors})
        total = broken + len({pack.path for pack in packs} - {error.path for error in errors})
        output.message(f"{broken} of {plural(total, 'pack')} broken.")
        return ERROR
    return _run_examples(Cleaner(packs, defaults=False, timeout=timeout), output)


def _compile_errors(pack: Pack) -> list[RuleError]:
    errors = []
    for rule in pack.rules:
        try:
            compile_rule(rule)
        except RuleError as exc:
            errors.append(exc)
    return errors


def _run_examples(cleaner: Cleaner, output: Output) -> int:
    failed = rules = 0
    selector_error = _selector_check(cleaner, output)
    for pack in cleaner.packs:
        for rule in pack.rules:
            rules += 1
            where = f"{rule.location()}: rule '{rule.id}'"
            for problem in [
                *example_failures(rule, timeout=cleaner.timeout),
                *_selector_errors(rule, selector_error),
            ]:
                output.error(f"{where}: {problem}")
                failed += 1
            warnings = [*missing_examples(rule), *lint_rule(rule)]
            for warning in warnings + acts_on_every_line(rule, timeout=cleaner.timeout):
                output.warning(f"{where}: {warning}")
    verdict = f"{plural(failed, 'failing example')}" if failed else "all examples hold"
    output.message(f"{plural(len(cleaner.packs), 'pack')}, {plural(rules, 'rule')}: {verdict}.")
    return CHANGED if failed else OK


def _selector_check(cleaner: Cleaner, output: Output) -> Callable[[str], str | None] | None:
    """What checks a prune selector; None, said once, when the HTML extra is missing."""
    if not any(rule.selectors for pack in cleaner.packs for rule in pack.rules):
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

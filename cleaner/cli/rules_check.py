"""``cleaner rules check``: load and compile every pack, run every rule's examples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cleaner.api import Cleaner
from cleaner.cli.exit_codes import CHANGED, ERROR, OK
from cleaner.engine.compiler import compile_rule, lint_rule
from cleaner.engine.examples import example_failures, missing_examples
from cleaner.errors import RuleError
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
    for pack in cleaner.packs:
        for rule in pack.rules:
            rules += 1
            where = f"{rule.path}:{rule.line}: rule '{rule.id}'"
            for problem in [*example_failures(rule, timeout=cleaner.timeout), *_selector_errors(rule)]:
                output.error(f"{where}: {problem}")
                failed += 1
            for warning in missing_examples(rule) + lint_rule(rule):
                output.warning(f"{where}: {warning}")
    verdict = f"{plural(failed, 'failing example')}" if failed else "all examples hold"
    output.message(f"{plural(len(cleaner.packs), 'pack')}, {plural(rules, 'rule')}: {verdict}.")
    return CHANGED if failed else OK


def _selector_errors(rule: Rule) -> list[str]:
    if not rule.selectors:
        return []
    from cleaner.html.extract import selector_error  # lazy: the HTML stack is only needed for prune rules

    return [
        f"prune selector {selector!r} is not valid CSS ({error})"
        for selector in rule.selectors
        if (error := selector_error(selector)) is not None
    ]

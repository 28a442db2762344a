"""The Python API: ``clean``, ``clean_html`` and the ``Cleaner`` that both use.

The CLI and the pre-commit hook are thin shells over this module.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import DEFAULT_TIMEOUT, PRUNED_LINE, CleanResult, Removal, run_plan
from cleaner.errors import CleanerError
from cleaner.packs.loader import default_rules_dir, load_packs
from cleaner.packs.model import Pack

if TYPE_CHECKING:
    from cleaner.scan.translations import Translations

PackSource = str | Path | Pack


class Cleaner:
    """Rule packs compiled once, applied to any number of documents.

    ``rules`` adds packs (files, folders or :class:`Pack` values) to the bundled
    defaults; ``defaults=False`` leaves the defaults out; ``disable`` leaves out
    rules by id, or whole packs by name (a generic rule that misfires on one's own
    corpus goes without copying the packs). ``timeout`` bounds one
    pattern call on one line, ``document_timeout`` a whole document (see
    :mod:`cleaner.engine.run`). ``translations`` keeps what building the RE2 scanner
    made of each pattern for the next process (``UserTranslations()``: in the
    user's cache folder, as the command line does); by default nothing is kept.
    """

    def __init__(
        self,
        rules: Iterable[PackSource] = (),
        *,
        defaults: bool = True,
        disable: Iterable[str] = (),
        timeout: float = DEFAULT_TIMEOUT,
        document_timeout: float | None = None,
        translations: Translations | None = None,
    ) -> None:
        self.ruleset = RuleSet(without(gather_packs(rules, defaults=defaults), disable), translations)
        self.timeout = timeout
        self.document_timeout = document_timeout  # None: derived from timeout and size

    @property
    def packs(self) -> Sequence[Pack]:
        return self.ruleset.packs

    def prepare(self) -> None:
        """Build now what cleaning builds on the way (the RE2 scanner, otherwise made after
        the first 64K characters of text): worker processes forked after this inherit it."""
        _ = self.ruleset.prefilter.scanner

    def run(self, text: str, source: str | None = None) -> CleanResult:
        """Clean plain text; ``source`` (a URL or a domain) also selects site packs."""
        plan = self.ruleset.plan_for(source)
        return run_plan(text, plan, timeout=self.timeout, document_timeout=self.document_timeout)

    def clean(self, text: str, source: str | None = None) -> str:
        """The cleaned text only."""
        return self.run(text, source).text

    def run_html(self, html: str | bytes, url: str | None = None) -> CleanResult:
        """Reduce an HTML page to its body (pruned by the packs' selectors), then clean it.

        Each node a prune rule removed comes first among the removals, with line 0
        (see :attr:`Removal.pruned`), so explanations, statistics and audits name it."""
        from cleaner.html.extract import extract_page  # lazy: text mode never imports lxml

        prunes = self.ruleset.prunes_for(url)
        page = extract_page(html, url=url, selectors=[selector for _, selector in prunes])
        result = self.run(page.body, url)
        if not page.pruned:
            return result
        pruned = tuple(Removal(prunes[p.index][0], PRUNED_LINE, 0, p.chars, p.text) for p in page.pruned)
        return replace(result, removals=pruned + result.removals)

    def clean_html(self, html: str | bytes, url: str | None = None) -> str:
        """The cleaned body of an HTML page."""
        return self.run_html(html, url).text


def gather_packs(rules: Iterable[PackSource] = (), *, defaults: bool = True) -> list[Pack]:
    """The bundled packs (unless ``defaults`` is False), then ``rules``: Pack values
    as given, files and folders loaded."""
    packs: list[Pack] = load_packs([default_rules_dir()]) if defaults else []
    paths = []
    for item in rules:
        if isinstance(item, Pack):
            packs.append(item)
        else:
            paths.append(item)
    return packs + load_packs(paths)


def without(packs: Sequence[Pack], names: Iterable[str]) -> list[Pack]:
    """``packs`` without the rules whose id, or whose pack's name, is in ``names``;
    a name that is neither is an error (a typo would otherwise disable nothing)."""
    names = set(names)
    if not names:
        return list(packs)
    known = {pack.name for pack in packs} | {rule.id for pack in packs for rule in pack.rules}
    unknown = sorted(names - known)
    if unknown:
        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise CleanerError(f"--disable: no rule or pack is called '{unknown[0]}'{hint}")
    return [
        replace(pack, rules=tuple(rule for rule in pack.rules if rule.id not in names))
        for pack in packs
        if pack.name not in names
    ]


@lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    """The cleaner with the bundled packs, built once per process (immutable use only)."""
    return Cleaner()


def clean(text: str, source: str | None = None) -> str:
    """Remove boilerplate from extracted article text with the bundled packs."""
    return default_cleaner().clean(text, source)


def clean_html(html: str | bytes, url: str | None = None) -> str:
    """Extract the body of an HTML page and remove its boilerplate."""
    return default_cleaner().clean_html(html, url)

"""``cleaner rules list``: every pack and rule, with scope and description."""

from __future__ import annotations

from cleaner.api import Cleaner
from cleaner.cli.exit_codes import OK
from cleaner.io.output import Output
from cleaner.packs.model import Action, Rule
from cleaner.scan.scanner import RE2_ROUTE


def rules_list(cleaner: Cleaner, output: Output) -> int:
    """Each rule also says how it is searched: ``re2`` (the scanner finds its
    candidate lines) or ``regex`` (tried on every line, and why). The scanner's own
    routes say it, so the translations kept from earlier runs are used (and what is
    new is kept): translating every pattern again took ~1.4 s of CPU."""
    prefilter = cleaner.ruleset.prefilter
    routes = prefilter.scanner.routes  # pattern ids 2j (a rule's pattern) and 2j + 1 (its end)
    compiled = {rule.id: prefilter.index[id(rule)] for rule in cleaner.ruleset.all_rules()}
    width = max((len(action.value) for action in Action), default=0)  # columns line up for every action
    for pack in cleaner.packs:
        scope = ", ".join(pack.sources) if pack.sources else "generic"
        output.line(f"{pack.name} [{scope}] {pack.path}")
        if pack.description:
            output.line(f"  {pack.description}")
        if pack.disable:
            output.line(f"  switches off for its sources: {', '.join(pack.disable)}")
        for rule in pack.rules:
            j = compiled[rule.id]
            slow = next((r for r in routes[2 * j : 2 * j + 2] if r != RE2_ROUTE), None)
            how = "regex" if slow else "re2"
            output.line(f"  {rule.id:<36} {rule.action.value:<{width}} {how:<6}{rule.description}")
            if slow:
                output.line(f"      searched by {slow}")
            if rule.aliases:  # old ids, which ``disable`` still takes
                output.line(f"      aliases: {', '.join(rule.aliases)}")
            if rule.action is Action.PRUNE and (guard := _prune_guard(rule)):
                output.line(f"      {guard}")
    if any(rule.action is not Action.PRUNE for pack in cleaner.packs for rule in pack.rules):
        output.line(_ENGINE_GUARDS)
    return OK


# What the engine keeps whatever a text rule says (cleaner.engine.tables, fences, quotes):
# no rule shows it, so the listing says it once, under them all.
_ENGINE_GUARDS = (
    "no text rule takes a table's header row or the separator under it, a line of a fenced"
    " code block (a cut ends where one opens), or a line that a drop-line or strip rule"
    " matches only in what it quotes (README: What no rule removes)"
)


def _prune_guard(rule: Rule) -> str:
    """What a prune rule leaves whatever its selectors match (``max-words``, ``keep-sections``,
    ``keep-introduced``)."""
    spared = []
    if rule.max_words is not None:
        spared.append(f"over {rule.max_words} words")
    if rule.keep_sections:
        spared.append("holding a heading or a toggle with prose after it")
    if rule.keep_introduced:
        spared.append("introduced by prose ending with a colon, with prose after it")
    if not spared:
        return ""
    cards = ", and a series of nodes alike over half of their article" if rule.keep_sections else ""
    return f"spares a node {' or '.join(spared)}, and what it holds{cards}"

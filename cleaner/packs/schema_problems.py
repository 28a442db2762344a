"""Every problem the pack schema finds, not only the first, for ``rules check``.

fastjsonschema stops at the first error, so a pack with five mistakes took five runs
to fix. Here the pack's own keys and each rule are validated apart; after each error,
what it was about is left out of a copy (an unknown key, else the nearest key on the
error's path) and the copy is validated again, until it passes. A key missing is
reported when the author left it out, not when it was taken out here, or misspelt
(``idd`` is reported, not also a missing ``id``): the rest would be guesswork.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema

from cleaner.errors import RuleError
from cleaner.packs.located import Located, LocatedList
from cleaner.packs.schema_errors import schema_error, walk_to


@dataclass
class SchemaProblems:
    """What the schema refused in a pack: every error, the rules (by place) and whether
    the pack's own keys have one; ``readable`` is False when the pack is no mapping
    with a list of rules, and nothing more can be read of it."""

    errors: list[RuleError] = field(default_factory=list)
    rules: set[int] = field(default_factory=set)
    own_keys: bool = False
    readable: bool = True


def every_schema_error(
    validate: Callable[[Any], Any], data: Any, path: str, lines: Sequence[str]
) -> SchemaProblems:
    """Every problem the schema finds in ``data``, so that ``rules check`` shows a pack's
    every mistake in one run. fastjsonschema stops at the first: the pack's own keys
    and each rule are validated apart, and after each problem what it was about is
    left out of a copy (a key, or the key that holds the list or mapping at fault) and
    the copy is validated again. What a missing key would make of the rest is not
    guessed at."""
    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        if not (isinstance(data, Located) and isinstance(data.get("rules"), LocatedList)):
            return SchemaProblems([schema_error(exc, data, path, lines)], readable=False)
    else:
        return SchemaProblems()
    rules = data["rules"]
    own = _with_rules(data, LocatedList())
    problems = SchemaProblems(_each_error(validate, own, own, path, lines))
    problems.own_keys = bool(problems.errors)
    for index, rule in enumerate(rules):
        if not _valid_alone(validate, data, rule, index):
            problems.rules.add(index)
            problems.errors += _rule_errors(validate, data, index, path, lines)
    return problems


def _alone(data: Located, rule: Any, index: int) -> Located:
    """The pack with ``rule``, at ``index``, for its only rule."""
    rules = LocatedList([rule])
    rules.marks = [data["rules"].marks[index]]
    return _with_rules(data, rules, only=True)


def _valid_alone(validate: Callable[[Any], Any], data: Located, rule: Any, index: int) -> bool:
    try:
        validate(_alone(data, rule, index))
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def _rule_errors(
    validate: Callable[[Any], Any], data: Located, index: int, path: str, lines: Sequence[str]
) -> list[RuleError]:
    """The errors of rule ``index``: validated alone (validating every rule before it,
    every time, took minutes for a pack of thousands), named and located in a list of
    the pack's rules that holds the same copy at its place."""
    mine = copy.deepcopy(data["rules"][index])
    named = LocatedList(data["rules"])
    named[index] = mine
    named.marks = data["rules"].marks
    return _each_error(
        validate, _alone(data, mine, index), _with_rules(data, named, only=True), path, lines, index
    )


def _with_rules(data: Located, rules: LocatedList, *, only: bool = False) -> Located:
    """A copy of the pack with ``rules`` (and without its other keys, if ``only``)."""
    keys = ["rules"] if only else list(data)
    pack = Located({key: copy.deepcopy(data[key]) if key != "rules" else rules for key in keys})
    pack.marks = {key: data.marks[key] for key in keys}
    pack.value_marks = {key: data.value_marks[key] for key in keys}
    pack.plain_ends = {}
    return pack


def _each_error(
    validate: Callable[[Any], Any],
    checked: Located,
    named: Located,
    path: str,
    lines: Sequence[str],
    index: int | None = None,
) -> list[RuleError]:
    """Validate ``checked`` again and again, each error reported as found in ``named``
    (where a rule validated alone is item ``index``), and left out of both."""
    errors: list[RuleError] = []
    touched: set[int] = set()  # the mappings something was taken out of
    for _ in range(_MOST):
        try:
            validate(checked)
            break
        except fastjsonschema.JsonSchemaValueException as exc:
            keys = [str(k) for k in exc.path[1:]]
            if index is not None and len(keys) > 1:
                keys[1] = str(index)
            at = walk_to(named, keys)
            # a key missing that was taken out, or misspelt ('idd' for 'id'): not one more
            # mistake; the mapping goes as a whole, to read on
            consequence = exc.rule == "required" and id(at.node) in touched
            if not consequence:
                errors.append(schema_error(exc, named, path, lines, keys))
            if not _leave_out(exc, named, keys, touched, whole=consequence, one_rule=index is not None):
                break
    return errors


_MOST = 100  # problems reported in one part of a pack: a file of garbage is not listed whole


def _leave_out(
    exc: fastjsonschema.JsonSchemaValueException,
    data: Located,
    keys: Sequence[str],
    touched: set[int],
    *,
    whole: bool = False,
    one_rule: bool = False,
) -> bool:
    """Take out of ``data`` what ``exc`` (at ``keys``) is about: an unknown key, else the
    nearest key on its path (``whole``: even for a key missing); False when nothing can
    go (a key missing; for ``one_rule``, a key of the top: the list that holds it)."""
    node, owner = data, None
    for key in keys:
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            owner, node = (node, key), node[key]
        else:
            return False
    known = (exc.definition or {}).get("properties", {})
    unknown = [key for key in node if key not in known] if isinstance(node, dict) else []
    if exc.rule in ("additionalProperties", "required") and unknown and not whole:
        owner = (node, unknown[0])
    elif (exc.rule == "required" and not whole) or owner is None or (owner[0] is data and one_rule):
        return False
    mapping, key = owner
    del mapping[key]
    touched.add(id(mapping))
    return True

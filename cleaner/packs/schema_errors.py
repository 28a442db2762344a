"""A schema error in a pack said in the words of YAML, where it is.

fastjsonschema speaks JSON Schema ("must be array", "must be object", "must contain
['end'] properties", "must be bigger than or equal to 1"); a pack author writes YAML
lists, mappings and keys. Every message is worded here, by the kind of check that
failed, not key by key, and located at the key (at the value, for a value of the
wrong kind). The commonest slip, a matcher not indented under its action, leaves the
action empty: the message says what goes under it and where it went instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import fastjsonschema
import yaml

from cleaner.errors import RuleError, did_you_mean
from cleaner.packs.located import Located, LocatedList
from cleaner.packs.model import MATCHER_KINDS
from cleaner.packs.syntax import as_written, excerpt

Mark = tuple[int, int]

_KINDS = {
    "array": "a list",
    "object": "a mapping (keys indented under it)",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def schema_error(
    exc: fastjsonschema.JsonSchemaValueException,
    data: Any,
    path: str,
    lines: Sequence[str],
    keys: Sequence[str] | None = None,
) -> RuleError:
    """The located :class:`RuleError` for what the pack schema refused in ``data`` (at
    ``keys``, by default the error's own path)."""
    keys = [str(k) for k in exc.path[1:]] if keys is None else keys
    at = walk_to(data, keys)
    message, mark = _message(exc, at, _name(data, keys))
    line, column = mark if mark else (None, None)
    return RuleError(
        message,
        path=path,
        line=line,
        column=column,
        rule_id=at.rule_id,
        excerpt=excerpt(lines, line, column=column),
    )


class At:
    """The value a schema error is about, the mapping that holds it and its key, its
    place (of its key) and the rule it is in."""

    def __init__(self) -> None:
        self.node: Any = None
        self.parent: Any = None
        self.key: str | None = None
        self.mark: Mark | None = None
        self.rule_id: str | None = None

    @property
    def value_mark(self) -> Mark | None:
        marks = getattr(self.parent, "value_marks", None)
        return marks.get(self.key, self.mark) if isinstance(marks, dict) else self.mark


def walk_to(data: Any, keys: Sequence[str]) -> At:
    """Follow a schema error path through the located YAML values."""
    at = At()
    at.node = data
    for key in keys:
        node = at.node
        if isinstance(node, LocatedList) and key.isdigit() and int(key) < len(node):
            at.parent, at.key, at.mark, at.node = None, None, node.marks[int(key)], node[int(key)]
        elif isinstance(node, Located) and key in node:
            at.parent, at.key, at.mark, at.node = node, key, node.marks[key], node[key]
        else:
            break
        if isinstance(at.node, Mapping) and isinstance(at.node.get("id"), str) and "rules" in keys:
            at.rule_id = at.rule_id or at.node["id"]
    return at


def _name(data: Any, keys: Sequence[str]) -> str:
    """How a message calls the value at ``keys``: by its key (``'max-words'``), a list's
    item by its place (``item 2 of 'sources'``: an index is no key), the top as "the pack"."""
    node, name = data, "the pack"
    for key in keys:
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node, name = node[int(key)], f"item {int(key) + 1} of {name}"
        elif isinstance(node, Mapping) and key in node:
            node, name = node[key], f"'{key}'"
        else:
            break
    return name


def _message(exc: fastjsonschema.JsonSchemaValueException, at: At, name: str) -> tuple[str, Mark | None]:
    rule, wanted, node = exc.rule, exc.rule_definition, at.node
    known = list((exc.definition or {}).get("properties", {}))
    if rule in ("additionalProperties", "required") and isinstance(node, dict):
        # a key missing (`rules`) is most often a key misspelt (`rulez`): say which
        unknown = [key for key in node if key not in known]
        if unknown:
            problem = f"unknown key '{unknown[0]}'{did_you_mean(unknown[0], known)}"
            return problem, node.marks.get(unknown[0], at.mark)
        missing = [key for key in wanted if key not in node]
        return f"{name} needs {_listed(missing, 'and')}", at.mark
    if rule == "type" and node is None and wanted == "object":
        return _empty(name, at, known), at.mark
    if rule == "type" and isinstance(wanted, list):  # a choice of kinds ('spare-introduced')
        kinds = " or ".join(_KINDS.get(kind, kind) for kind in wanted)
        return f"{name} must be {kinds}, not {_kind(node)}", at.value_mark
    if rule == "type":
        return (
            f"{name} must be {_KINDS.get(wanted, wanted)}, not {_kind(node)}{_hint(wanted, node, at)}",
            at.value_mark,
        )
    if rule == "anyOf":
        return _texts_problem(node, at, name)
    if rule == "minLength" and wanted == 1:
        return f"{name} must not be empty", at.mark
    if rule == "minItems":
        # 'sources' is the one list that must not be empty: empty, the pack would be generic
        generic = "; leave it out for a generic pack" if name == "'sources'" else ""
        return f"{name} must list at least {wanted} item{'s' if wanted != 1 else ''}{generic}", at.value_mark
    if rule in ("minimum", "maximum"):
        bound = "at least" if rule == "minimum" else "at most"
        return f"{name} must be {bound} {wanted}, not {node}", at.value_mark
    if rule == "enum":
        return f"{name} must be {_listed(wanted, 'or')}, not {_kind(node)}", at.value_mark
    if rule == "pattern":
        return (
            f"{name} must be kebab-case (lower-case letters, digits, '.', '_' and '-'), not {_kind(node)}",
            at.value_mark,
        )
    return exc.message.replace(exc.name, name, 1), at.mark


def _texts_problem(node: Any, at: At, name: str) -> tuple[str, Mark | None]:
    """What is wrong with a matcher, text or a list of texts: in a list, that it has no
    item, or the first item that is not text or is empty (``regex: [123, "^ok$"]``: item
    1 is a number), at that item."""
    items = node if isinstance(node, list) else []
    if isinstance(node, list) and not node:
        return f"{name} must list at least 1 item", at.value_mark
    place = next((i for i, item in enumerate(items) if not (isinstance(item, str) and item)), None)
    if place is None:
        return f"{name} must be text (not empty) or a list of texts, not {_kind(node)}", at.value_mark
    item = items[place]
    mark = items.marks[place] if isinstance(items, LocatedList) else at.value_mark
    if isinstance(item, str):
        return f"item {place + 1} of {name} must not be empty", mark
    return f"item {place + 1} of {name} must be text, not {_kind(item)}{_hint('string', item, at)}", mark


def _empty(name: str, at: At, known: Sequence[str]) -> str:
    """An action (or any mapping) with nothing under it: most often what belongs under it
    was written at its own level."""
    what = (
        f"a matcher ({_listed(MATCHER_KINDS, 'or')})"
        if set(known) == set(MATCHER_KINDS)
        else f"its keys ({_listed(known, 'and')})"
    )
    message = f"{name} has nothing under it: indent {what} under it"
    siblings = getattr(at.parent, "marks", {})
    misplaced = [key for key in known if key in siblings]
    if misplaced:
        line = siblings[misplaced[0]][0]
        message += f" ('{misplaced[0]}' on line {line} is at the level of {name})"
    return message


def _hint(wanted: str, node: Any, at: At) -> str:
    if wanted == "array" and isinstance(node, str) and at.key is not None:
        return f": write {at.key}: {yaml.safe_dump([node], default_flow_style=True, width=1_000_000).strip()}"
    if wanted == "object" and isinstance(node, str) and at.key is not None:
        return f": write {at.key}: {{prefix: {node}}} (or another key that goes under it)"
    if wanted == "string" and isinstance(node, (bool, int, float)):
        return f" (YAML reads it as {'true or false' if isinstance(node, bool) else 'a number'}: quote it)"
    return ""


def _kind(value: Any) -> str:
    """A value as a message names it: text as written, anything else by its kind."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return as_written(value)
    return "a list" if isinstance(value, list) else "a mapping"


def _listed(names: Sequence[str], joint: str) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {joint} {quoted[-1]}"

"""YAML read with the place of every key, value and list item, for errors that say
``file:line:col``: PyYAML's safe loader (no object construction from tags), its C
version when built, with mappings and sequences that remember their marks.
"""

from __future__ import annotations

from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where each key (and each value) was written."""

    marks: dict[Any, tuple[int, int]]
    value_marks: dict[Any, tuple[int, int]]
    plain_ends: dict[Any, tuple[int, int] | None]  # where a plain (unquoted) text value ends


class LocatedList(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers where each item was written."""

    marks: list[tuple[int, int]]
    plain_ends: list[tuple[int, int] | None]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _plain_end(node: yaml.Node) -> tuple[int, int] | None:
    """Where an unquoted text ends (the line and column after it), for
    :func:`~cleaner.packs.syntax.comment_cut`; None for anything else."""
    if not isinstance(node, yaml.ScalarNode) or node.style:  # "" (C loader) or None: plain
        return None
    return node.end_mark.line + 1, node.end_mark.column + 1


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that records positions and refuses duplicate and non-text keys.

    Every key a pack may hold is text, so a key YAML reads as something else
    (``1:``, ``yes:``, ``~:``, ``? [a]``) is an error here, located, rather than
    a surprise for the schema code that follows.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:
        self.flatten_mapping(node)
        result = Located()
        result.marks = {}
        result.value_marks = {}
        result.plain_ends = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                raise yaml.MarkedYAMLError(
                    problem="a key must be text (quote it if YAML reads it as something else)",
                    problem_mark=key_node.start_mark,
                )
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise yaml.MarkedYAMLError(problem=f"duplicate key '{key}'", problem_mark=key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
            result.plain_ends[key] = _plain_end(value_node)
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.marks = [_mark(child) for child in node.value]
        result.plain_ends = [_plain_end(child) for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def load_located(text: str) -> Any:
    """The YAML document in ``text``, its mappings :class:`Located` and its sequences
    :class:`LocatedList`; a syntax error is PyYAML's ``MarkedYAMLError``."""
    return yaml.load(text, Loader=_Loader)

"""The JSON schema of a rule pack, declared once; every key a pack may hold is here.

Sub-schemas are shared through ``$ref`` so that fastjsonschema compiles them to
one function each (inlined, the generated validator is five times larger and
slower to build). Action and matcher keys are checked for "exactly one" by the
loader, which can say so in plainer words than a ``oneOf`` failure.
"""

from __future__ import annotations

from typing import Any

from cleaner.packs.model import MATCHER_KINDS, Action, Position

KEBAB_ID = r"^[a-z0-9][a-z0-9._-]*$"
MAX_WORDS = 100_000


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/definitions/{name}"}


def _closed(properties: dict[str, Any], *, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object schema that rejects unknown keys (a typo is an error, not ignored)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    return schema


_STRINGS = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ]
}
_TEXTS = {"type": "array", "items": {"type": "string"}}

_RULE = _closed(
    {
        "id": {"type": "string", "pattern": KEBAB_ID},
        "description": {"type": "string"},
        "aliases": {"type": "array", "items": {"type": "string", "pattern": KEBAB_ID}},
        Action.DROP_LINE.value: _ref("matcher"),
        Action.STRIP.value: _ref("matcher"),
        Action.TRUNCATE_AT.value: _ref("matcher"),
        Action.TRUNCATE_AT_CLUSTER.value: _ref("cluster"),
        Action.DROP_BLOCK.value: _ref("block"),
        Action.PRUNE.value: _ref("prune"),
        "ignore-case": {"type": "boolean"},
        # Bounded: a promo line has few words, and the engine counts no further than this.
        "max-words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
        "position": {"enum": [p.value for p in Position]},
        "min-words-before": {"type": "integer", "minimum": 0},
        "stop-at-prose": _ref("prose-stop"),
        "spare-series": {"type": "boolean"},
        # true, or the labels that are no introduction: {labels: MATCHER}
        "spare-introduced": {
            "type": ["boolean", "object"],
            "properties": {"labels": _ref("matcher")},
            "additionalProperties": False,
            "required": ["labels"],
        },
        "stop-at": _ref("matcher"),
        "unless": _ref("matcher"),
        # true, or the lines that are a menu's even under an introduction: {menus: MATCHER}
        "keep-data-rows": {
            "type": ["boolean", "object"],
            "properties": {"menus": _ref("matcher")},
            "additionalProperties": False,
            "required": ["menus"],
        },
        "examples": _closed({"remove": _TEXTS, "keep": _TEXTS}),
    },
    required=("id",),
)

PACK: dict[str, Any] = {
    **_closed(
        {
            "pack": {"type": "string", "pattern": KEBAB_ID},
            "description": {"type": "string"},
            # an empty list would make a site pack a generic one, run on every document
            "sources": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            # a site pack switches generic rules (or packs) off for its sources
            "disable": {"type": "array", "items": {"type": "string", "pattern": KEBAB_ID}},
            "rules": {"type": "array", "items": _ref("rule")},
        },
        required=("rules",),
    ),
    "definitions": {
        "strings": _STRINGS,
        "matcher": _closed({kind: _ref("strings") for kind in MATCHER_KINDS}),
        "block": _closed(
            {
                "start": _ref("matcher"),
                "end": _ref("matcher"),
                "max-lines": {"type": "integer", "minimum": 1},
            },
            required=("start", "end"),
        ),
        "cluster": _closed(
            {
                "match": _ref("matcher"),
                # A cluster of one line is a plain truncate-at.
                "min-lines": {"type": "integer", "minimum": 2},
                "within-lines": {"type": "integer", "minimum": 2},
                # a longer run of matching lines in a row is a list, no part of a cluster
                "max-run": {"type": "integer", "minimum": 1},
            },
            required=("match",),
        ),
        # The guard of a cut: it ends before `lines` lines of `words` words or more in a row;
        # stopped before `min-cut` lines, it takes only the lines its rule matches; one line of
        # `long-line` words or more (an article flattened into one line) also ends it; with
        # `sentence-words`, a line that long that ends as a sentence counts as a prose line,
        # and with `speech-words` one that long that reports speech ("said", "told"); with
        # `narration-words`, a report's sentence that long counts beside such a line, and with
        # `end-lines`, that many lines with speech at the end of the cut's reach are enough;
        # with `tables`, a data table's header row ends it.
        "prose-stop": _closed(
            {
                "lines": {"type": "integer", "minimum": 1},
                "words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "gap": {"type": "integer", "minimum": 0},
                "min-cut": {"type": "integer", "minimum": 1},
                "long-line": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "sentence-words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "speech-words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "narration-words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "end-lines": {"type": "integer", "minimum": 1},
                "tables": {"type": "boolean"},
                # truncate-at: no cut from a marker an introduction announces, or that heads
                # a paragraph of `section-words`; any cut: a last line of `closing-words` stays
                "quoted": {"type": "boolean"},
                "section-words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "closing-words": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
                "subheadings": {"type": "boolean"},
                # a sentence of `list-end` words (or a subheading over one) after a bulleted
                # list's items ends the cut there
                "list-end": {"type": "integer", "minimum": 1, "maximum": MAX_WORDS},
            }
        ),
        "prune": _closed(
            {
                "selector": _ref("strings"),
                "keep-sections": {"type": "boolean"},
                "keep-introduced": {"type": "boolean"},
            },
            required=("selector",),
        ),
        "rule": _RULE,
    },
}

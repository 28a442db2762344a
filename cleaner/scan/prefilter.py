"""Relax a ``regex`` pattern into an RE2 pattern that matches every line the original matches.

The multi-pattern scanner (:mod:`cleaner.scan.scanner`) runs RE2 over whole documents to
find the few lines a rule could fire on; ``regex`` then decides. That is only exact
if RE2 never misses a line ``regex`` would match, so each pattern is translated
node by node from ``regex``'s own parse tree (not re-parsed by a second grammar that
could read a pattern differently) into an over-approximation on single lines:

- lookarounds, word boundaries, ``\\K``, ``\\G`` and backtracking verbs become empty
  (dropping a zero-width condition only adds matches);
- backreferences become the group they refer to; atomic groups, possessive and lazy
  repeats become plain ones (existence of a match is all that counts);
- a character class is exact on ASCII (membership asked of ``regex`` itself) and
  takes in all of non-ASCII unless it is made of ASCII literals and ranges, so
  Unicode tables that differ between the two libraries cannot cause a miss;
- case-insensitive literals become explicit classes of ``regex``'s own case variants
  (RE2's case folding is never used). Full case folding (``ß`` = ``ss``) is covered
  by spelling out expansions on the pattern side (a literal ``ß`` also accepts
  ``ss``, a literal ``s`` also ß or nothing), and for the other characters that
  expand when folded (:data:`TEXT_FOLDED`: ``ﬁ``, ``ﬆ``, rare in web text, where ß
  is common in German) on the text side: the scanner reads the text a second
  time in its folded form, from the first line with one on. A case-folding pattern
  is relaxed for that: every part of it accepts any case, and whatever matches an
  expanding character also accepts 2 or 3 characters, so a line that ``regex``
  matches with some ``ﬁ`` read as one character and others as ``fi`` is still
  found in one of the two forms.

What cannot be relaxed this way (fuzzy matching, recursion, named lists, locale
flags, reverse searching) raises :class:`Unsupported`, and that rule is searched by
``regex`` on every line, as before. ``regex._regex_core`` is private: any surprise
from it also ends in :class:`Unsupported`, never in a wrong translation being used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex
from regex import _regex
from regex import _regex_core as core

_ASCII = range(128)
_BMP = [c for c in range(128, 0x10000) if not 0xD800 <= c <= 0xDFFF]  # surrogates never occur in text
_ASTRAL = (0x10000, 0x10FFFF)
_MAX_RANGES = 64  # a property spelled out in more ranges than this stands for all non-ASCII
_SAMPLE = _BMP[::97]  # a property with more members than _MAX_RANGES / 4 here is large
_LINE_BREAKS = frozenset((0x0A, 0x0D))  # never inside a line the engine sees
_MAX_REPEAT = 1000  # RE2's limit on a counted repetition
_ANY = "[^\\n]"
_NOTHING = "[^\\x{0}-\\x{10FFFF}]"
# Plain ints: arithmetic on RegexFlag members costs more than the rest of a translation.
_IGNORECASE = int(regex.IGNORECASE)
_FULLCASE = int(core.FULLIGNORECASE)
# Characters whose full case folding is longer than one character, with it
# (ß -> ss). İ is on regex's list but folds to itself: its case variants cover it.
FOLDS: dict[str, str] = {
    c: f for c in _regex.get_expand_on_folding() if (f := _regex.fold_case(core.FULL_CASE_FOLDING, c)) != c
}
EXPANDING: frozenset[str] = frozenset(FOLDS)
# Those that fold to ``ss`` (ß, ẞ): the relaxed patterns accept them wherever an ``s``
# may be (see :meth:`_Translator.folded`); the others, rare in text, are folded there.
SHARP: frozenset[str] = frozenset(c for c, f in FOLDS.items() if f == "ss")
TEXT_FOLDED: frozenset[str] = EXPANDING - SHARP
_LONGEST_FOLD = max(len(f) for f in FOLDS.values())
_SHARP_CODES = frozenset(ord(c) for c in SHARP)
_EMPTY_NODES = (
    core.ZeroWidthBase,  # anchors are handled before this fallback
    core.LookAround,
)
_UNSUPPORTED_FLAGS = {regex.LOCALE: "locale-dependent (?L)", regex.REVERSE: "reverse search (?r)"}


class Unsupported(Exception):
    """The pattern has a construct RE2 cannot over-approximate; ``str(exc)`` says which."""


class Relaxed:
    """An RE2 pattern ``source`` that finds every line ``regex`` would, and whether
    the pattern folds case anywhere (then lines with :data:`TEXT_FOLDED` characters
    are also scanned folded)."""

    __slots__ = ("folds_case", "source")

    def __init__(self, source: str, folds_case: bool) -> None:
        self.source = source
        self.folds_case = folds_case


def relax(pattern: regex.Pattern[str], memo: dict[object, object] | None = None) -> Relaxed:
    """The RE2 over-approximation of ``pattern`` on a single line (no ``\\n``);
    ``memo`` carries what one translation learnt about classes to the next."""
    info, tree = _parse(pattern)
    for flag, name in _UNSUPPORTED_FLAGS.items():
        if info.flags & flag:
            raise Unsupported(name)
    tree = _at_top(_at_top(tree, _consume_edge_lookarounds), _drop_line_start_any)
    translator = _Translator(info, _groups(tree), {} if memo is None else memo)
    source = translator.node(tree, 0)
    if translator.folds_case:
        # The scanner also runs this on text whose expanding characters other than
        # ß were replaced by their folding (ﬁ -> fi; ß stays, which the literals
        # accept): every part of the pattern must then accept any case, and
        # whatever matched one such character must also accept its folding.
        translator.widen = True
        source = translator.node(tree, _FULLCASE)
    return Relaxed(source, translator.folds_case)


def _at_top(tree: core.RegexBase, edit: Callable[[list[core.RegexBase]], core.RegexBase]) -> core.RegexBase:
    """``tree`` with ``edit`` applied to the items of the whole pattern, or of each
    top-level alternative, when it has two or more (a group around the whole pattern is
    looked into)."""
    if isinstance(tree, core.Branch):
        return core.Branch([_at_top(b, edit) for b in tree.branches])
    if not isinstance(tree, core.Sequence) or not tree.items:
        return tree
    if len(tree.items) == 1:  # ``(?:...)`` around the whole pattern
        return _at_top(tree.items[0], edit)
    return edit(list(tree.items))


def _consume_edge_lookarounds(items: list[core.RegexBase]) -> core.RegexBase:
    """``(?<=A)B`` matches somewhere in a line iff ``AB`` does, and ``B(?=C)`` iff
    ``BC`` does: at the very start and end of a pattern (or of a top-level
    alternative), a positive lookaround can be matched as plain text, which keeps
    it as a filter instead of dropping it."""
    first, last = items[0], items[-1]
    if isinstance(first, core.LookAround) and first.behind and first.positive:
        items[0] = core.Group(None, None, first.subpattern)
    if isinstance(last, core.LookAround) and not last.behind and last.positive:
        items[-1] = core.Group(None, None, last.subpattern)
    return core.Sequence(items)


_ANY_NODES = (core.Any, core.AnyAll, core.AnyU)
_REPEATS = (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat)


def _drop_line_start_any(items: list[core.RegexBase]) -> core.RegexBase:
    """``^.*X`` and ``^(?:.*Y)?X`` find no line that ``X`` does not: at the start of a
    pattern or of a top-level alternative, the anchor and such a leading item are left
    out (a prefix of what must match can always be left out of a search for lines that
    hold a match; lookarounds between them relax to nothing). Guards written as
    ``^(?!...).*?X`` made RE2 match every line from its start with a run of any
    characters, and the scan of a whole document with every rule's pattern took eight
    times as long (84 -> 623 us a page on the dev pages). A pattern that is nothing
    more (``^.*``) is kept as it is."""
    if not isinstance(items[0], (core.StartOfString, core.StartOfLine)):
        return core.Sequence(items)
    j = 1
    while j < len(items) and isinstance(items[j], core.LookAround):
        j += 1
    if j >= len(items) - 1 or not _opens_with_any_run(items[j], optional=True):
        return core.Sequence(items)
    return core.Sequence(items[1:j] + items[j + 1 :])


def _opens_with_any_run(node: core.RegexBase, *, optional: bool = False) -> bool:
    """``node`` is ``.*``, or (``optional``) ``(?:.*...)?``: it may match any text at all."""
    if isinstance(node, _REPEATS) and node.min_count == 0:
        if node.max_count is None and isinstance(node.subpattern, _ANY_NODES):
            return True
        return optional and _opens_with_any_run(node.subpattern)
    if isinstance(node, core.Sequence) and node.items:
        return _opens_with_any_run(node.items[0])
    return False


def fold_case(text: str) -> str:
    """``text`` under ``regex``'s full case folding (``Straße`` -> ``strasse``)."""
    return _regex.fold_case(core.FULL_CASE_FOLDING, text)


def _parse(pattern: regex.Pattern[str]) -> tuple[core.Info, core.RegexBase]:
    """Parse as ``regex.compile`` does (version 0 inline flags restart the parse)."""
    flags = pattern.flags
    try:
        while True:
            source = core.Source(pattern.pattern)
            info = core.Info(flags, source.char_type, {})
            info.guess_encoding = core.UNICODE
            source.ignore_space = bool(info.flags & regex.VERBOSE)
            try:
                tree = core._parse_pattern(source, info)
                break
            except core._UnscopedFlagSet:
                flags = info.global_flags
        if not info.flags & (regex.ASCII | regex.LOCALE | regex.UNICODE):
            info.flags |= regex.UNICODE
        tree.fix_groups(pattern.pattern, False, False)
    except Exception as exc:  # a private parser: any surprise means "not translated"
        raise Unsupported(f"cannot read the pattern's structure ({exc.__class__.__name__})") from exc
    return info, tree


def _groups(tree: core.RegexBase) -> dict[int, core.Group]:
    found: dict[int, core.Group] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, core.Group):
            found.setdefault(node.group, node)
        stack.extend(_children(node))
    return found


def _children(node: core.RegexBase) -> list[core.RegexBase]:
    for name in ("items", "branches"):
        value = getattr(node, name, None)
        if isinstance(value, (list, tuple)) and not isinstance(node, core.SetBase):
            return list(value)
    return [
        child
        for name in ("subpattern", "yes_item", "no_item")
        if isinstance(child := getattr(node, name, None), core.RegexBase)
    ]


class _Translator:
    def __init__(self, info: core.Info, groups: dict[int, core.Group], memo: dict[object, object]) -> None:
        self.info = info
        self.memo = memo
        self.groups = groups
        self.open_refs: set[int] = set()
        self.folds_case = False
        self.widen = False

    def node(self, node: core.RegexBase, case: int) -> str:
        """Translate ``node``; ``case`` adds case flags (a case-insensitive backreference)."""
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            return handler(self, node, case)
        if isinstance(node, core.SetBase):
            return self.char_class(node, case)
        if isinstance(node, _EMPTY_NODES):
            return ""
        raise Unsupported(f"{type(node).__name__.lower()} has no RE2 counterpart")

    def sequence(self, node: core.Sequence, case: int) -> str:
        return "".join(self.node(item, case) for item in node.items)

    def branch(self, node: core.Branch, case: int) -> str:
        return "(?:" + "|".join(self.node(b, case) for b in node.branches) + ")"

    def group(self, node: core.RegexBase, case: int) -> str:
        return "(?:" + self.node(node.subpattern, case) + ")"

    def either(self, node: core.RegexBase, case: int) -> str:
        yes = self.node(node.yes_item, case)
        no = self.node(node.no_item, case) if node.no_item is not None else ""
        return f"(?:{yes}|{no})"

    def repeat(self, node: core.GreedyRepeat, case: int) -> str:
        inner = self.node(node.subpattern, case)
        if not inner:
            return ""
        low, high = node.min_count, node.max_count
        if high != 1 and _single_class(node.subpattern):
            # ``.{0,40}``, ``\\d{1,3}``: one class repeated. Counting up to a maximum
            # costs RE2 states in every pattern it runs beside; "at least" costs few.
            # a widened class (ß may be ss here), or a widened "." ([^\n]{1,3}): any run of
            # them is any run of characters, and a nested repeat costs RE2 many states
            if self.widen and (inner.startswith("(?:") or inner.startswith(_ANY)):
                inner = _ANY
            return f"(?:{inner}){{{min(low, _MAX_REPEAT)},}}"
        if low > _MAX_REPEAT:
            low, high = _MAX_REPEAT, None
        if high is not None and high > _MAX_REPEAT:
            high = None
        count = f"{{{low},}}" if high is None else f"{{{low},{high}}}"
        return f"(?:{inner}){count}"

    def reference(self, node: core.RefGroup, case: int) -> str:
        group = self.groups.get(node.group)
        if group is None or node.group in self.open_refs:
            raise Unsupported("a backreference to a group that contains it")
        # The reference matches the captured text, wherever it stands: anchors that
        # held for the group need not hold here, so they are left out.
        self.open_refs.add(node.group)
        try:
            return "(?:" + self.node(group.subpattern, case | int(node.case_flags)) + ")"
        finally:
            self.open_refs.discard(node.group)

    def character(self, node: core.Character, case: int) -> str:
        if node.zerowidth:
            return ""
        flags = int(node.case_flags) | case
        if not node.positive:
            return self.char_class(node, case)
        if (flags & _FULLCASE) != _FULLCASE:
            return _class(self.cases(node.value, flags), [])
        text = self.folded(chr(node.value), flags)
        members = self.cases(node.value, flags)
        folds = {fold_case(chr(c)) for c in members if chr(c) in EXPANDING} - {chr(node.value)}
        spelled = sorted("".join(self.folded(c, flags) for c in f) for f in folds)
        return "(?:" + "|".join([text, *spelled]) + ")" if spelled else text

    def folded(self, char: str, flags: int) -> str:
        """One character of a case-folding literal: its case variants, and for one
        that folds to ``s``, also none, or one of :data:`SHARP`. Under full case
        folding ``regex`` reads a ß of the text as the ``ss`` of two literal
        characters, wherever its optimiser joins them into one string: ``s(?:sa|sb)``
        matches "ßa". Every ``s`` that may stand for one half of a ß, whichever,
        stands for the whole or for nothing, and the scanner need not fold ß."""
        members = self.cases(ord(char), flags)
        if fold_case(char) == "s":
            return f"(?:{_class(members | _SHARP_CODES, [])}){{0,1}}"  # one class: a smaller automaton
        return _class(members, [])

    def char_class(self, node: core.RegexBase, case: int) -> str:
        if getattr(node, "zerowidth", False):
            return ""
        flags = int(node.case_flags) | case
        key = ("class", node._key, flags, self.info.flags, self.widen)
        text = self.memo.get(key)
        if text is None:
            members = {c for c in _ASCII if self.matches(node, c, flags)}
            beyond = self.beyond_ascii(node, flags)
            if beyond is not None and flags & _IGNORECASE:
                other_cases = [(c, c) for a in members for c in self.cases(a, flags) if c > 127]
                beyond = _merge([*beyond, *other_cases])
            text = _class(members, beyond)
            if self.widen and self._expands(node, flags):
                # ``\w`` matches ß, or ``[\w .-]`` "ss" for a member ß: on a line where ß
                # became "ss", accept any 2 or 3 characters here as well.
                text = f"(?:{text}|{_ANY}{{2,{_LONGEST_FOLD}}})"
            self.memo[key] = text
        return str(text)

    def beyond_ascii(self, node: core.RegexBase, flags: int) -> list[tuple[int, int]] | None:
        """The non-ASCII characters ``node`` may match, as ranges; None for all of
        them (negated sets, set operations, wide ranges under case folding)."""
        if not getattr(node, "positive", False) and not isinstance(node, core.Property):
            return None
        if isinstance(node, core.Character):
            return [(c, c) for c in self.cases(node.value, flags) if c > 127]
        if isinstance(node, core.Range):
            if node.upper < 128:
                return []
            if flags & _IGNORECASE:
                if node.upper - node.lower > 2000:
                    return None
                span = range(node.lower, node.upper + 1)
                return _merge([(c, c) for v in span for c in self.cases(v, flags)])
            return [(max(node.lower, 128), node.upper)]
        if isinstance(node, core.Property):
            return self.property(node, flags)
        if isinstance(node, core.SetUnion):
            parts = [self.beyond_ascii(item, flags) for item in node.items]
            return None if any(p is None for p in parts) else _merge([r for p in parts for r in p or ()])
        return None

    def property(self, node: core.Property, flags: int) -> list[tuple[int, int]] | None:
        """Exact in the BMP (asked of ``regex``, once per property), all of the
        astral planes: Unicode tables that differ between versions cannot cause a
        miss, and ``\\s`` no longer stands for every non-ASCII character."""
        if not node.positive and flags & _IGNORECASE:
            return None
        key = ("property", node.value, self.info.flags if flags & _IGNORECASE else None)
        if key not in self.memo:
            self.memo[key] = self._members(node.value, flags)
        members = self.memo[key]
        if members is None:
            return None
        ranges = members if node.positive else _complement(members)  # type: ignore[arg-type]
        if len(ranges) > _MAX_RANGES:
            return None
        return [*ranges, _ASTRAL]  # type: ignore[list-item]

    def _members(self, value: int, flags: int) -> list[tuple[int, int]] | None:
        if sum(_regex.has_property_value(value, c) for c in _SAMPLE) > _MAX_RANGES // 4:
            return None  # \\w, \\p{L}: thousands of ranges, which slow RE2 down more
        members = {c for c in _BMP if _regex.has_property_value(value, c)}
        if flags & _IGNORECASE:
            members |= {c for c in self.cased() if any(v in members for v in self.cases(c, flags))}
        return _merge([(c, c) for c in members])

    def cased(self) -> list[int]:
        """BMP characters beyond ASCII that have other cases."""
        key = ("cased", self.info.flags)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = [c for c in _BMP if len(_regex.get_all_cases(self.info.flags, c)) > 1]
        return found  # type: ignore[return-value]

    def any_char(self, node: core.RegexBase, case: int) -> str:
        return f"{_ANY}{{1,{_LONGEST_FOLD}}}" if self.widen else _ANY

    def grapheme(self, node: core.RegexBase, case: int) -> str:
        return _ANY + "+"

    def start(self, node: core.RegexBase, case: int) -> str:
        return "" if self.open_refs else "(?m:^)"

    def end(self, node: core.RegexBase, case: int) -> str:
        return "" if self.open_refs else "(?m:$)"

    def nothing(self, node: core.RegexBase, case: int) -> str:
        return ""

    def _expands(self, node: core.RegexBase, flags: int) -> bool:
        key = ("expands", node._key, flags, self.info.flags)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = any(self.matches(node, ord(c), flags) for c in EXPANDING)
        return bool(found)

    def cases(self, value: int, flags: int) -> frozenset[int]:
        if not flags & _IGNORECASE:
            return frozenset((value,))
        self.folds_case = True
        key = ("cases", value, self.info.flags)
        found = self.memo.get(key)
        if found is None:
            # A trailing None marks a character that expands under full case folding.
            all_cases = _regex.get_all_cases(self.info.flags, value)
            found = self.memo[key] = frozenset((value, *(c for c in all_cases if c is not None)))
        return found  # type: ignore[return-value]

    def matches(self, node: core.RegexBase, value: int, flags: int) -> bool:
        if flags & _IGNORECASE:
            return any(node.matches(c) for c in self.cases(value, flags))
        return bool(node.matches(value))


def _single_class(node: core.RegexBase) -> bool:
    """One character class (``.``, ``\\d``, ``[a-z]``), not a sequence or a group."""
    return isinstance(node, (core.Property, core.Range, core.SetBase, core.Any)) or (
        isinstance(node, core.Character) and not node.positive
    )


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The BMP characters beyond ASCII that are not in ``ranges``."""
    gaps, low = [], 128
    for start, end in ranges:
        if start > low:
            gaps.append((low, start - 1))
        low = end + 1
    if low <= 0xFFFF:
        gaps.append((low, 0xFFFF))
    return gaps


def _class(members: Iterable[int], beyond: list[tuple[int, int]] | None = None) -> str:
    """An RE2 class of the ASCII ``members`` and the ``beyond`` ranges (None: every
    non-ASCII character); line breaks are left out (never inside a line)."""
    if beyond == [] and len(members := frozenset(members)) == 1:
        (only,) = members
        return _NOTHING if only in _LINE_BREAKS else _escape(only)
    ranges = _merge([*((c, c) for c in set(members) - _LINE_BREAKS), *(beyond or [])])
    if beyond is None:
        ranges = _merge([*((a, min(b, 127)) for a, b in ranges if a < 128), (128, 0x10FFFF)])
    if not ranges:
        return _NOTHING
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _escape(ranges[0][0])
    return "[" + "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in ranges) + "]"


def _escape(value: int) -> str:
    return f"\\x{{{value:X}}}"


_Handler = Callable[[_Translator, core.RegexBase, int], str]
_HANDLERS: dict[type, _Handler] = {
    core.Sequence: _Translator.sequence,
    core.Branch: _Translator.branch,
    core.Group: _Translator.group,
    core.Atomic: _Translator.group,
    core.GreedyRepeat: _Translator.repeat,
    core.LazyRepeat: _Translator.repeat,
    core.PossessiveRepeat: _Translator.repeat,
    core.RefGroup: _Translator.reference,
    core.Character: _Translator.character,
    core.Property: _Translator.char_class,
    core.Range: _Translator.char_class,
    core.Any: _Translator.any_char,
    core.AnyAll: _Translator.any_char,
    core.AnyU: _Translator.any_char,
    core.Grapheme: _Translator.grapheme,
    core.Conditional: _Translator.either,
    core.LookAroundConditional: _Translator.either,
    core.StartOfString: _Translator.start,
    core.StartOfLine: _Translator.start,
    core.EndOfString: _Translator.end,
    core.EndOfStringLine: _Translator.end,
    core.EndOfLine: _Translator.end,
    # The Unicode-line variants (WORD flag) also match beside U+2028 and friends,
    # which stay inside a line here: relax them to nothing.
    core.StartOfLineU: _Translator.nothing,
    core.EndOfLineU: _Translator.nothing,
    core.EndOfStringLineU: _Translator.nothing,
}

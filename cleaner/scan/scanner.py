"""Find the lines each pattern could match, for many patterns at once, with RE2.

Searching every rule's ``regex`` pattern on every line costs lines times rules. Here
each pattern is relaxed into an RE2 pattern (:mod:`cleaner.scan.prefilter`) that matches
every line the original does, and perhaps a few more; RE2 runs all of them over the
whole document in one pass, at a speed that hardly depends on their number. The
engine then asks ``regex`` only about the (line, pattern) pairs RE2 found. RE2 was
chosen over hyperscan because hyperscan returned wrong matches with its UTF-8 and
caseless flags here, and over one big ``regex`` or ``re`` alternation because those
slow down with every pattern added (the study in issue 5).

Patterns RE2 cannot stand in for are searched by ``regex`` on every line, as before;
:attr:`Scanner.routes` says which way each pattern goes and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

import re2
import regex

from cleaner.packs.backtracking import catastrophic
from cleaner.scan.line_starts import by_start, either
from cleaner.scan.prefilter import FOLDS, TEXT_FOLDED, Unsupported, relax

if TYPE_CHECKING:
    from cleaner.scan.translations import Translations

RE2_ROUTE = "re2"
_UNANCHORED = re2._Anchor.UNANCHORED
_MAX_MEM = 256 << 20  # RE2's DFA budget: the default 8 MiB is too small for a 1,000-rule set
_FOLD_CHUNK = 1 << 20  # bytes folded and scanned again at a time: bounds the copies of a long text
_LINE_START = "\\x{A}"  # the line break a line-start pattern is written behind
# Each character the text is folded for, and its folding (ﬁ -> fi), in UTF-8.
_FOLDINGS = MappingProxyType({c.encode("utf-8"): FOLDS[c].encode("utf-8") for c in TEXT_FOLDED})


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(chars)) + "]"


_FOLDED_CLASS = _char_class(TEXT_FOLDED)


def _options() -> re2.Options:
    options = re2.Options()
    options.max_mem = _MAX_MEM
    options.never_capture = True
    options.log_errors = False
    return options


class Scanner:
    """RE2 prefilter for ``patterns`` (``None`` entries never match).

    Pattern ids are positions in ``patterns``. :meth:`scan` returns, for the lines
    where RE2 found anything, the ids that may match there, ascending; ids in
    :attr:`always` may match anywhere and are not reported.
    """

    def __init__(
        self, patterns: Sequence[regex.Pattern[str] | None], translations: Translations | None = None
    ) -> None:
        """``translations`` holds what earlier builds made of patterns (the analysis
        and relaxation of each cost milliseconds) and gets what this one adds."""
        options = _options()
        sources: list[str] = []
        self._ids: list[int] = []  # RE2 set index -> pattern id
        folds = False
        memo: dict[object, object] = {}  # class memberships, shared by all patterns
        routes: list[str] = []
        always: list[int] = []
        for pid, pattern in enumerate(patterns):
            if pattern is None:
                routes.append(RE2_ROUTE)
                continue
            known = translations.get(pattern) if translations is not None else None
            if known is None:
                known = _translate(pattern, options, memo)
                if translations is not None:
                    translations.put(pattern, known)
            route, source, folding = known
            routes.append(route)
            if source is None:
                always.append(pid)
                continue
            sources.append(source)
            self._ids.append(pid)
            folds = folds or folding
        self.routes: tuple[str, ...] = tuple(routes)
        self.always: tuple[int, ...] = tuple(always)
        # The set index past the patterns': "the line has a character that the text
        # is folded for" (see :meth:`scan`).
        self._risky = len(sources)
        self._folds = folds  # case-folding rules are about: lines with such characters matter
        self._set = re2.Set.SearchSet(options)
        for source in [*sources, _FOLDED_CLASS]:
            self._set.Add(source)
        self._set.Compile()
        # Two alternations find the lines worth a closer look. Most patterns start
        # at the start of a line: written behind a literal line break (the text gets
        # one in front), they let RE2 jump from line break to line break with memchr
        # and step its automaton only through the first bytes of each line. That
        # search costs a fifth of one over every byte, which the other patterns
        # (and their share of a rule's alternatives) still need.
        #
        # While case-folding rules are about, the second one also stops at the first
        # character the text is folded for (ﬁ, ﬆ; not ß, which the patterns spell
        # out): from the line with the first one on, the text is scanned again, folded
        # (see :meth:`scan`).
        starts, others = by_start(sources)
        self._starts = re2.compile(_LINE_START + either(starts), options) if starts else None
        self._plain = re2.compile(either(others), options) if others else None
        self._first = re2.compile(either([*others, _FOLDED_CLASS]), options) if folds else self._plain
        self._expanding = re2.compile(_FOLDED_CLASS, options)

    def scan(self, text: str) -> dict[int, list[int]] | None:
        """Line index -> candidate pattern ids for ``text`` (lines split on ``\\n``);
        ``None`` if the text cannot be scanned (lone surrogates): then every pattern
        is a candidate on every line."""
        try:
            data = b"\n" + text.encode("utf-8")  # the break in front: every line follows one
        except UnicodeEncodeError:
            return None
        hits: dict[int, list[int]] = {}
        risky = self._scan(data, hits)
        if risky is not None and self._folds:
            # The text from the first line with a character that expands under case
            # folding (ﬁ, ﬆ) other than ß and its like on, folded (ﬁ read as fi, as
            # ``regex`` reads it under full case folding) and scanned again; lines
            # without such a character read the same either way. No folding holds a
            # line break: the lines keep their numbers. (ß is spelled out on the
            # patterns' side: German text, where it is common, is scanned once.)
            # One more scan, however many lines have such characters: text from PDFs
            # has a ligature every few lines, and folding and scanning those lines one
            # by one took twice as long. A long text goes a megabyte (of whole lines)
            # at a time, so that its copies stay small.
            begin, line = risky
            while begin < len(data):
                end = data.find(b"\n", min(begin + _FOLD_CHUNK, len(data)))
                chunk = data[begin : len(data) if end < 0 else end]
                self._scan(b"\n" + self._fold(chunk), hits, line)
                line += chunk.count(b"\n") + 1
                begin += len(chunk) + 1
        return hits

    def line(self, text: str) -> list[int] | None:
        """Candidate pattern ids for one line (``None``: every pattern is a candidate)."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        found = set(self._set.Match(data) or ())
        if self._risky in found and self._folds:  # as in :meth:`scan`
            found.update(self._set.Match(self._fold(data)) or ())
        found.discard(self._risky)
        return sorted(self._ids[k] for k in found)

    def _scan(self, data: bytes, hits: dict[int, list[int]], numbered: int = 0) -> tuple[int, int] | None:
        """Add the candidates of the lines of ``data`` (a line break, then the text)
        to ``hits``, its first line numbered ``numbered``. Return, if there is a
        character the text is folded for: the offset and number of the first line
        with one."""
        found: dict[int, tuple[int, int]] = {}  # line number -> its start and end in data
        self._lines(data, found, starts=True)
        self._lines(data, found, starts=False)
        first = None
        match_set = self._set._set.Match
        for number in sorted(found):
            begin, end = found[number]
            ids = match_set(data[begin:end])
            if self._risky in ids:
                first = first or (begin, number)
                ids = [k for k in ids if k < self._risky]
            if ids:
                line = number + numbered
                hits[line] = sorted({*hits.get(line, ()), *(self._ids[k] for k in ids)})
        return first

    def _fold(self, data: bytes) -> bytes:
        """``data`` with each character the text is folded for replaced by its folding.

        RE2 finds the first such character, bytes.replace folds it everywhere, and
        the search goes on from there: a pass over ``data`` and a replace for each
        character that occurs (a text has one or two: ﬁ, ﬂ), where decoding and
        folding it as a ``str`` asked about all hundred of them."""
        search = self._expanding._regexp.Match
        at = 0
        while True:
            start, end = search(_UNANCHORED, data, at, len(data))[0]
            if start < 0:
                return data
            char = data[start:end]
            data = data.replace(char, _FOLDINGS[char])
            at = start

    def _lines(self, data: bytes, found: dict[int, tuple[int, int]], *, starts: bool) -> None:
        """Add to ``found`` the lines where a line-start pattern (``starts``) or one of
        the others may match. A match of a line-start pattern begins at the line
        break before its line. While case-folding rules are about, the others'
        search also stops at the first character the text is folded for, and goes
        on without. (A line it skips after a match of its own is found, and looked
        at again.)"""
        pattern = self._starts if starts else self._first
        if pattern is None:
            return
        # The compiled objects under google-re2's Python wrappers: the wrappers cost
        # more per call (a generator, offset bookkeeping for str) than RE2 spends on
        # a typical line, and this loop calls them once per candidate line.
        search = pattern._regexp.Match
        size = len(data)
        counted, line = 1, 0
        at = 0 if starts else 1
        while at < size:
            start = search(_UNANCHORED, data, at, size)[0][0]
            if start < 0:
                break
            start += starts  # past the line break a line-start match begins with
            line += data.count(b"\n", counted, start)
            counted = start
            begin, end = _line_around(data, start)
            found.setdefault(line, (begin, end))
            if pattern is not self._plain and not starts and _expands(data, start):
                pattern = self._plain
                if pattern is None:
                    break
                search = pattern._regexp.Match
            at = end if starts else end + 1


def _expands(data: bytes, at: int) -> bool:
    """A character the text is folded for (:data:`~cleaner.scan.prefilter.TEXT_FOLDED`) starts at ``at``."""
    return any(data[at : at + k] in _FOLDINGS for k in (2, 3, 4))


def _line_around(data: bytes, at: int) -> tuple[int, int]:
    """Start and end (its line break, or the end of ``data``) of the line holding offset ``at``."""
    end = data.find(b"\n", at)
    return data.rfind(b"\n", 0, at) + 1, len(data) if end < 0 else end


def route(pattern: regex.Pattern[str] | None) -> str:
    """How ``pattern`` is searched: ``re2`` (RE2 finds its candidate lines), or
    ``regex: why`` (searched by ``regex`` on every line)."""
    return RE2_ROUTE if pattern is None else _translate(pattern, _options())[0]


def _translate(
    pattern: regex.Pattern[str], options: re2.Options, memo: dict[object, object] | None = None
) -> tuple[str, str | None, bool]:
    """(route, RE2 source or None, folds case) for one pattern."""
    risk = catastrophic(pattern.pattern, pattern.flags, polynomial=False, memo=memo)
    if risk is not None:
        # RE2 would prove in linear time that such a pattern does not match a line
        # where ``regex`` runs out of time; the engine promises to report that
        # time-out (the document is left unchanged), so exponential shapes stay
        # with ``regex``. Polynomial ones go through RE2: its verdict spares them
        # the long lines they do not match, and the time limit still holds on
        # the lines they may.
        return f"regex: prone to catastrophic backtracking ({risk})", None, False
    try:
        relaxed = relax(pattern, memo)
        compiled = re2.compile(relaxed.source, options)
    except Unsupported as exc:
        return f"regex: {exc}", None, False
    except re2.error:
        return "regex: too large for RE2", None, False
    if compiled.fullmatch("") is not None:
        return "regex: matches an empty line", None, False
    return RE2_ROUTE, relaxed.source, relaxed.folds_case

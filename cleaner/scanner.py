"""Find the lines each pattern could match, for many patterns at once, with RE2.

Searching every rule's ``regex`` pattern on every line costs lines times rules. Here
each pattern is relaxed into an RE2 pattern (:mod:`cleaner.prefilter`) that matches
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

from collections.abc import Sequence

import re2
import regex

from cleaner.backtracking import catastrophic
from cleaner.prefilter import EXPANDING, FOLDS, Unsupported, fold_expanding, relax

RE2_ROUTE = "re2"
_UNANCHORED = re2._Anchor.UNANCHORED
_MAX_MEM = 256 << 20  # RE2's DFA budget: the default 8 MiB is too small for a 1,000-rule set
_NOTHING = "[^\\x{0}-\\x{10FFFF}]"
_FOLDS = {c.encode("utf-8"): f.encode("utf-8") for c, f in FOLDS.items()}
_EXPANDING_CLASS = "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(EXPANDING)) + "]"


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

    def __init__(self, patterns: Sequence[regex.Pattern[str] | None]) -> None:
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
            route, source, folding = _translate(pattern, options, memo)
            routes.append(route)
            if source is None:
                always.append(pid)
                continue
            sources.append(source)
            self._ids.append(pid)
            folds = folds or folding
        self.routes: tuple[str, ...] = tuple(routes)
        self.always: tuple[int, ...] = tuple(always)
        self._risky = len(sources)  # set index of the "line has an expanding character" pattern
        self._set = re2.Set.SearchSet(options)
        for source in [*sources, _EXPANDING_CLASS]:
            self._set.Add(source)
        self._set.Compile()
        # One alternation finds the lines worth a closer look. While case-folding
        # rules are about, it also stops at the first line with a character that
        # expands under case folding (ß, ﬁ): the rest of the document is then also
        # scanned with those characters folded (ß -> ss). Folding the text once was
        # cheaper than stopping at every such line.
        self._plain = re2.compile("|".join(f"(?:{s})" for s in sources) or _NOTHING, options)
        self._expanding = re2.compile(_EXPANDING_CLASS, options)
        first = f"{self._plain.pattern}|{_EXPANDING_CLASS}"
        self._first = re2.compile(first, options) if folds else self._plain

    def scan(self, text: str) -> dict[int, list[int]] | None:
        """Line index -> candidate pattern ids for ``text`` (lines split on ``\\n``);
        ``None`` if the text cannot be scanned (lone surrogates): then every pattern
        is a candidate on every line."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        hits: dict[int, list[int]] = {}
        risky = self._scan(data, 0, 0, hits)
        while risky is not None:
            # From the first such line on, the document again with that character
            # folded (ß read as ss); nothing before that line changes, so offsets
            # and line numbers still agree. Replacing the UTF-8 bytes of the few
            # characters that occur costs far less than any per-character pass.
            begin, line, char = risky
            data = data.replace(char, _FOLDS[char])
            risky = self._scan(data, begin, line, hits)
        return hits

    def line(self, text: str) -> list[int] | None:
        """Candidate pattern ids for one line (``None``: every pattern is a candidate)."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        found = set(self._set.Match(data) or ())
        if self._risky in found:
            found.update(self._set.Match(fold_expanding(text).encode("utf-8")) or ())
            found.discard(self._risky)
        return sorted(self._ids[k] for k in found)

    def _scan(
        self, data: bytes, pos: int, line: int, hits: dict[int, list[int]]
    ) -> tuple[int, int, bytes] | None:
        """Add the candidates of the lines of ``data`` from offset ``pos`` (line
        number ``line``) to ``hits``; return (offset, line, character) for the
        first line with an expanding character, if any."""
        risky = None
        # The compiled objects under google-re2's Python wrappers: the wrappers cost
        # more per call (a generator, offset bookkeeping for str) than RE2 spends on
        # a typical line, and this loop calls them once or twice per candidate line.
        search, match_set = self._first._regexp.Match, self._set._set.Match
        size = len(data)
        counted = pos
        while pos <= size:
            start = search(_UNANCHORED, data, pos, size)[0][0]
            if start < 0:
                break
            line += data.count(b"\n", counted, start)
            counted = start
            begin = data.rfind(b"\n", 0, start) + 1
            end = data.find(b"\n", start)
            end = size if end < 0 else end
            ids = match_set(data[begin:end])
            if self._risky in ids:
                ids.remove(self._risky)
                if risky is None:
                    char = self._expanding.search(data, begin, end).group()
                    risky, search = (begin, line, char), self._plain._regexp.Match
            if ids:
                known = hits.get(line, ())
                hits[line] = sorted({*known, *(self._ids[k] for k in ids)})
            pos = end + 1
        return risky


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

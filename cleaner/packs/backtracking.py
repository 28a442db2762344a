"""Which regexes are prone to catastrophic backtracking: found by analysis, not by timing.

A backtracking matcher (``regex``, ``re``) tries the ways a pattern can match a text
one after another, and blows up when there are many ways to match the same text.
We build the pattern's Glushkov automaton (one state per character matcher, one
edge for each way one can follow another, counted: ``(a+)+`` has two ways from
``a`` back to ``a``) and look for

* exponential ambiguity: two different paths that read the same text and return
  to where they started (``(a|aa)+``, ``(\\w+\\s?)*``): the work doubles with
  every character;
* polynomial ambiguity of degree d: d loops, one after the other, that can all
  read the same character (``(.*?,){11}``, ``\\s*\\s*\\s*x``): about n**d steps
  on a line of n such characters. An unanchored pattern has one loop more: the
  matcher retries it at every position of the line.

Characters are compared through a sample alphabet (printable ASCII, the
pattern's own characters, a few from other scripts and some separators): two
matchers overlap when a sample character matches both. Anchors and lookarounds
match no character; atomic groups and possessive repeats do not let the rest
backtrack into them, so they count as matching nothing too, and their insides
(like lookarounds') are checked on their own. A backreference counts as a copy
of its group. A pattern this reader does not follow (conditionals, recursion,
verbs) or one too large gets no verdict: the engine's time limits still hold.
No library does this for the ``regex`` syntax (regexploit reads only ``re``'s,
and has not been released since 2021), hence this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable

import regex

from cleaner.packs.regex_tree import EMPTY, Node, Unsupported, parse

_SAMPLES = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\t\n\r\x0b\x0c\x85\xa0\u2028\u2029\u200b\u3000"
    + "éßÆΩжשاअ中あ한١٣\u0301\U0001f600"
)
_CAP = 12  # counted repeats are unrolled this far: enough to see a chain of loops
_MAX_POSITIONS = 400
_WARN_DEGREE = 3
UNREADABLE = "unreadable"  # backtracking_risk's answer for a pattern it cannot analyse


class _Automaton:
    """Glushkov positions, each with its sample-character mask, and counted edges."""

    def __init__(self, flags: int, prefix: str, memo: dict[object, object] | None = None) -> None:
        self.flags = flags
        self.prefix = prefix  # global inline flags, e.g. "(?i)"
        self.masks: list[int] = []
        self.edges: Counter[tuple[int, int]] = Counter()
        # Masks by atom; a memo shared by the patterns of a rule set saves most of the
        # work: 73 patterns have some 2,000 atoms but fewer than 300 different ones.
        self._memo: dict[object, object] = {} if memo is None else memo

    def mask(self, src: str) -> int:
        key = ("mask", self.prefix + src, self.flags)
        found = self._memo.get(key)
        if found is None:
            try:
                pattern = regex.compile(self.prefix + src, self.flags)
            except (regex.error, RecursionError, ValueError) as exc:
                raise Unsupported from exc
            found = self._memo[key] = sum(1 << k for k, ch in enumerate(_SAMPLES) if pattern.fullmatch(ch))
        return found  # type: ignore[return-value]

    def build(self, node: Node) -> tuple[set[int], set[int], bool]:
        """First positions, last positions, and whether ``node`` can match nothing."""
        kind = node[0]
        if kind == "atom":
            if len(self.masks) >= _MAX_POSITIONS:
                raise Unsupported
            self.masks.append(self.mask(node[1]))
            p = len(self.masks) - 1
            return {p}, {p}, False
        if kind == "seq":
            return self._sequence(node[1])
        if kind == "alt":
            parts = [self.build(branch) for branch in node[1]]
            first = set().union(*(part[0] for part in parts))
            return first, set().union(*(part[1] for part in parts)), any(part[2] for part in parts)
        if kind == "loop":  # one or more
            first, last, nullable = self.build(node[1])
            self.edges.update((p, q) for p in last for q in first)
            return first, last, nullable
        if kind == "opt":
            first, last, _ = self.build(node[1])
            return first, last, True
        if kind == "rep":
            return self.build(_unroll(node[1], node[2], node[3]))
        return set(), set(), True

    def _sequence(self, items: Iterable[Node]) -> tuple[set[int], set[int], bool]:
        first: set[int] = set()
        last: set[int] = set()
        nullable = True
        for item in items:
            head, tail, empty = self.build(item)
            self.edges.update((p, q) for p in last for q in head)
            first = first | head if nullable else first
            last = last | tail if empty else tail
            nullable = nullable and empty
        return first, last, nullable

    def successors(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {p: [] for p in range(len(self.masks))}
        for p, q in self.edges:
            found[p].append(q)
        return found


def _unroll(node: Node, lo: int, hi: int | None) -> Node:
    """``X{lo,hi}`` as Glushkov sees it: lo copies, then a loop or nested optional copies
    (``X{0,3}`` is ``(X(X(X)?)?)?``, which is unambiguous as the matcher's counter is)."""
    lo = min(lo, _CAP)
    if hi is None:
        if lo == 0:
            return ("opt", ("loop", node))
        return ("seq", [node] * (lo - 1) + [("loop", node)])
    tail: Node = EMPTY
    for _ in range(min(hi - lo, _CAP)):
        tail = ("opt", ("seq", [node, tail]))
    return ("seq", [node] * lo + [tail])


def _sccs(nodes: Iterable[Hashable], succ: Callable[[Hashable], Iterable[Hashable]]) -> dict[Hashable, int]:
    """Strongly connected components (iterative Tarjan): node -> component number, in
    the order they complete, so an edge between components goes to a smaller number."""
    index: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    component: dict[Hashable, int] = {}
    stack: list[Hashable] = []
    counter = done = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succ(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        component[member] = done
                        if member == node:
                            break
                    done += 1
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                work.append((child, iter(succ(child))))
            elif child not in component:
                low[node] = min(low[node], index[child])
    return component


def _exponential(auto: _Automaton, succ: dict[int, list[int]]) -> bool:
    """Two different paths reading the same text from a state back to it: some edge of
    the pair automaton that splits one path into two lies on a cycle."""

    def pairs(pair: tuple[int, int]) -> list[tuple[int, int]]:
        p, q = pair
        return [(min(a, b), max(a, b)) for a in succ[p] for b in succ[q] if auto.masks[a] & auto.masks[b]]

    component = _sccs(((p, p) for p in succ), pairs)
    for p in succ:
        for a in succ[p]:
            for b in succ[p]:
                split = a != b or auto.edges[(p, a)] > 1
                target = (min(a, b), max(a, b))
                if split and auto.masks[a] & auto.masks[b] and component[target] == component[(p, p)]:
                    return True
    return False


def _degree(auto: _Automaton, succ: dict[int, list[int]], starts: set[int], anchored: bool) -> int:
    """The longest chain of loops that can all read one same character."""
    columns = {tuple(p for p, m in enumerate(auto.masks) if m >> k & 1) for k in range(len(_SAMPLES))}
    best = 0
    for column in columns:
        members = set(column)
        graph = {p: [q for q in succ[p] if q in members] for p in column}
        if not anchored:  # the matcher's retry at every position: a loop before the pattern
            graph[-1] = [-1, *(q for q in starts if q in members)]
        component = _sccs(graph, graph.__getitem__)
        cyclic = {component[p] for p in graph for q in graph[p] if component[q] == component[p]}
        best = max(best, _longest(graph, component, cyclic))
    return best


def _longest(graph: dict[int, list[int]], component: dict[Hashable, int], cyclic: set[int]) -> int:
    """Most cyclic components on one path of the component DAG."""
    dag: dict[int, set[int]] = {}
    for p, qs in graph.items():
        dag.setdefault(component[p], set()).update(component[q] for q in qs if component[q] != component[p])
    memo: dict[int, int] = {}
    for c in sorted(dag):  # successors complete first, so they have smaller numbers
        memo[c] = (c in cyclic) + max((memo[d] for d in dag[c]), default=0)
    return max(memo.values(), default=0)


# A quantified group that itself ends in a quantifier, e.g. (a+)+ or (\w*\s?)*: the
# classic shape of catastrophic backtracking, for patterns the analysis cannot read.
_NESTED_QUANTIFIER = regex.compile(r"\((?:[^()\\]|\\.)*?(?:[+*]|\{\d+,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\})")


def catastrophic(
    pattern: str, flags: int = 0, *, polynomial: bool = True, memo: dict[object, object] | None = None
) -> str | None:
    """Why ``pattern`` is prone to catastrophic backtracking, or None: the analysis
    below, or the nested-quantifier shape where the analysis cannot read it. What
    ``rules check`` warns about; without the ``polynomial`` risks, what the scanner
    leaves to ``regex``. ``memo`` carries what one analysis learnt to the next."""
    risk = backtracking_risk(pattern, flags, polynomial=polynomial, memo=memo)
    if risk is UNREADABLE:
        return "nested quantifiers" if _NESTED_QUANTIFIER.search(pattern) else None
    return risk


def backtracking_risk(
    pattern: str, flags: int = 0, *, polynomial: bool = True, memo: dict[object, object] | None = None
) -> str | None:
    """Why ``pattern`` may backtrack catastrophically; None if it will not; UNREADABLE
    if this analysis cannot tell (a construct it does not follow, or too large)."""
    try:
        parsed = parse(pattern)
        auto = _Automaton(flags, f"(?{parsed.global_flags})" if parsed.global_flags else "", memo)
        for inner in parsed.inner:
            risk = _analyse(auto, inner, anchored=False, polynomial=polynomial)
            if risk is not None:
                return f"inside a lookaround, atomic group or possessive repeat, {risk}"
        return _analyse(auto, parsed.tree, anchored=_anchored(pattern), polynomial=polynomial)
    except (Unsupported, RecursionError):
        return UNREADABLE


def _analyse(auto: _Automaton, tree: Node, *, anchored: bool, polynomial: bool = True) -> str | None:
    auto.masks.clear()
    auto.edges.clear()
    starts, _, _ = auto.build(tree)
    succ = auto.successors()
    if _exponential(auto, succ):
        return "several ways to match the same text under a repeat: exponential backtracking"
    if not polynomial:
        return None
    degree = _degree(auto, succ, starts, anchored)
    if degree >= _WARN_DEGREE:
        return f"{degree} repeats in a row can read the same characters: about n^{degree} steps on a line"
    return None


def _anchored(pattern: str) -> bool:
    return bool(regex.match(r"(?:\(\?[a-zA-Z]*\))*(?:\^|\\A)", pattern))

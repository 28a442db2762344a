"""What a line quotes is the article's: a rule's match that lies only in a quotation.

Articles about the web quote its boilerplate: a UX guide lists the labels it tested
('"Sign up for our newsletter"' alone on its line), an explainer of the FTC's rules
writes 'Bloggers who write "I earn a small commission if you buy through my links"
meet the rule', a redesign story says 'Our old footer read "Home | About | Contact"
in grey'. The boilerplate itself does not put its call between quotation marks. So
the engine asks one more thing of a line a rule matches, when it holds a quotation:
if the rule matches the quoted words on their own, and no longer matches the line
with the quoted words taken out, the match is the quotation's and the line is the
article's (whole-line quotations are the simplest case: nothing is left outside).
A line whose own words carry the call still goes ('Sign up for our newsletter:
"the best read of the week"'), and so does a call that quotes a word of its own
('please use the "Unsubscribe" link': "Unsubscribe" alone is no call).

Quotations are words between a pair of marks: "...", “...”, „...“ (or „...”),
«...», »...«, and single quotes (U+2018 ... U+2019, or '...') that open after no
letter and close before none (an apostrophe, "don't", "the Smiths' house", opens and
closes nothing).
A run of two lines or more that open with "> " (markdown's and e-mail's quotation)
quotes each of its lines whole; one such line alone may be a link's arrow ("> Read
more") and is read as it is. But a markdown blog sets its own plug as such a run too (a
Hugo or Jekyll callout, a Substack export: "> Sign up for our newsletter…" over "> Follow
us on Twitter…"): a run whose every line a rule matches, that nothing introduces (the
line above it ends with no colon: "…wrote:", "quote it so:") and after which the article
does not go on (no line of 12 words or more below it, within 40 lines) is the site's
callout, and its lines are the rules' again (QA round S, S7).

Nor does a site quote its notice only to keep it: 'Disclosure: “This post contains
affiliate links.”' is the site speaking, since all it says outside the quotation is a
label (two words at most, then a colon). A drop-line rule takes such a line whole (a
strip would leave the label over empty marks). A guide that shows examples under labels
writes more than one ('Before: "Sign up for our newsletter"' over 'After: "Get one idea
every Friday"'): a line next to another label over a quotation stays the article's (QA
round S, S8).

Only the rule's own matcher is asked so (its ``unless`` too); the lines a cut's
``stop-at`` or a block's end names are found as before. The check runs only on a
line the rule matched, so it costs nothing on the lines no rule touches.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import regex

from cleaner.engine.lines import first_live, live_lines
from cleaner.engine.words import line_has_words

_MARKS = frozenset("\"'“”„«»\u2018\u2019>")
# A single quote's closing mark is also an apostrophe's, so its search may pass over
# other marks: bounded, so that a line of many openers is read in linear time; and, as
# a rule's pattern, within the time the engine gives a pattern on the line.
_QUOTATION = regex.compile(
    r"""
      "(?P<a>[^"]+)"
    | “(?P<b>[^“”]+)”
    | „(?P<c>[^„“”]+)[“”]
    | «(?P<d>[^«»]+)»
    | »(?P<e>\S[^«»]*(?<=\S))«
    | (?<!\w)\u2018(?P<f>\S.{0,500}?(?<=\S))\u2019(?!\w)
    | (?<!\w)'(?P<g>\S.{0,500}?(?<=\S))'(?!\w)
    """,
    regex.VERBOSE,
)
_MARKDOWN_QUOTE = re.compile(r" {0,3}>(?: |$)")
_INTRODUCES = re.compile(r"[:\uff1a]\s*$")  # "…wrote:", "…said:", "quote it so:"
# A label alone ("Disclosure:", "Editor's note:"), and a label over a quotation
_LABEL = regex.compile(r"\s*+(?:[-*\u2022]\s++)?[^\s:\uff1a]++(?:\s++[^\s:\uff1a]++)?\s*+[:\uff1a]\s*+")
_LABELLED_QUOTATION = regex.compile(_LABEL.pattern + "[\"'\u201c\u201e\u00ab\u00bb\u2018]")
_LEFT_OVER = str.maketrans("", "", "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019.,;!?")
_PROSE_WORDS = 12  # a line of the article's prose, as the engine's guards count it
_REACH = 40  # lines below a callout looked at for prose


def may_quote(line: str) -> bool:
    """Whether ``line`` holds a mark that may open a quotation (a cheap first test)."""
    return not _MARKS.isdisjoint(line)


def quoted_spans(lines: Sequence[str], i: int, timeout: float | None = None) -> list[tuple[int, int]]:
    """The spans of line ``i`` that it quotes (the words, without their marks); raises
    TimeoutError past ``timeout`` seconds."""
    line = lines[i]
    if quote_run(lines, i) is not None:
        start = line.index(">") + 1
        return [(start, len(line))] if line[start:].strip() else []
    spans = []
    for match in _QUOTATION.finditer(line, timeout=timeout):
        group = match.lastgroup
        if group is not None and match[group].strip():
            spans.append(match.span(group))
    return spans


def quote_run(lines: Sequence[str], i: int) -> range | None:
    """The run of lines opening with "> " (or that are ">") that line ``i`` is in, when
    it has two lines or more; None otherwise."""
    if not _MARKDOWN_QUOTE.match(lines[i]):
        return None
    start, end = i, i + 1
    while start > 0 and _MARKDOWN_QUOTE.match(lines[start - 1]):
        start -= 1
    while end < len(lines) and _MARKDOWN_QUOTE.match(lines[end]):
        end += 1
    return range(start, end) if end - start > 1 else None


def is_callout(
    lines: Sequence[str], run: range, *, live: Callable[[int], bool], matched: Callable[[int], bool]
) -> bool:
    """Whether the ``run`` of "> " lines is the site's callout, not a quotation: every
    line of it with words is one a rule ``matched``, no line above introduces it, and the
    article does not go on below it. Lines ``matched`` (a rule may drop them later in
    the pass) neither introduce it nor are prose, so the answer is the same in every
    pass and cleaning stays idempotent."""
    if not all(matched(j) for j in run if lines[j].lstrip(" >").strip()):
        return False
    above = first_live(range(run.start - 1, -1, -1), lambda j: live(j) and not matched(j))
    if above is not None and _INTRODUCES.search(lines[above]):
        return False
    below = itertools.islice(live_lines(range(run.stop, len(lines)), live), _REACH)
    return not any(line_has_words(lines[j], _PROSE_WORDS) and not matched(j) for j in below)


def only_quoted(line: str, spans: Sequence[tuple[int, int]], matches: Callable[[str], bool]) -> bool:
    """Whether what ``matches`` finds on ``line`` is only what it quotes: it finds it in
    one of the quoted ``spans`` on its own, and not in the line with every quoted span
    taken out (its marks left)."""
    if not any(matches(line[start:end].strip()) for start, end in spans):
        return False
    return not matches(_outside(line, spans))


def labelled_notice(lines: Sequence[str], i: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether line ``i`` says nothing outside the ``spans`` it quotes but a label
    ('Disclosure: “This post contains affiliate links.”'): the site's notice, not a
    quotation; unless the nearest line above or below is a label over a quotation as
    well, a guide's labelled examples ('Before: "…"', 'After: "…"')."""
    if not _LABEL.fullmatch(_outside(lines[i], spans).translate(_LEFT_OVER)):
        return False
    near = (
        next((j for j in steps if lines[j].strip()), None)
        for steps in (range(i - 1, -1, -1), range(i + 1, len(lines)))
    )
    return not any(j is not None and _LABELLED_QUOTATION.match(lines[j]) for j in near)


def _outside(line: str, spans: Sequence[tuple[int, int]]) -> str:
    """``line`` with every quoted span taken out (its marks left)."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(line[position:start])
        position = end
    pieces.append(line[position:])
    return "".join(pieces)

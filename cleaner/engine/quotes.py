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
more") and is read as it is.

Only the rule's own matcher is asked so (its ``unless`` too); the lines a cut's
``stop-at`` or a block's end names are found as before. The check runs only on a
line the rule matched, so it costs nothing on the lines no rule touches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import regex

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


def may_quote(line: str) -> bool:
    """Whether ``line`` holds a mark that may open a quotation (a cheap first test)."""
    return not _MARKS.isdisjoint(line)


def quoted_spans(lines: Sequence[str], i: int, timeout: float | None = None) -> list[tuple[int, int]]:
    """The spans of line ``i`` that it quotes (the words, without their marks); raises
    TimeoutError past ``timeout`` seconds."""
    line = lines[i]
    if _MARKDOWN_QUOTE.match(line) and _in_quote_run(lines, i):
        start = line.index(">") + 1
        return [(start, len(line))] if line[start:].strip() else []
    spans = []
    for match in _QUOTATION.finditer(line, timeout=timeout):
        group = match.lastgroup
        if group is not None and match[group].strip():
            spans.append(match.span(group))
    return spans


def _in_quote_run(lines: Sequence[str], i: int) -> bool:
    """Whether a line next to line ``i`` opens with "> " (or is ">") as well."""
    return any(0 <= j < len(lines) and _MARKDOWN_QUOTE.match(lines[j]) for j in (i - 1, i + 1))


def only_quoted(line: str, spans: Sequence[tuple[int, int]], matches: Callable[[str], bool]) -> bool:
    """Whether what ``matches`` finds on ``line`` is only what it quotes: it finds it in
    one of the quoted ``spans`` on its own, and not in the line with every quoted span
    taken out (its marks left)."""
    if not any(matches(line[start:end].strip()) for start, end in spans):
        return False
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(line[position:start])
        position = end
    pieces.append(line[position:])
    return not matches("".join(pieces))

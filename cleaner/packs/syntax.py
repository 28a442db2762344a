"""Where a YAML syntax error in a pack is, said as PyYAML says it, and shown.

PyYAML gives two places: where it noticed the problem (``problem_mark``) and the
construct it was reading then (``context_mark``, e.g. "while scanning a quoted
scalar" at the opening quote). Reporting only the first put an unclosed quote on
the line where the file ended, or where a later quote happened to close it. The
error here points at the place a user has to edit:

- the opening of a quote or a flow collection (``[``, ``{``) PyYAML was still
  reading: it was never closed;
- else the opening quote of a quoted text that ran over several lines and closed
  on the line of the problem: almost always a quote left open, closed by accident
  by the next quote in the file;
- else the problem itself.

The message keeps both of PyYAML's parts with their lines, and the excerpt shows
every line it names.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from cleaner.errors import RuleError

_UNCLOSED = ("while scanning a quoted scalar", "while parsing a flow")

Mark = tuple[int, int]  # line and column, from 1


def yaml_error(exc: yaml.MarkedYAMLError, text: str, path: str, lines: Sequence[str]) -> RuleError:
    """The located :class:`RuleError` for a YAML syntax error in ``text`` (read from ``path``)."""
    problem = _position(exc.problem_mark)
    context = _position(exc.context_mark)
    quote = _open_quote(text, exc.problem_mark) if exc.problem_mark is not None else None
    if context is not None and (exc.context or "").startswith(_UNCLOSED):
        at = context
    elif quote is not None:
        at = quote[0]
    else:
        at = problem or context
    parts = []
    if exc.context:
        parts.append(exc.context + _elsewhere(context, at))
    if exc.problem:
        parts.append(exc.problem + _elsewhere(problem, at))
    message = "invalid YAML: " + ": ".join(parts)
    if quote is not None and at == quote[0]:
        message += f"; the quoted text opened here runs on to line {quote[1]}: is its closing quote missing?"
    else:
        message += _hint(exc, lines)
    named = sorted({mark[0] for mark in (at, problem, context) if mark is not None})
    return RuleError(
        message,
        path=path,
        line=at[0] if at else None,
        column=at[1] if at else None,
        excerpt=excerpt(lines, *named, column=at[1] if at else None),
    )


def _hint(exc: yaml.MarkedYAMLError, lines: Sequence[str]) -> str:
    """What the commonest slips PyYAML reports in its own words mean for a pack: a tab
    that indents, a value that starts with a character YAML reserves, a ``: `` inside
    a value (read as the start of a mapping)."""
    problem = _position(exc.problem_mark)
    line = lines[problem[0] - 1] if problem is not None and 1 <= problem[0] <= len(lines) else ""
    found = line[problem[1] - 1 : problem[1]] if problem is not None else ""
    if found == "\t" or "tab character" in (exc.problem or ""):
        return "; tabs cannot indent YAML: indent with spaces"
    if found in _RESERVED and "cannot start any token" in (exc.problem or ""):
        return f"; a value cannot start with '{found}' in YAML: quote the value"
    before = line[: problem[1] - 1] if problem is not None else ""
    if (exc.problem or "").startswith("mapping values are not allowed") and ": " in before:
        return "; a ': ' inside a value starts a mapping in YAML: quote the value"
    if (exc.context or "").startswith("while parsing a flow"):
        # [Story #1, Zzz]: the comment took the rest of the line, the closing bracket too
        context = _position(exc.context_mark)
        opened = lines[context[0] - 1][context[1] :] if context and 1 <= context[0] <= len(lines) else ""
        if " #" in opened:
            return (
                "; ' #' inside [...] or {...} starts a comment in YAML, which takes the rest"
                " of the line: quote the value"
            )
    return ""


_RESERVED = ("@", "`")
_EXCERPT = 120  # characters of a long line shown, around the column: a line may be 100 MB


def excerpt(lines: Sequence[str], *numbers: int | None, column: int | None = None) -> str | None:
    """The lines numbered ``numbers`` (from 1) as a pack error shows them; a line longer
    than :data:`_EXCERPT` characters is cut to that many around ``column``."""
    shown = [
        f"  {n:>4} | {_around(lines[n - 1], column)}"
        for n in numbers
        if n is not None and 1 <= n <= len(lines)
    ]
    return "\n".join(shown) or None


def comment_cut(lines: Sequence[str], end: Mark | None) -> Mark | None:
    """Where a comment starts right after an unquoted text that ends at ``end``: one
    space, then ``#``. YAML takes that for a comment, so ``prefix: Story #1`` is the
    prefix ``Story``, silently; two spaces or more read as a comment meant (yamllint's
    convention), and a quoted text never ends so."""
    if end is None or not 1 <= end[0] <= len(lines):
        return None
    rest = lines[end[0] - 1][end[1] - 1 :]
    return (end[0], end[1] + 1) if rest.startswith(" #") else None


def as_written(text: str) -> str:
    """``text`` quoted as a pack would write it, for a message: ``'^\\d+'`` (as in the
    file), not Python's ``'^\\\\d+'``, which a search of the pack does not find. Text
    that no quotes could show as it is (a line break, a control character) keeps
    Python's escapes."""
    if not text.isprintable():
        return repr(text)
    return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"


def _around(text: str, column: int | None) -> str:
    if len(text) <= _EXCERPT:
        return text
    start = min(max(0, (column or 1) - 1 - _EXCERPT // 2), len(text) - _EXCERPT)
    end = start + _EXCERPT
    return f"{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}"


def _position(mark: yaml.Mark | None) -> Mark | None:
    return None if mark is None else (mark.line + 1, mark.column + 1)


def _elsewhere(mark: Mark | None, at: Mark | None) -> str:
    return "" if mark is None or mark == at else f" at line {mark[0]}, column {mark[1]}"


def _open_quote(text: str, problem: yaml.Mark) -> tuple[Mark, int] | None:
    """Where a quoted text that spans lines and ends on the problem's line opens, and
    that line's number: PyYAML's tokens, read again up to the problem."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= problem.index:
                break
            start, end = token.start_mark, token.end_mark
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and start.line < end.line:
                found = ((start.line + 1, start.column + 1), end.line + 1)
    except yaml.YAMLError:
        pass  # the tokens up to the error are all there is to read
    if found is None or found[1] != problem.line + 1:
        return None
    return found

"""The review page (``--report FILE.html``): what each rule removed, for a person to judge.

One static HTML file: inline CSS, no script, nothing fetched (its Content-Security-Policy
forbids every outside resource), so it opens from disk, from a CI artifact or from an
e-mail alike. Per rule, ranked by the documents it hit: its id, where it is written
(``pack.yaml:line``), its description, the documents, lines and characters it removed
(the figures of ``--stats``), what it matches and its examples, then the first
samples of its removals in context (:mod:`cleaner.report.samples`), each rule's
removals in a colour of its own. Rules that removed nothing are listed at the end.

Learned rules carry their evidence in their ``description``, which the page shows as
written, line breaks kept; any other caller renders a page with :func:`write_report`.
Every piece of text from the documents or the packs is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path

from cleaner.engine.run import PRUNED_LINE
from cleaner.errors import WriteError
from cleaner.io.files import write_atomic
from cleaner.packs.model import Pack, Rule
from cleaner.report.samples import Sample, Samples, ShownLine
from cleaner.report.stats import RuleCount, Stats, plural

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:75em;padding:0 1em}
body{color:#1d1d1f;background:#fff}
h1{font-size:1.6em;margin:0 0 .3em}h2{font-size:1.2em;margin:0 0 .3em}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0645ad}code,pre{font:13px/1.4 ui-monospace,monospace}
section.rule{border:1px solid #ccc;border-radius:6px;padding:.8em 1em;margin:1.2em 0}
.meta{color:#555;margin:.2em 0}.desc{white-space:pre-wrap;margin:.4em 0}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.4em;vertical-align:-.1em}
.sample{margin:.6em 0}.from{color:#555;font-size:.9em}
pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:.4em .6em;margin:.2em 0}
pre{overflow-x:auto;white-space:pre-wrap}
pre .n{color:#999;user-select:none}pre .hit{font-weight:bold}
mark{color:inherit;border-radius:2px;outline:1px solid #0002}
.cut{color:#999}
"""
# default-src 'none': no script, font, image or connection; only the inline style runs.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def write_report(
    path: str | Path,
    packs: Sequence[Pack],
    stats: Stats,
    samples: Samples,
    *,
    title: str = "cleaner: review of the removals",
) -> None:
    """Write the review page of a run to ``path``, atomically; a failed write is a
    :class:`WriteError` naming ``path``.

    ``packs`` are the rules the page describes (every one of them is listed, those
    that removed nothing at the end); ``stats`` and ``samples`` are what they
    removed. A command that cleans documents gets all three from its ledger
    without calling this: ``open_ledger(LedgerOptions(report=path), output, packs)``,
    then ``ledger.note(record, result)`` per document (or ``absorb`` of the tallies
    of worker blocks) writes the page when the run ends. A caller with no run
    (rules just learned) passes ``Stats()`` and ``Samples()``: the page then lists
    the rules with their descriptions, where a learned rule says its evidence."""
    page = render_report(packs, stats, samples, title=title)
    try:
        write_atomic(path, page.encode("utf-8"))
    except OSError as exc:
        raise WriteError(str(path), exc.strerror or str(exc)) from exc


def render_report(
    packs: Sequence[Pack], stats: Stats, samples: Samples, *, title: str = "cleaner: review of the removals"
) -> str:
    """The page as a string (pure: the same figures make the same bytes)."""
    rules = {rule.id: (rule, pack) for pack in packs for rule in pack.rules}
    ranked = sorted(stats.rules.items(), key=lambda item: (-item[1].documents, -item[1].chars, item[0]))
    colours = {rule_id: index for index, (rule_id, _) in enumerate(ranked)}
    idle = [rule for rule_id, (rule, _) in rules.items() if rule_id not in stats.rules]
    parts = [_head(title, len(ranked)), f"<h1>{escape(title)}</h1>", _totals(stats, len(ranked), len(idle))]
    parts += _rule_table(ranked, rules, colours)
    for rule_id, count in ranked:
        parts += _rule_section(rule_id, count, rules.get(rule_id), samples.by_rule.get(rule_id, []), colours)
    parts += _idle_section(idle)
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _head(title: str, colours: int) -> str:
    # Rule n's colour: hues a golden angle apart, so neighbours in the ranking differ most.
    palette = "".join(f".r{i}{{background:hsl({i * 137.508 % 360:.1f},85%,78%)}}" for i in range(colours))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}{palette}\n</style>\n</head>\n<body>"
    )


def _totals(stats: Stats, hit: int, idle: int) -> str:
    return (
        f'<p class="meta">{stats.summary()}. {plural(hit, "rule")} removed text, {idle} removed nothing.</p>'
    )


def _rule_table(
    ranked: list[tuple[str, RuleCount]], rules: dict[str, tuple[Rule, Pack]], colours: dict[str, int]
) -> list[str]:
    if not ranked:
        return []
    rows = [
        '<table class="rules">',
        '<thead><tr><th>rule</th><th>written at</th><th class="n">documents</th><th class="n">lines</th>'
        '<th class="n">characters</th><th>description</th></tr></thead>',
        "<tbody>",
    ]
    for rule_id, count in ranked:
        rule = rules[rule_id][0] if rule_id in rules else None
        rows.append(
            f'<tr><td><span class="sw r{colours[rule_id]}"></span>'
            f'<a href="#{_anchor(rule_id)}">{escape(rule_id)}</a></td>'
            f"<td><code>{escape(_where(rule))}</code></td>"
            f'<td class="n">{count.documents}</td><td class="n">{count.lines}</td>'
            f'<td class="n">{count.chars}</td><td>{escape(_first_line(rule))}</td></tr>'
        )
    rows += ["</tbody>", "</table>"]
    return rows


def _rule_section(
    rule_id: str,
    count: RuleCount,
    found: tuple[Rule, Pack] | None,
    samples: list[Sample],
    colours: dict[str, int],
) -> list[str]:
    parts = [
        f'<section class="rule" id="{_anchor(rule_id)}">',
        f'<h2><span class="sw r{colours[rule_id]}"></span>{escape(rule_id)}</h2>',
        f'<p class="meta">{plural(count.documents, "document")}, {plural(count.lines, "line")}, '
        f"{plural(count.chars, 'character')} removed</p>",
    ]
    if found is not None:
        parts += _rule_details(*found)
    parts += [_sample(sample, colours) for sample in samples]
    parts.append("</section>")
    return parts


def _rule_details(rule: Rule, pack: Pack) -> list[str]:
    scope = ", ".join(pack.sources) if pack.sources else "generic"
    parts = [
        f'<p class="meta"><code>{escape(_where(rule))}</code> · pack {escape(pack.name)} '
        f"({escape(scope)}) · {escape(rule.action.value)} {escape(_matches(rule))}</p>"
    ]
    if rule.description:
        parts.append(f'<p class="desc">{escape(rule.description)}</p>')
    examples = [("remove", e) for e in rule.examples.remove] + [("keep", e) for e in rule.examples.keep]
    if examples:
        items = "".join(f"<li>{kind}: <code>{escape(text)}</code></li>" for kind, text in examples)
        parts.append(f"<details><summary>{len(examples)} examples</summary><ul>{items}</ul></details>")
    return parts


def _sample(sample: Sample, colours: dict[str, int]) -> str:
    record = f"input line {sample.record}" if sample.by_line else f"record {sample.record}"
    width = len(str(sample.lines[-1].number)) if sample.lines else 1
    lines = "\n".join(_line(shown, width, shown.number == sample.line, colours) for shown in sample.lines)
    where = "a node pruned from the page" if sample.line == PRUNED_LINE else f"line {sample.line} of its text"
    return f'<div class="sample"><div class="from">{escape(record)}, {where}</div><pre>{lines}</pre></div>'


def _line(shown: ShownLine, width: int, hit: bool, colours: dict[str, int]) -> str:
    number = f'<span class="n">{shown.number if shown.number != PRUNED_LINE else "":>{width}} </span>'
    body = "".join(_pieces(shown, colours))
    before = '<span class="cut">…</span>' if shown.offset else ""
    after = '<span class="cut">…</span>' if shown.cut else ""
    return f"{number}<span{' class=hit' if hit else ''}>{before}{body}{after}</span>"


def _pieces(shown: ShownLine, colours: dict[str, int]) -> Iterator[str]:
    """The line's text, each removed span in a <mark> of its rule's colour (where two
    removals overlap, the one that starts first colours the overlap)."""
    at = 0
    for mark in sorted(shown.marks):
        start = max(mark.start, at)
        if mark.end <= start:
            continue
        yield escape(shown.text[at:start])
        colour = colours.get(mark.rule_id)
        css = f' class="r{colour}"' if colour is not None else ""
        yield f'<mark{css} title="{escape(mark.rule_id)}">{escape(shown.text[start : mark.end])}</mark>'
        at = mark.end
    yield escape(shown.text[at:])


def _idle_section(idle: list[Rule]) -> list[str]:
    if not idle:
        return []
    rows = "".join(
        f"<tr><td>{escape(rule.id)}</td><td><code>{escape(_where(rule))}</code></td>"
        f"<td>{escape(_first_line(rule))}</td></tr>"
        for rule in idle
    )
    return [
        '<section id="idle"><h2>Rules that removed nothing</h2>',
        f"<table><thead><tr><th>rule</th><th>written at</th><th>description</th></tr></thead><tbody>{rows}"
        "</tbody></table></section>",
    ]


def _anchor(rule_id: str) -> str:
    return "rule-" + escape(rule_id)


def _where(rule: Rule | None) -> str:
    if rule is None:
        return "?"
    return f"{rule.path}:{rule.line}" if rule.line else rule.path


def _first_line(rule: Rule | None) -> str:
    return rule.description.split("\n", 1)[0] if rule is not None else ""


def _matches(rule: Rule) -> str:
    """What the rule looks for, as written in its pack."""
    if rule.selectors:
        return "selector " + " | ".join(rule.selectors)
    pieces = []
    for name, matcher in (("", rule.matcher), ("end ", rule.end)):
        if matcher is not None:
            pieces.append(f"{name}{matcher.kind} " + " | ".join(f'"{value}"' for value in matcher.values))
    return "; ".join(pieces)

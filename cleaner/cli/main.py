"""The command line: declares options and dispatches; the work is in the modules beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from cleaner.api import Cleaner, PackSource, require_html
from cleaner.cli.clean import CleanOptions, Format, Mode, clean
from cleaner.cli.config import (
    ConfigOption,
    command_defaults,
    current_config,
    from_config,
    on_command_line,
    options_named,
    show_config,
)
from cleaner.cli.errorhandler import run_guarded
from cleaner.engine.budget import DOCUMENT_TIMEOUT_FACTOR
from cleaner.engine.run import DEFAULT_TIMEOUT
from cleaner.errors import SettingError
from cleaner.html.limits import HtmlLimits
from cleaner.io.config import KEYS, is_encoding
from cleaner.io.discovery import DEFAULT_INCLUDE, Excludes, WalkOptions
from cleaner.io.jsonl import MAX_LINE
from cleaner.io.output import Output
from cleaner.report.ledger import DEFAULT_MAX_LOSS, LedgerOptions
from cleaner.scan.translations import UserTranslations

app = typer.Typer(
    help="Strip boilerplate (promo lines, social calls, related-article tails) from article text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts are plain: "[tool.cleaner]" and "[default: ...]" are words
)
DISTRIBUTION = "boilerplate-cleaner"  # the name on the package index ("cleaner" there is another project)


def _print_version(value: bool) -> None:
    if value:
        from importlib import metadata

        typer.echo(f"cleaner {metadata.version(DISTRIBUTION)} ({DISTRIBUTION})")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    pass


rules_app = typer.Typer(help="Inspect and validate rule packs.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")

RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", "-r", help="Extra pack file or folder of packs (repeatable)."),
]
NoDefaultsOption = Annotated[bool, typer.Option("--no-defaults", help="Leave out the bundled packs.")]
DisableOption = Annotated[
    list[str] | None,
    typer.Option("--disable", help="Leave out a rule (by id) or a whole pack (by name); repeatable."),
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        help="Seconds one pattern may run on one line (per million characters).",
        min=KEYS["timeout"].low,
        max=KEYS["timeout"].high,
    ),
]
DocumentTimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--document-timeout",
        help=f"Seconds all patterns may run on one document [default: {DOCUMENT_TIMEOUT_FACTOR} x "
        "--timeout per 100,000 characters].",
        min=KEYS["document-timeout"].low,
        max=KEYS["document-timeout"].high,
    ),
]
HtmlTimeoutOption = Annotated[
    float,
    typer.Option(
        "--html-timeout",
        min=0.1,
        max=KEYS["timeout"].high,
        help="Seconds one HTML page may take to parse and extract.",
    ),
]
HtmlMaxMbOption = Annotated[
    int, typer.Option("--html-max-mb", min=1, help="Larger HTML pages are skipped, named, unparsed.")
]
HtmlMaxDepthOption = Annotated[
    int, typer.Option("--html-max-depth", min=1, help="HTML nested deeper is skipped, named, unparsed.")
]
HtmlMaxTagsOption = Annotated[
    int, typer.Option("--html-max-tags", min=1, help="HTML with more start tags is skipped, named, unparsed.")
]
StatsOption = Annotated[
    bool, typer.Option("--stats", help="At the end, per rule: documents hit, lines and characters removed.")
]
StatsJsonOption = Annotated[
    Path | None, typer.Option("--stats-json", help="Write the statistics as JSON to this file.")
]
AuditOption = Annotated[
    Path | None, typer.Option("--audit", help="Write one JSON line per removal (and per flagged document).")
]
ReportOption = Annotated[
    Path | None,
    typer.Option("--report", help="Write a review page (HTML): per rule its counts and samples in context."),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", "-j", min=KEYS["workers"].low, help="Worker processes (default: one per core)."
    ),
]
MaxLossOption = Annotated[
    float,
    typer.Option(
        "--max-loss",
        min=KEYS["max-loss"].low,
        max=KEYS["max-loss"].high,
        help="Flag (never refuse) documents losing more than this share of words.",
    ),
]


HTML_LIMITS = HtmlLimits()


def _finish(command: object, output: Output) -> None:
    code = run_guarded(command, output)  # type: ignore[arg-type]
    raise typer.Exit(code)


def _cleaner(
    ctx: typer.Context,
    rules: Sequence[PackSource] | None,
    no_defaults: bool,
    timeout: float,
    document_timeout: float | None = None,
    disable: list[str] | None = None,
    html: HtmlLimits | None = None,
) -> Cleaner:
    with options_named(ctx):
        return Cleaner(
            rules or (),
            defaults=not no_defaults,
            disable=disable or (),
            timeout=timeout,
            document_timeout=document_timeout,
            translations=UserTranslations(),
            html_limits=html,
        )


def _known_encoding(value: str) -> str:
    """An unknown encoding is one usage error before any file is read, not one per file."""
    if not is_encoding(value):
        raise typer.BadParameter(f"unknown encoding {value!r}")
    return value


def _html_limits(timeout: float, max_mb: int, max_depth: int, max_tags: int) -> HtmlLimits:
    return replace(
        HTML_LIMITS, timeout=timeout, max_bytes=max_mb << 20, max_depth=max_depth, max_tags=max_tags
    )


@app.command("clean")
def clean_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or folders to clean; '-' for stdin.")],
    rules: RulesOption = None,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="URL or domain: also use its site packs.")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="List every removal on stderr: line, rule, text.")
    ] = False,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite changed files.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any file would change.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff; write nothing.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Treat every input as HTML.")] = False,
    text: Annotated[bool, typer.Option("--text", help="Treat every input as plain text.")] = False,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Glob for files inside folders.")
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            help="gitignore pattern of paths to leave out: 'drafts' anywhere, 'docs/drafts/*' from the "
            "folder walked or the working directory (repeatable).",
        ),
    ] = None,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            callback=_known_encoding,
            help="Encoding of text files; given on the command line, also of HTML pages (over their own).",
        ),
    ] = "utf-8",
    errors: Annotated[
        str, typer.Option("--errors", help="Undecodable bytes: strict (skip the file) or replace.")
    ] = "strict",
    no_defaults: NoDefaultsOption = False,
    disable: DisableOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    document_timeout: DocumentTimeoutOption = None,
    stats: StatsOption = False,
    stats_json: StatsJsonOption = None,
    audit: AuditOption = None,
    max_loss: MaxLossOption = DEFAULT_MAX_LOSS,
    report: ReportOption = None,
    config: ConfigOption = None,
    html_timeout: HtmlTimeoutOption = HTML_LIMITS.timeout,
    html_max_mb: HtmlMaxMbOption = HTML_LIMITS.max_bytes >> 20,
    html_max_depth: HtmlMaxDepthOption = HTML_LIMITS.max_depth,
    html_max_tags: HtmlMaxTagsOption = HTML_LIMITS.max_tags,
) -> None:
    """Clean documents: print the result, or rewrite, check or diff files."""

    output = Output()
    if sum((in_place, check, diff)) > 1 or (html and text):
        raise typer.BadParameter("choose one of --in-place, --check, --diff; and --html or --text")
    if html and (in_place or check or diff):
        raise typer.BadParameter("--html: HTML is input, never rewritten; --html only prints cleaned text")
    if errors not in ("strict", "replace"):
        raise typer.BadParameter("--errors must be 'strict' or 'replace'")
    mode = Mode.IN_PLACE if in_place else Mode.CHECK if check else Mode.DIFF if diff else Mode.PRINT
    options = CleanOptions(
        mode=mode,
        source=source,
        explain=explain,
        format=Format.HTML if html else Format.TEXT if text else Format.AUTO,
        encoding=encoding,
        errors=errors,
        page_encoding=encoding if on_command_line(ctx, "encoding") else None,
        walk=WalkOptions(
            include=tuple(include) if include else DEFAULT_INCLUDE,
            exclude=Excludes(  # the config's patterns are relative to its folder
                tuple(exclude or ()), current_config(ctx).folder if from_config(ctx, "exclude") else None
            ),
        ),
        ledger=LedgerOptions(stats, stats_json, audit, max_loss, report),
    )
    _finish(
        lambda: clean(
            paths,
            _cleaner(
                ctx,
                rules,
                no_defaults,
                timeout,
                document_timeout,
                disable,
                _html_limits(html_timeout, html_max_mb, html_max_depth, html_max_tags),
            ),
            options,
            output,
        ),
        output,
    )


@app.command("batch")
def batch_command(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(metavar="IN", help="JSONL of records: plain, gzip, zstd, xz or bz2; '-' for stdin."),
    ],
    out: Annotated[
        str,
        typer.Option("--output", "-o", help="Where the cleaned JSONL goes ('.gz': compressed; '-': stdout)."),
    ] = "-",
    text_field: Annotated[str, typer.Option("--text-field", help="Field with the text to clean.")] = "text",
    html_field: Annotated[
        str | None,
        typer.Option("--html-field", help="Field with HTML; its cleaned text goes in --text-field."),
    ] = None,
    url_field: Annotated[
        str, typer.Option("--url-field", help="Field with the URL (selects site packs).")
    ] = "url",
    id_field: Annotated[str, typer.Option("--id-field", help="Field naming the record in --audit.")] = "id",
    workers: WorkersOption = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write records that failed (JSONL: line, reason, raw line)."),
    ] = None,
    rules: RulesOption = None,
    no_defaults: NoDefaultsOption = False,
    disable: DisableOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    document_timeout: DocumentTimeoutOption = None,
    stats: StatsOption = False,
    stats_json: StatsJsonOption = None,
    audit: AuditOption = None,
    max_loss: MaxLossOption = DEFAULT_MAX_LOSS,
    report: ReportOption = None,
    config: ConfigOption = None,
    learn: Annotated[
        bool,
        typer.Option("--learn", help="First learn site packs from IN (one more read), then clean with them."),
    ] = False,
    html_timeout: HtmlTimeoutOption = HTML_LIMITS.timeout,
    html_max_mb: HtmlMaxMbOption = HTML_LIMITS.max_bytes >> 20,
    html_max_depth: HtmlMaxDepthOption = HTML_LIMITS.max_depth,
    html_max_tags: HtmlMaxTagsOption = HTML_LIMITS.max_tags,
    max_line_mb: Annotated[
        int,
        typer.Option(
            "--max-line-mb", min=1, help="A longer line is an error for that line (not read whole)."
        ),
    ] = MAX_LINE >> 20,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume/--no-resume", help="Go on where an unfinished run of the same command stopped."
        ),
    ] = True,
) -> None:
    """Clean a stream of JSON records, one per line, keeping their order and other fields."""
    from cleaner.batch.records import Fields
    from cleaner.batch.workers import default_workers
    from cleaner.cli.batch import BatchOptions, batch
    from cleaner.cli.learn import LearnOptions, learned_packs, without_relearned
    from cleaner.packs.loader import load_packs
    from cleaner.packs.model import Pack

    output = Output()

    def command() -> int:
        if html_field is not None:
            require_html()  # a missing html extra is one clear error, not one per record
        given: list[PackSource] = list(rules or [])
        extra: list[Pack] = []
        html = _html_limits(html_timeout, html_max_mb, html_max_depth, html_max_tags)
        if learn:  # --rules loaded first: a broken pack stops the run before the learning pass
            loaded = load_packs(given)
            # pages are learned from as the batch will extract them: its prune rules and limits
            extractor = (
                _cleaner(ctx, loaded, no_defaults, timeout, document_timeout, disable, html)
                if html_field is not None
                else None
            )
            extra = learned_packs(source, LearnOptions(options.fields, options.workers), output, extractor)
            given = without_relearned(loaded, extra, output)
        cleaner = _cleaner(ctx, [*given, *extra], no_defaults, timeout, document_timeout, disable, html)
        return batch(source, cleaner, options, output)

    try:
        fields = Fields(text=text_field, html=html_field, url=url_field, id=id_field)
    except SettingError as exc:  # field names that cannot go together: a usage error, exit 2
        raise typer.BadParameter(str(exc)) from exc
    options = BatchOptions(
        output=out,
        fields=fields,
        workers=workers or default_workers(),
        errors=errors,
        ledger=LedgerOptions(stats, stats_json, audit, max_loss, report),
        max_line=max_line_mb << 20,
        resume=resume,
    )
    if learn and source == "-":
        raise typer.BadParameter("--learn reads IN twice: give a file, not '-'")

    _finish(command, output)


@app.command("learn")
def learn_command(
    source: Annotated[
        str,
        typer.Argument(
            metavar="CORPUS", help="JSONL of records: plain, gzip, zstd, xz or bz2; '-' for stdin."
        ),
    ],
    out: Annotated[Path, typer.Option("--output", "-o", help="Folder for the learned packs, one per site.")],
    text_field: Annotated[str, typer.Option("--text-field", help="Field with the page's text.")] = "text",
    html_field: Annotated[
        str | None,
        typer.Option("--html-field", help="Field with HTML: learn from the body extracted from it."),
    ] = None,
    url_field: Annotated[
        str, typer.Option("--url-field", help="Field with the URL (names the site).")
    ] = "url",
    workers: WorkersOption = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write a review page (HTML) of the learned rules and their evidence."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Learn each site's repeated lines from a JSONL corpus; write one site pack per site."""
    from cleaner.batch.records import Fields
    from cleaner.batch.workers import default_workers
    from cleaner.cli.learn import LearnOptions, learn

    output = Output()
    options = LearnOptions(
        Fields(text=text_field, html=html_field, url=url_field), workers or default_workers(), report=report
    )

    def command() -> int:
        if html_field is not None:
            require_html()  # a missing html extra is one clear error, not one per record
        return learn(source, out, options, output)

    _finish(command, output)


@rules_app.command("list")
def rules_list_command(
    ctx: typer.Context,
    rules: RulesOption = None,
    no_defaults: NoDefaultsOption = False,
    disable: DisableOption = None,
    config: ConfigOption = None,
) -> None:
    """List packs and rules with their scope and description (those a run would use)."""
    from cleaner.cli.rules_list import rules_list

    output = Output()
    _finish(
        lambda: rules_list(_cleaner(ctx, rules, no_defaults, DEFAULT_TIMEOUT, disable=disable), output),
        output,
    )


@rules_app.command("check")
def rules_check_command(
    ctx: typer.Context,
    rules: RulesOption = None,
    no_defaults: NoDefaultsOption = False,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    config: ConfigOption = None,
) -> None:
    """Validate and compile packs and run every rule's examples."""
    from cleaner.cli.rules_check import rules_check

    output = Output()
    _finish(
        lambda: rules_check(
            rules or (), defaults=not no_defaults, timeout=timeout, output=output, config=current_config(ctx)
        ),
        output,
    )


@app.command("config")
def config_command(ctx: typer.Context, config: ConfigOption = None) -> None:
    """Show the settings in force here and where each comes from (a config file or the default)."""
    defaults = {**command_defaults(typer.main.get_group(app)), "include": list(DEFAULT_INCLUDE)}
    output = Output()
    _finish(lambda: show_config(current_config(ctx), defaults, output), output)


def main() -> None:
    """Console-script entry point."""
    app()

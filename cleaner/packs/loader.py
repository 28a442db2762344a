"""Read rule packs from YAML, validate them, and build :class:`~cleaner.packs.model.Pack` values.

YAML is loaded keeping the line and column of every key and list item
(:mod:`cleaner.packs.located`), so each error can say ``file:line:col`` and show
the offending line, as Vale does. Validation is the
JSON schema in :mod:`cleaner.packs.schema`; what a schema says badly (exactly one
action, exactly one matcher, options that belong to another action) is checked
here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import fastjsonschema
import yaml

from cleaner.errors import InputError, RuleError
from cleaner.io.files import decode
from cleaner.packs import schema
from cleaner.packs.hosts import pack_source
from cleaner.packs.located import Located, LocatedList, load_located
from cleaner.packs.model import (
    CUT_ACTIONS,
    MATCHER_KINDS,
    Action,
    Examples,
    Matcher,
    Pack,
    Position,
    ProseStop,
    Rule,
)
from cleaner.packs.schema_problems import every_schema_error
from cleaner.packs.syntax import as_written, comment_cut, excerpt, yaml_error

PACK_SUFFIXES = (".yaml", ".yml")


def pack_validator() -> Any:
    """The compiled pack schema (~13 ms to build): made once by whoever loads many packs,
    and passed to :func:`parse_pack`. Not cached in a module global."""
    return fastjsonschema.compile(schema.PACK)


def default_rules_dir() -> Path:
    """The bundled packs: inside the installed package, or ``rules/`` of a checkout."""
    here = Path(__file__).resolve().parent.parent  # the cleaner package
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def pack_files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders of packs into pack files, folders sorted by name.

    A file reached twice (``rules`` and ``./rules/``, a folder and a file in it) is one
    pack, kept where it came first: loaded twice, its every rule id was "given twice"
    at its own place. Files are told apart by device and inode (a symlink or a hard
    link to a pack is that pack), as documents are by their real path."""
    files: dict[tuple[int, int] | Path, Path] = {}
    for raw in _one_or_many(paths):
        if not str(raw).strip():  # Path("") is ".": every YAML file below the working folder
            raise RuleError("an empty name is no rule pack file or folder", path=repr(str(raw)))
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in PACK_SUFFIXES and p.is_file())
        elif path.is_file():
            found = [path]
        else:
            raise RuleError("no such rule pack file or folder", path=str(path))
        for file in found:
            try:
                status = file.stat()
                key: tuple[int, int] | Path = (status.st_dev, status.st_ino)
            except OSError:  # read later, and reported there
                key = file.resolve()
            files.setdefault(key, file)
    return list(files.values())


def _one_or_many(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[str | os.PathLike[str]]:
    """One path is one (not its letters); bytes are no path here, as in ``Cleaner``."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    if isinstance(paths, bytes | bytearray) or not isinstance(paths, Iterable):
        raise TypeError(
            f"paths must be a pack file or folder (str or Path), or several, not {type(paths).__name__}"
        )
    items = list(paths)
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise TypeError(f"paths must be pack files or folders (str or Path), not {type(item).__name__}")
    return items


def load_packs(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Pack]:
    """Load every pack under ``paths`` (one file or folder, or several)."""
    files = pack_files(paths)
    if not files:  # compiling the validator costs ~13 ms: not for nothing (no --rules given)
        return []
    validate = pack_validator()
    return [load_pack(path, validate=validate) for path in files]


def load_each(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Pack], list[RuleError]]:
    """Every pack under ``paths`` that loads, and every problem of each that does not:
    ``rules check`` reports them all, not only the first of a folder or of a pack."""
    files = pack_files(paths)
    validate = pack_validator() if files else None
    packs, errors = [], []
    for path in files:
        pack, problems = read_pack_file(path, validate=validate)
        errors += problems
        if pack is not None:
            packs.append(pack)
    return packs, errors


def load_pack(path: str | Path, *, validate: Any = None) -> Pack:
    """Load and validate one pack file; a broken one raises its first problem."""
    pack, problems = read_pack_file(path, validate=validate)
    if pack is None:
        raise problems[0]
    return pack


# UTF-32 first: its little-endian mark starts as UTF-16's does
_WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_pack_file(path: str | Path, *, validate: Any = None) -> tuple[Pack | None, list[RuleError]]:
    """The pack in the file at ``path``, or every problem found in it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [RuleError(f"cannot read rule pack: {exc}", path=str(path))]
    wide = next((name for mark, name in _WIDE_MARKS if data.startswith(mark)), None)
    if wide is not None:  # Windows editors save so: every byte would be wrong as UTF-8
        return None, [
            RuleError(f"is {wide} (it starts with its byte-order mark): save it as UTF-8", path=str(path))
        ]
    try:
        text = decode(data, str(path), sniff=False).text
    except InputError as exc:  # at the byte, as a document's is: "not valid utf-8: byte 0xe9"
        lines = data.decode("utf-8", "replace").splitlines()
        problem = exc.problem.partition(" (")[0]  # without the hint to the options of `clean`
        where = {"path": str(path), "line": exc.line, "column": exc.column}
        return None, [RuleError(problem, **where, excerpt=excerpt(lines, exc.line))]  # type: ignore[arg-type]
    return read_pack(text, path=str(path), validate=validate, default_name=path.stem)


def parse_pack(
    text: str, *, path: str = "<memory>", validate: Any = None, default_name: str = "pack"
) -> Pack:
    """Parse the YAML text of one pack; a problem carries ``path`` and the line (the
    first problem, where there are several)."""
    pack, problems = read_pack(text, path=path, validate=validate, default_name=default_name)
    if pack is None:
        raise problems[0]
    return pack


def read_pack(
    text: str, *, path: str = "<memory>", validate: Any = None, default_name: str = "pack"
) -> tuple[Pack | None, list[RuleError]]:
    """The pack in ``text``, or every problem found in it, in the order of the file: a
    YAML syntax error alone (nothing after it can be read), else each the schema finds,
    and what the rules it finds none in get wrong."""
    lines = text.splitlines()
    try:
        data = load_located(text)
    except yaml.MarkedYAMLError as exc:
        return None, [yaml_error(exc, text, path, lines)]
    except yaml.YAMLError as exc:
        return None, [RuleError(f"invalid YAML: {exc}", path=path)]
    if data is None:
        return None, [RuleError("empty rule pack: expected a mapping with 'rules'", path=path)]
    schema_problems = every_schema_error(validate or pack_validator(), data, path, lines)
    problems = schema_problems.errors
    if not schema_problems.readable:  # no mapping with a list of rules: nothing more to read
        return None, problems
    builder = _PackBuilder(data, path, lines)
    rules = builder.rules(skip=schema_problems.rules, problems=problems)
    pack = None if schema_problems.own_keys else builder.build(default_name, rules, problems)
    return (None, sorted(problems, key=_place)) if problems else (pack, [])


def _place(error: RuleError) -> tuple[int, int]:
    return error.line or 0, error.column or 0


class _PackBuilder:
    """Turns one validated YAML mapping into a Pack, locating every error."""

    def __init__(self, data: Located, path: str, lines: Sequence[str]) -> None:
        self.data = data
        self.path = path
        self.lines = lines
        self.notes: list[str] = []  # the warnings of the rule being built (check_comment)

    def error(
        self, message: str, node: Located, key: str | None = None, *, rule: Located | None = None
    ) -> RuleError:
        """The error at ``key`` of ``node`` (else its first key), naming the rule ``rule``
        (default: ``node`` itself) when it has an id."""
        mark = node.marks.get(key) if key else None
        if mark is None and node.marks:
            mark = min(node.marks.values())
        rule = node if rule is None else rule
        return self.located(message, mark, rule.get("id") if isinstance(rule.get("id"), str) else None)

    def located(self, message: str, mark: tuple[int, int] | None, rule_id: str | None = None) -> RuleError:
        """The error at ``mark`` (line, column), with the line shown."""
        line, column = mark if mark else (None, None)
        return RuleError(
            message,
            path=self.path,
            line=line,
            column=column,
            rule_id=rule_id,
            excerpt=excerpt(self.lines, line, column=column),
        )

    def rules(self, *, skip: set[int], problems: list[RuleError]) -> tuple[Rule, ...]:
        """Each rule but those of ``skip`` (which the schema refused); the problem of each
        that has one goes to ``problems``."""
        raw_rules = self.data["rules"]
        rules = []
        for i, raw in enumerate(raw_rules):
            if i in skip:
                continue
            try:
                rules.append(self.rule(raw, raw_rules.marks[i][0]))
            except RuleError as exc:
                problems.append(exc)
        return tuple(rules)

    def build(self, default_name: str, rules: tuple[Rule, ...], problems: list[RuleError]) -> Pack | None:
        """The pack of ``rules``, or None with what is wrong with its own keys in ``problems``."""
        try:
            sources, disable = self.sources(), self.disable()
        except RuleError as exc:
            problems.append(exc)
            return None
        return Pack(
            name=self.data.get("pack", default_name),
            rules=rules,
            description=self.data.get("description", ""),
            sources=sources,
            path=self.path,
            **disable,
        )

    def sources(self) -> tuple[str, ...]:
        """Each ``sources`` entry read as a document's source is (a URL, a port, upper
        case…): what would never match is an error at the entry."""
        entries = self.data.get("sources", LocatedList())
        marks = getattr(entries, "marks", [None] * len(entries))
        hosts = []
        for number, (entry, mark) in enumerate(zip(entries, marks, strict=True), start=1):
            try:
                hosts.append(pack_source(entry))
            except ValueError as exc:
                raise self.located(f"item {number} of 'sources' {exc}", mark) from exc
        return tuple(hosts)

    def disable(self) -> dict[str, Any]:
        """The ``disable`` list and the line of each entry; only a site pack has one."""
        names = self.data.get("disable", LocatedList())
        if names and not self.data.get("sources"):
            raise self.error(
                "'disable' needs 'sources': it switches rules off for a site's pages", self.data, "disable"
            )
        marks = tuple(getattr(names, "marks", [None] * len(names)))
        return {"disable": tuple(names), "disable_marks": marks}

    def rule(self, raw: Located, line: int | None) -> Rule:
        actions = [a for a in Action if a.value in raw]
        if len(actions) != 1:
            given = ", ".join(a.value for a in actions) or "none"
            known = ", ".join(a.value for a in Action)
            raise self.error(f"give exactly one action ({known}); found {given}", raw)
        action = actions[0]
        body = raw[action.value]
        self.check_options(raw, action)
        self.notes = []
        examples = raw.get("examples", {})
        fields: dict[str, Any] = {
            "id": raw["id"],
            "action": action,
            "description": raw.get("description", ""),
            "ignore_case": raw.get("ignore-case", False),
            "max_words": raw.get("max-words"),
            "position": Position(raw.get("position", Position.ANY.value)),
            "min_words_before": raw.get("min-words-before", 0),
            "stop_at_prose": self.prose_stop(raw),
            "spare_series": raw.get("spare-series", False),
            **self.introduced(raw),
            "stop_at": self.matcher(raw["stop-at"], raw, "stop-at") if "stop-at" in raw else None,
            "unless": self.matcher(raw["unless"], raw, "unless") if "unless" in raw else None,
            **self.data_rows(raw),
            "examples": Examples(tuple(examples.get("remove", ())), tuple(examples.get("keep", ()))),
            "aliases": tuple(raw.get("aliases", ())),
            "path": self.path,
            "line": line,
            "column": min(raw.marks.values())[1] if raw.marks else None,
        }
        if action is Action.PRUNE:
            fields["selectors"] = _as_tuple(body["selector"])
            fields["keep_sections"] = body.get("keep-sections", False)
            fields["keep_introduced"] = body.get("keep-introduced", False)
        elif action is Action.DROP_BLOCK:
            fields["matcher"] = self.matcher(body["start"], raw, action.value)
            fields["end"] = self.matcher(body["end"], raw, action.value)
            fields["max_lines"] = body.get("max-lines", Rule.max_lines)
        elif action is Action.TRUNCATE_AT_CLUSTER:
            fields.update(self.cluster(body, raw))
        else:
            fields["matcher"] = self.matcher(body, raw, action.value)
        return Rule(**fields, notes=tuple(self.notes))

    def cluster(self, body: Located, raw: Located) -> dict[str, Any]:
        """The fields of a truncate-at-cluster rule; a cluster larger than its window
        could never form, which is a mistake worth naming."""
        fields = {
            "matcher": self.matcher(body["match"], raw, Action.TRUNCATE_AT_CLUSTER.value),
            "min_lines": body.get("min-lines", Rule.min_lines),
            "within_lines": body.get("within-lines", Rule.within_lines),
            "max_run": body.get("max-run"),
        }
        if fields["min_lines"] > fields["within_lines"]:
            raise self.error(
                f"min-lines ({fields['min_lines']}) is more than within-lines ({fields['within_lines']}):"
                " such a cluster never forms",
                body,
                "min-lines",
                rule=raw,
            )
        return fields

    def introduced(self, raw: Located) -> dict[str, Any]:
        """``spare-introduced``: true, or a mapping whose ``labels`` name the lines that
        end with a colon and introduce nothing (a thread's own heading)."""
        body = raw.get("spare-introduced", False)
        if not isinstance(body, dict):
            return {"spare_introduced": body}
        return {
            "spare_introduced": True,
            "introduction_labels": self.matcher(body["labels"], raw, "spare-introduced"),
        }

    def data_rows(self, raw: Located) -> dict[str, Any]:
        """``keep-data-rows``: true, or a mapping whose ``menus`` name the list items that
        are a menu's even under an introduction (one that lists the site's own pages)."""
        body = raw.get("keep-data-rows", False)
        if not isinstance(body, dict):
            return {"keep_data_rows": body}
        return {"keep_data_rows": True, "data_rows_menus": self.matcher(body["menus"], raw, "keep-data-rows")}

    def prose_stop(self, raw: Located) -> ProseStop | None:
        """The guard of a cut; narration and the run at the end count only beside reported
        speech, so without ``speech-words`` they would do nothing, which is worth naming."""
        body = raw.get("stop-at-prose")
        if body is None:
            return None
        for option in ("narration-words", "end-lines"):
            if option in body and "speech-words" not in body:
                raise self.error(
                    f"'{option}' counts only beside lines of reported speech: give 'speech-words' too",
                    body,
                    option,
                    rule=raw,
                )
        for option in ("quoted", "section-words"):
            if option in body and Action.TRUNCATE_AT.value not in raw:
                raise self.error(
                    f"'{option}' applies only to the marker of a truncate-at", body, option, rule=raw
                )
        return _prose_stop(body)

    def matcher(self, body: Located, rule: Located, key: str) -> Matcher:
        kinds = [k for k in MATCHER_KINDS if k in body]
        if len(kinds) != 1:
            known = ", ".join(MATCHER_KINDS)
            raise self.error(f"'{key}' needs exactly one matcher ({known})", rule, key)
        value = body[kinds[0]]
        if isinstance(value, LocatedList):
            marks, ends = value.marks, value.plain_ends
        else:
            marks, ends = [body.value_marks[kinds[0]]], [body.plain_ends[kinds[0]]]
        for text, end in zip(_as_tuple(value), ends, strict=True):
            self.check_comment(kinds[0], text, end, rule)
        return Matcher(kinds[0], _as_tuple(value), tuple(marks))

    def check_comment(self, kind: str, text: str, end: tuple[int, int] | None, rule: Located) -> None:
        """A matcher's unquoted text that YAML ends at " #" is noted for ``rules check`` to
        warn about: ``prefix: Story #1`` matches every line that starts with "Story". Not
        refused: ``prefix: Zzz # the old wording`` is valid YAML, and a comment meant."""
        comment = comment_cut(self.lines, end)
        if comment is None:
            return
        meant = text + self.lines[comment[0] - 1][comment[1] - 2 :]
        note = self.located(
            f"'{kind}': the value ends at ' #', where YAML starts a comment, so it is {as_written(text)},"
            f" not {as_written(meant)}: if the '#' is part of it, quote the value",
            comment,
            rule.get("id") if isinstance(rule.get("id"), str) else None,
        )
        self.notes.append(str(note))

    def check_options(self, raw: Located, action: Action) -> None:
        allowed = {
            "position": (Action.DROP_LINE,),
            "keep-data-rows": (Action.DROP_LINE,),
            "min-words-before": (Action.TRUNCATE_AT, Action.TRUNCATE_AT_CLUSTER),
            "stop-at-prose": CUT_ACTIONS,
            "spare-series": (Action.TRUNCATE_AT_CLUSTER,),
            "spare-introduced": (Action.TRUNCATE_AT_CLUSTER, Action.DROP_LINE, Action.STRIP),
            "stop-at": CUT_ACTIONS,
            "unless": tuple(a for a in Action if a is not Action.PRUNE),
            "max-words": (
                Action.DROP_LINE,
                Action.STRIP,
                Action.TRUNCATE_AT,
                Action.TRUNCATE_AT_CLUSTER,
                Action.PRUNE,
            ),
            "ignore-case": tuple(a for a in Action if a is not Action.PRUNE),
        }
        for option, actions in allowed.items():
            if option in raw and action not in actions:
                names = ", ".join(a.value for a in actions)
                raise self.error(f"'{option}' applies only to {names}", raw, option)


def _prose_stop(raw: Mapping[str, int] | None) -> ProseStop | None:
    if raw is None:
        return None
    return ProseStop(
        raw.get("lines", ProseStop.lines),
        raw.get("words", ProseStop.words),
        raw.get("gap", ProseStop.gap),
        raw.get("min-cut", ProseStop.min_cut),
        raw.get("long-line"),
        raw.get("sentence-words"),
        raw.get("speech-words"),
        raw.get("narration-words"),
        raw.get("end-lines"),
        raw.get("tables", ProseStop.tables),
        raw.get("quoted", ProseStop.quoted),
        raw.get("section-words"),
        raw.get("closing-words"),
        raw.get("subheadings", ProseStop.subheadings),
        raw.get("list-end"),
    )


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def file_excerpt(path: str, line: int | None) -> str | None:
    """The line numbered ``line`` of the pack file at ``path``, as errors show it; for
    errors found after loading (a regex that does not compile), which no longer
    have the text."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return excerpt(lines, line)


def iter_rules(packs: Iterable[Pack]) -> Iterator[Rule]:
    """Every rule of every pack, in order."""
    for pack in packs:
        yield from pack.rules

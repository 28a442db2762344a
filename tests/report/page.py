"""Reads a review page back as a person sees it: the rules table, and per rule
section its samples and their coloured marks (stdlib ``html.parser``, no guessing
at the markup with regexes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Section:
    rule_id: str
    text: list[str] = field(default_factory=list)  # every text node, unescaped
    samples: list[str] = field(default_factory=list)  # each sample's "from" line
    marks: list[tuple[str, str, str]] = field(default_factory=list)  # (rule title, css class, text)


@dataclass
class Page:
    rows: dict[str, list[str]] = field(default_factory=dict)  # rules table: id -> cells
    sections: dict[str, Section] = field(default_factory=dict)
    idle: list[str] = field(default_factory=list)  # rules that removed nothing
    tags: set[str] = field(default_factory=set)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.cells: list[str] | None = None
        self.table = ""
        self.section: Section | None = None
        self.mark: tuple[str, str] | None = None
        self.in_from = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.page.tags.add(tag)
        self.page.attributes += [(tag, k, v) for k, v in found.items()]
        if tag == "table":
            self.table = "rules" if found.get("class") == "rules" else "idle"
        elif tag == "tr":
            self.cells = []
        elif tag == "td" and self.cells is not None:
            self.cells.append("")
        elif tag == "section" and found.get("id", "").startswith("rule-"):
            self.section = Section(found["id"].removeprefix("rule-"))
            self.page.sections[self.section.rule_id] = self.section
        elif tag == "mark":
            self.mark = (found.get("title", ""), found.get("class", ""))
            if self.section is not None:
                self.section.marks.append((*self.mark, ""))
        elif tag == "div" and found.get("class") == "from":
            self.in_from = True
            if self.section is not None:
                self.section.samples.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.cells:
            target = self.page.rows if self.table == "rules" else None
            if target is not None:
                target[self.cells[0]] = self.cells[1:]
            else:
                self.page.idle.append(self.cells[0])
            self.cells = None
        elif tag == "section":
            self.section = None
        elif tag == "mark":
            self.mark = None
        elif tag == "div":
            self.in_from = False

    def handle_data(self, data: str) -> None:
        if self.cells:
            self.cells[-1] += data
        if self.section is not None:
            self.section.text.append(data)
            if self.mark is not None:
                title, css, text = self.section.marks[-1]
                self.section.marks[-1] = (title, css, text + data)
            if self.in_from:
                self.section.samples[-1] += data


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page

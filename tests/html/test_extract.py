"""cleaner.html.extract: extraction of HTML pages, offline."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from cleaner.html.extract import extract_body, repeated_share
from tests.html.story import PARAGRAPHS


def page(*, head: str = "", extra: str = "", charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head>{meta}{head}<title>Bridge</title></head><body>"
        f"<article><h1>Footbridge to be rebuilt</h1>{body}{extra}</article></body></html>"
    )


# --- extraction -------------------------------------------------------------


def test_extract_body_returns_the_article_text() -> None:
    body = extract_body(page())
    for paragraph in PARAGRAPHS:
        assert paragraph in body


def test_extract_body_decodes_bytes() -> None:
    html = page(charset="windows-1252").replace("market", "marché").encode("cp1252")
    assert "marché" in extract_body(html)


def test_extract_body_applies_selectors() -> None:
    extra = '<div class="callout"><p>Tickets for the opening walk are free from the town hall.</p></div>'
    assert "Tickets" in extract_body(page(extra=extra))
    assert "Tickets" not in extract_body(page(extra=extra), selectors=["div.callout"])


def test_extract_body_leaves_out_user_comments() -> None:
    comment = "I have lived here for forty years and this bridge was never safe to cross in winter."
    extra = (
        '<div id="comments" class="comments-area"><h3>3 Comments</h3><ol class="comment-list">'
        f'<li class="comment"><p>{comment}</p></li></ol></div>'
    )
    body = extract_body(page(extra=extra))
    assert PARAGRAPHS[0] in body
    assert comment not in body


def test_extract_body_gives_an_article_the_page_carries_three_times_once() -> None:
    # the article, then two copies of it beside it (a hidden schema.org block, an
    # edition switcher): trafilatura's readability fallback takes the wrapper of all three
    copies = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html><head><title>Bridge</title></head><body><div class='page'>"
        f"<div class='article-body'>{copies}</div>"
        f"<div class='edition'>{copies}</div><div class='edition'>{copies}</div>"
        "</div></body></html>"
    )
    body = extract_body(html)
    for paragraph in PARAGRAPHS:
        assert body.count(paragraph) == 1


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("", 0.0),
        (PARAGRAPHS[0], 0.0),
        (f"{PARAGRAPHS[0]}\n{PARAGRAPHS[0]}", 0.5),
        ("\n".join([PARAGRAPHS[1]] * 3), 2 / 3),
    ],
)
def test_repeated_share_counts_shingles_that_come_again(text: str, share: float) -> None:
    assert repeated_share(text) == pytest.approx(share, abs=0.05)


def test_extract_body_of_an_empty_page_is_empty() -> None:
    assert extract_body("") == ""
    assert extract_body(b"   ") == ""
    assert extract_body("<html><body></body></html>") == ""


def test_extract_body_never_uses_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_body tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    head = '<link rel="canonical" href="https://example.com/a"><base href="https://example.com/">'
    body = extract_body(
        page(head=head, extra='<img src="https://example.com/x.jpg">'), url="https://example.com/a"
    )
    assert PARAGRAPHS[1] in body


@pytest.mark.parametrize(
    "call",
    [
        "cleaner.clean('A line.\\nFollow us on Twitter.\\n')",
        # the sandbox's child extracts; the parent that gets the page back loads none of it
        "print(cleaner.clean_html('<html><body><p>A line of the story.</p></body></html>'))",
    ],
    ids=["text", "html-in-the-parent"],
)
def test_the_process_that_cleans_never_imports_the_html_stack(call: str) -> None:
    code = (
        f"import sys, cleaner; {call};"
        "stack = ('trafilatura', 'lxml', 'selectolax', 'cleaner.html.extract');"
        "bad = [m for m in stack if m in sys.modules];"
        "print(*bad, file=sys.stderr); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

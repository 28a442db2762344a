"""cleaner.html.extract: decoding and extraction of HTML pages, offline."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from cleaner.html.extract import decode_html, extract_body, repeated_share
from tests.html.story import PARAGRAPHS


def page(*, head: str = "", extra: str = "", charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head>{meta}{head}<title>Bridge</title></head><body>"
        f"<article><h1>Footbridge to be rebuilt</h1>{body}{extra}</article></body></html>"
    )


# --- decoding ---------------------------------------------------------------

DECODE_CASES = [
    # (bytes, expected text fragment)
    ("utf-8 BOM", b"\xef\xbb\xbf<p>Caf\xc3\xa9</p>", "<p>Café</p>"),
    ("utf-16 BOM", "\ufeff<p>Café</p>".encode("utf-16-le"), "<p>Café</p>"),
    ("meta charset", b'<meta charset="windows-1252"><p>Caf\xe9 \x93ok\x94</p>', "Café “ok”"),
    (
        "http-equiv",
        b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>\xa4 5</p>',
        "€ 5",
    ),
    # browsers read latin-1 labels as windows-1252 (WHATWG), so 0x93/0x94 are quotes
    ("latin-1 label", b'<meta charset="ISO-8859-1"><p>\x93Hi\x94</p>', "“Hi”"),
    ("xml declaration", b'<?xml version="1.0" encoding="koi8-r"?><p>\xf0\xd2\xc9</p>', "При"),
    # a page labelled latin-1 whose bytes are valid UTF-8 is UTF-8 (a common mislabel)
    ("mislabelled utf-8", b'<meta charset="iso-8859-1"><p>Caf\xc3\xa9</p>', "Café"),
    ("no declaration, utf-8", "<p>Zürich, Genève</p>".encode(), "Zürich, Genève"),
    ("unknown label falls back", b'<meta charset="no-such-codec"><p>Caf\xc3\xa9</p>', "Café"),
    # a page declared UTF-8 stays UTF-8 despite a stray byte, as in a browser
    ("utf-8 with a bad byte", b'<meta charset="utf-8"><p>Caf\xc3\xa9 \xff ok</p>', "Café \ufffd ok"),
    # a multi-byte legacy charset is not mistaken for a single-byte one
    ("shift_jis", '<meta charset="shift_jis"><p>東京</p>'.encode("shift_jis"), "東京"),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in DECODE_CASES], ids=[c[0] for c in DECODE_CASES]
)
def test_decode_html(data: bytes, expected: str) -> None:
    assert expected in decode_html(data)


def test_decode_detects_an_undeclared_legacy_charset() -> None:
    text = (
        "Городской совет во вторник согласился восстановить старый пешеходный мост через "
        "реку, который закрыт после наводнения прошлой зимой. Жители давно ждали этого решения."
    )
    data = f"<html><body><p>{text}</p></body></html>".encode("cp1251")
    assert text in decode_html(data)


def test_decode_never_fails() -> None:
    assert isinstance(decode_html(bytes(range(256)) * 4), str)


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

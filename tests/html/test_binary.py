"""cleaner.html.binary: a gzip file or an image given as an HTML page is refused, named."""

from __future__ import annotations

import codecs
import gzip

import pytest

from cleaner import Cleaner
from cleaner.errors import InputError
from cleaner.html.binary import refuse_binary

PAGE = (
    "<!doctype html><html><head><meta charset=utf-8><title>Bridge</title></head><body><article>"
    "<h1>Bridge to close</h1><p>The council said on Monday that the old bridge would close for "
    "repairs in the spring, for the third time in as many years.</p></article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00@\x00\x00\x00@\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (gzip.compress(PAGE.encode()), "is gzip-compressed data, not an HTML page: decompress it first"),
        (PNG, "is a PNG image, not an HTML page"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is a JPEG image, not an HTML page"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document, not an HTML page"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "is a WebP image, not an HTML page"),
    ],
    ids=["gzip", "png", "jpeg", "pdf", "webp"],
)
def test_a_binary_file_given_as_a_page_is_named_with_its_format(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=f"^page.html: {what}; skipped$"):
        refuse_binary(data, "page.html")
    with Cleaner() as cleaner, pytest.raises(InputError, match=what):  # not U+FFFD text, exit 0
        cleaner.clean_html(data, url="https://example.com/page.html")


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode(),
        PAGE.replace("Bridge</title>", "Bridge\x00</title>").encode(),  # a stray NUL: still a page
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        PAGE.encode("utf-16-le"),  # half NUL bytes, no BOM
    ],
    ids=["utf-8", "nul-in-title", "utf-16-bom", "utf-16-no-bom"],
)
def test_a_page_is_never_taken_for_a_binary_file(data: bytes) -> None:
    refuse_binary(data, "page.html")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"GIF89a\x40\x01\xf0\x00\xf7\x00\x00\x00\x00\x00\xff\xff\xff", "a GIF image"),
        (b"GIF87a" + b"\x0a\x00\x0a\x00\x80\x00\x00" + b"\x00" * 6, "a GIF image"),
        (b"wOFF\x00\x01\x00\x00\x00\x00\x04\x00", "a web font"),
        # a PDF whose first kilobyte is all text still ends as one
        (
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
            "a PDF document",
        ),
    ],
    ids=["gif89a", "gif87a", "woff", "pdf-text-head"],
)
def test_a_text_like_magic_number_with_a_second_sign_is_named(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=f"^page.html: is {what}, not an HTML page; skipped$"):
        refuse_binary(data, "page.html")


@pytest.mark.parametrize(
    "first",
    [
        "GIF89a added animation to the format in 1989, and the web took to it.",
        "%PDF-1.7 became an ISO standard in 2008, the committee said.",
        "wOFF and wOF2 are the two web font formats.",
    ],
)
def test_prose_that_opens_with_a_magic_number_is_a_page(first: str) -> None:
    """A plain-text page whose first words are a magic number (QA round Q, Q13)."""
    text = f"{first}\nA second paragraph of the story, with more words — and “quotes”.\n"
    refuse_binary(text.encode(), "page.html")
    refuse_binary(text.encode("cp1252"), "page.html")
    with Cleaner() as cleaner:
        assert "A second paragraph" in cleaner.clean_html(text.encode(), url="https://example.com/a.html")

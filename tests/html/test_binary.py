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

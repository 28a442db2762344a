"""cleaner.html.decoding: an HTML page's bytes as text, and what reading them cost."""

from __future__ import annotations

import pytest

from cleaner.html.decoding import Decoded, decode_page

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
def test_decode_page(data: bytes, expected: str) -> None:
    assert expected in decode_page(data).text


def test_decode_detects_an_undeclared_legacy_charset() -> None:
    text = (
        "Городской совет во вторник согласился восстановить старый пешеходный мост через "
        "реку, который закрыт после наводнения прошлой зимой. Жители давно ждали этого решения."
    )
    data = f"<html><body><p>{text}</p></body></html>".encode("cp1251")
    assert text in decode_page(data).text


def test_decode_never_fails() -> None:
    assert isinstance(decode_page(bytes(range(256)) * 4).text, str)


# A page in Latin-1 (windows-1252 here) and a UTF-8 one, with a paragraph pasted in each other's
# encoding: what a CMS that mixes templates and pasted text serves.
GERMAN = "Die Brücke über die Weser wird für drei Wochen gesperrt."
POUNDS = "The work will cost £1.2m … and last until March."


def test_bytes_not_valid_in_the_encoding_are_counted() -> None:
    """A UTF-8 page with one paragraph in windows-1252: its two non-ASCII bytes (£ and …)
    are lost, and counted; its UTF-8 letters stay."""
    head = '<meta charset="utf-8"><p>Zürich</p>'
    decoded = decode_page(head.encode() + f"<p>{POUNDS}</p>".encode("cp1252"))
    lost = POUNDS.replace("£", "\ufffd").replace("…", "\ufffd")
    assert decoded == Decoded(f"{head}<p>{lost}</p>", "utf-8", 2)
    assert decode_page(head.encode()) == Decoded(head, "utf-8", 0)


def test_a_latin1_page_declared_utf8_stays_utf8_with_its_letters_counted() -> None:
    """Detection guesses short pages badly (this one as a Baltic code page): U+FFFD,
    counted and said, and ``--encoding`` to read the page right, are the better way."""
    data = f'<html><head><meta charset="utf-8"></head><body><p>{GERMAN}</p></body></html>'.encode("cp1252")
    decoded = decode_page(data)
    assert "Die Br\ufffdcke \ufffdber die Weser wird f\ufffdr drei Wochen" in decoded.text
    assert (decoded.encoding, decoded.invalid) == ("utf-8", 3)


def test_a_given_encoding_overrides_the_declaration_and_the_guess() -> None:
    czech = "Žluťoučký kůň úpěl ďábelské ódy; zákon nyní míří do sněmovny, kde o něm příští měsíc jednají."
    data = f"<p>{czech}</p>".encode("iso8859-2")
    assert czech not in decode_page(data).text  # guessed as windows-1250: Ž and ť differ
    assert decode_page(data, "iso8859-2") == Decoded(f"<p>{czech}</p>", "iso8859-2")
    declared = f'<meta charset="utf-8"><p>{GERMAN}</p>'.encode("latin-1")
    assert GERMAN in decode_page(declared, "latin-1").text
    # a BOM in the encoding given is read as that codec reads it, never left as U+FEFF
    assert decode_page(b"\xef\xbb\xbf<p>x</p>", "utf-8").text == "<p>x</p>"
    assert decode_page("<p>é</p>".encode(), "ascii") == Decoded("<p>\ufffd\ufffd</p>", "ascii", 2)
    with pytest.raises(LookupError):
        decode_page(b"<p>x</p>", "no-such-codec")


def test_an_invalid_byte_a_codec_cannot_escape_is_counted_by_its_replacement() -> None:
    """UTF-16 with an odd last byte: surrogateescape takes only bytes over 0x7f."""
    assert decode_page("\ufeff<p>ok</p>".encode("utf-16-le") + b"x").invalid == 1

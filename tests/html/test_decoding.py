# ruff: noqa: RUF001 (Greek letters that look like Latin ones, and an en dash, are the text)
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


# QA round Q, Q15: a declared windows-* page with a byte its code page leaves undefined was
# read in a guessed encoding (ISO-8859-13, cp1250, cp775: "à" became "ą"), with no word.
FRENCH = "À l'hôtel de ville, où l'on débat depuis février, la décision a été votée à l'unanimité."


@pytest.mark.parametrize("stray", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_a_windows_1252_page_keeps_its_letters_around_an_undefined_byte(stray: int) -> None:
    """As in a browser (WHATWG): the byte is the control character of its number, not
    a reason to read the whole page in another encoding."""
    head = '<meta charset="windows-1252"><p>'
    data = head.encode() + FRENCH.encode("cp1252") + bytes([stray]) + b" \x93fin\x94</p>"
    assert decode_page(data) == Decoded(f"{head}{FRENCH}{chr(stray)} “fin”</p>", "cp1252", 0)


def test_a_windows_1251_page_keeps_its_letters_around_0x98() -> None:
    russian = "Городской совет проголосовал за ремонт моста через реку."
    data = b'<meta charset="windows-1251"><p>' + russian.encode("cp1251") + b"\x98</p>"
    assert decode_page(data) == Decoded(f'<meta charset="windows-1251"><p>{russian}\x98</p>', "cp1251", 0)


def test_a_declared_charset_that_a_few_bytes_do_not_fit_is_kept_and_they_are_counted() -> None:
    """Greek (ISO-8859-7) leaves 0xAE undefined, above the control characters: a U+FFFD,
    counted (the CLI warns), and every Greek letter as declared, never a guess."""
    greek = "Το δημοτικό συμβούλιο ψήφισε την ανακαίνιση της γέφυρας."
    head = '<meta charset="iso-8859-7"><p>'
    data = head.encode() + greek.encode("iso8859-7") + b"\xae</p>"
    assert decode_page(data) == Decoded(f"{head}{greek}\ufffd</p>", "iso8859-7", 1)
    japanese = "東京都は新しい防災計画を発表した。"
    head = '<meta charset="shift_jis"><p>'
    data = head.encode() + japanese.encode("shift_jis") + b"\x81 </p>"  # half a character
    assert decode_page(data) == Decoded(f"{head}{japanese}\ufffd </p>", "cp932", 1)  # WHATWG's Shift_JIS


def test_a_gb2312_page_with_a_gbk_character_is_read_as_browsers_read_it() -> None:
    """Browsers read a GB2312 label with the GBK (GB18030) decoder: 镕 is in GBK only."""
    chinese = "朱镕基访问上海"
    data = f'<meta charset="gb2312"><p>{chinese}</p>'.encode("gbk")
    decoded = decode_page(data)
    assert (chinese, decoded.invalid) == (decoded.text[-len(chinese) - 4 : -4], 0)


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("windows-874", "cp874"),
        ("x-mac-roman", "mac-roman"),
        ("iso-8859-8-i", "iso8859-8"),
        ("x-sjis", "cp932"),
    ],
)
def test_a_label_browsers_know_and_python_does_not_is_read_as_declared(label: str, codec: str) -> None:
    """WHATWG labels (webencodings' table): no guess for a page that says what it is."""
    data = f'<meta charset="{label}"><p>'.encode() + bytes(range(0xA1, 0xB0)) + b"</p>"
    assert decode_page(data).encoding == codec


def test_a_page_under_a_multibyte_label_that_is_utf8_is_read_as_utf8() -> None:
    data = '<meta charset="shift_jis"><p>Zürich – 東京 “news”</p>'.encode()
    assert decode_page(data) == Decoded(data.decode(), "utf-8", 0)


def test_a_shift_jis_page_with_nec_characters_is_read_as_browsers_read_it() -> None:
    """Browsers read Windows' NEC characters (①) in a page labelled Shift_JIS; Python's
    shift_jis does not, its cp932 does."""
    data = '<meta charset="shift_jis"><p>議題は①から③まで</p>'.encode("cp932")
    assert decode_page(data) == Decoded(data.decode("cp932"), "cp932", 0)

"""A JSON record with one field's value replaced in its bytes, every other byte kept.

Serialising a changed record again would rewrite what the cleaner never looked at:
``1e400`` became ``Infinity`` (not JSON), ``0.10000000000000000555`` became ``0.1``, a
record holding an integer of 5,001 digits was refused (Python's limit on turning
digits into an int), and escapes and spacing changed. Instead the record's top-level
members are walked to find where the field's value lies, and only that value is
written anew: the rest of the line comes out byte for byte.

The walk reads a record that ``json.loads`` has already accepted, so it checks
nothing; it uses ``json``'s own C scanner for each value.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from json.scanner import make_scanner

_SPACE = re.compile(r"[ \t\n\r]*")
# Numbers as their text: a value only walked over is never converted (no limit on digits).
_SCAN = make_scanner(json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str))


def value_span(text: str, key: str) -> tuple[int, int] | None:
    """Where the value of the top-level member ``key`` of the JSON object ``text``
    lies (``text[start:end]``); the last one when the key is repeated, as
    ``json.loads`` keeps the last. None if there is no such member."""
    found = None
    at = _SPACE.match(text, 0).end() + 1  # past "{"
    while True:
        at = _SPACE.match(text, at).end()
        if text[at] == "}":
            return found
        name, at = scanstring(text, at + 1)
        at = _SPACE.match(text, at).end() + 1  # past ":"
        start = _SPACE.match(text, at).end()
        _, at = _SCAN(text, start)
        if name == key:
            found = (start, at)
        at = _SPACE.match(text, at).end()
        if text[at] == ",":
            at += 1


def replace_value(raw: bytes, text: str, key: str, value: str) -> bytes:
    """``raw`` (the UTF-8 bytes of the JSON object ``text``) with the string value of
    ``key`` replaced by ``value``. The new value is escaped to ASCII when the old one
    was ASCII (a record written with ``ensure_ascii`` stays ASCII), else written as
    UTF-8 (ASCII escapes only for lone surrogates, which UTF-8 cannot hold)."""
    span = value_span(text, key)
    if span is None:
        raise KeyError(key)
    start, end = span
    if len(raw) != len(text):  # not ASCII: offsets in characters are not offsets in bytes
        start = len(text[:start].encode("utf-8"))
        end = start + len(text[span[0] : span[1]].encode("utf-8"))
    return raw[:start] + _encoded(value, ascii_only=raw[start:end].isascii()) + raw[end:]


def add_member(raw: bytes, key: str, value: str) -> bytes:
    """``raw`` (the bytes of a JSON object with no member ``key``) with ``"key": value``
    added at its end."""
    body = raw.rstrip(b" \t\r\n")
    assert body.endswith(b"}"), "not a JSON object"
    inside = body[:-1].rstrip(b" \t\r\n")
    comma = b"" if inside.endswith(b"{") else b", "
    member = _encoded(key, ascii_only=False) + b": " + _encoded(value, ascii_only=False)
    return inside + comma + member + b"}" + raw[len(body) :]


def _encoded(value: str, *, ascii_only: bool) -> bytes:
    if ascii_only or value.isascii():
        return json.dumps(value).encode("ascii")
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return json.dumps(value).encode("ascii")

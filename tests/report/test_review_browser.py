"""The review page in a real browser (Debian's ``chromium``, headless): it loads,
shows the rules and their samples, and its screenshot is not blank but holds the
colour of the first rule's highlights.

Skipped where chromium is not installed, except under CI (``CI=true``), where
``.ci/run`` installs it and a missing browser is a failure.
"""

from __future__ import annotations

import colorsys
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app
from tests.report.page import read_page

PACK = """\
rules:
  - id: t.promo
    description: "Promo lines\\nEvidence: 3 of 3 pages"
    drop-line: {prefix: "PROMO:"}
  - id: t.ad
    strip: {contains: "[ad]"}
"""
WINDOW = (1200, 900)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
    pytest.skip("chromium is not installed (Debian: apt-get install chromium); CI runs this test")


def _browse(page: Path, tmp_path: Path, *action: str) -> subprocess.CompletedProcess[bytes]:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        *action,
        page.resolve().as_uri(),
    ]
    # The timeout only keeps a hung browser from hanging the suite; it asserts nothing.
    return subprocess.run(command, capture_output=True, timeout=180, check=True)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    pack = tmp_path / "t.yaml"
    pack.write_text(PACK)
    pages = []
    for n in range(3):
        page = tmp_path / f"page{n}.txt"
        page.write_text(
            f"Story {n}.\nA [ad] line.\nQuote <script>document.body.remove()</script>\nPROMO: buy\n"
        )
        pages.append(str(page))
    target = tmp_path / "review.html"
    result = CliRunner().invoke(
        app, ["clean", "--check", *pages, "--no-defaults", "--rules", str(pack), "--report", str(target)]
    )
    assert result.exit_code == 1, result.stderr
    return target


def test_the_browser_shows_every_rule_and_its_samples(report: Path, tmp_path: Path) -> None:
    dom = _browse(report, tmp_path, "--dump-dom").stdout.decode("utf-8")
    page = read_page(dom)
    assert list(page.rows) == ["t.promo", "t.ad"]  # both hit 3 documents; more characters first
    assert [cells[1] for cells in page.rows.values()] == ["3", "3"]
    assert len(page.sections["t.promo"].samples) == 3
    assert "Evidence: 3 of 3 pages" in "".join(page.sections["t.promo"].text)
    assert "Quote <script>document.body.remove()</script>" in "".join(page.sections["t.ad"].text)
    assert "script" not in page.tags


def test_the_screenshot_is_not_blank_and_shows_the_highlights(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    _browse(report, tmp_path, f"--screenshot={shot}")
    width, height, pixels = _pixels(shot.read_bytes())
    assert (width, height) == WINDOW
    assert len(set(pixels)) > 50  # text, table rules, swatches: a blank page has one colour
    red, green, blue = (round(c * 255) for c in colorsys.hls_to_rgb(0.0, 0.78, 0.85))  # rule r0's colour
    assert any(abs(r - red) <= 3 and abs(g - green) <= 3 and abs(b - blue) <= 3 for r, g, b in set(pixels))


def _pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and the RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data, header = 8, b"", b""
    while at < len(png):
        (length,), kind = struct.unpack(">I", png[at : at + 4]), png[at + 4 : at + 8]
        body = png[at + 8 : at + 8 + length]
        header = body if kind == b"IHDR" else header
        data += body if kind == b"IDAT" else b""
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    size = 3 if colour == 2 else 4
    rows = _unfilter(zlib.decompress(data), width * size, height, size)
    return width, height, [tuple(row[i : i + 3]) for row in rows for i in range(0, len(row), size)]


def _unfilter(raw: bytes, stride: int, height: int, size: int) -> list[bytes]:
    """PNG's per-row filters undone (PNG spec, section 9)."""
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                near = min(
                    (abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner)
                )
                row[i] = (row[i] + near[2]) & 255
        rows.append(bytes(row))
        previous = row
    return rows

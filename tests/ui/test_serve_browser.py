"""`stackvsheap serve` in a real browser: headless Chromium through
Playwright opens the page, types into the terminal, and the play screen
renders and changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from stackvsheap.serve_cli import session_command


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_session_command_runs_this_package() -> None:
    cmd = session_command("go/sum_value", "/tmp/d d")
    assert cmd.startswith(sys.executable) and "-m stackvsheap --data-dir '/tmp/d d' play go/sum_value" in cmd


def test_serve_refuses_a_busy_port(capsys) -> None:
    from stackvsheap.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"serve:1:1: cannot listen on 127.0.0.1:{port}") and "\n" not in err


def test_serve_warns_when_not_on_localhost(monkeypatch, capsys) -> None:
    import textual_serve.server as ts

    from stackvsheap.cli import main

    monkeypatch.setattr(ts.Server, "serve", lambda self, debug=False: None)
    assert main(["serve", "--host", "0.0.0.0", "--port", str(_free_port())]) == 0
    assert "warning: serving on 0.0.0.0, not localhost" in capsys.readouterr().err


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    port = _free_port()
    env = dict(os.environ, STACKVSHEAP_FROZEN="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "stackvsheap", "serve", "go/sum_value", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                proc.kill()
                pytest.fail(f"the server did not start: {out}")
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_play_screen_in_headless_chromium(server) -> None:  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    chromium = _chromium()
    if chromium is None:
        pytest.skip("no Chromium on this machine (Debian's package: chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(server)
            area = page.locator(".xterm-helper-textarea")
            area.wait_for(state="attached", timeout=30_000)
            # xterm.js draws on a canvas: judge the screen by screenshots. The
            # play screen is up once the picture is rich (many colours), its
            # footer drawn, and still.
            shot = _wait_for_still(page, 60)
            assert shot is not None, "the page shows no play screen"
            area.focus()
            # The first key after the page loads may only wake the app (its focus,
            # its footer) without a step; so two steps, each its own frame, then
            # back, from a screen that is surely past step 0.
            first = _press_until_changed(page, "Space", shot)
            second = _press_until_changed(page, "Space", first)
            _press_until_changed(page, "ArrowLeft", second)
        finally:
            browser.close()


def _wait_for_still(page, seconds: float, unlike: bytes | None = None) -> bytes | None:  # type: ignore[no-untyped-def]
    """A screenshot once two taken half a second apart agree (and differ from
    `unlike`); None after `seconds`."""
    deadline = time.monotonic() + seconds
    last = page.screenshot()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        shot = page.screenshot()
        if _body(shot) == _body(last) and _colours(shot) > 8 and _body(shot) != unlike:
            return _body(shot)
        last = shot
    return None


def _body(png: bytes) -> bytes:
    """The decoded pixel rows above the bottom line. The bottom line (key hints,
    drawn by textual-serve only after the first input) changes on its own, so
    screens are compared without it."""
    width, height, bpp, raw = _decode(png)
    return raw[:int(height * 0.95) * (width * bpp + 1)]


def _press_until_changed(page, key: str, before: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """Press `key` and wait for the still screen it leads to; a key that changed
    nothing in 10 s is pressed again (once changed, never: one key, one frame)."""
    for _ in range(3):
        page.keyboard.press(key)
        shot = _wait_for_still(page, 10, unlike=before)
        if shot is not None:
            return shot
    pytest.fail(f"the screen did not change after {key}")


def _colours(png: bytes) -> int:
    """Distinct colours in a PNG's palette-free pixels, sampled (zlib only)."""
    width, height, bpp, raw = _decode(png)
    stride = width * bpp + 1
    seen = set()
    for y in range(0, height, 7):
        row = raw[y * stride + 1:(y + 1) * stride]  # filtered bytes: enough to tell rich from blank
        seen.update(row[i:i + bpp] for i in range(0, len(row), bpp * 13))
    return len(seen)


def _decode(png: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, the filtered rows) of a PNG."""
    import struct
    import zlib

    pos, chunks, width, height, bpp = 8, [], 0, 0, 3
    while pos < len(png):
        (n,) = struct.unpack(">I", png[pos:pos + 4])
        kind = png[pos + 4:pos + 8]
        data = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", data[:8])
            bpp = {2: 3, 6: 4}.get(data[9], 3)
        elif kind == b"IDAT":
            chunks.append(data)
        pos += 12 + n
    return width, height, bpp, zlib.decompress(b"".join(chunks))

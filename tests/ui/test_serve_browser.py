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
            # play screen is up once the picture is rich (many colours) and still.
            shot = _wait_for_still(page, 60)
            assert _colours(shot) > 8, "the page shows no play screen"
            area.focus()
            page.keyboard.press("Space")
            page.keyboard.press("Space")
            after = _wait_for_still(page, 30, unlike=shot)  # fails if the steps changed nothing
            page.keyboard.press("ArrowLeft")  # and back: the screen changes again
            _wait_for_still(page, 30, unlike=after)
        finally:
            browser.close()


def _wait_for_still(page, seconds: float, unlike: bytes | None = None) -> bytes:  # type: ignore[no-untyped-def]
    """A screenshot once two taken half a second apart agree (and differ from
    `unlike`, the screen before a key: on a loaded machine the screen can sit
    still for a while before the key's frame arrives)."""
    deadline = time.monotonic() + seconds
    last = page.screenshot()
    while True:
        time.sleep(0.5)
        shot = page.screenshot()
        if shot == last and _colours(shot) > 8 and shot != unlike:
            return shot
        if time.monotonic() > deadline:
            pytest.fail("the page did not settle" if unlike is None else "the screen did not change after the keys")
        last = shot


def _colours(png: bytes) -> int:
    """Distinct colours in a PNG's palette-free pixels, sampled (zlib only)."""
    import struct
    import zlib

    pos, chunks, width, height = 8, [], 0, 0
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
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp + 1
    seen = set()
    for y in range(0, height, 7):
        row = raw[y * stride + 1:(y + 1) * stride]  # filtered bytes: enough to tell rich from blank
        seen.update(row[i:i + bpp] for i in range(0, len(row), bpp * 13))
    return len(seen)

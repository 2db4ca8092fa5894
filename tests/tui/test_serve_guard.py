"""`govinfo serve` against a real HTTP and WebSocket client on 127.0.0.1 (review S1).

The server is the one `govinfo serve` starts, run on a free loopback port inside the test's
event loop; every test stops it, and each waits a bounded time.
"""

from __future__ import annotations

import asyncio
import gc
import re
import shlex
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from govinfo_tui.cli import main, serve

TOKEN = "s3cret-token-for-tests-only"


@dataclass
class Running:
    server: serve.GuardedServer
    base: str  # http://127.0.0.1:PORT

    @property
    def origin(self) -> str:
        return self.base

    @property
    def host(self) -> str:
        return self.base.split("//", 1)[1]

    @property
    def ws(self) -> str:
        return "ws" + self.base[len("http") :] + "/ws"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def running(small: Path) -> AsyncIterator[Running]:
    port = free_port()
    argv = [sys.executable, "-m", "govinfo_tui", "--journal", str(small), "--lang", "en", "--by", "owner"]
    server = serve.GuardedServer(
        shlex.join(argv), host="127.0.0.1", port=port, title="govinfo", token=TOKEN, public_url=None, by="owner"
    )
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield Running(server, f"http://127.0.0.1:{port}")
    finally:
        await asyncio.wait_for(runner.cleanup(), 60)  # waits for each session's app to quit
        # textual-serve never closes an app's stdin pipe: close what the sessions left while the loop runs
        for leftover in [o for o in gc.get_objects() if isinstance(o, asyncio.SubprocessTransport)]:
            leftover.close()
        await asyncio.sleep(0.1)


async def status_of_handshake(url: str, **options: object) -> int:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, **options):  # type: ignore[arg-type]
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_the_websocket_needs_the_token_and_this_servers_origin(running: Running) -> None:
    async with asyncio.timeout(30):
        right = {"Origin": running.origin}
        assert await status_of_handshake(running.ws, headers=right) == 403  # no token
        assert await status_of_handshake(running.ws + "?token=wrong-token-of-the-same-len", headers=right) == 403
        evil = {"Origin": "http://evil.example.com"}
        assert await status_of_handshake(f"{running.ws}?token={TOKEN}", headers=evil) == 403
        assert await status_of_handshake(f"{running.ws}?token={TOKEN}") == 403  # no Origin at all
        assert await status_of_handshake(f"{running.ws}?token={TOKEN}", headers=right) == 101


async def test_a_browser_session_with_the_token_gets_the_app(running: Running) -> None:
    """The page sets the cookie; the WebSocket carrying it runs the app and shows its screen."""
    jar = aiohttp.CookieJar(unsafe=True)  # keep cookies for an IP address, as browsers do
    async with asyncio.timeout(90), aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(f"{running.base}/") as page:
            assert page.status == 403
        async with session.get(f"{running.base}/?token={TOKEN}") as page:
            assert page.status == 200
            html = await page.text()
            policy = page.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "font-src 'self'" in policy
        elsewhere = [
            url
            for url in re.findall(r"(?:https?|wss?):(//[^\"'\s)]+)", html)
            if not url.startswith(f"//{running.host}/")
        ]
        assert elsewhere == [] and "//fonts." not in html, "the page loads something from elsewhere"
        assert f'data-session-websocket-url="{running.ws}"' in html
        async with session.get(f"{running.base}/static/js/textual.js") as script:
            assert script.status == 200  # the cookie alone lets the page's own files through
        async with session.ws_connect(f"{running.ws}?width=100&height=30", headers={"Origin": running.origin}) as ws:
            screen = b""
            while b"govinfo" not in screen and b"\xe6\x94\xbf\xe5\x8a\xa1" not in screen:  # the app's name or 政务
                message = await ws.receive()
                assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
                if message.type is aiohttp.WSMsgType.BINARY:
                    screen += message.data


def test_the_token_comes_from_the_environment_and_leaves_it(monkeypatch) -> None:
    monkeypatch.setenv(serve.TOKEN_ENV, TOKEN)
    assert serve.choose_token(None) == TOKEN
    assert serve.TOKEN_ENV not in __import__("os").environ  # the app processes never see it
    assert len(serve.choose_token(None)) >= serve.MIN_TOKEN  # none given: a random one
    assert serve.choose_token("given-on-the-command-line") == "given-on-the-command-line"


def test_a_short_token_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["--journal", str(tmp_path), "serve", "--token", "1234"]) == 2
    assert "at least 16 characters" in capsys.readouterr().err


def test_origins_are_compared_as_browsers_send_them() -> None:
    assert serve.origin_of("https://Office.example:443/govinfo") == "https://office.example"
    assert serve.origin_of("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    assert serve.origin_of("http://[::1]:8000/") == "http://[::1]:8000"

"""`govinfo serve`: textual-serve, bound to localhost unless told otherwise."""

from __future__ import annotations

import shlex
from pathlib import Path

from govinfo_tui.cli import main, serve


def test_serve_binds_localhost_by_default(tmp_path: Path, monkeypatch) -> None:
    seen = {}

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, title: str | None = None, **guards: object) -> None:
            seen.update(command=command, host=host, port=port)

        def serve(self) -> None:
            seen["served"] = True

    monkeypatch.setattr(serve, "GuardedServer", FakeServer)
    root = tmp_path / "日志 j"
    root.mkdir()
    assert main(["--journal", str(root), "--lang", "en", "serve"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000 and seen["served"]
    argv = shlex.split(seen["command"])
    assert argv[1:] == ["-m", "govinfo_tui", "--journal", str(root.resolve()), "--lang", "en"]
    assert main(["--journal", str(root), "serve", "--host", "0.0.0.0", "--port", "9001"]) == 0
    assert seen["host"] == "0.0.0.0" and seen["port"] == 9001

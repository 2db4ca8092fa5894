"""The app starts on a journal full of poison lines (F5, F6, F7 crashed it for every user),
shows the good lines and lists every bad one on the problems screen."""

from __future__ import annotations

from pathlib import Path

from govinfo_tui.core import events as E
from govinfo_tui.tui.app import GovinfoApp

from ..test_poison_lines import POISON
from .conftest import TODAY, at, make_journal, ready, screen_text, tiny_events


async def test_the_app_starts_on_poison_lines(tmp_path: Path) -> None:
    assertion = E.ScoreAsserted(id="F6", at=at("2011-06-25"), by="t", unit="gx", period="2011年上半年", points=5)
    root = make_journal(tmp_path / "j", [*tiny_events(), assertion])
    shard = root / "2011" / "2011-06.jsonl"
    shard.write_bytes(shard.read_bytes() + b"".join(bad + b"\n" for bad, _words in POISON.values()))
    app = GovinfoApp(root, "en", by="tester", today=TODAY, watch=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await ready(pilot)
        assert app.load_error is None and app.loaded is not None
        assert len(app.loaded.problems) == len(POISON)
        assert len(app.st.items) == 4
        await pilot.press("6")
        await pilot.pause()
        text = screen_text(app)
        assert "2011-06.jsonl" in text and "2011年上半年" in text

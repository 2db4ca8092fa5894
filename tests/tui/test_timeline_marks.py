"""The item's timeline in the app: what no longer counts is marked 作废 with why, and an event
recorded long after its date says when it was recorded (issue 8, point 5)."""

from __future__ import annotations

from pathlib import Path

from ulid import ULID

from govinfo_tui.core import events as E
from govinfo_tui.tui.app import GovinfoApp

from .conftest import TODAY, at, make_journal, ready, screen_text, tiny_events


async def test_a_voided_adoption_is_marked_with_its_reason_and_a_late_void_with_its_day(tmp_path: Path) -> None:
    events = tiny_events()
    adoption = next(ev for ev in events if isinstance(ev, E.ItemAdopted) and ev.item == "1106-AAAAA2")
    late = str(ULID.from_datetime(at("2011-06-28", 15)))  # written on 28 June, dated the 15th
    void = E.EventVoided(id=late, at=at("2011-06-15"), by="admin", target=adoption.id, reason="重复录入")
    app = GovinfoApp(make_journal(tmp_path / "j", [*events, void]), "zh", today=TODAY, watch=False, by="t")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA2")
        await ready(pilot)
        lines = screen_text(app).splitlines()
        adopted = next(ln for ln in lines if "2011-06-10 10:00" in ln and "采用" in ln)
        assert "作废" in adopted and "重复录入" in adopted  # the adoption, and why it no longer counts
        voided = next(ln for ln in lines if "2011-06-15 09:00" in ln)
        assert "录入于 2011-06-28" in voided
        assert next(ln for ln in lines if "2011-06-02 09:00" in ln).count("作废") == 0

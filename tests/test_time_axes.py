"""Issue 8, points 1 and 5, where no other test held them: both time axes in `--help` and in
`replay`, and the item's timeline marking what no longer counts and what was recorded late."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from ulid import ULID

from govinfo_tui.cli.parser import build_parser
from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.known import recorded_at
from govinfo_tui.core.state import fold

from .conftest import at, run
from .test_schemes import UPWARD_RULES, cli, make_office, submit

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def test_report_and_replay_help_name_both_time_axes(capsys):
    for verb in ("report", "replay"):
        with pytest.raises(SystemExit):
            build_parser().parse_args([verb, "--help"])
        out = capsys.readouterr().out
        assert "--as-of" in out and "--known-at" in out, verb
        assert "business time" in out and "recorded" in out, verb


def test_replay_known_at_shows_the_figures_before_a_correction_was_recorded(tmp_path: Path):
    root = make_office(tmp_path / "j", UPWARD_RULES)
    item = submit(root)
    cli(root, "adopt", item, "--channel", "kb", "--date", "2011-03-05")
    adoption = next(ev for ev in fold_of(root).log if isinstance(ev, E.ItemAdopted))
    cli(root, "void", adoption.id, "--reason", "误录", "--date", "2011-06-01")
    void = next(ev for ev in fold_of(root).log if isinstance(ev, E.EventVoided))
    before = (recorded_at(void) - dt.timedelta(milliseconds=1)).isoformat()

    def replay(*args: str) -> float:
        code, out, err = run("--journal", str(root), "replay", *args, "--as-of", "2011-12-31", "--format", "json")
        assert code == 0, err
        return json.loads(out)["points"]

    assert replay() == 0  # the void corrects March, whatever its own date
    assert replay("--known-at", before) == 2  # as the office knew it before the void was written


def fold_of(root: Path):
    return fold(journal.load(root).events)


def test_the_timeline_marks_a_voided_event_with_why_and_a_late_one_with_when_it_was_recorded():
    def ulid_at(moment: dt.datetime) -> str:
        return str(ULID.from_datetime(moment))

    day = at("2011-03-02")
    reg = [
        E.UnitRegistered(id="U1", at=at("2011-01-01"), unit="wj", name="文江镇", kind="township"),
        E.ChannelRegistered(id="C1", at=at("2011-01-01"), channel="kb", name="快报", level="city"),
    ]
    sub = E.ItemSubmitted(id=ulid_at(day), at=day, item="I1", title="t", unit="wj")
    adopted = E.ItemAdopted(id=ulid_at(at("2011-06-10")), at=at("2011-03-05"), item="I1", channel="kb")
    void = E.EventVoided(id=ulid_at(at("2011-03-06", 10)), at=at("2011-03-06"), target=adopted.id, reason="误录")
    rows = {r["id"]: r for r in queries.timeline(fold([*reg, sub, adopted, void]), "I1", "zh")}
    assert rows[sub.id]["recorded"] is None  # recorded when it happened
    assert rows[adopted.id]["recorded"] is not None and rows[adopted.id]["recorded"].startswith("2011-06-10")
    assert rows[void.id]["recorded"] is None  # four hours late is not late
    assert (rows[adopted.id]["voided"], rows[adopted.id]["reason"]) == (True, "误录")
    assert not rows[sub.id]["voided"] and not rows[void.id]["voided"]

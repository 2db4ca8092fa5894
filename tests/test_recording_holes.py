"""Regressions for the small holes of issue 8: each was a silent wrong figure or a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govinfo_tui.cli.parser import build_parser
from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import run
from .test_schemes import UPWARD_RULES, cli, fails, make_office, scores, submit


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path / "j", UPWARD_RULES)


def state(root: Path):
    return fold(journal.load(root).events)


def test_a_joint_item_keeps_every_unit_and_its_adoption_credits_them_all(office):
    args = ("两镇联合", "--unit", "wj", "--unit", "qf", "--author", "p1", "--author", "p2", "--date", "2011-03-02")
    item = cli(office, "submit", *args).split(" item ")[1].split()[0]
    assert state(office).items[item].units == ["wj", "qf"]
    cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-05")  # 2 points, shared as a joint adoption
    (score,) = state(office).scores
    assert [(c.unit, c.person, c.points) for c in score.credits] == [("wj", "p1", 1.0), ("qf", "p2", 1.0)]
    rows = {r["code"]: r for r in queries.ranking(state(office), parse_period("2011"))}
    assert [(rows[u]["submitted"], rows[u]["adopted"], rows[u]["points"]) for u in ("wj", "qf")] == [(1, 1, 1)] * 2
    assert "unit wj is named twice" in fails(office, "submit", "x", "--unit", "wj", "--unit", "wj")


def test_comment_needs_the_leader_s_level(office, capsys):
    item = submit(office)
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["comment", item, "--leader", "副市长", "--date", "2011-03-05"])
    assert exit_.value.code == 2 and "required: --level" in capsys.readouterr().err
    out = cli(office, "comment", item, "--leader", "副市长", "--level", "city", "--date", "2011-03-05")
    assert "+5" in out  # a city leader's comment, scored as one


def test_an_adoption_dated_before_its_item_is_refused(office):
    item = submit(office, day="2011-03-02")
    err = fails(office, "adopt", item, "--channel", "kb", "--date", "2011-03-01")
    assert f"before item {item} was submitted (2011-03-02 09:00)" in err and "later --date" in err
    assert "before item" in fails(
        office, "comment", item, "--leader", "县长", "--level", "county", "--date", "2011-02-01"
    )
    cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-02T09:30")
    assert run("--journal", str(office), "check")[0] == 0


def test_an_override_without_item_keeps_the_officer_s_share(office):
    item = submit(office)
    score_id = scores(cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-05"))[0].split()[1]
    cli(office, "score", "--replaces", score_id, "--points", "4", "--reason", "市办复核", "--date", "2011-03-20")
    (score,) = state(office).scores
    assert [(c.unit, c.person, c.points) for c in score.credits] == [("wj", "p1", 4.0)]
    assert score.rule == "override" and score.item == item


def test_full_split_gives_every_credited_unit_the_points(tmp_path):
    root = make_office(tmp_path / "j", {**UPWARD_RULES, "split": "full"})
    item = submit(root)
    cli(
        root, "adopt", item, "--channel", "kb", "--form", "综合", "--unit", "wj", "--unit", "qf", "--date", "2011-03-05"
    )
    (score,) = state(root).scores
    assert [(c.unit, c.points) for c in score.credits] == [("wj", 2.0), ("qf", 2.0)]
    assert score.points == 2  # the county earned 2; each unit is credited with all of them
    assert run("--journal", str(root), "check")[0] == 0


@pytest.mark.parametrize("points", ["inf", "nan", "1e999"])
def test_points_that_are_not_a_number_are_refused_not_a_traceback(office, points):
    item = submit(office)
    args = ("adopt", item, "--channel", "kb", "--points", points, "--reason", "x", "--unit", "wj", "--unit", "qf")
    assert f"points {float(points)} is not a number from" in fails(office, *args)


def test_check_judges_credits_by_the_split_in_force(tmp_path):
    """A score sharing full points under "equal" rules, as a hand edit or a merge could leave it
    (recording refuses to write one), is named by `check`."""
    root = make_office(tmp_path / "j", UPWARD_RULES)
    item = submit(root)
    at = state(root).items[item].submitted_at.replace(day=5)
    adoption = E.ItemAdopted(id="A1", at=at, by="t", item=item, channel="kb", units=["wj", "qf"])
    credits = [E.Credit(unit="wj", points=2), E.Credit(unit="qf", points=2)]
    journal.append(root, [adoption, E.Scored(id="S1", at=at, by="t", points=2, credits=credits, source="A1")])
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1 and "credits add up to 4, not 2" in out


def test_a_joint_unit_that_is_not_registered_is_refused_and_named(office):
    line = {"type": "item_submitted", "id": "S1", "item": "X1", "title": "x", "unit": "wj", "joint": ["nowhere"]}
    body = json.dumps({**line, "at": "2011-03-02T09:00:00+08:00"}).encode()
    code, _out, err = run("--journal", str(office), "append", "-", stdin=body)
    assert code == 2 and "unknown unit 'nowhere'" in err
    journal.append(office, [journal.decoder.decode(body)])  # as a hand edit or a merge could leave it
    code, out, _ = run("--journal", str(office), "check")
    assert code == 1 and "item X1: unit nowhere is not registered" in out

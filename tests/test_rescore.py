"""Scores put right after the fact: `rescore` when the rules change, `amend --unit A --unit B`
for a joint item's units, and an adoption dated by day on the day its item was submitted.
Figures worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.known import recorded_at
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import run, run_json, tree_bytes
from .test_schemes import UPWARD_RULES, cli, fails, make_office, submit

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

# From 1 March the city pays 3 for a 快报 adoption, not 2; registered only in June.
REVISED = {**UPWARD_RULES, "ruleset": "市计分办法（修订）", "effective": "2011-03-01"}
REVISED["adoption"] = [{"channel": "kb", "points": 3}, {"level": "county", "points": 0}]


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path / "j", UPWARD_RULES)


def state(root: Path, **cut):
    return fold(journal.load(root).events, **cut)


def points(root: Path, *extra: str) -> float:
    return run_json("--journal", str(root), "report", "summary", "--period", "2011", *extra)["points"]  # type: ignore[index]


def units_points(root: Path, *extra: str) -> dict[str, float]:
    rows = run_json("--journal", str(root), "report", "ranking", "--period", "2011", *extra)
    return {r["code"]: r["points"] for r in rows if r["points"]}  # type: ignore[union-attr]


def adopted(root: Path, day: str = "2011-03-05") -> tuple[str, str]:
    """An item of 文江镇 adopted by the city's 快报 (2 points); its id and the score's."""
    item = submit(root)
    out = cli(root, "adopt", item, "--channel", "kb", "--date", day)
    return item, next(ln.split()[1] for ln in out.splitlines() if ln.startswith("scored"))


# --- rescore --------------------------------------------------------------------------


def test_rescore_lists_what_the_new_rules_change_and_records_it_in_one_write(office):
    _item, first = adopted(office, "2011-03-05")
    adopted(office, "2011-04-05")
    cli(office, "adopt", submit(office, day="2011-02-10"), "--channel", "kb", "--date", "2011-02-11")  # before: 2
    assert points(office) == 6
    cli(office, "register", "rules", "-", "--date", "2011-06-01", stdin=json.dumps(REVISED).encode())
    assert "score 2 disagrees with rule 市计分办法（修订）/adopt:kb (3)" in run("--journal", str(office), "check")[1]

    before = tree_bytes(office)
    listed = run_json("--journal", str(office), "rescore", "--format", "json")
    assert tree_bytes(office) == before, "listing writes nothing"
    assert [(r["day"], r["scheme"], r["was"], r["points"]) for r in listed] == [  # type: ignore[index]
        ("2011-03-05", "upward", 2, 3),
        ("2011-04-05", "upward", 2, 3),
    ]
    assert listed[0]["score"] == first and listed[0]["shares"] == "wj/p1 3"  # type: ignore[index]
    table = cli(office, "rescore")
    assert "2 scores disagree" in table and "--record" in table

    out = cli(office, "rescore", "--record", "--reason", "市里修订", "--date", "2011-06-02")
    assert len(scores_in(out)) == 2 and out.count("event_voided") == 2
    assert points(office) == 2 + 3 + 3  # February keeps the old rules' 2
    assert points(office, "--as-of", "2011-04-30") == 2 + 3 + 3  # corrected at the scores' own dates
    assert run("--journal", str(office), "check")[0] == 0
    assert "nothing to rescore" in cli(office, "rescore")
    assert "nothing to rescore" in fails(office, "rescore", "--record")
    # the void says why the old score went; the new one is the rule's, judged by `check` as such
    (new,) = [s for s in state(office).scores if s.replaces == first]
    assert new.points == 3 and new.reason == "" and new.at == state(office).events[first].at
    (void,) = [v for v in state(office).of(E.EventVoided) if v.target == first]
    assert void.reason == "rescored by the rules in force: 市里修订"


def scores_in(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.startswith("scored")]


def test_rescore_known_at_shows_the_figures_before_it_was_recorded(office):
    """The rescore's lines are recorded now; a view as the office knew it before sees the old points."""
    adopted(office)
    cli(office, "register", "rules", "-", "--date", "2011-06-01", stdin=json.dumps(REVISED).encode())
    events_before = len(journal.load(office).events)
    cli(office, "rescore", "--record")
    loaded = journal.load(office)
    assert len(loaded.events) == events_before + 2  # the void and the new score
    void = next(ev for ev in loaded.events if isinstance(ev, E.EventVoided))
    before = fold(loaded.events, known_at=recorded_at(void) - dt.timedelta(milliseconds=1))
    assert queries.summary(before, parse_period("2011"))["points"] == 2
    assert queries.summary(fold(loaded.events), parse_period("2011"))["points"] == 3


def test_rescore_keeps_points_given_by_hand_and_narrows_to_a_period_and_scheme(office):
    _item, march = adopted(office, "2011-03-05")
    _item, april = adopted(office, "2011-04-05")
    cli(office, "score", "--replaces", march, "--points", "5", "--reason", "复核")  # the office decided 5
    cli(office, "register", "rules", "-", "--date", "2011-06-01", stdin=json.dumps(REVISED).encode())
    assert len(run_json("--journal", str(office), "rescore", "--format", "json")) == 1  # type: ignore[arg-type]
    listed = run_json("--journal", str(office), "rescore", "--period", "2011-04", "--format", "json")
    assert [r["was"] for r in listed] == [2]  # type: ignore[index]
    assert run_json("--journal", str(office), "rescore", "--scheme", "internal", "--format", "json") == []
    assert "nothing to rescore" in fails(office, "rescore", "--record", "--period", "2011-03")  # 5 by hand stays
    cli(office, "rescore", "--record", "--period", "2011-04")
    assert points(office) == 5 + 3
    assert april in state(office).voided and march in state(office).voided  # the hand score replaced it
    assert "nothing to rescore" in cli(office, "rescore")


def test_rescore_gives_a_missing_score_where_new_rules_score_a_bulletin(office):
    """Internal rules registered late that score the county's bulletin (县级采用): its adoption
    had no internal score, and gets one, on its own date."""
    item = submit(office)
    cli(office, "adopt", item, "--channel", "gxzw", "--issue", "2011年第3期", "--date", "2011-03-05")
    internal = {"ruleset": "县考核细则", "effective": "2011-01-01", "scheme": "internal"}
    internal["adoption"] = [{"channel": "gxzw", "points": 2}, {"channel": "kb", "points": 10}]
    cli(office, "register", "rules", "-", "--date", "2011-06-01", stdin=json.dumps(internal).encode())
    assert "has no internal score" in run("--journal", str(office), "check")[1]
    (row,) = run_json("--journal", str(office), "rescore", "--format", "json")  # type: ignore[misc]
    assert (row["scheme"], row["was"], row["points"], row["score"]) == ("internal", 0, 2, "")
    cli(office, "rescore", "--record")
    assert units_points(office) == {"wj": 2}
    assert points(office) == 0  # the city's figure: a bulletin earns the county nothing
    assert run("--journal", str(office), "check")[0] == 0


def test_a_rescore_refused_writes_nothing(office):
    adopted(office)
    before = tree_bytes(office)
    assert "nothing to rescore" in fails(office, "rescore", "--record")
    assert tree_bytes(office) == before


# --- amend the units of a joint item -----------------------------------------------------


def test_amend_makes_an_item_joint_and_its_scores_follow_from_their_own_date(office):
    item, score = adopted(office, "2011-03-05")
    assert units_points(office) == {"wj": 2}
    out = cli(office, "amend", item, "--unit", "wj", "--unit", "qf", "--reason", "两镇联合", "--date", "2011-06-01")
    assert "item_amended" in out and len(scores_in(out)) == 1
    st = state(office)
    assert st.items[item].units == ["wj", "qf"]
    assert units_points(office) == {"wj": 1, "qf": 1}  # 2 points shared equally, to the cent
    assert units_points(office, "--as-of", "2011-03-31") == {"wj": 1, "qf": 1}  # the correction corrects March
    assert points(office) == 2  # the county still earned 2
    ranked = {r["code"]: r for r in queries.ranking(st, parse_period("2011"))}
    assert (ranked["qf"]["submitted"], ranked["qf"]["adopted"]) == (1, 1)
    assert score in st.voided
    # back to one unit: the joint unit goes, and so do its points
    cli(office, "amend", item, "--unit", "wj", "--reason", "误写", "--date", "2011-06-02")
    assert state(office).items[item].units == ["wj"]
    assert units_points(office) == {"wj": 2}
    assert run("--journal", str(office), "check")[0] == 0


def test_amend_known_at_before_it_shows_the_old_shares(office):
    item, _score = adopted(office)
    cli(office, "amend", item, "--unit", "wj", "--unit", "qf", "--reason", "两镇联合")
    loaded = journal.load(office)
    amended = next(ev for ev in loaded.events if isinstance(ev, E.ItemAmended))
    then = fold(loaded.events, known_at=recorded_at(amended) - dt.timedelta(milliseconds=1))
    rows = {r["code"]: r["points"] for r in queries.ranking(then, parse_period("2011"))}
    assert (then.items[item].units, rows["wj"], rows["qf"]) == (["wj"], 2, 0)


def test_amend_refuses_a_unit_named_twice_or_unknown(office):
    item, _ = adopted(office)
    assert "unit wj is named twice" in fails(office, "amend", item, "--unit", "wj", "--unit", "wj")
    assert "unknown unit" in fails(office, "amend", item, "--unit", "wj", "--unit", "nowhere")


def test_an_adoption_on_another_branch_is_shared_right_by_rescore(office):
    """Two colleagues on two git branches: one makes the item joint, the other records an
    adoption the old way. After the merge `rescore` finds the adoption's shares and mends them."""
    item, _ = adopted(office, "2011-03-05")
    git = ["git", "-C", str(office), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    subprocess.run([*git, "checkout", "-qb", "other"], check=True)
    cli(office, "adopt", item, "--channel", "kb", "--issue", "第2期", "--date", "2011-03-20")
    subprocess.run([*git, "commit", "-qam", "adopt"], check=True)
    subprocess.run([*git, "checkout", "-q", "-"], check=True)
    cli(office, "amend", item, "--unit", "wj", "--unit", "qf", "--reason", "两镇联合")
    subprocess.run([*git, "commit", "-qam", "amend"], check=True)
    (office / ".gitattributes").write_text("*.jsonl merge=union\n")
    subprocess.run([*git, "merge", "-q", "other", "-m", "merge"], check=True)
    assert units_points(office) == {"wj": 1 + 2, "qf": 1}  # the branch's adoption credits wj alone
    # check names the score left behind, and says how to mend it
    code, out, _ = run("--journal", str(office), "check")
    (line,) = [ln for ln in out.splitlines() if "before its amendment" in ln]
    assert code == 1 and item in line and "wj/p1 2" in line and "wj/p1 1, qf 1" in line and "rescore --record" in line
    (row,) = run_json("--journal", str(office), "rescore", "--format", "json")  # type: ignore[misc]
    assert (row["was"], row["points"], row["shares"]) == (2, 2, "wj/p1 1, qf 1")
    cli(office, "rescore", "--record")
    assert units_points(office) == {"wj": 2, "qf": 2}
    assert points(office) == 4
    assert run("--journal", str(office), "check")[0] == 0


# --- a day without a time, on the day of submission -------------------------------------


def test_an_adoption_dated_by_day_on_the_submission_s_day_is_recorded_after_it(office):
    out = cli(office, "submit", "午后报送", "--unit", "wj", "--author", "p1", "--date", "2011-03-02T15:30")
    item = out.split(" item ")[1].split()[0]
    cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-02")  # a day alone: 09:00, before 15:30
    cli(office, "comment", item, "--leader", "副市长", "--level", "city", "--date", "2011-03-02")
    st = state(office)
    (adoption,) = st.items[item].adoptions
    submitted = st.items[item].submitted_at
    assert adoption.at > submitted and adoption.at.date() == submitted.date()
    assert st.items[item].comments[0].at > submitted
    assert points(office) == 2 + 5 and run("--journal", str(office), "check")[0] == 0
    # a time given, or an earlier day, is still refused
    assert "before item" in fails(
        office, "adopt", item, "--channel", "kb", "--issue", "2", "--date", "2011-03-02T10:00"
    )
    assert "before item" in fails(office, "adopt", item, "--channel", "kb", "--issue", "2", "--date", "2011-03-01")


def test_hand_points_follow_the_item_but_a_score_given_to_a_named_unit_stays(office):
    """Points given by hand with the adoption share as the item does, amendment after
    amendment; a score moved by hand to a unit of its own (`score --replaces --unit`) stays there."""
    item = submit(office)
    cli(office, "adopt", item, "--channel", "kb", "--points", "3", "--reason", "县领导圈阅", "--date", "2011-03-05")
    cli(office, "amend", item, "--unit", "wj", "--unit", "qf", "--reason", "两镇联合")
    assert units_points(office) == {"wj": 1.5, "qf": 1.5}
    cli(office, "amend", item, "--unit", "qf", "--reason", "牵头单位写错")
    assert units_points(office) == {"qf": 3}
    (hand,) = state(office).scores
    assert (hand.rule, hand.reason) == ("override", "县领导圈阅")  # still by hand: rescore leaves its 3
    other = submit(office)
    out = cli(office, "adopt", other, "--channel", "kb", "--date", "2011-03-06")
    score = next(ln.split()[1] for ln in out.splitlines() if ln.startswith("scored"))
    cli(office, "score", "--replaces", score, "--unit", "qf", "--points", "2", "--reason", "实为庆符镇所写")
    cli(office, "amend", other, "--unit", "wj", "--unit", "qf", "--reason", "两镇联合")
    assert units_points(office) == {"qf": 3 + 2}
    assert "nothing to rescore" in cli(office, "rescore")


def test_a_rule_set_s_void_undone_on_one_branch_is_caught_by_check_after_the_merge(office):
    """The revised rules (快报 3) are voided; one colleague undoes that void on a branch while
    another, not knowing, records an adoption by the old rules (2). After the merge the revised
    rules are in force again: `check` names the score and `rescore --record` gives it the 3."""
    cli(office, "register", "rules", "-", "--date", "2011-02-20", stdin=json.dumps(REVISED).encode())
    revised = next(ev.id for ev in journal.load(office).events if isinstance(ev, E.RulesSet) and "修订" in ev.ruleset)
    void = cli(office, "void", revised, "--reason", "误登记", "--date", "2011-02-21").split()[1]
    item = submit(office)
    git = ["git", "-C", str(office), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (office / ".gitattributes").write_text("*.jsonl merge=union\n")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    subprocess.run([*git, "checkout", "-qb", "other"], check=True)
    cli(office, "restore", void, "--reason", "撤销误作废", "--date", "2011-03-01")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "restore"], check=True)
    subprocess.run([*git, "checkout", "-q", "-"], check=True)
    cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-05")
    assert points(office) == 2  # by the old rules, the only ones this branch knows
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "adopt"], check=True)
    subprocess.run([*git, "merge", "-q", "other", "-m", "merge"], check=True)
    code, out, _ = run("--journal", str(office), "check")
    assert code == 1 and "score 2 disagrees with rule 市计分办法（修订）/adopt:kb (3)" in out
    cli(office, "rescore", "--record")
    assert points(office) == 3 and run("--journal", str(office), "check")[0] == 0

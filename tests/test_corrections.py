"""Corrections correct the record; one fact counts once: the reproductions of issue 8
(reliability review §6 F10-F13 and §3 F13-F14), each through the command line as the review ran it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
from pathlib import Path

import msgspec
import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.known import recorded_at
from govinfo_tui.core.recording import new_id

from .conftest import DEMO, run

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


@pytest.fixture(autouse=True, params=["kept", "afresh"])
def answers_cache(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every reproduction runs twice: with the answers cache (`core.cache`) and without it."""
    if request.param == "afresh":
        monkeypatch.setenv("GOVINFO_NO_CACHE", "1")
    else:
        monkeypatch.delenv("GOVINFO_NO_CACHE", raising=False)
    return request.param


RULES = {
    "ruleset": "R2011",
    "effective": "2011-01-01",
    "adoption": [{"channel": "kb", "points": 2}],
    "comment": [{"level": "province", "points": 10}],
}


def gv(root: Path, *args: str) -> str:
    code, out, err = run("--journal", str(root), "--by", "tester", *args)
    assert code == 0, err
    return out


def figures(root: Path, *args: str, period: str = "2011") -> dict:
    return json.loads(gv(root, "report", "summary", "--period", period, *args, "--format", "json"))


def points(root: Path, *args: str, period: str = "2011") -> float:
    return figures(root, *args, period=period)["points"]


def ids(out: str, kind: str) -> list[str]:
    return [line.split()[1] for line in out.splitlines() if line.startswith(kind)]


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, str, str]:
    """The review's setup: item IT submitted on 2 March, adopted on 10 March for +2 (score S)."""
    root = tmp_path / "jx"
    assert run("init", str(root))[0] == 0
    gv(root, "register", "unit", "gx", "高县", "--kind", "county", "--date", "2011-01-01")
    gv(root, "register", "unit", "wj", "文江镇", "--kind", "township", "--parent", "gx", "--date", "2011-01-01")
    gv(root, "register", "person", "p01", "张三", "--unit", "wj", "--date", "2011-01-01")
    gv(root, "register", "channel", "kb", "政务信息快报", "--level", "city", "--date", "2011-01-01")
    code, _, err = run(
        "--journal", str(root), "register", "rules", "-", "--date", "2011-01-01", stdin=json.dumps(RULES).encode()
    )
    assert code == 0, err
    gv(root, "register", "target", "--year", "2011", "--unit", "gx", "--points", "100", "--date", "2011-01-01")
    out = gv(root, "submit", "基线信息", "--unit", "wj", "--author", "p01", "--channel", "kb", "--date", "2011-03-02")
    item = out.split()[3]
    score = ids(gv(root, "adopt", item, "--channel", "kb", "--date", "2011-03-10"), "scored")[0]
    return root, item, score


def _event(root: Path, ev_id: str):
    return next(ev for ev in journal.load(root).events if ev.id == ev_id)


def test_f10_an_override_replaces_its_score_in_every_as_of_view(office):
    root, _item, score = office
    time.sleep(0.01)  # the override's recording time comes after everything before it
    out = gv(root, "score", "--replaces", score, "--points", "5", "--reason", "改分", "--date", "2011-06-01")
    assert points(root) == 5
    assert points(root, "--as-of", "2011-04-30") == 5  # was 7: the score and its override both
    assert points(root, "--as-of", "2011-03-09") == 0
    # as the office knew it before the override was recorded: the score it replaced
    before = recorded_at(_event(root, ids(out, "event_voided")[0])) - dt.timedelta(milliseconds=1)
    assert points(root, "--known-at", before.isoformat()) == 2


def test_f10_a_chain_of_overrides_counts_its_last_link_on_every_day(office):
    root, _item, score = office
    gv(root, "submit", "另一条", "--unit", "wj", "--author", "p01", "--date", "2011-03-03")
    other = figures(root)["items"]
    assert other == 2
    second = ids(
        gv(root, "score", "--replaces", score, "--points", "5", "--reason", "改分", "--date", "2011-06-01"), "scored"
    )[0]
    gv(root, "score", "--replaces", second, "--points", "4", "--reason", "再改", "--date", "2011-07-01")
    for day in ("2011-03-10", "2011-04-30", "2011-06-15", "2011-12-31"):
        assert points(root, "--as-of", day) == 4, day  # was 13 in the review's chain (with a baseline of 2)
        _code, out, _ = run("--journal", str(root), "replay", "--as-of", day, "--format", "json")
        assert json.loads(out)["points"] == 4


def test_f11_voiding_a_submission_takes_along_its_adoption_comment_and_scores(office):
    root, item, _score = office
    gv(root, "comment", item, "--leader", "省长", "--level", "province", "--date", "2011-05-01")
    assert points(root) == 12
    submission = next(ev.id for ev in journal.load(root).events if getattr(ev, "item", None) == item)
    out = gv(root, "void", submission, "--reason", "重复报送", "--date", "2011-06-01")
    lines = out.splitlines()
    assert lines[0].split()[2:4] == ["voids", "item_submitted"]
    assert [line.split()[4] for line in lines[1:]] == ["item_adopted", "scored", "leader_commented", "scored"]
    for as_of in ((), ("--as-of", "2011-05-31")):
        summary = figures(root, *as_of)
        assert (summary["items"], summary["points"], summary["adopted_items"], summary["leader_comments"]) == (
            0,
            0,
            0,
            0,
        )
    ranking = json.loads(gv(root, "report", "ranking", "--period", "2011", "--format", "json"))
    assert [(r["code"], r["adopted"], r["points"]) for r in ranking] == [("wj", 0, 0)]
    assert "获领导批示" not in gv(root, "report", "notice", "--period", "2011-05")
    code, out, _ = run("--journal", str(root), "check")
    assert code == 0, out
    # the voided item keeps its history, every event marked with why it no longer counts
    rows = json.loads(gv(root, "report", "timeline", "--item", item, "--format", "json"))
    marked = [r for r in rows if r["type"] != "event_voided"]
    assert len(marked) == 5 and all(r["voided"] for r in marked)
    assert marked[0]["reason"] == "重复报送" and "重复报送" in marked[1]["reason"]


def test_f11_a_submission_voided_by_an_older_version_still_takes_its_item_along(office):
    """A void written before voids took anything along (one line, by `append`): the item's
    adoption and score no longer count, and `check` says they are left without a void."""
    root, item, _score = office
    submission = next(ev.id for ev in journal.load(root).events if getattr(ev, "item", None) == item)
    line = json.dumps({"type": "event_voided", "at": "2011-06-01T09:00:00+08:00", "target": submission, "reason": "x"})
    code, _, err = run("--journal", str(root), "append", stdin=line.encode())
    assert code == 0, err
    assert points(root) == 0 and figures(root)["adopted_items"] == 0
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1 and out.count("no longer counts") == 2, out


def test_f12_one_adoption_is_one_fact(office):
    root, item, _score = office
    first = ids(
        gv(root, "adopt", item, "--channel", "kb", "--issue", "2011年第45期", "--date", "2011-03-11"), "item_adopted"
    )[0]
    code, _, err = run(
        "--journal", str(root), "adopt", item, "--channel", "kb", "--issue", "2011年第45期", "--date", "2011-03-11"
    )
    assert code == 2 and first in err and "already adopted" in err
    assert points(root) == 4
    # the same adoption arriving anyway, as another desk's line (append, a merge): counted once
    adoption = next(ev for ev in journal.load(root).events if ev.id == first)
    for _ in range(2):
        line = journal.encode(adoption).replace(first.encode(), new_id().encode())
        code, _, err = run("--journal", str(root), "append", stdin=line)
        assert code == 0, err
    summary = figures(root)
    assert (summary["points"], sum(summary["adopted"].values())) == (4, 2)
    ranking = json.loads(gv(root, "report", "ranking", "--period", "2011", "--format", "json"))
    assert [(r["adopted"], r["points"]) for r in ranking] == [(2, 4)]
    code, out, _ = run("--journal", str(root), "check")
    repeats = [line for line in out.splitlines() if "recorded twice" in line]
    assert code == 1 and len(repeats) == 2 and all(first in line for line in repeats)
    assert all(line.count(".jsonl:") == 2 for line in repeats)  # both lines, file:line


def test_an_amendment_reshares_the_score_of_a_repeated_adoption_too(office):
    """Another desk's copy of the adoption, with its score (append, a merge), counts once; its
    score is hidden behind the first one's. The item's unit amended, then the first adoption's
    score voided: the copy's score counts now, shared as the item is, not as it was."""
    root, item, score = office
    gv(root, "register", "unit", "qf", "庆符镇", "--kind", "township", "--parent", "gx", "--date", "2011-01-01")
    gv(root, "register", "person", "p02", "李四", "--unit", "qf", "--date", "2011-01-01")
    adoption, scored = _event(root, _event(root, score).source), _event(root, score)
    copy = msgspec.structs.replace(adoption, id=new_id(), at=adoption.at + dt.timedelta(hours=2))
    its_score = msgspec.structs.replace(scored, id=new_id(), at=copy.at, source=copy.id)
    code, _, err = run("--journal", str(root), "append", stdin=journal.encode(copy) + journal.encode(its_score))
    assert code == 0, err
    assert points(root) == 2
    out = gv(root, "amend", item, "--unit", "qf", "--author", "p02", "--reason", "单位报错", "--date", "2011-04-02")
    assert len(ids(out, "scored")) == 2  # the counted score and the hidden one, both shared anew
    reshared = next(i for i in ids(out, "scored") if _event(root, i).replaces == score)
    gv(root, "void", reshared, "--reason", "误录", "--date", "2011-04-03")
    assert points(root) == 2  # the copy's score counts now
    ranking = json.loads(gv(root, "report", "ranking", "--period", "2011", "--format", "json"))
    assert {r["code"]: r["points"] for r in ranking} == {"qf": 2, "wj": 0}
    _code, out, _ = run("--journal", str(root), "check")
    assert "before its amendment" not in out, out


def test_a_mistake_voided_in_a_later_period_no_longer_counts_in_its_own(office):
    root, _item, _score = office
    out = gv(root, "submit", "年末信息", "--unit", "wj", "--author", "p01", "--date", "2012-12-20")
    late = out.split()[3]
    adoption = ids(gv(root, "adopt", late, "--channel", "kb", "--date", "2012-12-28"), "item_adopted")[0]
    assert points(root, "--as-of", "2012-12-31", period="2012") == 2
    gv(root, "void", adoption, "--reason", "误录", "--date", "2013-01-15")
    assert points(root, "--as-of", "2012-12-31", period="2012") == 0
    assert points(root, period="2012") == 0


def test_known_at_shows_the_demo_as_the_office_knew_it_before_its_correction():
    """The demo's voided adoption of April 2011 counted for the three hours before its void."""
    events = journal.load(DEMO).events
    void = next(ev for ev in events if isinstance(ev, E.EventVoided) and ev.reason.startswith("误录"))
    adoption = next(ev for ev in events if ev.id == void.target)
    assert isinstance(adoption, E.ItemAdopted) and adoption.at.date().isoformat().startswith("2011-04")
    between = (adoption.at + dt.timedelta(hours=1)).isoformat()
    corrected = points(DEMO, "--as-of", adoption.at.date().isoformat(), period="2011-04")
    assert points(DEMO, "--known-at", between, period="2011-04") - corrected == 2
    assert points(DEMO, "--known-at", void.at.isoformat(), period="2011-04") == corrected


git = shutil.which("git")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(cwd), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
    )


def _branches(root: Path) -> tuple[Path, Path]:
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    a, b = root.parent / "c1", root.parent / "c2"
    for clone in (a, b):
        subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True, capture_output=True)
    return a, b


def _merge(a: Path, b: Path) -> None:
    _git(a, "add", "-A")
    _git(a, "commit", "-qm", "a")
    _git(b, "add", "-A")
    _git(b, "commit", "-qm", "b")
    _git(a, "pull", "-q", "--no-rebase", "--no-edit", str(b))


@pytest.mark.skipif(git is None, reason="git is not installed")
def test_f13_the_same_score_overridden_on_two_branches_counts_once(office):
    root, _item, score = office
    a, b = _branches(root)
    gv(a, "score", "--replaces", score, "--points", "5", "--reason", "改分A", "--date", "2011-06-01")
    time.sleep(0.01)
    gv(b, "score", "--replaces", score, "--points", "3", "--reason", "改分B", "--date", "2011-06-02")
    _merge(a, b)
    assert points(a) == 3  # the override recorded last; was 12 (2 + 5 + 3 less the voided 2, twice)
    code, out, _ = run("--journal", str(a), "check")
    named = [line for line in out.splitlines() if "several live overrides" in line]
    assert code == 1 and len(named) == 1 and named[0].count(".jsonl:") == 2, out


@pytest.mark.skipif(git is None, reason="git is not installed")
def test_f14_one_code_registered_differently_on_two_branches_is_named(office):
    root, _item, _score = office
    a, b = _branches(root)
    gv(a, "register", "unit", "wj", "文江镇人民政府", "--kind", "township", "--parent", "gx", "--date", "2011-05-01")
    gv(b, "register", "unit", "wj", "文江乡", "--kind", "department", "--date", "2011-05-01")
    gv(a, "register", "unit", "dz", "大窝镇", "--kind", "township", "--parent", "gx", "--date", "2011-05-01")
    gv(b, "register", "unit", "dz", "大窝镇", "--kind", "township", "--parent", "gx", "--date", "2011-05-01")
    _merge(a, b)
    code, out, _ = run("--journal", str(a), "check")
    named = [line for line in out.splitlines() if "registered differently" in line]
    assert code == 1 and len(named) == 1 and "unit wj" in named[0], out  # dz: the same on both, no conflict
    assert named[0].count("registry.jsonl:") == 2


def test_a_mistaken_void_of_a_submission_is_undone_and_every_figure_comes_back(office):
    """Issue 9 §4: the void of a submission (taking along the adoption, the comment and their
    scores) is undone by `restore`: a void of each void, appended; the item, its points and
    the rankings are as before, `check` is clean, and the item may be voided again later."""
    root, item, score = office
    gv(root, "comment", item, "--leader", "省长", "--level", "province", "--date", "2011-05-01")
    before = (figures(root), gv(root, "report", "ranking", "--period", "2011", "--format", "json"))
    submission = next(ev.id for ev in journal.load(root).events if getattr(ev, "item", None) == item)
    void = gv(root, "void", submission, "--reason", "误作废", "--date", "2011-06-01").split()[1]
    assert points(root) == 0
    lines_before = journal.load(root).events
    out = gv(root, "restore", void, "--reason", "撤销误作废", "--date", "2011-06-02")
    assert out.count("undoes") == 5  # the submission's void and the four it took along
    assert f"restored scored {score}" in out and f"restored item_submitted {submission}" in out
    assert (figures(root), gv(root, "report", "ranking", "--period", "2011", "--format", "json")) == before
    after = journal.load(root).events
    assert after[: len(lines_before)] == lines_before  # appended, nothing rewritten
    code, out, _ = run("--journal", str(root), "check")
    assert code == 0, out
    # the timeline keeps the void, struck, beside what came back
    rows = json.loads(gv(root, "report", "timeline", "--item", item, "--format", "json"))
    by_id = {r["id"]: r for r in rows}
    assert not by_id[submission]["voided"] and by_id[void]["voided"]
    assert by_id[void]["reason"] == "撤销误作废"
    # undone once only; the undo itself is not voided; the event can be voided anew
    code, _, err = run("--journal", str(root), "restore", void, "--reason", "x")
    assert code == 2 and "already undone" in err
    undo = next(ev.id for ev in journal.load(root).events if getattr(ev, "target", None) == void)
    code, _, err = run("--journal", str(root), "void", undo, "--reason", "x")
    assert code == 2 and "void the event itself" in err
    gv(root, "void", submission, "--reason", "确实重复", "--date", "2011-06-03")
    assert points(root) == 0


def test_the_void_of_an_override_is_not_undone(office):
    root, _item, score = office
    gv(root, "score", "--replaces", score, "--points", "3", "--reason", "复核", "--date", "2011-03-11")
    void = next(ev.id for ev in journal.load(root).events if getattr(ev, "target", None) == score)
    code, _, err = run("--journal", str(root), "restore", void, "--reason", "x")
    assert code == 2 and "override the score again" in err
    assert points(root) == 3


def _void_of(root: Path, target: str) -> str:
    return next(ev.id for ev in journal.load(root).events if getattr(ev, "target", None) == target)


def test_the_void_of_an_override_is_not_undone_once_its_score_was_replaced_in_turn(office):
    """An override's score shared anew by an amendment, or overridden again: the first void still
    belongs to an edit. Undone, the old score would count again behind its successor, shared as
    the item was before the amendment, and void the successor would bring it out (stale shares)."""
    root, item, score = office
    gv(root, "register", "unit", "qf", "庆符镇", "--kind", "township", "--parent", "gx", "--date", "2011-01-01")
    gv(root, "register", "person", "p02", "李四", "--unit", "qf", "--date", "2011-01-01")
    out = gv(root, "score", "--replaces", score, "--points", "4", "--reason", "改分", "--date", "2011-03-11")
    first_void, override = _void_of(root, score), ids(out, "scored")[0]
    out = gv(root, "amend", item, "--unit", "qf", "--author", "p02", "--reason", "单位报错", "--date", "2011-03-12")
    reshared = ids(out, "scored")[0]
    assert _event(root, reshared).replaces == override
    code, _, err = run("--journal", str(root), "restore", first_void, "--reason", "误作废")
    assert code == 2 and "override the score again" in err
    gv(root, "score", "--replaces", reshared, "--points", "6", "--reason", "再改", "--date", "2011-03-13")
    for edit_void in (first_void, _void_of(root, override)):
        code, _, err = run("--journal", str(root), "restore", edit_void, "--reason", "误作废")
        assert code == 2 and "override the score again" in err
    last = next(ev.id for ev in reversed(journal.load(root).events) if type(ev).__name__ == "Scored")
    gv(root, "void", last, "--reason", "误录", "--date", "2011-03-14")
    assert points(root) == 0  # no earlier score of the chain comes back
    ranking = json.loads(gv(root, "report", "ranking", "--period", "2011", "--format", "json"))
    assert {r["code"]: r["points"] for r in ranking} == {"wj": 0, "qf": 0}
    _code, out, _ = run("--journal", str(root), "check")
    assert "before its amendment" not in out and "has no score" in out  # the void left the adoption bare


def test_an_undone_void_shares_what_comes_back_as_the_item_now_is(office):
    """An adoption voided, its item's unit amended, the void undone: the score that comes back
    credits the item's unit as amended, as the amendment shared the live ones."""
    root, item, _score = office
    gv(root, "register", "unit", "qf", "庆符镇", "--kind", "township", "--parent", "gx", "--date", "2011-01-01")
    adoption = next(ev.id for ev in journal.load(root).events if type(ev).__name__ == "ItemAdopted")
    void = gv(root, "void", adoption, "--reason", "误作废", "--date", "2011-04-01").split()[1]
    gv(root, "amend", item, "--unit", "qf", "--author", "p01", "--reason", "单位报错", "--date", "2011-04-02")
    gv(root, "restore", void, "--reason", "撤销误作废", "--date", "2011-04-03")
    ranking = json.loads(gv(root, "report", "ranking", "--period", "2011", "--format", "json"))
    assert {r["code"]: r["points"] for r in ranking if r["points"]} == {"qf": 2}
    code, out, _ = run("--journal", str(root), "check")
    assert code == 0, out

"""Two scoring schemes in one journal: what the city awards the county (upward) and what the
county awards its own units and officers (internal). Figures worked out by hand below."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from govinfo_tui.core import checks, journal, queries, reports
from govinfo_tui.core import events as E
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import run, run_json, small_events, tree_bytes

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

# The county's own rules: 县级采用 2, the city's 快报 10, base point 1 a month, -2 a missed month.
INTERNAL_RULES = {
    "ruleset": "县考核细则",
    "effective": "2011-01-01",
    "scheme": "internal",
    "adoption": [{"channel": "kb", "points": 10}, {"channel": "gxzw", "points": 2}],
    "comment": [{"level": "county", "stance": "affirmative", "points": 5}],
    "penalties": {"missed_quota": 2},
    "quota": {"part_time": 1},
    "base_points": 1,
}
# The city's rules: 快报 2, county-level adoptions nothing.
UPWARD_RULES = {
    "ruleset": "市计分办法",
    "effective": "2011-01-01",
    "adoption": [{"channel": "kb", "points": 2}, {"level": "county", "points": 0}],
    "comment": [{"level": "city", "points": 5}],
    "penalties": {"missed_quota": 1},
    "quota": {"part_time": 1},
}


def cli(root: Path, *args: str, stdin: bytes | None = None) -> str:
    code, out, err = run("--journal", str(root), "--by", "tester", *args, stdin=stdin)
    assert code == 0, err
    return out


def fails(root: Path, *args: str) -> str:
    before = tree_bytes(root)
    code, _out, err = run("--journal", str(root), "--by", "tester", *args)
    assert code == 2 and err.startswith("govinfo: error: ") and len(err.strip().splitlines()) == 1, err
    assert tree_bytes(root) == before, "a refusal writes nothing"
    return err


def make_office(root: Path, *rule_sets: dict) -> Path:
    """Gao County in miniature, built through the command line: two townships with an officer
    each, the city's 快报 and the county's bulletin, the city's target for the county."""
    run("init", str(root))
    for step in [
        ("register", "unit", "gx", "高县", "--kind", "county"),
        ("register", "unit", "wj", "文江镇", "--kind", "township", "--parent", "gx"),
        ("register", "unit", "qf", "庆符镇", "--kind", "township", "--parent", "gx"),
        ("register", "person", "p1", "张三", "--unit", "wj"),
        ("register", "person", "p2", "李四", "--unit", "qf"),
        ("register", "channel", "kb", "政务信息快报", "--level", "city"),
        ("register", "channel", "gxzw", "高县政务信息", "--level", "county"),
        ("register", "target", "--year", "2011", "--unit", "gx", "--points", "10"),
    ]:
        cli(root, *step, "--date", "2011-01-01")
    for body in rule_sets:
        cli(root, "register", "rules", "-", "--date", "2011-01-01", stdin=json.dumps(body).encode())
    return root


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path / "j", UPWARD_RULES, INTERNAL_RULES)


@pytest.fixture
def old_office(tmp_path: Path) -> Path:
    """An office with the city's rules only, as every journal was before schemes."""
    return make_office(tmp_path / "old", UPWARD_RULES)


def submit(root: Path, unit: str = "wj", author: str = "p1", day: str = "2011-03-02") -> str:
    out = cli(root, "submit", f"{unit}的信息", "--unit", unit, "--author", author, "--date", day)
    return out.split(" item ")[1].split()[0]


def scores(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.startswith("scored")]


def summary(root: Path, period: str = "2011", *extra: str) -> dict:
    return run_json("--journal", str(root), "report", "summary", "--period", period, *extra)  # type: ignore[return-value]


def ranking(root: Path, *extra: str) -> dict[str, dict]:
    rows = run_json("--journal", str(root), "report", "ranking", "--period", "2011", *extra)
    return {r["code"]: r for r in rows}  # type: ignore[union-attr]


# --- the model ----------------------------------------------------------------------------


def test_an_old_line_reads_as_upward():
    line = b'{"type":"scored","id":"S1","at":"2011-03-01T09:00:00+08:00","points":2,"credits":[]}'
    assert journal.decoder.decode(line).scheme == "upward"
    target = b'{"type":"target_set","id":"T1","at":"2011-01-01T09:00:00+08:00","year":2011,"unit":"gx"}'
    assert journal.decoder.decode(target).scheme == "upward"


def test_an_upward_line_is_written_as_before():
    """The default is left out, so a journal of one scheme keeps its bytes (and older readers)."""
    ev = E.Scored(id="S1", at=small_events()[0].at, points=2, credits=[], scheme="upward")
    assert b"scheme" not in journal.encode(ev)
    assert b'"scheme":"internal"' in journal.encode(msgspec.structs.replace(ev, scheme="internal"))


def test_without_internal_rules_units_rank_as_they_always_did():
    st = fold(small_events())
    march = parse_period("2011-03")
    up = {r["code"]: r["points"] for r in queries.ranking(st, march, scheme="upward")}
    internal = {r["code"]: r["points"] for r in queries.ranking(st, march)}
    assert up == internal == {"wj": 13, "qf": 4, "nyj": 0}
    assert queries.summary(st, march)["points"] == 17


def test_a_city_adoption_scores_in_each_scheme_and_the_bulletin_only_internally(office):
    item = submit(office)
    out = cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-05")
    assert [s.split()[2:] for s in scores(out)] == [["+2", "(市计分办法/adopt:kb)"], ["+10", "(县考核细则/adopt:kb)"]]
    other = submit(office, "qf", "p2")
    out = cli(office, "adopt", other, "--channel", "gxzw", "--issue", "第3期", "--date", "2011-03-06")
    assert [s.split()[2] for s in scores(out)] == ["+2"]  # the city gives 0: no upward score
    assert summary(office)["points"] == 2  # only the city's points reach the figure it checks
    assert summary(office, "2011", "--scheme", "internal")["points"] == 12
    rows = ranking(office)
    assert (rows["wj"]["points"], rows["qf"]["points"], rows["qf"]["county"]) == (10, 2, 1)
    assert rows["wj"]["scheme"] == "internal"
    assert ranking(office, "--scheme", "upward")["wj"]["points"] == 2
    assert run("--journal", str(office), "check")[0] == 0


def test_a_bulletin_issue_adopts_its_items_where_the_rules_score_it(office, old_office):
    for root, scored in ((office, ["+2", "+2"]), (old_office, [])):
        a, b = submit(root), submit(root, "qf", "p2")
        out = cli(root, "bulletin", "publish", a, b, "--channel", "gxzw", "--date", "2011-03-10")
        assert [s.split()[2] for s in scores(out)] == scored
        assert out.count("item_adopted") == len(scored)
        assert run("--journal", str(root), "check")[0] == 0
    assert ranking(office)["qf"]["county"] == 1


def test_a_quota_penalty_is_internal_and_leaves_the_city_figure_alone(office, old_office):
    for root, penalty in ((office, -2), (old_office, -1)):
        item = submit(root)
        cli(root, "adopt", item, "--channel", "kb", "--date", "2011-03-05")
        before = summary(root)
        out = cli(root, "penalize", "quota", "p2", "--month", "2011-03")
        assert f"{penalty:+d} (" in out
        assert summary(root) == before  # 2 points, 20% of the target, as before
        assert ranking(root)["qf"]["points"] == penalty  # the county's own ledger has it
        line = next(ln for ln in (root / "2011" / "2011-03.jsonl").read_text().splitlines() if "penalty" in ln)
        assert '"scheme":"internal"' in line
        assert run("--journal", str(root), "check")[0] == 0


def test_monthly_base_points_go_to_every_officer_who_met_the_quota(office):
    submit(office)
    out = cli(office, "reward", "quota", "--month", "2011-03")
    assert len(scores(out)) == 1 and "+1 (县考核细则/base:quota)" in out  # p1 wrote one item, p2 none
    assert "nobody is due base points" in fails(office, "reward", "quota", "--month", "2011-03")
    assert ranking(office)["wj"]["points"] == 1 and summary(office)["points"] == 0


def test_before_its_first_internal_rules_the_county_follows_the_city(tmp_path):
    """Rules of its own from April: March's city points still rank the units; April's do not."""
    late = {**INTERNAL_RULES, "effective": "2011-04-01"}
    root = make_office(tmp_path / "j", UPWARD_RULES, late)
    march, april = submit(root, day="2011-03-02"), submit(root, day="2011-04-02")
    cli(root, "adopt", march, "--channel", "kb", "--date", "2011-03-05")
    cli(root, "adopt", april, "--channel", "kb", "--date", "2011-04-05")
    assert ranking(root)["wj"]["points"] == 2 + 10
    assert summary(root)["points"] == 2 + 2


def test_internal_targets_and_the_upward_one_they_fall_back_on(office):
    cli(office, "register", "target", "--year", "2011", "--unit", "wj", "--points", "40", "--scheme", "internal")
    cli(office, "register", "target", "--year", "2011", "--unit", "qf", "--points", "5")
    rows = ranking(office)
    assert (rows["wj"]["target"], rows["qf"]["target"]) == (40, 5)  # qf has only an upward one
    assert ranking(office, "--scheme", "upward")["wj"]["target"] == 0
    targets = run_json("--journal", str(office), "report", "targets", "--period", "2011")
    assert {(r["subject"], r["scheme"]) for r in targets} == {("gx", "upward"), ("qf", "upward"), ("wj", "internal")}
    only = run_json("--journal", str(office), "report", "targets", "--period", "2011", "--scheme", "internal")
    assert [r["subject"] for r in only] == ["wj"]


def test_the_city_s_notice_is_checked_against_upward_points_only(office):
    item = submit(office)
    cli(office, "adopt", item, "--channel", "kb", "--date", "2011-03-05")
    tally = b'{"type":"score_asserted","unit":"gx","period":"2011-03","points":2,"at":"2011-04-08T10:00:00+08:00"}'
    cli(office, "append", "-", stdin=tally)
    assert run("--journal", str(office), "check")[0] == 0


def test_check_names_an_adoption_missing_its_internal_score(office):
    item = submit(office)
    adoption = (
        b'{"type":"item_adopted","id":"A1","item":"%s","channel":"kb","at":"2011-03-05T09:00:00+08:00"}\n'
        b'{"type":"scored","id":"S1","points":2,"credits":[{"unit":"wj","person":"p1","points":2}],'
        b'"rule":"x","source":"A1","item":"%s","at":"2011-03-05T09:00:00+08:00"}'
    ) % (item.encode(), item.encode())
    cli(office, "append", "-", stdin=adoption)
    findings = [f.message for f in checks.check(fold(journal.load(office).events))]
    assert findings == [f"adoption of {item} has no internal score; rule 县考核细则/adopt:kb gives 10"]


def test_the_papers_say_whose_points_they_rank_by(office, old_office):
    st = fold(journal.load(office).events)
    year = parse_period("2011")
    notice = reports.notice(st, year)
    assert notice.data["scheme"] == "internal"
    assert notice.attachments[0].paragraphs[0].startswith("各单位得分为县内考核计分，依据《县考核细则》计算。")
    up = reports.appraisal(st, year, scheme="upward")
    assert "各单位得分为上级考核计分，依据《市计分办法》计算。" in up.attachments[0].paragraphs
    old = reports.notice(fold(journal.load(old_office).events), year)
    assert old.attachments[0].paragraphs[0].startswith("各单位得分按《市计分办法》计算（本县未另定考核细则）。")
    quota = run_json("--journal", str(office), "report", "quota", "--period", "2011-03")
    assert {r["scheme"] for r in quota} == {"internal"}  # type: ignore[union-attr]


def test_points_by_hand_count_where_the_office_means_them(office):
    item = submit(office)
    cli(office, "score", "--person", "p2", "--points", "-1", "--reason", "未按时报送", "--date", "2011-03-05")
    cli(office, "adopt", item, "--channel", "gxzw", "--points", "3", "--reason", "县领导圈阅", "--date", "2011-03-06")
    assert summary(office)["points"] == 0  # an officer's score and the county bulletin's are the county's own
    assert (ranking(office)["qf"]["points"], ranking(office)["wj"]["points"]) == (-1, 3)
    cli(office, "score", "--unit", "gx", "--points", "3", "--reason", "市办补计", "--date", "2011-03-07")
    cli(
        office,
        "score",
        "--unit",
        "wj",
        "--points",
        "2",
        "--reason",
        "县办奖励",
        "--scheme",
        "internal",
        "--date",
        "2011-03-08",
    )
    assert summary(office)["points"] == 3
    assert ranking(office)["wj"]["points"] == 5

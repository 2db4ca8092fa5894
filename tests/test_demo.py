"""The demo journal reproduces the figures of Gao County's 2011 report."""

from __future__ import annotations

import subprocess
import sys

import pytest

from govinfo_tui.core import journal

from .conftest import DEMO, REPO, run, run_json, tree_bytes

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def summary(period: str, *extra: str) -> dict:
    return run_json("--journal", str(DEMO), "report", "summary", "--period", period, *extra)  # type: ignore[return-value]


def test_first_half_of_2011_matches_the_report():
    s = summary("2011-01..2011-06")
    assert s["bulletin_issues"] == 24
    assert s["submitted"] >= 450
    assert s["adopted"]["川政晨讯"] == 3
    assert s["adopted"]["政务信息快报"] == 72
    assert s["points"] == 191
    assert round(s["completion"], 2) == 1.20  # the whole year's target met in half a year
    assert s["completion"] >= 1.0
    assert s["affirmative_comments"] == 8


def test_period_spellings_agree():
    assert summary("2011")["points"] == summary("2011-H1")["points"] == 191
    assert summary("2011-Q1")["points"] + summary("2011-Q2")["points"] == 191
    months = sum(summary(f"2011-{m:02d}")["points"] for m in range(1, 7))
    assert round(months, 2) == 191


def test_as_of_replays_the_score_as_it_stood():
    early = summary("2011", "--as-of", "2011-03-31")
    assert early["points"] == summary("2011-Q1")["points"]
    assert early["points"] < 191


def test_affirmative_comments_come_from_principal_county_leaders():
    from govinfo_tui.core import journal
    from govinfo_tui.core.state import fold

    st = fold(journal.load(DEMO).events)
    h1 = [c for c in st.comments.values() if c.at.year == 2011 and c.stance == "affirmative"]
    assert len(h1) == 8 and all(c.principal and c.level == "county" for c in h1)


def test_city_ranking_top_three_2008_to_2010():
    rows = run_json("--journal", str(DEMO), "report", "city-ranking")
    assert {r["year"]: r["place"] for r in rows} == {2008: 2, 2009: 3, 2010: 1}


def test_some_part_time_officers_fall_below_quota():
    rows = run_json("--journal", str(DEMO), "report", "quota", "--period", "2011-01..2011-06")
    below = [r for r in rows if r["role"] == "part_time" and r["months_below"] > 0]
    assert below and len(below) < len(rows)


def test_demo_checks_clean_and_assertions_reconcile():
    code, out, _ = run("--journal", str(DEMO), "check")
    assert code == 0, out
    assert out.strip().endswith("0 problems")


def test_the_script_regenerates_the_bundled_journal_byte_for_byte(tmp_path):
    """The script scores with `core.recording`, so a change to the scoring shows up here."""
    script = REPO / "scripts" / "make_demo.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    assert tree_bytes(tmp_path) == tree_bytes(DEMO)


def test_init_demo_makes_a_writable_git_ready_copy(tmp_path):
    copy = tmp_path / "练习"
    code, out, _err = run("init", str(copy), "--demo")
    assert code == 0 and out.startswith(f"created journal {copy}, a copy of the demo journal you may write to")
    assert tree_bytes(copy) == tree_bytes(DEMO)
    assert (copy / ".gitattributes").read_text() == journal.GITATTRIBUTES
    assert (copy / ".gitignore").read_text() == journal.GITIGNORE
    before = tree_bytes(DEMO)
    code, out, err = run("--journal", str(copy), "submit", "练习录入", "--unit", "wj", "--date", "2011-06-30")
    assert code == 0, err
    assert tree_bytes(DEMO) == before  # the copy took it, the demo did not
    assert run_json("--journal", str(copy), "report", "summary", "--period", "2011-H1")["points"] == 191
    code, _out, err = run("init", str(copy), "--demo")
    assert code == 2 and "already holds a journal" in err


def test_units_write_on_their_own_subjects_in_season():
    """What issue 10 found: 县公安局 on 小额担保贷款, 春耕 in late June. Each unit now writes on
    its own subjects, and seasonal work only in its season."""
    from statistics import median

    from govinfo_tui.core import events as E

    items = [e for e in journal.load(DEMO).events if isinstance(e, E.ItemSubmitted)]
    police = [e.title for e in items if e.unit == "gaj"]
    assert police and not any(word in t for t in police for word in ("贷款", "春耕", "茶", "低保"))
    assert not [e.title for e in items if "春耕" in e.title and e.at.month not in (2, 3, 4)]
    assert not [e.title for e in items if "防汛" in e.title and e.at.month not in range(5, 10)]
    assert not [e.title for e in items if "森林防火" in e.title and e.at.month in range(4, 11)]
    township_spring = [e.title for e in items if e.unit == "qf" and e.at.month == 3]
    assert any("春耕" in t or "小春" in t or "植树" in t for t in township_spring)
    # bodies of several paragraphs, of the length county items have
    bodies = [e.text for e in items if not e.urgent]
    assert all(len(t.splitlines()) >= 4 for t in bodies)
    assert median(len(t) for t in bodies) >= 300 and max(len(t) for t in bodies) >= 550


def test_the_reports_own_items_are_in_the_issues_after_them():
    from govinfo_tui.core import events as E

    events = journal.load(DEMO).events
    seeds = {
        e.item: e
        for e in events
        if isinstance(e, E.ItemSubmitted)
        and e.title
        in {
            "高县三举措积极应对食盐抢购",
            "高县春茶产值突破亿元",
            "高县着力打造30万亩优质茶产业基地",
            "高县全面开展汛前地质灾害排查工作",
            "高县四举措壮大农业产业化龙头企业",
            "高县狠抓食品添加剂专项整治工作",
        }
    }
    assert len(seeds) == 6 and all(len(e.text) >= 250 for e in seeds.values())
    issues = sorted((e for e in events if isinstance(e, E.BulletinPublished)), key=lambda b: b.at)
    for item, seed in seeds.items():
        first = next(b for b in issues if b.at > seed.at)
        assert item in first.items, (seed.title, first.number)

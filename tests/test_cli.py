"""The command line as scripts and people use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_tui.core import journal

from .conftest import DEMO, run, run_json, tree_bytes

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A journal built only through the command line, as a new office would."""
    root = tmp_path / "office"
    steps = [
        ("init", str(root)),
        ("register", "unit", "gx", "高县", "--kind", "county", "--date", "2011-01-01"),
        ("register", "unit", "wj", "文江镇", "--kind", "township", "--parent", "gx", "--date", "2011-01-01"),
        ("register", "person", "p1", "张三", "--unit", "wj", "--date", "2011-01-01"),
        ("register", "channel", "kb", "政务信息快报", "--level", "city", "--date", "2011-01-01"),
        ("register", "target", "--year", "2011", "--unit", "gx", "--points", "10", "--date", "2011-01-01"),
    ]
    for step in steps:
        args = step if step[0] == "init" else ("--journal", str(root), "--by", "tester", *step)
        code, _, err = run(*args)
        assert code == 0, err
    rules = json.dumps(
        {
            "ruleset": "2011",
            "effective": "2011-01-01",
            "quota": {"part_time": 4},
            "adoption": [{"channel": "kb", "points": 2}, {"channel": "kb", "form": "单篇", "points": 5}],
            "comment": [{"level": "city", "points": 5}],
        }
    ).encode()
    code, _, err = run("--journal", str(root), "register", "rules", "-", "--date", "2011-01-01", stdin=rules)
    assert code == 0, err
    return root


def submit(root: Path, title: str = "文江镇春茶开采", *extra: str) -> str:
    code, out, err = run(
        "--journal",
        str(root),
        "submit",
        title,
        "--unit",
        "wj",
        "--author",
        "p1",
        "--channel",
        "kb",
        "--date",
        "2011-03-02",
        *extra,
    )
    assert code == 0, err
    return out.split(" item ")[1].split()[0]


def test_submit_adopt_comment_and_summary(office):
    item = submit(office)
    assert (
        run("--journal", str(office), "adopt", item, "--channel", "kb", "--form", "单篇", "--date", "2011-03-05")[0]
        == 0
    )
    code, out, err = run(
        "--journal", str(office), "comment", item, "--leader", "副市长", "--level", "city", "--date", "2011-03-08"
    )
    assert code == 0, err
    assert "+5" in out
    s = run_json("--journal", str(office), "report", "summary", "--period", "2011-03")
    assert s["submitted"] == 1 and s["adopted"] == {"政务信息快报": 1}
    assert s["points"] == 10 and s["target"] == 10 and s["completion"] == 1.0
    assert s["affirmative_comments"] == 1
    code, out, _ = run("--journal", str(office), "check")
    assert code == 0, out
    line = next(ln for ln in (office / "2011" / "2011-03.jsonl").read_text().splitlines() if "item_adopted" in ln)
    assert '"by":"' in line and "+08:00" in line


def test_item_ids_are_short_and_sayable(office):
    item = submit(office)
    assert len(item) == 11 and item[:4] == "1103" and item[4] == "-"


def test_errors_are_one_line_exit_2_and_write_nothing(office):
    before = tree_bytes(office)
    cases = [
        ("adopt", "NOPE-1", "--channel", "kb"),
        ("submit", "x", "--unit", "nowhere"),
        ("submit", "  ", "--unit", "wj"),
        ("adopt", "X", "--channel", "kb", "--points", "3"),
        ("report", "summary", "--period", "June"),
        ("report", "summary", "--as-of", "yesterday"),
        ("void", "NOSUCHEVENT", "--reason", "x"),
        ("submit", "x", "--unit", "wj", "--date", "2011-02-30"),
    ]
    for case in cases:
        code, _out, err = run("--journal", str(office), *case)
        assert code == 2, case
        assert err.startswith("govinfo: error: ") and len(err.strip().splitlines()) == 1, (case, err)
    assert tree_bytes(office) == before


def test_manual_points_need_a_reason_and_override_voids_the_old_score(office):
    item = submit(office)
    code, out, _ = run("--journal", str(office), "adopt", item, "--channel", "kb", "--date", "2011-03-05")
    score_id = next(ln.split()[1] for ln in out.splitlines() if ln.startswith("scored"))
    code, out, err = run(
        "--journal",
        str(office),
        "score",
        "--replaces",
        score_id,
        "--points",
        "4",
        "--reason",
        "市办复核改为4分",
        "--date",
        "2011-03-20",
    )
    assert code == 0, err
    assert run_json("--journal", str(office), "report", "summary", "--period", "2011")["points"] == 4
    assert run("--journal", str(office), "check")[0] == 0


def test_void_of_an_adoption_voids_its_score(office):
    item = submit(office)
    code, out, _ = run("--journal", str(office), "adopt", item, "--channel", "kb", "--date", "2011-03-05")
    adoption = out.splitlines()[0].split()[1]
    code, out, err = run("--journal", str(office), "void", adoption, "--reason", "误录")
    assert code == 0, err
    assert out.count("event_voided") == 2
    s = run_json("--journal", str(office), "report", "summary", "--period", "2011")
    assert s["points"] == 0 and s["adopted"] == {}
    assert run("--journal", str(office), "check")[0] == 0


def test_append_validates_raw_lines(office):
    good = (
        '{"type":"item_submitted","at":"2011-04-01T09:00:00+08:00","item":"X-1","title":"导入","unit":"wj"}\n'.encode()
    )
    bad = b'{"type":"item_submitted","at":"2011-04-01T09:00:00+08:00","item":7}\n'
    before = tree_bytes(office)
    code, _, err = run("--journal", str(office), "append", "-", stdin=good + bad)
    assert code == 2 and "line 2" in err
    assert tree_bytes(office) == before
    code, _, err = run("--journal", str(office), "append", "-", stdin=good)
    assert code == 0, err
    assert run_json("--journal", str(office), "report", "summary", "--period", "2011-04")["items"] == 1


def test_csv_has_a_bom_and_table_shows_text_literally(office):
    submit(office, "[bold]标题[/] \x1b[31m红")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "govinfo_tui",
            "--journal",
            str(office),
            "report",
            "changes",
            "--period",
            "2011",
            "--format",
            "csv",
        ],
        capture_output=True,
        check=True,
    )
    assert res.stdout.startswith(b"\xef\xbb\xbf")
    _code, out, _ = run("--journal", str(office), "report", "changes", "--period", "2011-03")
    assert "[bold]标题[/]" in out


def test_the_demo_journal_is_read_only_when_bundled(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./journal here, so the bundled demo is used
    monkeypatch.delenv("GOVINFO_JOURNAL", raising=False)
    assert journal.locate(None) == journal.demo_journal() == DEMO.resolve()  # the checkout's, in an editable install
    before = tree_bytes(DEMO)
    code, _, err = run("submit", "x", "--unit", "wj")
    assert code == 2 and "read-only" in err
    assert tree_bytes(DEMO) == before


def test_journal_is_found_by_flag_then_env_then_cwd(tmp_path, monkeypatch):
    (tmp_path / "journal").mkdir()
    monkeypatch.chdir(tmp_path)
    assert journal.locate("/x", env={"GOVINFO_JOURNAL": "/y"}) == Path("/x")
    assert journal.locate(None, env={"GOVINFO_JOURNAL": "/y"}) == Path("/y")
    assert journal.locate(None, env={}) == tmp_path / "journal"


def test_writing_reads_only_what_it_needs(office, monkeypatch):
    """An adoption validates against the registry and its item's lines, not the whole journal."""
    item = submit(office)
    for n in range(30):
        submit(office, f"其他信息{n}")
    decoded: list[int] = []
    real = journal.decode_bytes

    def counting(path, data, first_line=1, **kw):
        decoded.append(data.count(b"\n"))
        return real(path, data, first_line, **kw)

    monkeypatch.setattr(journal, "decode_bytes", counting)
    assert run("--journal", str(office), "adopt", item, "--channel", "kb", "--date", "2011-03-05")[0] == 0
    assert sum(decoded) <= 10  # the registry (7 lines) and the one submission


def test_init_refuses_an_existing_journal(office):
    code, _, err = run("init", str(office))
    assert code == 2 and "already holds a journal" in err


def test_module_entry_point_runs(office):
    res = subprocess.run(
        [sys.executable, "-m", "govinfo_tui", "--journal", str(office), "report", "summary", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert res.returncode == 0 and json.loads(res.stdout)["office"] == "高县"


def test_registrations_are_validated_and_edit_by_code(office):
    before = tree_bytes(office)
    for case in [
        ("register", "person", "p9", "赵六", "--unit", "nowhere"),
        ("register", "unit", "x1", "某镇", "--parent", "x1"),
        ("register", "unit", "x2", "  "),
        ("register", "target", "--year", "2011", "--points", "5"),
    ]:
        code, _, err = run("--journal", str(office), *case)
        assert code == 2 and err.startswith("govinfo: error: "), (case, err)
    assert tree_bytes(office) == before
    assert (
        run(
            "--journal", str(office), "register", "unit", "wj", "文江镇人民政府", "--kind", "township", "--parent", "gx"
        )[0]
        == 0
    )
    rows = run_json("--journal", str(office), "report", "ranking", "--period", "2011")
    assert [r["name"] for r in rows] == ["文江镇人民政府"]


def test_the_app_refuses_a_missing_journal_before_it_starts(tmp_path):
    code, _, err = run("--journal", str(tmp_path / "nowhere"))
    assert code == 2 and "govinfo init" in err


def test_by_reaches_the_app(monkeypatch, small):
    """`govinfo --by NAME` (and so `serve`, which passes it on) opens the app recording as NAME."""
    from govinfo_tui.tui import app as tui_app

    seen: dict[str, object] = {}

    def fake_run(self) -> None:
        seen["by"] = self.by

    monkeypatch.setattr(tui_app.GovinfoApp, "run", fake_run)
    code, _, err = run("--journal", str(small), "--by", "周涛")
    assert code == 0, err
    assert seen["by"] == "周涛"


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_closed_pipe_ends_quietly(fmt):
    """`govinfo report ... | head -1`: the reader stops early, govinfo exits 0 without a word."""
    args = ["--journal", str(DEMO), "report", "changes", "--period", "2011-06", "--format", fmt]
    proc = subprocess.Popen(
        [sys.executable, "-m", "govinfo_tui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `head` or `true` does before govinfo has written a line
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert err == b""

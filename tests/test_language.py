"""Chinese first: what the command line says by default, what an English locale or `--lang en`
changes, what it never changes (the keys scripts read), and the periods staff type."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import sys
from contextlib import redirect_stderr

import pytest

from govinfo_tui import cli
from govinfo_tui.cli import main
from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.period import PeriodError, parse_period
from govinfo_tui.core.state import fold

from .conftest import REPO, at, gv, run, small_events


def test_a_command_line_error_is_chinese_by_default(small):
    code, out, err = gv(small, "adopt", "NOPE", "--channel", "kb")
    assert code == 2 and out == ""
    assert err == "govinfo: 错误: 没有编号为「NOPE」的信息；可用 `govinfo report changes` 查找编号\n"


def test_a_period_error_is_chinese_by_default(small):
    code, _out, err = gv(small, "report", "summary", "--period", "2011-06..2011-01")
    assert code == 2 and err == "govinfo: 错误: 期间「2011-06..2011-01」的结束早于开始\n"


def test_a_refusal_to_write_the_demo_is_chinese_and_says_how_to_practise(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the bundled demo, found by default
    code, _out, err = run("submit", "练习", "--unit", "wj")
    assert code == 2
    assert err.startswith(f"govinfo: 错误: {journal.demo_journal()} 是随附的演示日志，只读；")
    assert "`govinfo init 目录 --demo`" in err


def test_a_journal_problem_line_is_chinese_by_default(small):
    with (small / "2011" / "2011-03.jsonl").open("ab") as f:
        f.write(b"not json\n")
    code, out, _err = gv(small, "check")
    assert code == 1
    assert "2011-03.jsonl:" in out and "不是有效的 JSON（第 4 字节附近有误）；请修正此行" in out
    assert out.strip().endswith("发现问题 1 处")


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`govinfo` in a process of its own, with only the locale variables given."""
    return subprocess.run(
        [sys.executable, "-m", "govinfo_tui", *args], env=env, cwd=REPO, capture_output=True, text=True, check=False
    )


def test_a_shared_servers_c_locale_keeps_chinese_and_an_english_one_gives_english(small):
    args = ("--journal", str(small), "report", "summary", "--period", "2011-13")
    assert _cli(*args, LANG="C.UTF-8").stderr.startswith("govinfo: 错误: 期间「2011-13」无法识别")
    assert _cli(*args, LANG="POSIX").stderr.startswith("govinfo: 错误: 期间「2011-13」无法识别")
    assert _cli(*args, LANG="en_US.UTF-8").stderr.startswith("govinfo: error: period '2011-13' not understood")
    assert _cli(*args, LANG="en_US.UTF-8", GOVINFO_LANG="zh").stderr.startswith("govinfo: 错误:")
    assert _cli("--lang", "en", *args, LANG="C.UTF-8").stderr.startswith("govinfo: error:")


def test_the_locale_is_read_in_process_too(small, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run("--journal", str(small), "report", "summary", "--period", "x")[2].startswith("govinfo: error:")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL wins over LANG, and C is no English
    assert run("--journal", str(small), "report", "summary", "--period", "x")[2].startswith("govinfo: 错误:")


def test_help_is_in_the_language_asked_for(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    chinese = capsys.readouterr().out
    assert chinese.startswith("用法: govinfo") and "新建日志文件夹" in chinese and "选项:" in chinese
    with pytest.raises(SystemExit):
        main(["--lang", "en", "init", "--help"])
    english = capsys.readouterr().out
    assert english.startswith("usage: govinfo init") and "a copy of the demo journal" in english
    with pytest.raises(SystemExit):
        main(["report", "-h"])
    kinds = capsys.readouterr().out.split("报表:\n", 1)[1].splitlines()
    assert kinds[0].split() == ["summary", "期间概况"] and ["notice", "通报"] in [k.split() for k in kinds]


def test_confirmations_and_tables_speak_chinese_but_json_keys_do_not_change(small):
    code, out, _err = gv(small, "score", "--points", "1", "--reason", "补记", "--unit", "wj", "--date", "2011-03-30")
    assert code == 0 and out.startswith("已记录 计分 ") and out.rstrip().endswith("+1 (手工计分)")
    table = gv(small, "report", "ranking", "--period", "2011-03")[1]
    assert table.splitlines()[0].split()[:3] == ["名次", "代码", "名称"]
    rows = json.loads(gv(small, "report", "ranking", "--period", "2011-03", "--format", "json")[1])
    assert list(rows[0])[:3] == ["rank", "code", "name"]
    csv_head = gv(small, "report", "ranking", "--period", "2011-03", "--format", "csv")[1].splitlines()[0]
    assert csv_head.lstrip("\ufeff").startswith("rank,code,name")
    english = run("--lang", "en", "--journal", str(small), "report", "ranking", "--period", "2011-03")[1]
    assert english.splitlines()[0].split()[:3] == ["rank", "code", "name"]


def test_an_automatic_void_reason_is_written_in_the_recorders_language(small):
    out = gv(small, "adopt", "A4", "--channel", "kb", "--date", "2011-03-28")[1]
    adoption = out.split()[2]
    assert gv(small, "void", adoption, "--reason", "误录")[0] == 0
    reasons = [ev.reason for ev in journal.load(small).events if isinstance(ev, E.EventVoided)]
    assert reasons == ["误录", f"随 {adoption} 作废: 误录"]
    assert "voided with" not in (small / "2011" / "2011-03.jsonl").read_text()


def test_void_and_restore_say_what_they_did_in_chinese(small):
    """The id stays the second word (scripts take it), the verbs are the office's."""
    adoption = gv(small, "adopt", "A4", "--channel", "kb", "--date", "2011-03-28")[1].split()[2]
    code, out, _ = gv(small, "void", adoption, "--reason", "误录")
    first, along = out.splitlines()
    assert code == 0 and first.split()[2:4] == ["作废", "item_adopted"] and along.split()[2:4] == ["一并作废", "scored"]
    code, out, _ = gv(small, "restore", first.split()[1], "--reason", "误作废")
    assert code == 0 and out.count("撤销作废") == 2 and "恢复计入 item_adopted " + adoption in out
    assert not any(word in out for word in ("undoes", "restored", "voids"))


@pytest.mark.parametrize(
    ("typed", "start", "end", "label"),
    [
        ("2011年", "2011-01-01", "2011-12-31", "2011年"),
        ("2011年6月", "2011-06-01", "2011-06-30", "2011年6月"),
        ("2011年上半年", "2011-01-01", "2011-06-30", "2011年上半年"),
        ("2011年下半年", "2011-07-01", "2011-12-31", "2011年下半年"),
        ("2011年一季度", "2011-01-01", "2011-03-31", "2011年一季度"),
        ("2011年第四季度", "2011-10-01", "2011-12-31", "2011年四季度"),
        ("２０１１年 ６ 月", "2011-06-01", "2011-06-30", "2011年6月"),
        ("2011年1月至6月", "2011-01-01", "2011-06-30", "2011年1月至2011年6月"),
        ("2011-01..2011-06", "2011-01-01", "2011-06-30", "2011-01..2011-06"),
        ("2011-H1", "2011-01-01", "2011-06-30", "2011-H1"),
    ],
)
def test_periods_read_what_staff_type(typed, start, end, label):
    period = parse_period(typed)
    assert (period.start.isoformat(), period.end.isoformat(), period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [("上半年", "2011-01-01", "2011-06-30"), ("下半年", "2011-07-01", "2011-12-31"),
     ("一季度", "2011-01-01", "2011-03-31"), ("三季度", "2011-07-01", "2011-09-30"),
     ("6月", "2011-06-01", "2011-06-30"), ("全年", "2011-01-01", "2011-12-31")],
)  # fmt: skip
def test_a_period_without_a_year_takes_the_year_in_view(typed, start, end):
    period = parse_period(typed, year=2011)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    with pytest.raises(PeriodError) as caught:
        parse_period(typed)
    assert caught.value.code == "period.needs_year"
    assert str(caught.value) == f"「{typed}」未写年份；请写成如 2011年{typed}"


def test_the_command_line_reads_a_bare_period_in_the_journals_year_or_the_as_of_day(small):
    assert fold(small_events()).last_at == at("2011-03-25", 16)  # an old journal: its year is in view
    first_quarter = json.loads(gv(small, "report", "summary", "--period", "一季度", "--format", "json")[1])
    assert (first_quarter["from"], first_quarter["to"], first_quarter["period"]) == (
        "2011-01-01",
        "2011-03-31",
        "2011年一季度",
    )
    as_of = gv(small, "report", "summary", "--period", "6月", "--as-of", "2010-12-31", "--format", "json")[1]
    assert json.loads(as_of)["from"] == "2010-06-01"
    assert dt.date.fromisoformat(first_quarter["to"]).year == 2011


def test_an_error_of_the_system_is_worded_too(small, tmp_path):
    missing = tmp_path / "nosuch.json"
    assert gv(small, "register", "rules", str(missing))[2] == f"govinfo: 错误: {missing}: 文件或文件夹不存在\n"
    english = run("--lang", "en", "--journal", str(small), "register", "rules", str(missing))[2]
    assert english == f"govinfo: error: {missing}: No such file or directory\n"


def _usage_error(*args: str) -> str:
    """What argparse says of a command line it cannot read, through `cli.main`, and its code."""
    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit) as exit_:
        cli.main(list(args))
    assert exit_.value.code == 2
    return err.getvalue()


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (("void",), "govinfo void: 错误: 缺少必需的参数: event, --reason", "the following arguments are required"),
        (("penalize", "bogus", "x"), "无效的选项 'bogus'（可选: 'commission', 'urgent', 'quota'）", "invalid choice"),
        (("check", "--bogus"), "govinfo: 错误: 无法识别的参数: --bogus", "unrecognized arguments: --bogus"),
        (("report", "summary", "--period"), "参数 --period: 须跟一个值", "expected one argument"),
    ],
)
def test_argparse_usage_errors_speak_the_users_language(monkeypatch, args, chinese, english) -> None:
    """Issue 9 §1: a missing argument, an invalid choice, an unknown option read in Chinese
    by default (LANG=C.UTF-8 too), in English when asked, and argparse is left as it was."""
    zh = _usage_error(*args)
    assert chinese in zh and "用法: govinfo" in zh and "error" not in zh, zh
    assert english in _usage_error("--lang", "en", *args)
    monkeypatch.setenv("GOVINFO_LANG", "en")
    assert english in _usage_error(*args)
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]  # put back after the parse

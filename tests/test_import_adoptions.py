"""`govinfo import adoptions`: the city's list of adoptions read against the journal, and
`govinfo assert` holding the ledger to the city's total. Hand-made lists in the encodings
offices' Excel writes, against a small journal whose answers are worked out below."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import msgspec
import pytest

from govinfo_tui.core import checks, journal, queries
from govinfo_tui.core import events as E
from govinfo_tui.core.imports.reconcile import issue_key, same_issue, title_key
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.workspace import open_state

from .conftest import Ids, at, registrations, rules_2011, run, tree_bytes, write_journal

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

HEADER = ["标题", "单位", "刊物", "期号", "日期"]


def office_events() -> list[E.Event]:
    """March 2011 in Gao County in miniature. On record: B1 adopted by 快报 第10期 (2 points)
    and B6 by 快报 第12期 (2 points); B2, B3 not adopted; B4 and B5 two items of 文江镇 with
    one title (as happens when a township sends a story twice)."""
    i = Ids()
    evs: list[E.Event] = [*registrations(i), rules_2011()]
    for item, title, unit, author, day in [
        ("B1", "文江镇推进春茶生产", "wj", "p1", "2011-03-01"),
        ("B2", "庆符镇全力做好防汛准备工作", "qf", "p2", "2011-03-02"),
        ("B3", "县农业局开展春耕备耕专题调研", "nyj", "p3", "2011-03-03"),
        ("B4", "文江镇强化森林防火", "wj", "p1", "2011-03-04"),
        ("B5", "文江镇强化森林防火", "wj", "p1", "2011-03-05"),
        ("B6", "庆符镇召开安全生产会议", "qf", "p2", "2011-03-06"),
    ]:
        evs.append(E.ItemSubmitted(id=i(), at=at(day), by="t", item=item, title=title, unit=unit, authors=[author]))
    for item, issue, day, unit, person in [
        ("B1", "2011年第10期", "2011-03-10", "wj", "p1"),
        ("B6", "2011年第12期", "2011-03-15", "qf", "p2"),
    ]:
        a = E.ItemAdopted(id=i(), at=at(day, 10), by="t", item=item, channel="kb", issue=issue)
        evs.append(a)
        credit = [E.Credit(unit=unit, person=person, points=2)]
        evs.append(
            E.Scored(id=i(), at=a.at, by="t", points=2, credits=credit, rule="2011/adopt:kb", source=a.id, item=item)
        )
    return evs


# B1 on record (issue written another way), B2 alike (similarity 0.84), B3 equal once width,
# quotes and spaces are set aside, B4/B5 ambiguous, one title nothing matches, one bad date.
ROWS = [
    ["文江镇推进春茶生产", "文江镇", "政务信息快报", "第10期", "2011-03-10"],
    ["庆符镇全力做好2011年防汛准备工作", "高县庆符镇", "《政务信息快报》", "第11期", "2011/3/12"],
    ["县农业局开展“春耕备耕” 专题调研", "县农业局", "政务信息快报", "第11期", "2011年3月12日"],
    ["文江镇强化森林防火", "文江镇", "政务信息快报", "第11期", "2011-03-12"],
    ["高县召开全县经济工作会议", "高县", "政务信息快报", "第11期", "2011-03-12"],
]
BAD_ROW = ["庆符镇召开安全生产会议", "庆符镇", "政务信息快报", "第12期", "三月中旬"]


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "j", office_events())


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", header: list[str] = HEADER) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def import_json(root: Path, *args: str, code_wanted: int | None = None) -> dict:
    code, out, err = run("--journal", str(root), "--by", "tester", "import", "adoptions", *args, "--format", "json")
    result = json.loads(out)
    # 1 exactly when a row could not be read, so that a script notices a partly read list
    assert code == (code_wanted if code_wanted is not None else (1 if result["bad"] else 0)), err
    return result


def by_status(result: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in result["rows"]:
        out.setdefault(r["status"], []).append(r["where"].rpartition(":")[2])
    return out


def upward_points(root: Path, period: str = "2011-03") -> float:
    st, _ = open_state(root)
    return queries.summary(st, parse_period(period))["points"]


# --- reading and matching ------------------------------------------------------------


def test_a_bom_csv_matches_exact_alike_ambiguous_and_nothing(office: Path, tmp_path: Path) -> None:
    result = import_json(office, str(write_csv(tmp_path / "list.csv", ROWS)))
    assert result["encoding"] == "UTF-8 (BOM), comma"
    assert by_status(result) == {"recorded": ["2"], "new": ["3", "4"], "ambiguous": ["5"], "unmatched": ["6"]}
    rows = {r["where"].rpartition(":")[2]: r for r in result["rows"]}
    assert rows["2"]["item"] == "B1" and rows["2"]["similarity"] == 1.0 and rows["2"]["adoption"]
    assert rows["3"]["item"] == "B2" and rows["3"]["similarity"] == pytest.approx(0.839, abs=0.001)
    assert rows["4"]["item"] == "B3" and rows["4"]["similarity"] == 1.0  # “”, a space: still the same title
    assert rows["5"]["item"] == "" and rows["5"]["candidate_items"] == ["B4", "B5"]
    assert "several items fit" in rows["5"]["todo"]
    assert rows["6"]["item"] == "" and "submit the item first" in rows["6"]["todo"]
    # B6 was adopted by 快报 in March and the city does not list it
    assert [u["item"] for u in result["unlisted"]] == ["B6"]
    assert result["period"] == "2011-03" and result["channels"] == ["kb"]


def test_a_gbk_csv_is_read_and_said_so(office: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", ROWS, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # it really is not UTF-8
    result = import_json(office, str(path))
    assert result["encoding"] == "GB18030 (GBK), comma"
    assert by_status(result) == {"recorded": ["2"], "new": ["3", "4"], "ambiguous": ["5"], "unmatched": ["6"]}


def test_an_xlsx_by_a_rules_file_with_positions_aliases_and_dates(office: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "采用情况"
    ws.append(["宜宾市政务信息采用情况表"])
    ws.append(["序号", "信息题目", "报送单位", "期数", "采用时间"])
    for n, (title, unit, _pub, issue, _day) in enumerate(ROWS[:3], start=1):
        ws.append([n, title, unit, int(issue.strip("第期")), dt.datetime(2011, 3, 12)])
    ws.append(["合计", None, None, None, None])
    wb.save(tmp_path / "list.xlsx")
    rules = tmp_path / "city.rules"
    rules.write_text(
        "# 市政府办公室《政务信息快报》采用情况表\n"
        "skip 2\n"
        "fields _, title, unit, issue, date\n"
        "publication 快报\n"
        "alias publication 快报 = kb\n"
        "skip-if ^合计$    # the total row\n",
        encoding="utf-8",
    )
    result = import_json(office, str(tmp_path / "list.xlsx"), "--rules", str(rules))
    assert result["encoding"] == "xlsx: 采用情况"
    assert by_status(result) == {"recorded": ["3"], "new": ["4", "5"]}
    assert result["counts"]["skipped"] == 1  # the 合计 row
    assert [r["issue"] for r in result["rows"]] == ["10", "11", "11"]  # 10, not 10.0


def test_every_bad_row_says_where_and_what_to_do(office: Path, tmp_path: Path) -> None:
    rows = [*ROWS, BAD_ROW, ["某标题", "文江镇", "人民日报", "第1期", "2011-03-12"]]
    result = import_json(office, str(write_csv(tmp_path / "list.csv", rows)), code_wanted=1)
    bad = {b["where"]: b["problem"] for b in result["bad"]}
    where = str(tmp_path / "list.csv")
    assert "date '三月中旬' not understood" in bad[f"{where}:7"] and "date-format" in bad[f"{where}:7"]
    assert "publication '人民日报' is not registered" in bad[f"{where}:8"] and "alias publication" in bad[f"{where}:8"]
    # and --record refuses the whole file, naming the rows, writing nothing
    before = tree_bytes(office)
    code, _out, err = run("--journal", str(office), "import", "adoptions", where, "--record")
    assert code == 2 and "rows 7, 8" in err and "nothing was recorded" in err
    assert tree_bytes(office) == before


def test_a_header_without_the_fields_or_a_bad_rules_line_is_refused_with_its_place(
    office: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "list.csv", ROWS, header=["名称", "单位", "刊物", "期号", "日期"])
    result = import_json(office, str(path))
    assert result["rows"] == [] and "names no column for title" in result["bad"][0]["problem"]
    rules = tmp_path / "bad.rules"
    rules.write_text("skip 1\nfeilds title, date\n", encoding="utf-8")
    code, _out, err = run("--journal", str(office), "import", "adoptions", str(path), "--rules", str(rules))
    assert code == 2 and f"{rules}:2" in err and "unknown directive 'feilds'" in err


def test_text_from_the_file_is_data(office: Path, tmp_path: Path) -> None:
    rows = [['\x1b[2J=HYPERLINK("http://x")[red]', "文江镇", "政务信息快报", "第11期", "2011-03-12"]]
    path = write_csv(tmp_path / "list.csv", rows)
    code, out, _err = run("--journal", str(office), "import", "adoptions", str(path))
    assert code == 0 and "\x1b" not in out and "\\x1b[2J=HYPERLINK" in out and "[red]" in out
    code, out, _err = run("--journal", str(office), "import", "adoptions", str(path), "--format", "csv")
    line = next(r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff"))) if r["status"] == "unmatched")
    assert line["title"].startswith("'") or line["title"].startswith("\\x1b")  # never a live formula
    assert not line["title"].startswith("=")


def test_the_helpers_compare_titles_and_issues_as_people_write_them() -> None:
    assert title_key("县农业局开展“春耕备耕” 专题调研！") == title_key("县农业局开展春耕备耕专题调研")
    assert title_key("ＡＢＣ１２３") == title_key("abc123")
    assert issue_key("2011年第52期")[:2] == (2011, 52) and issue_key("第52期")[:2] == (None, 52)
    assert same_issue("2011年第52期", "第52期") and same_issue("52", "〔2011〕第52期")
    assert not same_issue("2011年第52期", "2011年第53期") and not same_issue("2010年第52期", "2011年第52期")


# --- recording ---------------------------------------------------------------------------


def test_record_writes_the_missing_adoptions_once_and_a_rerun_finds_them(office: Path, tmp_path: Path) -> None:
    path = str(write_csv(tmp_path / "list.csv", ROWS))
    assert upward_points(office) == 4  # B1 and B6
    result = import_json(office, path, "--record")
    assert len(result["recorded"]) == 2  # B2 and B3; the ambiguous and the unmatched row are left
    assert by_status(result) == {"recorded": ["2", "3", "4"], "ambiguous": ["5"], "unmatched": ["6"]}
    assert upward_points(office) == 8  # two more 快报 adoptions at 2 points each
    st, _ = open_state(office)
    b2 = st.items["B2"].adoptions
    assert [(a.channel, a.issue, a.at) for a in b2] == [("kb", "第11期", at("2011-03-12"))]
    assert [s.credits[0].person for s in st.items["B2"].scores] == ["p2"]  # scored as `adopt` scores
    # the write was one batch: every line of it carries the same tag
    lines = [json.loads(x) for x in (office / "2011" / "2011-03.jsonl").read_text().splitlines()]
    tags = {x.get("batch") for x in lines if x["id"] in result["recorded"] or x.get("source") in result["recorded"]}
    assert len(tags) == 1 and None not in tags
    # again: nothing new, nothing counted twice
    before = tree_bytes(office)
    again = import_json(office, path, "--record")
    assert again["recorded"] == [] and by_status(again)["recorded"] == ["2", "3", "4"]
    assert tree_bytes(office) == before and upward_points(office) == 8
    assert checks.check(open_state(office)[0]) == []


def test_a_row_refused_midway_writes_nothing(office: Path, tmp_path: Path) -> None:
    """The second adoption is of a national publication the rules do not score: refused at
    build time, after the first was built. Nothing of the import is written."""
    code, _o, err = run(
        "--journal",
        str(office),
        "register",
        "channel",
        "rmrb",
        "人民日报",
        "--level",
        "national",
        "--date",
        "2011-01-01",
    )
    assert code == 0, err
    rows = [ROWS[1], [*ROWS[2][:2], "人民日报", "第5期", "2011-03-12"]]
    path = write_csv(tmp_path / "list.csv", rows)
    before = tree_bytes(office)
    code, _out, err = run("--journal", str(office), "import", "adoptions", str(path), "--record")
    assert code == 2 and f"{path}:3" in err and "nothing was recorded" in err
    assert tree_bytes(office) == before


def test_a_write_failing_in_its_second_file_is_taken_back(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adoptions in March and April go to two month files; the second write fails (a full
    disk): the first file is cut back, so the import counts whole or not at all."""
    rows = [ROWS[1], ["县农业局开展春耕备耕专题调研", "县农业局", "政务信息快报", "第14期", "2011-04-02"]]
    path = write_csv(tmp_path / "list.csv", rows)
    real = journal.write_all
    calls = {"n": 0}

    def failing(fd: int, buf: bytearray) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(fd, buf)

    monkeypatch.setattr(journal, "write_all", failing)
    before = tree_bytes(office)
    code, _out, err = run("--journal", str(office), "import", "adoptions", str(path), "--record")
    assert code == 2 and calls["n"] == 2, err
    after = tree_bytes(office)
    assert {k: v for k, v in after.items() if v} == {k: v for k, v in before.items() if v}
    assert upward_points(office, "2011-03..2011-04") == 4


# --- the city's total ------------------------------------------------------------------


def test_assert_the_citys_total_after_importing_and_check_reconciles_it(office: Path, tmp_path: Path) -> None:
    import_json(office, str(write_csv(tmp_path / "list.csv", ROWS)), "--record")
    base = ("--journal", str(office), "--by", "tester")
    code, out, err = run(
        *base,
        "assert",
        "gx",
        "--period",
        "2011-03",
        "--points",
        "8",
        "--source",
        "市政府办公室3月通报",
        "--date",
        "2011-04-08",
    )
    assert code == 0 and "score_asserted" in out, err
    code, out, _err = run(*base, "check")
    assert code == 0, out
    # the city says 10: check names the notice and both figures
    code, out, err = run(
        *base, "assert", "gx", "--period", "2011-03", "--points", "10", "--source", "更正通报", "--date", "2011-04-09"
    )
    assert code == 0, err
    code, out, _err = run(*base, "check")
    assert code == 1 and "更正通报: gx 2011-03 should be 10 points, the ledger has 8 (upward scheme)" in out


def test_an_assertion_is_held_to_its_own_scheme(office: Path) -> None:
    """A penalty on an officer is the county's own (internal): the city's total is untouched."""
    base = ("--journal", str(office), "--by", "tester")
    code, _o, err = run(
        *base, "score", "--points", "-1", "--reason", "月度未达标", "--person", "p1", "--date", "2011-03-31"
    )
    assert code == 0, err
    for scheme, points in (("upward", "4"), ("internal", "3")):
        code, _o, err = run(
            *base, "assert", "gx", "--period", "2011-03", "--points", points, "--scheme", scheme, "--date", "2011-04-08"
        )
        assert code == 0, err
    assert checks.assertions(open_state(office)[0]) == []
    code, _o, err = run(
        *base, "assert", "gx", "--period", "2011-03", "--points", "4", "--scheme", "internal", "--date", "2011-04-08"
    )
    found = checks.assertions(open_state(office)[0])
    assert len(found) == 1 and "should be 4 points, the ledger has 3 (internal scheme)" in found[0].message


def test_an_old_assertion_line_reads_as_upward() -> None:
    line = (
        b'{"type":"score_asserted","unit":"gx","period":"2010","points":166,"id":"X","at":"2011-01-15T10:58:00+08:00"}'
    )
    ev = msgspec.json.decode(line, type=E.AnyEvent)
    assert isinstance(ev, E.ScoreAsserted) and ev.scheme == "upward"
    assert b'"scheme"' not in journal.encode(ev)  # and writes back without it


def test_assert_refuses_a_bad_period_or_unit(office: Path) -> None:
    before = tree_bytes(office)
    base = ("--journal", str(office), "--by", "tester", "assert")
    code, _o, err = run(*base, "gx", "--period", "2011-13", "--points", "8")
    assert code == 2 and "2011-13" in err
    code, _o, err = run(*base, "zz", "--period", "2011-03", "--points", "8")
    assert code == 2 and "zz" in err
    assert tree_bytes(office) == before


# --- the demo --------------------------------------------------------------------------


def test_the_demo_with_a_city_list_derived_from_it(tmp_path: Path) -> None:
    """The city's list of the first half of 2011 (its 3 province and 72 city adoptions) as the
    city would send it: GBK, its own date and issue style, 高县 before each unit's name, the
    form, every unit of a combined adoption. All are on record; with two adoptions voided (a
    约稿 of 5 points, a 综合 shared by two units), --record puts them back: 191 points again, and
    every unit's points in the county's own ranking as before."""
    root = tmp_path / "demo"
    assert run("init", str(root), "--demo")[0] == 0
    st, _ = open_state(root)
    h1 = parse_period("2011-01..2011-06")
    wanted = [a for a in st.adoptions.values() if a.channel in ("kb", "chzx") and h1.has(a.at)]
    assert len(wanted) == 75
    rows = [
        [
            st.items[a.item].title,
            "高县" + st.units[st.items[a.item].unit].name,
            st.channels[a.channel].name,
            a.issue.replace("2011年", ""),
            f"{a.at:%Y年%m月%d日}",
            a.form,
        ]
        for a in wanted
    ]
    for row, a in zip(rows, wanted, strict=True):
        if a.units:  # a combined adoption (综合): the city names every unit it credits
            row[1] = "、".join("高县" + st.units[u].name for u in a.units)
    path = write_csv(tmp_path / "h1.csv", rows, encoding="gbk", header=[*HEADER, "形式"])
    result = import_json(root, str(path), "--period", "2011-01..2011-06")
    assert result["counts"]["recorded"] == 75 and result["counts"]["unlisted"] == 0 and result["bad"] == []
    assert upward_points(root, "2011-01..2011-06") == 191
    ranking = queries.ranking(open_state(root)[0], h1, by="unit")  # the county's own scheme
    titles = Counter(it.title for it in st.items.values())
    unique = [a for a in wanted if titles[st.items[a.item].title] == 1]  # the demo repeats some titles
    assert [(a.form, bool(a.units)) for a in unique[:2]] == [("约稿", False), ("综合", True)]  # 5 points; shared
    for a in unique[:2]:
        code, _o, err = run(
            "--journal", str(root), "--by", "tester", "void", a.id, "--reason", "录错", "--date", "2011-06-30"
        )
        assert code == 0, err
    assert upward_points(root, "2011-01..2011-06") < 191
    result = import_json(root, str(path), "--period", "2011-01..2011-06", "--record")
    assert len(result["recorded"]) == 2 and result["counts"]["recorded"] == 75
    assert upward_points(root, "2011-01..2011-06") == 191
    assert queries.ranking(open_state(root)[0], h1, by="unit") == ranking  # the units' shares as they were
    code, _out, err = run(
        "--journal",
        str(root),
        "--by",
        "tester",
        "assert",
        "gx",
        "--period",
        "2011-01..2011-06",
        "--points",
        "191",
        "--source",
        "宜宾市政府办公室2011年6月政务信息工作通报",
        "--date",
        "2011-07-08",
    )
    assert code == 0, err
    assert checks.assertions(open_state(root)[0]) == []


def test_the_header_is_found_under_a_title_line_and_fields_must_name_a_title(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "notice.csv"
    path.write_text(
        "宜宾市2011年3月政务信息采用情况\r\n\r\n" + write_csv(tmp_path / "x.csv", ROWS[:1]).read_text("utf-8-sig"),
        "utf-8",
    )
    result = import_json(office, str(path))
    assert by_status(result) == {"recorded": ["4"]} and result["encoding"] == "UTF-8, comma"
    rules = tmp_path / "r.rules"
    rules.write_text("skip 1\nfields _, unit, publication, issue, date\n", encoding="utf-8")
    result = import_json(office, str(path), "--rules", str(rules))
    assert result["rows"] == [] and result["bad"][0]["where"] == str(rules)
    assert "names no column for title" in result["bad"][0]["problem"]


def test_excels_unicode_text_and_an_encoding_named_in_the_rules(office: Path, tmp_path: Path) -> None:
    """Excel's "Unicode text" is UTF-16 with tabs; a GBK file read by a rules file naming UTF-8
    is refused with the byte that does not read, and read when the rules say gbk."""
    text = "\r\n".join("\t".join(r) for r in [HEADER, *ROWS[:2]]) + "\r\n"
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as Excel writes it
    result = import_json(office, str(utf16))
    assert result["encoding"] == "UTF-16, tab" and by_status(result) == {"recorded": ["2"], "new": ["3"]}
    gbk = write_csv(tmp_path / "gbk.csv", ROWS[:2], encoding="gbk")
    rules = tmp_path / "r.rules"
    rules.write_text("encoding utf-8\n", encoding="utf-8")
    code, _out, err = run("--journal", str(office), "import", "adoptions", str(gbk), "--rules", str(rules))
    assert code == 2 and "does not read as utf-8 (byte" in err and "encoding" in err
    rules.write_text("encoding gbk\n", encoding="utf-8")
    assert import_json(office, str(gbk), "--rules", str(rules))["encoding"] == "GBK, comma"


def test_the_title_decides_then_the_unit_then_an_adoption_on_record(tmp_path: Path) -> None:
    """One issue of 快报 often prints several of the county's items: B1 being on record in 第10期
    does not make a row of B7 (whose title is B1's and two characters more) on record. Two
    items of one title in two townships: the row's unit decides."""
    evs = office_events()
    for n, (item, title, unit, day) in enumerate(
        [
            ("B7", "文江镇推进春茶生产加工", "wj", "2011-03-07"),
            ("B8", "强化森林防火工作", "qf", "2011-03-07"),
            ("B9", "强化森林防火工作", "wj", "2011-03-08"),
        ]
    ):
        evs.append(E.ItemSubmitted(id=f"X{n}", at=at(day), by="t", item=item, title=title, unit=unit))
    root = write_journal(tmp_path / "j", evs)
    rows = [
        ["文江镇推进春茶生产加工", "文江镇", "政务信息快报", "第10期", "2011-03-10"],
        ["强化森林防火工作", "庆符镇", "政务信息快报", "第11期", "2011-03-12"],
        ["强化森林防火工作", "", "政务信息快报", "第11期", "2011-03-12"],
    ]
    result = import_json(root, str(write_csv(tmp_path / "l.csv", rows)))
    got = [(r["status"], r["item"] or r["candidate_items"]) for r in result["rows"]]
    assert got == [("new", "B7"), ("new", "B8"), ("ambiguous", ["B8", "B9"])]

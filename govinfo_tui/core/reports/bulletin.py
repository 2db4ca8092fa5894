"""The office's own bulletin (《高县政务信息》) laid out as a paper: one issue, or the list of
issues of a period. Numbering lives in `core.bulletins`."""

from __future__ import annotations

import re

from .. import checks, queries
from .. import events as E
from ..bulletins import find_issue, label
from ..office import bulletin_number_line, settings
from ..period import Period, day_of
from ..queries import person_name, unit_name
from ..state import State
from .common import cn_period, office_name
from .model import Article, Column, Masthead, Report, Section, Table, cn_date


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text or "") if p.strip()]


def issue_data(st: State, ev: E.BulletinPublished) -> dict:
    office = office_name(st)
    editor = ev.editor or f"{office}人民政府办公室"
    items = []
    for n, code in enumerate(ev.items, start=1):
        item = st.items.get(code)
        if item is None:
            items.append({"seq": n, "item": code, "title": f"（信息 {code} 已作废或不存在）", "paragraphs": []})
            continue
        items.append(
            {
                "seq": n,
                "item": code,
                "title": item.title,
                "unit": item.unit,
                "unit_name": unit_name(st, item.unit),
                "authors": "、".join(person_name(st, p) for p in item.authors),
                "category": item.category,
                "text": item.text,
                "paragraphs": _paragraphs(item.text),
            }
        )
    return {
        "kind": "bulletin",
        "event": ev.id,
        "channel": ev.channel,
        "name": queries.channel_name(st, ev.channel),
        "year": ev.year,
        "number": ev.number,
        "supplement": ev.supplement,
        "total_number": ev.total_number,
        "label": label(ev),
        "title": ev.title,
        "editor": editor,
        "date": day_of(ev.at).isoformat(),
        "date_label": cn_date(day_of(ev.at)),
        "items": items,
        "recipients_up": list(ev.recipients_up),
        "recipients_same": list(ev.recipients_same),
        "recipients_down": list(ev.recipients_down),
        "print_run": ev.print_run,
    }


def number_line(data: dict, pattern: str = "") -> str:
    """〔2011〕第24期（总第156期）, or as the office's `pattern` has it (2011年第24期（总第156期））."""
    if pattern:
        return bulletin_number_line(
            pattern,
            year=data["year"],
            number=data["number"],
            total=data["total_number"],
            supplement=data["supplement"],
        )
    total = f"（总第{data['total_number']}期）" if data["total_number"] and not data["supplement"] else ""
    return f"{data['label']}{total}"


def foot_lines(data: dict) -> list[str]:
    out = []
    for word, key in (("报", "recipients_up"), ("送", "recipients_same"), ("发", "recipients_down")):
        if data[key]:
            out.append(f"{word}：{'，'.join(data[key])}。")
    return out


def print_run_line(data: dict) -> str:
    return f"（共印{data['print_run']}份）" if data["print_run"] else ""


CONTENTS_COLUMNS = [Column("seq", "序号", "int"), Column("title", "标题"), Column("unit_name", "供稿单位")]


def bulletin(st: State, spec: str, channel: str | None = None) -> Report:
    """One published issue (`2011-24`), ready to print: masthead, contents, items, foot."""
    return issue_report(st, find_issue(st, spec, channel))


def issue_report(st: State, ev: E.BulletinPublished) -> Report:
    """An issue laid out for print. Also the composer's preview: pass the unsaved event that
    `PublishBulletin.build` returns, and nothing is written."""
    data = issue_data(st, ev)
    key = f"{ev.year}-{'S' if ev.supplement else ''}{ev.number}"
    line = number_line(data, settings(st, "bulletin", key).bulletin_number or "")
    data["number_line"] = line
    articles = [
        Article(it["title"], it["paragraphs"], f"（{it['unit_name']}供稿）" if it.get("unit_name") else "")
        for it in data["items"]
    ]
    foot, print_run = foot_lines(data), print_run_line(data)
    sections = [Section("本期要目", [], [Table("contents", "本期要目", CONTENTS_COLUMNS, data["items"])])]
    sections += [Section(a.title, [p for p in (*a.paragraphs, a.source) if p], [], level=2) for a in articles]
    sections.append(Section("", [line for line in [*foot, print_run] if line], []))
    items_table = Table(
        "items",
        "正文",
        [*CONTENTS_COLUMNS, Column("authors", "作者"), Column("item", "信息编号"), Column("text", "正文")],
        data["items"],
        printed=False,
    )
    sections.append(Section("", [], [items_table]))
    return Report(
        kind="bulletin",
        title=f"{data['name']} {line}",
        data=data,
        sections=sections,
        period=None,
        office=office_name(st),
        issuer=f"{data['editor']}编",
        date=day_of(ev.at),
        layout="bulletin",
        masthead=Masthead(data["name"], line),
        articles=articles,
        foot=foot,
        print_run=print_run,
    )


def bulletins(st: State, period: Period, channel: str | None = None) -> Report:
    """The issues published in the period (a register of issues)."""
    rows = []
    for b in sorted(st.bulletins, key=lambda b: (b.channel, b.year, b.supplement, b.number, b.at)):
        if not period.has(b.at) or channel not in (None, b.channel):
            continue
        titles = [st.items[i].title for i in b.items if i in st.items]
        rows.append(
            {
                "issue": f"{b.year}-{'S' if b.supplement else ''}{b.number}",
                "channel": b.channel,
                "name": queries.channel_name(st, b.channel),
                "label": label(b),
                "total_number": b.total_number,
                "date": day_of(b.at).isoformat(),
                "items": len(b.items),
                "titles": "；".join(titles),
                "print_run": b.print_run,
            }
        )
    numbering = [f.message for f in checks.bulletin_numbering(st)]
    data = {
        "kind": "bulletins",
        "period": period.label,
        "period_label": cn_period(period),
        "issues": rows,
        "numbering_problems": numbering,
    }
    cols = [
        Column("issue", "期号(命令用)"),
        Column("label", "期号"),
        Column("total_number", "总期号", "int"),
        Column("date", "日期", "date"),
        Column("items", "条数", "int"),
        Column("titles", "要目"),
        Column("print_run", "印数", "int"),
    ]
    return Report(
        kind="bulletins",
        title=f"{cn_period(period)}编发简报情况",
        data=data,
        sections=[Section("编发情况", numbering, [Table("issues", "简报期次", cols, rows, empty="本期未编发简报。")])],
        period=period.label,
        office=office_name(st),
        date=period.end,
    )

"""What `--format table` prints: headings, paragraphs and aligned tables."""

from __future__ import annotations

import io

from ..reports.model import Report


def to_text(report: Report, width: int = 200) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, width=width, highlight=False, soft_wrap=False, color_system=None)
    console.print(Text(report.title, style="bold"))
    meta = report.signature()
    if meta:
        console.print(Text(meta))
    for p in report.intro:
        console.print(Text(p))
    for s in report.sections:
        if s.heading:
            console.print()
            console.print(Text(s.heading, style="bold"))
        for p in s.paragraphs:
            console.print(Text(p))
        for t in s.tables:
            if not t.printed:
                continue
            if len(s.tables) > 1:
                console.print(Text(t.title))
            if not t.rows:
                console.print(Text(t.empty))
                continue
            rt = RichTable(show_edge=False, pad_edge=False, box=None, header_style="bold")
            for c in t.columns:
                rt.add_column(c.label, overflow="fold", justify="right" if c.kind != "text" else "left")
            for r in t.rows:
                rt.add_row(*(Text(t.cell(r, c)) for c in t.columns))
            console.print(rt)
    return buf.getvalue()

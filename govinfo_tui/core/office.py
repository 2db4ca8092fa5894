"""The office's settings for its papers (`office_set` events): what is printed in the 版头, the
落款 and the 版记, the fonts, a red-head template, the office's own units, and the free text
an office writes for one paper.

Settings come in three scopes, each later one overriding the one before, field by field: the
office's (no paper), a kind of paper's (`paper`), and one paper's (`paper` and `period`). A
command's own options override all three (`overlay`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import msgspec

from . import events as E
from .state import State

FIELDS: tuple[str, ...] = E.DocumentSettings.__struct_fields__
NOTHING = E.DocumentSettings()


def overlay(base: E.DocumentSettings, *layers: E.DocumentSettings | None) -> E.DocumentSettings:
    """`base` with every field the layers set (not None) replaced, the last layer winning."""
    changes: dict = {}
    for layer in layers:
        if layer is None:
            continue
        for name in FIELDS:
            value = getattr(layer, name)
            if value is not None:
                changes[name] = value
    return msgspec.structs.replace(base, **changes) if changes else base


def _scoped(st: State, paper: str | None, period: str | None) -> Iterable[E.DocumentSettings]:
    return (ev.settings for ev in st.of(E.OfficeSet) if ev.paper == paper and ev.period == period)


def settings(st: State, paper: str | None = None, period: str | None = None) -> E.DocumentSettings:
    """What applies to the paper `paper` of `period`: the office's settings, then the paper
    kind's, then that one paper's, each in the order they were recorded."""
    layers = list(_scoped(st, None, None))
    if paper is not None:
        layers += _scoped(st, paper, None)
        if period is not None:
            layers += _scoped(st, paper, period)
    return overlay(NOTHING, *layers)


def narrow_settings(st: State, paper: str, period: str | None) -> E.DocumentSettings:
    """Only what was set for the kind of paper `paper` and for that one paper, without the office's."""
    layers = [*_scoped(st, paper, None), *(_scoped(st, paper, period) if period is not None else ())]
    return overlay(NOTHING, *layers)


def own_units(st: State) -> frozenset[str]:
    """The office's own units (its information centre): left out of rankings and of papers
    addressed to the units, unless asked for."""
    return frozenset(settings(st).own_units or ())


def own_people(st: State) -> frozenset[str]:
    """The officers registered in the office's own units."""
    own = own_units(st)
    return frozenset(code for code, p in st.people.items() if p.unit in own)


_BARE_NUMBER = re.compile(r"^\d{1,4}$")


def document_number(number: str, pattern: str, year: int) -> str:
    """The 发文字号: `number` as given (高府办函〔2011〕45号), or a bare number (45) put into
    the office's `pattern` (高府办函〔{year}〕{n}号); without a pattern a bare number stays bare."""
    number = number.strip()
    if _BARE_NUMBER.match(number) and pattern:
        return pattern.replace("{year}", str(year)).replace("{n}", str(int(number)))
    return number


def bulletin_number_line(pattern: str, *, year: int, number: int, total: int | None, supplement: bool) -> str:
    """A bulletin's number line by the office's pattern: {year}, {number}, and {total} with the
    text around it dropped when the issue has no running total (a supplement has none)."""
    line = pattern.replace("{year}", str(year)).replace("{number}", str(number))
    if supplement:
        line = line.replace("第", "增刊第", 1)
    if total is None or supplement:
        # （总第{total}期） goes whole: the bracket pair around the field, or the field alone
        line = re.sub(r"[（(][^（()）]*\{total\}[^（()）]*[）)]", "", line).replace("{total}", "")
    return line.replace("{total}", str(total))


def paragraphs(text: str | None) -> list[str]:
    """Free text as paragraphs: one per line, blank lines ignored."""
    return [p.strip() for p in (text or "").splitlines() if p.strip()]

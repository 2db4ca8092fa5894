"""Reconciling the city's list of adoptions with the journal: which of its rows are on record,
which are not yet, and which recorded adoptions the city does not list.

A row is matched to an item by its title (equal once width, punctuation and spaces are set
aside; else alike, by difflib's ratio), among the items submitted in the days before its
date: the title decides, the row's unit breaks a tie, and so does an item already holding the
adoption. A row two items still fit equally well is ambiguous: it is shown with both and never
decided here. Once its item is known, the row is on record if the item already
has an adoption by that publication in that issue (期号 compared by year and number, so
"第52期" and "2011年第52期" are one issue); otherwise it is an adoption to record.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from ..events import ItemAdopted
from ..period import Period, day_of, parse_period
from ..queries import descendants, office_unit
from ..state import Item, State
from .rules import FIELDS, ImportRules, field_of, fold_name
from .sheets import Cell, RawRow, Sheet

Status = Literal["recorded", "new", "ambiguous", "unmatched", "duplicate"]

_UNIT_SEPARATORS = re.compile(r"[、,，;；/]")  # 综合: 文江镇、庆符镇
_NEEDED = ("title", "publication", "issue", "date")  # a row without one cannot be an adoption
_HEADER_SEARCH = 10  # rows looked through for the header
_ALIKE_MARGIN = 0.02  # two candidates closer than this to the best are both "the best"
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass(frozen=True)
class CityRow:
    """One row of the list, read: what it says, and the codes it resolves to."""

    where: str  # FILE:ROW
    title: str
    unit_text: str
    publication: str
    channel: str
    unit: str | None
    issue: str
    day: dt.date
    form: str
    credited: tuple[str, ...] = ()  # a combined adoption (综合) naming several units: all of them


@dataclass(frozen=True)
class Candidate:
    item: str
    title: str
    similarity: float
    unit_fits: bool


@dataclass(frozen=True)
class RowMatch:
    row: CityRow
    status: Status
    item: str | None = None  # the item matched, or the best candidate
    similarity: float | None = None
    candidates: tuple[Candidate, ...] = ()  # an ambiguous row's contenders, a row's best otherwise
    adoption: str | None = None  # the adoption on record (status "recorded")
    first: str | None = None  # the row this one repeats (status "duplicate")
    notes: tuple[str, ...] = ()  # what else to know, worded in the current language

    @property
    def title(self) -> str:
        return self.candidates[0].title if self.candidates else ""


@dataclass(frozen=True)
class BadRow:
    where: str
    code: str
    params: dict[str, object]


@dataclass
class Reconciliation:
    source: str
    encoding: str
    period: Period | None
    channels: list[str]
    rows: list[RowMatch] = field(default_factory=list)
    unlisted: list[ItemAdopted] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    skipped: int = 0

    def of(self, *statuses: Status) -> list[RowMatch]:
        return [m for m in self.rows if m.status in statuses]


# --- reading rows ----------------------------------------------------------------------


def read_rows(st: State, sheet: Sheet, rules: ImportRules, source: str) -> tuple[list[CityRow], list[BadRow], int]:
    """The list's rows as `CityRow`s; a row that does not read is a `BadRow` saying what to do.
    Returns the rows, the bad ones and how many were left out (blank, or by `skip-if`)."""
    raw = sheet.rows[rules.skip :]
    filled = [r for r in raw if any(_text(c) for c in r.cells)]
    if not filled:
        return [], [BadRow(source, "import.empty", {})], 0
    if rules.fields is not None:
        columns = {i: f for i, f in enumerate(rules.fields) if f}
        where, found = rules.source, ", ".join(f or "_" for f in rules.fields)
    else:
        # the header: the first row (of the first few) naming a title column; a notice's table
        # often has its own title line above it
        header = next((r for r in filled[:_HEADER_SEARCH] if "title" in _header(r, rules).values()), filled[0])
        raw = raw[raw.index(header) + 1 :]
        columns = _header(header, rules)
        where, found = f"{source}:{header.number}", "、".join(_text(c) for c in header.cells if _text(c)) or "-"
    missing = [f for f in _NEEDED if f not in columns.values() and f not in rules.defaults]
    if missing:
        code = "import.no_header" if rules.fields is None else "import.fields_lack"
        return [], [BadRow(where, code, {"missing": ", ".join(missing), "found": found})], 0
    out: list[CityRow] = []
    bad: list[BadRow] = []
    skipped = 0
    for r in raw:
        texts = [_text(c) for c in r.cells]
        if not any(texts) or any(p.search(t) for p in rules.skip_if for t in texts if t):
            skipped += 1
            continue
        row = _row(st, r, columns, rules, f"{source}:{r.number}")
        if isinstance(row, BadRow):
            bad.append(row)
        else:
            out.append(row)
    return out, bad, skipped


def _header(r: RawRow, rules: ImportRules) -> dict[int, str]:
    """The fields a header row names, by column: the rules' `column` lines first, then the usual names."""
    columns: dict[int, str] = {}
    for i, cell in enumerate(r.cells):
        name = fold_name(_text(cell))
        target = rules.columns.get(name) or field_of(name)
        if target and target not in columns.values():
            columns[i] = target
    return columns


def _row(st: State, r: RawRow, columns: dict[int, str], rules: ImportRules, where: str) -> CityRow | BadRow:
    cells: dict[str, Cell] = {f: rules.defaults.get(f) for f in FIELDS}
    for i, f in columns.items():
        if i < len(r.cells) and _text(r.cells[i]):
            cells[f] = r.cells[i]
    title = _text(cells["title"])
    if not title:
        return BadRow(where, "import.row.no_title", {})
    publication = _text(cells["publication"])
    channel = resolve_channel(st, publication, rules)
    if channel is None:
        known = "、".join(f"{c.name}（{c.channel}）" for c in st.channels.values())
        return BadRow(where, "import.row.publication", {"publication": publication or "-", "known": known})
    day = parse_day(cells["date"], rules)
    if day is None:
        return BadRow(where, "import.row.date", {"date": _text(cells["date"]) or "-"})
    issue = _text(cells["issue"])
    if not issue:
        return BadRow(where, "import.row.no_issue", {})
    unit_text = _text(cells["unit"])
    named = [u for u in _UNIT_SEPARATORS.split(unit_text) if u.strip()]
    codes = [resolve_unit(st, u.strip(), rules) for u in named]
    credited = tuple(dict.fromkeys(c for c in codes if c)) if len(named) > 1 and all(codes) else ()
    return CityRow(
        where=where,
        title=title,
        unit_text=unit_text,
        publication=publication,
        channel=channel,
        unit=credited[0] if credited else resolve_unit(st, unit_text, rules) if unit_text else None,
        credited=credited if len(credited) > 1 else (),
        issue=issue,
        day=day,
        form=_text(cells["form"]) or "单条",
    )


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell.strip()


def parse_day(cell: Cell, rules: ImportRules) -> dt.date | None:
    if isinstance(cell, dt.date):
        return cell
    text = unicodedata.normalize("NFKC", _text(cell)).replace(" ", "")
    if not text:
        return None
    for fmt in (*rules.date_formats, *_DATE_FORMATS):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _name(text: str) -> str:
    """A name compared: width folded, spaces, quotes and brackets (《》) left out."""
    return "".join(ch for ch in fold_name(text) if not unicodedata.category(ch).startswith("P"))


def resolve_channel(st: State, text: str, rules: ImportRules) -> str | None:
    """A publication's code from what the list calls it: an alias, its code, or its name."""
    if not text:
        return None
    key = fold_name(text)
    alias = rules.aliases["publication"].get(key) or rules.aliases["publication"].get(_name(text))
    if alias is not None:
        return alias if alias in st.channels else None
    if text in st.channels:
        return text
    named = [c.channel for c in st.channels.values() if _name(c.name) == _name(text)]
    return named[0] if len(named) == 1 else None


def resolve_unit(st: State, text: str, rules: ImportRules) -> str | None:
    """A unit's code from what the list calls it: an alias, its code, its name, its name after
    the county's (高县文江镇 is 文江镇), or the one unit whose name holds it or it holds."""
    alias = rules.aliases["unit"].get(fold_name(text)) or rules.aliases["unit"].get(_name(text))
    if alias is not None:
        return alias if alias in st.units else None
    if text in st.units:
        return text
    want = _name(text)
    by_name = {_name(u.name): u.unit for u in st.units.values()}
    if want in by_name:
        return by_name[want]
    office = office_unit(st)
    county = _name(st.units[office].name) if office in st.units else ""
    if county and want.startswith(county) and want[len(county) :] in by_name:
        return by_name[want[len(county) :]]
    holding = {code for name, code in by_name.items() if name and (name in want or want in name)}
    return holding.pop() if len(holding) == 1 else None


# --- matching ---------------------------------------------------------------------------


def title_key(text: str) -> str:
    """A title compared: full and half width alike, without spaces or punctuation."""
    return "".join(ch for ch in fold_name(text) if unicodedata.category(ch)[0] in "LN")


def issue_key(text: str) -> tuple[int | None, int | None, str]:
    """An issue compared: its year (four digits, if given) and its number (the last digits), so
    "第52期", "52" and "2011年第52期" are one issue; text without digits as it is."""
    s = unicodedata.normalize("NFKC", text)
    year_match = re.search(r"(19|20)\d\d(?=\s*年|\s*〕|\s*\]|\s*-|\s*第)", s)
    year = int(year_match.group(0)) if year_match else None
    rest = s[year_match.end() :] if year_match else s
    numbers = re.findall(r"\d+", rest)
    number = int(numbers[-1]) if numbers else None
    return year, number, "" if number is not None else _name(s)


def same_issue(a: str, b: str) -> bool:
    ya, na, ta = issue_key(a)
    yb, nb, tb = issue_key(b)
    if na is None or nb is None:
        return na is None and nb is None and ta == tb
    return na == nb and (ya is None or yb is None or ya == yb)


def reconcile(
    st: State, rows: list[CityRow], rules: ImportRules, *, source: str, encoding: str, period: Period | None = None
) -> Reconciliation:
    """Match every row (see the module docstring) and list the recorded adoptions, in the
    publications the list speaks of and its period, that it does not hold."""
    channels = list(dict.fromkeys(r.channel for r in rows))
    if period is None and rows:
        first, last = min(r.day for r in rows), max(r.day for r in rows)
        months = (
            f"{first:%Y-%m}" if (first.year, first.month) == (last.year, last.month) else f"{first:%Y-%m}..{last:%Y-%m}"
        )
        period = parse_period(months)
    out = Reconciliation(source=source, encoding=encoding, period=period, channels=channels)
    shelf = _Shelf(st)
    seen: dict[tuple[str, str, tuple], str] = {}  # (item, channel, issue key) -> the first row
    for row in rows:
        m = _match(st, row, shelf, rules)
        if m.item is not None and m.status in ("new", "recorded"):
            fact = (m.item, row.channel, issue_key(row.issue)[:2])
            if fact in seen:
                m = RowMatch(row, "duplicate", m.item, m.similarity, m.candidates, first=seen[fact])
            else:
                seen[fact] = row.where
        out.rows.append(m)
    matched = {m.adoption for m in out.rows if m.adoption}
    if period is not None:
        for adoption in st.adoptions.values():
            if adoption.channel in channels and day_of(adoption.at) in period and adoption.id not in matched:
                out.unlisted.append(adoption)
        out.unlisted.sort(key=lambda a: (a.at, a.id))
    return out


class _Shelf:
    """The items by the day they were submitted, with their titles as compared."""

    def __init__(self, st: State) -> None:
        self.items = sorted(st.items.values(), key=lambda it: it.submitted_at)
        self.days = [day_of(it.submitted_at) for it in self.items]
        self.keys = [title_key(it.title) for it in self.items]

    def between(self, first: dt.date, last: dt.date) -> list[tuple[Item, str]]:
        lo, hi = bisect_left(self.days, first), bisect_right(self.days, last)
        return list(zip(self.items[lo:hi], self.keys[lo:hi], strict=True))


def _match(st: State, row: CityRow, shelf: _Shelf, rules: ImportRules) -> RowMatch:
    want = title_key(row.title)
    window = shelf.between(row.day - dt.timedelta(days=rules.window), row.day)
    members = set().union(*(descendants(st, u) for u in row.credited or (row.unit,))) if row.unit else None
    found: list[Candidate] = []
    for it, have in window:
        if have == want:
            ratio = 1.0
        else:
            sm = SequenceMatcher(None, want, have, autojunk=False)
            if sm.real_quick_ratio() < rules.similarity or sm.quick_ratio() < rules.similarity:
                continue
            ratio = sm.ratio()
            if ratio < rules.similarity:
                continue
        fits = members is None or bool(members.intersection(it.units))
        found.append(Candidate(it.id, it.title, round(ratio, 3), fits))
    notes: list[tuple[str, dict]] = []
    if row.unit_text and row.unit is None:
        notes.append(("import.note.unit_unknown", {"unit": row.unit_text}))
    if not found:
        closest = _closest(want, window)
        near = (closest,) if closest else ()
        nearest = closest.similarity if closest else None
        return RowMatch(row, "unmatched", None, nearest, near, notes=tuple(_flat(notes)))
    # the title decides; among titles equally alike, the row's unit; among those, the one item
    # already holding this adoption (a re-run after --record, or one recorded by hand)
    best = max(c.similarity for c in found)
    exact = [c for c in found if c.similarity == 1.0]
    contenders = exact or [c for c in found if best - c.similarity < _ALIKE_MARGIN]
    if len(contenders) > 1 and any(c.unit_fits for c in contenders):
        contenders = [c for c in contenders if c.unit_fits]
    contenders.sort(key=lambda c: (-c.similarity, c.item))
    holding = [(c, a) for c in contenders if (a := _adoption_of(st, c.item, row)) is not None]
    if len(holding) == 1:
        c, adoption = holding[0]
        return RowMatch(row, "recorded", c.item, c.similarity, (c,), adoption=adoption, notes=tuple(_flat(notes)))
    if len(contenders) > 1:
        return RowMatch(row, "ambiguous", None, best, tuple(contenders), notes=tuple(_flat(notes)))
    c = contenders[0]
    if not c.unit_fits:
        notes.append(("import.note.other_unit", {"unit": row.unit_text}))
    other = [a for a in st.items[c.item].adoptions if a.channel == row.channel]
    if other:
        notes.append(("import.note.other_issue", {"issues": "、".join(a.issue or "-" for a in other)}))
    return RowMatch(row, "new", c.item, c.similarity, (c,), notes=tuple(_flat(notes)))


def _adoption_of(st: State, item: str, row: CityRow) -> str | None:
    """The item's adoption by the row's publication in the row's issue (or in no stated issue)."""
    for a in st.items[item].adoptions:
        if a.channel == row.channel and (not a.issue or same_issue(a.issue, row.issue)):
            return a.id
    return None


def _closest(want: str, window: list[tuple[Item, str]]) -> Candidate | None:
    """For a row nothing matches: the most alike item of the window, to show what came near."""
    best: Candidate | None = None
    for it, have in window:
        ratio = SequenceMatcher(None, want, have, autojunk=False).ratio()
        if best is None or ratio > best.similarity:
            best = Candidate(it.id, it.title, round(ratio, 3), True)
    return best if best is not None and best.similarity > 0 else None


def _flat(notes: list[tuple[str, dict]]) -> list[str]:
    from ... import i18n

    return [i18n.t(code, **params) for code, params in notes]

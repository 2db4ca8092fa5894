"""Journal lines made by hypothesis from the schema itself, and the one property they must keep.

`events()` draws a line of any event type from `msgspec.inspect` of the union: right and
wrong types, numbers inside and outside their bounds, dates from 1890 to 2120 with odd
offsets, codes the base journal knows and codes it does not. `raw()` draws plain bytes.
`judge(line)` puts one line in both ways, through `append` and straight into a file, and
says what went wrong (see `Outcome`): the property is that nothing does.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import msgspec.inspect as mi
from hypothesis import strategies as st

from govinfo_tui.core import events as E

from .corpus import BASE, Case
from .runner import Outcome, base_journal, run

CODES = sorted(
    {
        code
        for ev in BASE
        for name in ("unit", "person", "channel", "item")
        if isinstance(code := getattr(ev, name, None), str)
    }
    | {ev.id for ev in BASE}
    | {"nope", "", "YG-1", "XT-1"}
)
OFFSETS = [dt.timezone(dt.timedelta(hours=h)) for h in (8, 0, -12, 14)]


def _value(t: mi.Type) -> st.SearchStrategy[Any]:
    """A value of type `t`, or now and then one that is not (msgspec must refuse it)."""
    if isinstance(t, mi.UnionType):
        return st.one_of([_value(member) for member in t.types])
    if isinstance(t, mi.NoneType):
        return st.none()
    if isinstance(t, mi.BoolType):
        return st.booleans()
    if isinstance(t, mi.StrType):
        known = st.sampled_from(CODES)
        return st.one_of(known, known, known, st.text(max_size=12))
    if isinstance(t, mi.IntType):
        inside = st.integers(min_value=t.ge, max_value=t.le)
        return st.one_of(inside, inside, inside, st.integers(min_value=-(2**70), max_value=2**70))
    if isinstance(t, mi.FloatType):
        inside = st.floats(min_value=t.ge, max_value=t.le, allow_nan=False)
        return st.one_of(inside, inside, inside, st.floats())
    if isinstance(t, mi.DateTimeType):
        near = st.datetimes(dt.datetime(2010, 1, 1), dt.datetime(2012, 12, 31), timezones=st.just(OFFSETS[0]))
        far = st.datetimes(dt.datetime(1890, 1, 1), dt.datetime(2120, 12, 31), timezones=st.sampled_from(OFFSETS))
        odd = st.sampled_from(["2011-03-28T09:00:00", "2011-02-30T09:00:00+08:00", "", "yesterday"])
        return st.one_of(near, near, near, far).map(dt.datetime.isoformat) | odd
    if isinstance(t, mi.DateType):
        near = st.dates(dt.date(2010, 1, 1), dt.date(2012, 12, 31))
        return st.one_of(near, near, near, st.dates(dt.date(1890, 1, 1), dt.date(2120, 12, 31))).map(dt.date.isoformat)
    if isinstance(t, mi.LiteralType):
        return st.one_of(st.sampled_from(t.values), st.text(max_size=6))
    if isinstance(t, mi.ListType | mi.VarTupleType):  # JSON has arrays only
        return st.lists(_value(t.item_type), max_size=3)
    if isinstance(t, mi.DictType):
        return st.dictionaries(st.sampled_from(["part_time", "full_time", "x"]), _value(t.value_type), max_size=2)
    if isinstance(t, mi.StructType):
        return _struct(t)
    raise TypeError(f"no strategy for {t!r}")  # pragma: no cover - a new field type needs one


def _struct(t: mi.StructType) -> st.SearchStrategy[dict[str, Any]]:
    required = {f.encode_name: _value(f.type) for f in t.fields if f.required}
    optional = {f.encode_name: _value(f.type) for f in t.fields if not f.required}
    body = st.fixed_dictionaries(required, optional=optional)
    return body.map(lambda d: {t.tag_field: t.tag, **d}) if t.tag_field else body


UNION = mi.type_info(E.AnyEvent)
assert isinstance(UNION, mi.UnionType)


def events() -> st.SearchStrategy[bytes]:
    """One line of a drawn event type, as another tool might write it (NaN and all)."""
    kinds = st.sampled_from([t for t in UNION.types if isinstance(t, mi.StructType)])
    return kinds.flatmap(_struct).map(lambda obj: json.dumps(obj, ensure_ascii=False).encode())


def raw() -> st.SearchStrategy[bytes]:
    return st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" "))


_FOLDER = Path(tempfile.mkdtemp(prefix="govinfo-fuzz-"))
atexit.register(shutil.rmtree, _FOLDER, True)
_BASE = base_journal(_FOLDER)


def judge(line: bytes) -> list[Outcome]:
    """The line through `append`, and straight into the month's file. Whether it is wrong is
    the gate's own verdict: `append` refusing it means a reader must name it."""
    outcomes = [run(Case("drawn", "hypothesis", (line,), wrong=False), "append", _BASE, _FOLDER)]
    refused = not outcomes[0].accepted
    outcomes[0].over_refused = False  # the gate is the judge here, not judged
    outcomes.append(run(Case("drawn", "hypothesis", (line,), wrong=refused), "shard", _BASE, _FOLDER))
    return outcomes

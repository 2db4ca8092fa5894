"""The dashboard's figures, and the last ones kept for a journal whose bytes have not changed.

`figures` is what the app's dashboard shows of a state: the year's and the month's summaries,
the pace of the target, the latest events, and (once the items are built) the units' ranking,
the officers below their quota and the overdue commissions. The checks are not among them:
they follow in the background, as on every start.

A million events take seconds to decode, and nothing reads faster than the journal's own JSON
(`core.cache`), so what is kept is the figures themselves, in the journal's git-ignored
`.cache/dashboard/`, with the same safety as the answers of the command line: the git blob id
of every journal file they were worked out from, an entry checksummed, written atomically and
given only to the account that wrote it. `recall` gives them again only if every journal file
still holds the same bytes (each one hashed now) and the request is the same: the day the app
stands on, whose points rank the units, the language, the day pinned, the program itself. Any
doubt means no figures, and the app waits for the journal as it always did.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import msgspec

from .. import __version__
from . import cache, queries
from .events import Scheme, Scored
from .period import Period
from .rows import CommissionRow, Pace, RankingRow, Summary
from .state import State

KEPT_DIR = "dashboard"
_SHAPE = "dashboard figures 1"  # changes when `Figures` does

FeedLine = tuple[str, str, str, bool]  # when, by, what, no longer counts (voided or repeated)
QuotaLine = tuple[str, str, str]  # officer, unit, written/quota


class Figures(msgspec.Struct, frozen=True):
    """What the dashboard draws; `below`, `ranking` and `overdue` wait for the items (`ready`)."""

    ref: dt.date
    scheme: Scheme  # whose points rank the units and set the quota
    year: Summary
    month: Summary
    pace: Pace
    recent: list[FeedLine]
    below: list[QuotaLine] | None
    ranking: list[RankingRow] | None
    overdue: list[CommissionRow]
    ready: bool


class Kept(msgspec.Struct):
    """Figures as kept, with the journal they were worked out from and the banner's counts."""

    request: bytes
    shards: list[cache.Shard]
    figures: Figures
    events: int
    items: int
    problems: int
    old: bool  # the journal ends before the year of the day the app stood on


def year_to_date(d: dt.date) -> Period:
    return Period(dt.date(d.year, 1, 1), d, f"{d.year}")


def figures(st: State, ref: dt.date, *, limit: dt.datetime | None, scheme: Scheme, lang: str, ready: bool) -> Figures:
    """The dashboard of `st` on the day `ref`: the latest five events up to `limit` (the end of
    a day travelled to; None: all), and, if `ready` (the state's items are built), the panels
    that read the items."""
    ytd = year_to_date(ref)
    month = Period(ref.replace(day=1), ref, f"{ref:%Y-%m}")
    key = f"{ref:%Y-%m}"
    recent: list[FeedLine] = []
    for ev in reversed(st.log):  # a travelled state's log ends with the later corrections
        if (limit is not None and ev.at > limit) or isinstance(ev, Scored):
            continue
        gone = ev.id in st.voided or ev.id in st.superseded  # marked, as on the item's timeline
        recent.append((ev.at.strftime("%m-%d %H:%M"), ev.by, queries.describe(st, ev, lang), gone))
        if len(recent) >= 5:
            break
    below: list[QuotaLine] | None = None
    ranking: list[RankingRow] | None = None
    overdue: list[CommissionRow] = []
    if ready:
        below = [
            (r["name"], r["unit"], f"{r['months'][key]['count']}/{r['months'][key]['quota']}")
            for r in queries.quota(st, month, scheme)
            if key in r["months"] and r["months"][key]["below"]
        ]
        ranking = queries.ranking(st, ytd, by="unit", scheme=scheme)[:5]
        overdue = [c for c in queries.commissions(st, ref) if c["status"] == "overdue"]
    return Figures(
        ref=ref,
        scheme=scheme,
        year=queries.summary(st, ytd),
        month=queries.summary(st, month),
        pace=queries.pace(st, ref),
        recent=recent,
        below=below,
        ranking=ranking,
        overdue=overdue,
        ready=ready,
    )


# --- kept for the next start ---------------------------------------------------------------


def request(root: Path, *, today: dt.date, pinned: dt.date | None, scheme: Scheme, lang: str) -> bytes:
    """Everything besides the journal's bytes that the figures depend on."""
    return msgspec.msgpack.encode(
        {
            "shape": _SHAPE,
            "program": [__version__, sys.version, msgspec.__version__, *cache.program_files()],
            "root": str(Path(root).resolve()),
            "today": today.isoformat(),
            "pinned": pinned.isoformat() if pinned else None,
            "scheme": scheme,
            "lang": lang,
        }
    )


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(Kept)


def recall(root: Path, wanted: bytes) -> Kept | None:
    """The figures kept for `wanted` if the journal holds exactly the bytes they were worked
    out from (every file read and hashed now); None at any doubt."""
    if not cache.usable(root):
        return None
    payload = cache.read_kept(root, wanted, KEPT_DIR)
    if payload is None:
        return None
    try:
        kept = _decoder.decode(payload)
    except (msgspec.DecodeError, ValueError):
        return None
    if kept.request != wanted or not kept.figures.ready or not cache.unchanged(root, kept.shards):
        return None
    return kept


def keep(root: Path, wanted: bytes, reads: cache.Reads, kept: Kept) -> bool:
    """Keep `kept` (its request and shards are set here) if the reads leave no doubt that its
    figures were worked out from the journal as it still is; False if not kept."""
    if not kept.figures.ready or not cache.usable(root):
        return False
    try:
        shards = reads.shards()
    except OSError:
        return False
    if shards is None:
        return False
    kept.request, kept.shards = wanted, shards
    return cache.keep(root, wanted, _encoder.encode(kept), KEPT_DIR)

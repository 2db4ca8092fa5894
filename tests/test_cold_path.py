"""The cold path (issue 11): a journal's order and unique ids proven from the order where it can
be, repeated values shared, files decoded in pieces. Each test sets what the loader gives
against what a plain reading of the same lines gives, on journals written one event at a time
(no batch tags: the path a large journal takes)."""

from __future__ import annotations

import dataclasses
import io
from contextlib import redirect_stdout
from itertools import pairwise
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_tui.cli import common, main
from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import at, small_events


def write_untagged(root: Path, events: list[E.Event]) -> Path:
    """Each event on its own line in its own file, as one write at a time leaves them."""
    journal.init(root)
    for ev in events:
        path = journal.shard_for(root, ev)
        path.parent.mkdir(exist_ok=True)
        with path.open("ab") as fh:
            fh.write(journal.encode(ev))
    return root


def plain(root: Path) -> list[E.Event]:
    """The reference: every line decoded, each id once, sorted by (business time, id)."""
    seen: dict[str, E.Event] = {}
    for path in journal.journal_files(root):
        for ev in msgspec.json.Decoder(E.AnyEvent).decode_lines(path.read_bytes()):
            seen.setdefault(ev.id, ev)
    return sorted(seen.values(), key=lambda ev: (ev.at, ev.id))


def lines(events: list[E.Event]) -> list[bytes]:
    return [journal.encode(ev) for ev in events]


def summary(events: list[E.Event], **kw: object) -> dict:
    return queries.summary(fold(events, **kw), parse_period("2011"))  # type: ignore[arg-type]


def test_loaded_events_are_the_lines_in_order_with_repeated_values_shared(tmp_path):
    root = write_untagged(tmp_path / "j", small_events())
    loaded = journal.load(root)
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain(root)), "sharing changes nothing a line says"
    subs = [ev for ev in loaded.events if isinstance(ev, E.ItemSubmitted)]
    assert len(subs) == 5
    assert len({id(ev.by) for ev in subs}) == 1, "one `by` for every submission"
    wj = [ev for ev in subs if ev.unit == "wj"]
    assert len(wj) > 1 and len({id(ev.unit) for ev in wj}) == 1
    by_authors: dict[tuple[str, ...], set[int]] = {}
    for ev in subs:
        by_authors.setdefault(tuple(ev.authors), set()).add(id(ev.authors))
    assert all(len(objects) == 1 for objects in by_authors.values()), "equal author lists are one list"
    # the load's filing by type is the fold's own: the same figures either way
    assert loaded.by_type is not None
    assert summary(loaded.events, filed=loaded.by_type) == summary(list(loaded.events))
    # a copy with other events (the app's live journal makes one) never carries a stale filing
    assert dataclasses.replace(loaded, events=loaded.events[:3]).by_type is None
    assert summary(loaded.events)["points"] == 17


def test_an_id_given_to_two_events_months_apart_is_a_conflict(tmp_path):
    events = small_events()
    first = next(ev for ev in events if isinstance(ev, E.ItemSubmitted))
    later = E.ItemSubmitted(id=first.id, at=at("2011-05-20"), by="x", item="Z9", title="另一条", unit="wj")
    root = write_untagged(tmp_path / "j", [*events, later])
    loaded = journal.load(root)
    conflicts = sorted((p.path, p.line) for p in loaded.problems if p.kind == "conflict")
    march, may = str(root / "2011" / "2011-03.jsonl"), str(root / "2011" / "2011-05.jsonl")
    assert [path for path, _ in conflicts] == [march, may], "both copies are pointed at, in their files"
    assert sum(ev.id == first.id for ev in loaded.events) == 1


def test_a_registry_id_used_again_in_a_shard_is_a_conflict(tmp_path):
    events = small_events()
    unit = next(ev for ev in events if isinstance(ev, E.UnitRegistered))
    clash = E.ItemWithdrawn(id=unit.id, at=at("2011-03-30"), by="x", item="A1")
    root = write_untagged(tmp_path / "j", [*events, clash])
    conflicts = [p for p in journal.load(root).problems if p.kind == "conflict"]
    assert {Path(p.path).name for p in conflicts} == {"registry.jsonl", "2011-03.jsonl"}


def test_a_line_repeated_far_from_its_copy_counts_once(tmp_path):
    root = write_untagged(tmp_path / "j", small_events())
    path = root / "2011" / "2011-03.jsonl"
    first_line = path.read_bytes().split(b"\n")[0]
    with path.open("ab") as fh:
        fh.write(first_line + b"\n")  # a union merge may put the copy anywhere
    loaded = journal.load(root)
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain(root))
    assert summary(loaded.events, filed=loaded.by_type)["points"] == 17


def test_a_file_out_of_order_is_read_in_order(tmp_path):
    root = write_untagged(tmp_path / "j", small_events())
    path = root / "2011" / "2011-03.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in reversed(path.read_bytes().splitlines())))
    loaded = journal.load(root)
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain(root))
    assert summary(loaded.events, filed=loaded.by_type) == summary(plain(root))


@pytest.mark.parametrize("piece", [1, 64, 300, 1 << 17])
def test_a_bad_line_is_reported_where_it_is_whatever_the_pieces(tmp_path, monkeypatch, piece):
    monkeypatch.setattr(journal, "PIECE", piece)
    root = write_untagged(tmp_path / "j", small_events())
    path = root / "2011" / "2011-03.jsonl"
    good = path.read_bytes().splitlines()
    path.write_bytes(b"".join(line + b"\n" for line in [*good[:6], b"not json", *good[6:]]))
    loaded = journal.load(root)
    assert [(p.path, p.line) for p in loaded.problems] == [(str(path), 7)]
    assert lines(loaded.events) == lines(plain_of_good(root, path, good))


def plain_of_good(root: Path, path: Path, good: list[bytes]) -> list[E.Event]:
    path.write_bytes(b"".join(line + b"\n" for line in good))
    return plain(root)


@pytest.mark.parametrize("piece", [1, 100, 1 << 17])
def test_a_value_spread_over_two_lines_reads_as_before_whatever_the_pieces(tmp_path, monkeypatch, piece):
    """A hand-edited line broken after a comma is still one value (as it always was read)."""
    monkeypatch.setattr(journal, "PIECE", piece)
    root = write_untagged(tmp_path / "j", small_events())
    path = root / "2011" / "2011-03.jsonl"
    good = path.read_bytes().splitlines()
    broken = good[3].replace(b",", b",\n", 1)
    path.write_bytes(b"".join(line + b"\n" for line in [*good[:3], broken, *good[4:]]))
    loaded = journal.load(root)
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain_of_good(root, path, good))


def test_only_a_process_that_exits_keeps_its_state_to_the_end(tmp_path):
    root = write_untagged(tmp_path / "j", small_events())
    words = ["--journal", str(root), "--no-cache", "report", "summary", "--period", "2011", "--format", "json"]
    try:
        with redirect_stdout(io.StringIO()):
            assert main(words) == 0
        assert common.kept is None, "a caller that goes on (tests, the app) frees what it read"
        with redirect_stdout(io.StringIO()):
            assert main(words, keep_to_exit=True) == 0
        assert common.kept is not None and len(common.kept) == 1
    finally:
        common.kept = None


def test_registry_events_take_their_places_among_the_months(tmp_path):
    """Targets and rule sets live in registry.jsonl whatever their date: before, among and after
    the months' events, the whole is in (business time, id) order."""
    events = small_events()
    extra = [
        E.TargetSet(id="ZZ1", at=at("2011-03-15", 12), by="t", year=2011, unit="qf", points=3),
        E.TargetSet(id="ZZ2", at=at("2011-07-01"), by="t", year=2012, unit="qf", points=4),
        E.TargetSet(id="00A", at=at("2010-12-31"), by="t", year=2010, unit="qf", points=5),
    ]
    root = write_untagged(tmp_path / "j", [*events, *extra])
    loaded = journal.load(root)
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain(root))
    assert summary(loaded.events, filed=loaded.by_type) == summary(plain(root))


# --- unique ids proven across months whose ranges overlap (back-dated lines) -------------


def watch_distinct(monkeypatch) -> list[bool]:
    """What `journal._distinct` answered at each load: True, the ids were proven unique
    without a set of them all."""
    answers: list[bool] = []
    real = journal._distinct

    def watched(shards, registry):  # type: ignore[no-untyped-def]
        answers.append(real(shards, registry))
        return answers[-1]

    monkeypatch.setattr(journal, "_distinct", watched)
    return answers


def back_dated(events: list[E.Event]) -> list[E.Event]:
    """The journal as an office writes it: ids given at the time of writing (increasing), and
    some lines dated back: two March items recorded in May, a return of April recorded in May."""
    late = [
        E.ItemSubmitted(id="Z0001", at=at("2011-03-06"), by="x", item="B1", title="补录一", unit="wj"),
        E.ItemSubmitted(id="Z0002", at=at("2011-03-07"), by="x", item="B2", title="补录二", unit="qf"),
        E.ItemReturned(id="Z0003", at=at("2011-04-02"), by="x", item="B1", reason="补录"),
        E.ItemSubmitted(id="Z0004", at=at("2011-05-03"), by="x", item="B3", title="五月", unit="wj"),
    ]
    return [*events, *late]


def test_back_dated_lines_are_proven_unique_without_a_set_of_every_id(tmp_path, monkeypatch):
    answers = watch_distinct(monkeypatch)
    root = write_untagged(tmp_path / "j", back_dated(small_events()))
    loaded = journal.load(root)
    assert answers == [True]
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain(root))
    assert summary(loaded.events, filed=loaded.by_type) == summary(plain(root))


def test_an_id_repeated_where_a_back_dated_line_overlaps_another_month_is_a_conflict(tmp_path, monkeypatch):
    answers = watch_distinct(monkeypatch)
    events = back_dated(small_events())
    clash = E.ItemWithdrawn(id="Z0002", at=at("2011-05-04"), by="x", item="B3")  # Z0002 is March's
    root = write_untagged(tmp_path / "j", [*events, clash])
    loaded = journal.load(root)
    assert answers == [False]
    conflicts = sorted(Path(p.path).name for p in loaded.problems if p.kind == "conflict")
    assert conflicts == ["2011-03.jsonl", "2011-05.jsonl"]
    assert sum(ev.id == "Z0002" for ev in loaded.events) == 1


def test_a_line_repeated_in_a_back_dated_month_counts_once(tmp_path, monkeypatch):
    answers = watch_distinct(monkeypatch)
    root = write_untagged(tmp_path / "j", back_dated(small_events()))
    path = root / "2011" / "2011-03.jsonl"
    late = next(line for line in path.read_bytes().splitlines() if b'"Z0001"' in line)
    with path.open("ab") as fh:
        fh.write(late + b"\n")
    loaded = journal.load(root)
    assert answers == [False]  # not proven: the set finds the copy, the same line, counted once
    assert loaded.problems == []
    assert lines(loaded.events) == lines(plain(root))


@settings(max_examples=300, deadline=None)
@given(
    months=st.lists(st.lists(st.integers(0, 400), min_size=1, max_size=30), min_size=1, max_size=8),
    registry=st.lists(st.integers(0, 400), max_size=5),
    shuffled=st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_ids_proven_unique_are_unique(months, registry, shuffled):
    """Whatever the files' ids and their overlaps: `_distinct` never vouches for a repeated id,
    and always does for files whose ranges do not overlap."""
    import random
    from types import SimpleNamespace

    chunks = []
    for k, numbers in enumerate(months):
        ids = [f"I{n:04d}" for n in numbers]
        if shuffled[k]:
            random.Random(k).shuffle(ids)
        ordered = [SimpleNamespace(id=i) for i in ids]
        increasing = journal._increasing(ids)
        chunks.append(journal._Chunk(f"m{k}", ordered, ordered, ids if increasing else None, {}))
    reg = [SimpleNamespace(id=f"I{n:04d}") for n in registry]
    every = [i for numbers in months for i in numbers] + registry
    proven = journal._distinct(chunks, reg)  # type: ignore[arg-type]
    if proven:
        assert len(set(every)) == len(every)
    ranges = sorted((min(ns), max(ns)) for ns in [*months, *([registry] if registry else [])])
    if len(set(every)) == len(every) and all(a[1] < b[0] for a, b in pairwise(ranges)):
        assert proven


def test_a_journal_of_whole_batches_keeps_the_loads_filing(tmp_path):
    """Adoptions are written with their scores as one batch: a journal of whole batches is
    settled from the tagged lines the decoding found, and keeps the filing by type that the
    fold takes instead of a pass of its own."""
    root = write_untagged(tmp_path / "j", small_events())
    journal.append(root, journal.batches.tagged(back_dated([])))  # one write of four lines
    loaded = journal.load(root)
    assert loaded.problems == [] and not loaded.held
    assert loaded.by_type is not None
    assert all(ev.batch is None for ev in loaded.events)  # the tags taken off, as always
    assert lines(loaded.events) == lines([msgspec.structs.replace(ev, batch=None) for ev in plain(root)])
    assert summary(loaded.events, filed=loaded.by_type) == summary(list(loaded.events))

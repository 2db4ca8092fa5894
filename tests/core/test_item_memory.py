"""An item is kept lean at a million events: out of the collector's sight, and what it holds one
of (its submission alone, one adoption, score or comment) held as that event, not a tuple of
one; read back, it is the same tuples as ever, the submission as recorded first."""

from __future__ import annotations

import gc
import random
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import events as E
from govinfo_tui.core.state import Item, fold, truncate

from ..test_reference_model import OP
from .test_travel import written_log

OPS = st.lists(OP, min_size=8, max_size=40)


def _check(item: Item, recorded: dict[str, E.Event]) -> None:
    evs = item.events
    assert type(evs) is tuple and evs[0] is item.submission
    assert evs[0] == recorded[evs[0].id]  # the submission as recorded, not as amended
    assert item.submitted_at == evs[0].at and item.submitted_by == evs[0].by
    assert item.adoptions == tuple(ev for ev in evs if type(ev) is E.ItemAdopted)
    assert item.scores == tuple(ev for ev in evs if type(ev) is E.Scored)
    assert item.comments == tuple(ev for ev in evs if type(ev) is E.LeaderCommented)
    forwarded = [ch for ev in evs if type(ev) is E.ItemForwarded for ch in ev.channels]
    assert item.channels == list(dict.fromkeys([*evs[0].channels, *forwarded]))
    # held lean: none, one (the event itself) or a tuple of more; the collector never sees it
    assert not gc.is_tracked(item)
    assert (item._events is None) == (len(evs) == 1)
    for held, read in ((item._adoptions, item.adoptions), (item._scores, item.scores), (item._comments, item.comments)):
        if len(read) == 1:
            assert held is read[0]
        else:
            assert held == read and type(held) is tuple


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS, seed=st.integers(0, 2**32))
def test_an_item_reads_back_its_events_as_tuples_and_holds_them_lean(ops, seed):
    log = written_log(random.Random(seed), ops, internal=seed % 2 == 1)
    recorded = {ev.id: ev for ev in log}
    full = fold(log)
    for item in full.items.values():
        _check(item, recorded)
    for i in range(1, len(log)):  # items replayed up to a cut (time travel), and folded with a tail
        cut = truncate(full, i)
        for state in (cut, fold(log[i:], state=fold(log[:i]))):
            if state is not None:
                for item in state.items.values():
                    _check(item, recorded)


def test_most_items_hold_no_tuple_of_their_own():
    """The saving itself: an item with only its submission, one adoption and one score holds
    no tuple (three of 48 bytes each), and the item is 16 bytes smaller than a tracked one."""
    rnd = random.Random(7)
    ops = [("submit", rnd.randrange(10**6), rnd.randrange(10**6)) for _ in range(6)]
    ops += [("adopt", rnd.randrange(10**6), rnd.randrange(10**6)) for _ in range(6)]
    items = list(fold(written_log(rnd, ops, internal=False)).items.values())
    plain = [i for i in items if len(i.events) == 1]
    adopted = [i for i in items if len(i.adoptions) == 1]
    assert plain and adopted
    for item in plain:
        assert item._events is None and item._adoptions == () and item._scores == ()
    for item in adopted:
        assert type(item._adoptions) is E.ItemAdopted
    assert sys.getsizeof(items[0]) <= 16 + 8 * len(Item.__struct_fields__)  # no collector's header

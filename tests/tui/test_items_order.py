"""The items screen's date and id orders, kept across live updates (`KeptOrder`), are always the
order a full sort gives, whatever the folds did to the items dict: items added at the end,
items replaced by changed copies, items gone, a dict built anew (a refold, a day travelled to)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_tui.tui.screens.items import KeptOrder, by_date, by_id

DAY = dt.datetime(2011, 6, 1)


def item(n: int, day: int) -> SimpleNamespace:
    return SimpleNamespace(id=f"I{n:04d}", submitted_at=DAY + dt.timedelta(days=day))


steps = st.lists(
    st.tuples(st.sampled_from(["add", "change", "move", "drop", "anew"]), st.integers(0, 40), st.integers(0, 9)),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(start=st.lists(st.integers(0, 9), max_size=15), changes=steps)
def test_a_kept_order_is_a_full_sort(start, changes):
    items = {f"I{n:04d}": item(n, day) for n, day in enumerate(start)}
    values = list(items.values())
    orders = [KeptOrder(values, by_date), KeptOrder(values, by_id), KeptOrder(values, by_date, descending=True)]
    serial = len(start)
    for what, pick, day in changes:
        items = dict(items)  # each fold installs a new dict
        ids = list(items)
        if what == "add":
            items[f"I{serial:04d}"] = item(serial, day)
            serial += 1
        elif what == "change" and ids:  # a changed copy, same date
            old = items[ids[pick % len(ids)]]
            items[old.id] = SimpleNamespace(id=old.id, submitted_at=old.submitted_at)
        elif what == "move" and ids:  # an amended date
            old = items[ids[pick % len(ids)]]
            items[old.id] = item(int(old.id[1:]), day)
        elif what == "drop" and ids:
            del items[ids[pick % len(ids)]]
        elif what == "anew":
            items = dict(reversed(list(items.items())))
        for n, order in enumerate(orders):
            before = order.rows, list(order.rows)
            if not order.update(list(items.values())):
                orders[n] = order = KeptOrder(list(items.values()), order.key, descending=order.descending)
            assert before[0] == before[1]  # a list once shown is never changed
            assert order.rows == sorted(items.values(), key=order.key, reverse=order.descending)
            values = list(items.values())  # each row numbered by its place in the dict
            assert [values[k] for k in order.ordinals] == order.rows
            full = sorted(items.values(), key=order.key, reverse=order.descending)
            assert all(a is b for a, b in zip(order.rows, full, strict=True))

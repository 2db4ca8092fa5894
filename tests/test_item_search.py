"""The items search index (`core.item_search`) keeps exactly the items a plain test of every
`queries.search_text` keeps, for any words, after items change or are added, in any order."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_tui.core import item_search, queries
from govinfo_tui.core.item_search import ItemIndex, in_order, places

LETTERS = "防汛减灾镇第期aA1-[]\x1e\x1b😀 "
text = st.text(alphabet=LETTERS, max_size=6)
adoption = st.builds(SimpleNamespace, channel=st.sampled_from(["c1", "c2", "cx"]), issue=text)
item = st.builds(
    SimpleNamespace,
    title=text,
    unit=st.sampled_from(["u1", "u2", "", "ux"]),
    authors=st.lists(st.sampled_from(["p1", "p2", "px"]), max_size=2),
    adoptions=st.lists(adoption, max_size=2),
)
STATE = SimpleNamespace(
    units={"u1": SimpleNamespace(name="防汛镇"), "u2": SimpleNamespace(name="第一A")},
    people={"p1": SimpleNamespace(name="减灾"), "p2": SimpleNamespace(name="a[1]")},
    channels={"c1": SimpleNamespace(name="快报期"), "c2": SimpleNamespace(name="😀")},
)


def numbered(found: list[SimpleNamespace]) -> dict[str, SimpleNamespace]:
    for n, one in enumerate(found):
        one.id = f"I{n:03d}"
    return {one.id: one for one in found}


def expected(items: dict, words: list[str]) -> list[int]:
    texts = [queries.search_text(STATE, one) for one in items.values()]  # type: ignore[arg-type]
    return [n for n, t in enumerate(texts) if all(w in t for w in words)]


@settings(max_examples=300, deadline=None)
@given(
    found=st.lists(item, max_size=40),
    more=st.lists(item, max_size=5),
    query=text,
    change=st.integers(0, 39),
    dense=st.sampled_from([0, 8, 10**9]),  # results as numbers, as masks, either
    dense_name=st.sampled_from([1, 64, 10**9]),  # names as lists, as bits, either
    few=st.sampled_from([0, 128]),  # candidates tested, or the word followed through a block
    some=st.sets(st.integers(0, 50)),
)
def test_the_index_keeps_what_a_plain_search_keeps(found, more, query, change, dense, dense_name, few, some):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(item_search, "BLOCK", 8)  # several blocks, a partial last one
        patch.setattr(item_search, "FREQUENT_SHARE", 1 / 4)  # bits for some characters
        patch.setattr(item_search, "DENSE", dense)
        patch.setattr(item_search, "DENSE_NAME", dense_name)
        patch.setattr(item_search, "FEW", few)
        check(found, more, query, change, some)


def check(found, more, query, change, some):
    items = numbered(found)
    index = ItemIndex(items)  # type: ignore[arg-type]
    words = queries.search_words(query)
    found = index.select(STATE, words)  # type: ignore[arg-type]
    assert found.ordinals == expected(items, words)
    if found.texts is not None:  # read along: each the item's own text
        values = list(items.values())
        own = [item_search.own_text(values[k]) for k in found.ordinals]  # type: ignore[arg-type]
        assert [t.rstrip(item_search.SEP) for t in found.texts] == own
    # a fold: one item replaced by a changed copy, a few added at the end
    items = dict(items)
    if items:
        old = list(items.values())[change % len(items)]
        changed = {"title": old.title + "灾", "unit": "u1", "authors": ["p2"], "adoptions": old.adoptions[1:]}
        items[old.id] = SimpleNamespace(**{**vars(old), **changed})
    items.update(numbered(list(items.values()) + more))
    assert index.update(items)  # type: ignore[arg-type]
    assert index.select(STATE, words).ordinals == expected(items, words)  # type: ignore[arg-type]
    # narrowing: the first word's result, then every word
    if words:
        first = index.select(STATE, words[:1])  # type: ignore[arg-type]
        assert index.select(STATE, words, first).ordinals == expected(items, words)  # type: ignore[arg-type]
    # among some of the items only (a search typed on narrows the last one's)
    among = item_search.Found(len(items), ordinals=sorted(k for k in some if k < len(items)))
    assert index.select(STATE, words, among).ordinals == [k for k in expected(items, words) if k in some]  # type: ignore[arg-type]
    # in any order of the items
    order = sorted(range(len(items)), key=lambda n: list(items)[n][::-1])
    found = index.select(STATE, words).ordinals  # type: ignore[arg-type]
    assert in_order(found, places(order)) == [at for at, n in enumerate(order) if n in found]


def test_a_first_letter_held_by_many_items_is_read_from_its_bits():
    items = numbered([SimpleNamespace(title=t, unit="", authors=[], adoptions=[]) for t in ["防汛", "减灾", "防"] * 50])
    index = ItemIndex(items)  # type: ignore[arg-type]
    assert "防" in index.bits
    index.blocks = ["" for _ in index.blocks]  # no text to read: the answer comes from the bits
    assert index.select(STATE, ["防"]).ordinals == [n for n in range(150) if n % 3 != 1]  # type: ignore[arg-type]


def test_a_word_followed_through_a_block_keeps_only_the_candidates(monkeypatch):
    monkeypatch.setattr(item_search, "FEW", 0)  # count the word in the block first
    monkeypatch.setattr(item_search, "MAX_FREQUENT", 0)  # no bits: the candidates come from `among`
    monkeypatch.setattr(item_search, "DENSE", 0)  # kept as numbers
    titles = ["甲乙"] + ["丙"] * 9 + ["甲乙丙"]  # found twice, among ten candidates: followed
    items = numbered([SimpleNamespace(title=t, unit="", authors=[], adoptions=[]) for t in titles])
    index = ItemIndex(items)  # type: ignore[arg-type]
    among = item_search.Found(len(items), ordinals=list(range(1, 11)))
    assert index.select(STATE, ["甲乙"], among).ordinals == [10]  # type: ignore[arg-type]


def test_a_search_typed_on_tests_the_texts_it_kept(monkeypatch):
    monkeypatch.setattr(item_search, "DENSE", 0)  # few enough to keep their texts
    titles = ["防汛减", "防汛减灾", "防x汛减", "灾"]
    items = numbered([SimpleNamespace(title=t, unit="", authors=[], adoptions=[]) for t in titles])
    index = ItemIndex(items)  # type: ignore[arg-type]
    first = index.select(STATE, ["防汛减"])  # type: ignore[arg-type]
    assert first.ordinals == [0, 1] and first.texts is not None
    assert index.select(STATE, ["防汛减灾"], first).ordinals == [1]  # type: ignore[arg-type]


@given(st.lists(st.booleans(), max_size=300))
def test_the_ones_of_a_mask_are_its_places_of_1(bits):
    mask = bytes(bits)
    assert item_search.ones(mask) == [n for n, b in enumerate(bits) if b]


def test_a_search_remembered_keeps_its_items():
    for found in (item_search.Found(100, ordinals=[3, 50, 99]), item_search.Found(10, mask=bytes([1, 0] * 5))):
        assert found.bare().ordinals == found.ordinals and len(found.bare()) == len(found)


def test_a_two_character_word_held_by_many_items_is_read_from_its_bits():
    titles = ["防汛", "防x汛", "汛防", "防汛减"] * 40
    items = numbered([SimpleNamespace(title=t, unit="", authors=[], adoptions=[]) for t in titles])
    index = ItemIndex(items)  # type: ignore[arg-type]
    assert "防汛" in index.bits
    index.blocks = ["" for _ in index.blocks]  # no text to read
    assert index.select(STATE, ["防汛"]).ordinals == [n for n in range(160) if n % 4 in (0, 3)]  # type: ignore[arg-type]

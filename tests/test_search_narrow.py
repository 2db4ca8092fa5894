"""The items search (`queries.search`) finds the same rows in the same order as `queries.narrow`
and as a test of every word in every text, on made-up texts (CJK, spaces, control characters,
repeated words), on the demo and on a generated journal; and the cursor position it gives back
is where the cursor's row went."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_tui.core import queries
from govinfo_tui.core.state import fold
from govinfo_tui.core.workspace import open_state

from .conftest import DEMO, REPO

ALPHABET = "ab防汛减灾 \x00\n镇"


def brute(words: list[str], rows: list, texts: list[str]) -> list:
    return [r for r, t in zip(rows, texts, strict=True) if all(w in t for w in words)]


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.text(ALPHABET, max_size=12), max_size=30),
    query=st.text(ALPHABET, max_size=6),
)
def test_the_search_finds_what_testing_every_text_finds(texts, query):
    words = queries.search_words(query)
    rows = list(range(len(texts)))
    expected = brute(words, rows, texts)
    assert queries.narrow(words, rows, texts)[0] == expected
    for cursor in [None, *range(len(texts))]:
        found, kept_texts, at = queries.search(words, rows, texts, cursor)
        assert found == expected
        assert kept_texts == [texts[n] for n in expected]
        if cursor is None:
            assert at is None
        else:
            assert at == (expected.index(cursor) if cursor in expected else None)


def _generated(tmp_path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path / "gen"
    module.generate(root, 6000)
    return root


QUERIES = ["防", "防汛", "防汛减", "防汛减灾", "镇", "镇 县", "2011", "1106", "第", "局 镇 的", "zzz", "x\x00"]


@pytest.mark.parametrize("which", ["demo", "generated"])
def test_every_query_gives_the_rows_it_gave_before(which, tmp_path):
    state = open_state(DEMO)[0] if which == "demo" else fold(_loaded_events(_generated(tmp_path)))
    items = sorted(state.items.values(), key=lambda i: (i.submitted_at, i.id), reverse=True)
    texts = [queries.search_text(state, i) for i in items]
    words_seen = {w for t in texts[:50] for w in t.split()[:3]}
    hits = []
    for query in [*QUERIES, *sorted(words_seen)[:40]]:
        words = queries.search_words(query)
        before = queries.narrow(words, items, texts)[0]
        assert queries.search(words, items, texts, 3)[0] == before, query
        hits.append(len(before))
    assert sum(1 for n in hits if 0 < n < len(items)) >= 10 and 0 in hits  # real narrowing, and misses


def _loaded_events(root: Path) -> list:
    from govinfo_tui.core import journal

    return journal.load(root).events

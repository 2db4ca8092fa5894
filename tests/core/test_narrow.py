"""The items screen's search narrows in C passes; it keeps exactly what `matcher` keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govinfo_tui.core import queries

TEXT = st.text(alphabet="防汛胜天ab 1", max_size=8)


@given(
    texts=st.lists(TEXT, max_size=30),
    words=st.lists(st.text(alphabet="防汛胜天ab1", min_size=1, max_size=3), max_size=3),
)
def test_narrow_keeps_what_the_matcher_keeps_in_order(texts, words):
    rows = list(range(len(texts)))
    match = queries.matcher(words) if words else (lambda _text: True)
    expected = [(r, t) for r, t in zip(rows, texts, strict=True) if match(t)]
    kept_rows, kept_texts = queries.narrow(words, rows, texts)
    assert list(zip(kept_rows, kept_texts, strict=True)) == expected

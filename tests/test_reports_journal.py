"""The paperwork journal (`conftest.paper_events`) is clean, and its hand-worked answers hold."""

from __future__ import annotations

from govinfo_tui.core import journal
from govinfo_tui.core.checks import check
from govinfo_tui.core.state import fold

from .conftest import paper_events


def test_the_paper_journal_is_clean(tmp_path):
    root = tmp_path / "j"
    journal.init(root)
    journal.append(root, paper_events())
    st = fold(journal.load(root).events)
    assert [f.message for f in check(st)] == []
    assert len(st.items) == 9

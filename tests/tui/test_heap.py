"""The app's heap gives back what its large tables free: a poll's new log, a little longer each
time, no longer piles up in the heap (glibc's adjusted mmap threshold, `tui/heap.py`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from govinfo_tui.tui import heap

from ..conftest import REPO

POLLS = """
import sys
from govinfo_tui.tui import heap

def rss():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS")) // 1024

held = heap.hold_threshold() if sys.argv[1] == "held" else False
log, kept = [None] * 1_000_000, []
before = rss()
for n in range(40):
    longer = [*log, None]  # a poll: the log again, one event longer
    kept.append(bytearray(2000))  # something small made meanwhile that outlives it
    log = longer
print(held, rss() - before)
"""


def grown(mode: str) -> tuple[str, int]:
    out = subprocess.run([sys.executable, "-c", POLLS, mode], capture_output=True, text=True, check=True, cwd=REPO)
    held, mib = out.stdout.split()
    return held, int(mib)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap")
def test_tables_made_and_freed_poll_after_poll_do_not_pile_up() -> None:
    held, with_threshold = grown("held")
    if held != "True":
        pytest.skip("not glibc")
    _, adjusted = grown("adjusted")
    assert adjusted >= 20  # glibc's own way: each longer log from the heap, the last one's place left as a hole
    assert with_threshold <= 2


def test_the_app_holds_the_threshold_before_it_reads_and_again_after(tiny, monkeypatch) -> None:
    """Held as the app is made; raised while the journal is read (each file's bytes reuse the
    heap's place); held again once it is read, before any poll."""
    from govinfo_tui.tui import app as app_module

    calls = []
    monkeypatch.setattr(app_module.heap, "hold_threshold", lambda t=heap.THRESHOLD: calls.append(t) or True)
    app = app_module.GovinfoApp(tiny, "zh", watch=False, by="tester")
    assert app._early is not None
    app._early.result(30)
    assert calls == [heap.THRESHOLD, heap.READING, heap.THRESHOLD]

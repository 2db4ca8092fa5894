"""Run a fuzz case against a fresh copy of the base journal and say how it went.

Two ways in: through `govinfo append` (the whole input, all or nothing), or straight into a
file (a hand edit, a bad merge, another tool). Either way every command then runs over the
journal: `check`, `report summary`, `report notice`, in-process so that any exception other
than govinfo's own one-line errors surfaces as a traceback. `bench/harness.py` prints the
totals; the tests assert them case by case.
"""

from __future__ import annotations

import io
import shutil
import signal
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import patch

import msgspec

from govinfo_tui import cli
from govinfo_tui.core import journal, recording
from govinfo_tui.core.errors import GovinfoError

from .corpus import BASE, Case

TIMEOUT = 30  # seconds a case may take before it counts as a hang
COMMANDS = (
    ("check",),
    ("report", "summary", "--format", "json"),
    ("report", "notice", "--period", "2011-03", "--format", "md"),
)
PARSER = cli.build_parser()  # built once: building it costs more than a command over a small journal


class Hang(BaseException):
    """A case ran past TIMEOUT (a BaseException, so no `except Exception` in the code swallows it)."""


@dataclass
class Outcome:
    case: Case
    way: str
    accepted: bool = False
    traceback: str | None = None
    hung: bool = False
    partial: bool = False  # a refused input changed a file, or an accepted one lost a line
    unnamed: bool = False  # accepted although wrong, and `check` says nothing of it
    over_refused: bool = False  # a good input refused
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.traceback or self.hung or self.partial or self.unnamed)


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def base_journal(folder: Path) -> Path:
    """The journal every case starts from (copied, never changed)."""
    root = folder / "base"
    if not root.exists():
        journal.init(root)
        journal.append(root, BASE)
    return root


def _fresh(base: Path, work: Path) -> Path:
    root = work / "j"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(base, root)
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in journal.journal_files(root)}


def _commands(root: Path) -> tuple[str | None, str]:
    """Every command over the journal: the first traceback, if any, and what `check` printed."""
    printed = ""
    with patch.object(cli, "build_parser", lambda: PARSER):
        for command in COMMANDS:
            out = io.StringIO()
            try:
                with redirect_stdout(out), redirect_stderr(io.StringIO()):
                    cli.main(["--journal", str(root), *command])
            except Exception:
                return f"{' '.join(command)}: {traceback.format_exc(limit=-4)}", printed
            printed = printed or out.getvalue()
    return None, printed


def _names(printed: str, places: set[tuple[str, int]], ids: set[str]) -> bool:
    """Whether `check`'s output points at one of the lines, or names one of the events."""
    return any(f"{path}:{line}: " in printed for path, line in places) or any(i in printed for i in ids)


def run(case: Case, way: str, base: Path, work: Path) -> Outcome:
    """One case one way: "append", or "shard" / "registry" for a line written straight into that file."""
    outcome = Outcome(case, way)
    root = _fresh(base, work)
    try:
        with deadline(TIMEOUT):
            if way == "append":
                places, ids = _append(outcome, root)
            else:
                target = root / journal.REGISTRY_NAME if way == "registry" else root / "2011" / "2011-03.jsonl"
                places, ids = _direct(outcome, root, target)
            outcome.traceback, printed = _commands(root)
            outcome.unnamed = case.wrong and outcome.accepted and not _names(printed, places, ids)
    except Hang:
        outcome.hung = True
    except Exception:
        outcome.traceback = traceback.format_exc(limit=-4)
    return outcome


Where = tuple[set[tuple[str, int]], set[str]]  # the lines a case put in, and its events' ids


def _append(outcome: Outcome, root: Path) -> Where:
    before = _files(root)
    try:
        request = recording.parse_event_lines(outcome.case.data, by="fuzz", source="case.jsonl")
        written = recording.record(root, request, at=recording.now(), by="fuzz")
    except (GovinfoError, recording.RecordError) as exc:
        outcome.notes.append(str(exc)[:300])
        outcome.partial = _files(root) != before
        outcome.over_refused = not outcome.case.wrong
        return set(), set()
    outcome.accepted = True
    ids = {ev.id for ev in written}
    outcome.partial = not ids <= {ev.id for ev in journal.load(root).events}
    sources = _files(root)
    return {place for i in ids for place in journal.locate_id(sources, i)}, ids


def _direct(outcome: Outcome, root: Path, path: Path) -> Where:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        data += b"\n"
    first = data.count(b"\n") + 1
    path.write_bytes(data + outcome.case.data)
    places = {(str(path), first + n) for n, line in enumerate(outcome.case.lines) if line.strip()}
    ids = set()
    for line in outcome.case.lines:
        try:
            ids.update(ev.id for ev in journal.decoder.decode_lines(line.removeprefix(journal.BOM)))
        except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
            continue
    problems = {(p.path, p.line) for p in journal.load(root).problems}
    outcome.accepted = bool(places - problems)
    return places, ids

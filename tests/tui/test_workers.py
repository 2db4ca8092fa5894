"""Workers are started cheaply: Textual builds a worker's debug label from `repr()` of every
argument unless it is given a description, and a repr of a million events is a 300-million-
character string (six seconds and a gigabyte). Every worker of the app names its own."""

from __future__ import annotations

import ast
from pathlib import Path

from ..conftest import REPO

TUI = REPO / "govinfo_tui" / "tui"


def _calls(path: Path) -> list[tuple[int, str, set[str]]]:
    """(line, what, keyword names) of every `@work(...)`/`@work` and `run_worker(...)` in a file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Name) and dec.id == "work":
                    out.append((dec.lineno, "@work", set()))
                elif isinstance(dec, ast.Call) and getattr(dec.func, "id", None) == "work":
                    out.append((dec.lineno, "@work", {k.arg for k in dec.keywords if k.arg}))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "run_worker":
            out.append((node.lineno, "run_worker", {k.arg for k in node.keywords if k.arg}))
    return out


def test_every_worker_has_a_description_so_its_arguments_are_never_repr_ed() -> None:
    found = [(path, *call) for path in sorted(TUI.rglob("*.py")) for call in _calls(path)]
    assert len(found) >= 8  # the load, watch, poll, travel, prepare, screen, checks and search workers
    missing = [f"{p.relative_to(REPO)}:{line} {what}" for p, line, what, keys in found if "description" not in keys]
    assert missing == []


async def test_the_workers_arguments_are_small_whatever_the_journal(tiny: Path) -> None:
    """A description spares the repr; the arguments are kept small as well: the dashboard's
    context holds a few values, the events come with the state the worker reads."""
    from govinfo_tui.tui.app import GovinfoApp

    from .conftest import TODAY, ready

    app = GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        context = app.screen.context()
        assert context and all(len(repr(v)) < 80 for v in context.values()), context

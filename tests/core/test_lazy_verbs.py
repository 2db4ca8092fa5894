"""`core.recording` imports a verb's module when the verb is first asked for, so that a write
pays for its own verb only (the 32 request dataclasses cost ~17 ms to make, more than the rest of
a write above a bare start). These tests keep the lazy names whole: every verb reachable, none
forgotten, and a command that imports only its own."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import typing

from govinfo_tui.core import recording

LOADED = """
import json, sys
print(json.dumps(sorted(m for m in sys.modules if m.startswith("govinfo_tui.core.recording."))))
"""


def loaded_after(script: str) -> list[str]:
    res = subprocess.run([sys.executable, "-c", script + LOADED], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_every_name_the_package_offers_is_found_where_it_says() -> None:
    for name in recording.__all__:
        assert getattr(recording, name) is not None, name
    for module, names in recording._VERBS.items():
        held = importlib.import_module(f"govinfo_tui.core.recording.{module}")
        assert all(getattr(recording, n) is getattr(held, n) for n in names), module


def test_no_verb_is_left_out_of_request() -> None:
    """Every class of the package with `needles` and `build` is a `Request`, and is lazily found."""
    verbs = set()
    for info in pkgutil.iter_modules(recording.__path__):
        module = importlib.import_module(f"govinfo_tui.core.recording.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and obj.__module__ == module.__name__ and hasattr(obj, "needles"):
                assert hasattr(obj, "build"), name
                verbs.add(obj)
    assert set(typing.get_args(recording.Request)) == verbs
    assert {getattr(recording, n) for n in recording._REQUESTS} == verbs


def test_asking_for_one_verb_imports_its_module_only() -> None:
    assert "govinfo_tui.core.recording.paperwork" not in loaded_after("import govinfo_tui.core.recording")
    only_items = loaded_after("from govinfo_tui.core.recording import Submit")
    assert "govinfo_tui.core.recording.items" in only_items
    assert not {"govinfo_tui.core.recording.paperwork", "govinfo_tui.core.recording.sanctions"} & set(only_items)


def test_the_command_line_s_writes_import_no_verb_before_one_is_run() -> None:
    loaded = loaded_after("import govinfo_tui.cli.writes")
    assert loaded == ["govinfo_tui.core.recording.admission", "govinfo_tui.core.recording.common"], loaded

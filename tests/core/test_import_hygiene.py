"""The core loads no face at run time. import-linter reads the core's own import statements;
a fresh interpreter also sees what the libraries it imports bring along."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FACES = ("textual", "textual_serve", "rich")

LOADED_FACES = f"""
import json, sys
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {FACES!r})))
"""

IMPORT_EVERY_MODULE = """
import importlib, pkgutil
import govinfo_tui.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "govinfo_tui.core.")]
assert "govinfo_tui.core.export.docx" in names and "govinfo_tui.core.reports.bulletin" in names, names
for name in names:
    importlib.import_module(name)
"""

WRITE_EVERY_FORMAT = """
import sys
from govinfo_tui.core import export
report = export.from_rows("rows", [{"code": "wj", "name": "文江镇", "points": 2.5}])
for fmt in export.FORMATS:
    export.write(report, fmt, f"{sys.argv[1]}/rows.{fmt}")
"""


def loaded_faces(script: str, *args: str) -> list[str]:
    res = subprocess.run([sys.executable, "-c", script + LOADED_FACES, *args], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_importing_every_core_module_loads_no_terminal_or_screen_library():
    assert loaded_faces(IMPORT_EVERY_MODULE) == []


def test_writing_every_format_loads_none_either(tmp_path: Path):
    """The writers import openpyxl and python-docx only when they write: try them too."""
    assert loaded_faces(WRITE_EVERY_FORMAT, str(tmp_path)) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv", "rows.docx", "rows.json", "rows.md", "rows.xlsx"]

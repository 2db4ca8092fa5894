"""The program's bytecode written before a benchmark, as an installed copy has it.

Where `PYTHONDONTWRITEBYTECODE` is set (this machine's shells set it), every process of a run
would compile the program's sources again: 50-60 ms more for the app's start, which imports
more of them than the command line does, and so not a cost of either. `compileall` writes
the bytecode whatever that variable says, and the processes then read it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAM = Path(__file__).resolve().parents[1] / "govinfo_tui"


def compile_program() -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PROGRAM)], check=True)

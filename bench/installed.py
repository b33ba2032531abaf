"""The benchmarks time schedgen as `pip install` leaves it: with its modules compiled to bytecode.

An editable checkout gets no bytecode where PYTHONDONTWRITEBYTECODE is set (it is on the project's
machine), and then every run compiles every module it imports again: 30 ms of a province's report
(schedgen's own modules import in 95 ms instead of 63), which no installed copy spends.
"""

from __future__ import annotations

import compileall
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"


def compile_bytecode() -> None:
    """Compile the checkout's modules, as `pip install` does."""
    compileall.compile_dir(SOURCE, quiet=1)

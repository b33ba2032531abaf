"""What a process gives back to the system of the memory it freed."""

from __future__ import annotations

import contextlib
import sys
from functools import cache
from typing import Any


def give_back_memory() -> None:
    """Return the memory a process freed to the system: glibc keeps freed memory for the process, and serve
    stayed about 100 MB larger after its first build (bench_serve_soak: 222-256 MB before the soak, 144 MB
    with this); a build gives back what each stage freed before the next (`commands.build`)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError, TypeError):
        _libc().malloc_trim(0)


@cache
def _libc() -> Any:
    """The C library, loaded once a process, by glibc's name first: finding it by another runs `ldconfig`
    (20 ms)."""
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        import ctypes.util

        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")

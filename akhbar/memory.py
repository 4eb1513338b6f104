"""Allocator and garbage-collector settings for long runs.

A run's driver receives each transformed batch as one pickled message of megabytes and
copies tables while staging them, between allocations that live for the whole run (the
story and quote indexes). glibc's adaptive mmap threshold rises after the first large
free, after which such blocks come from its heaps and the space they free stays resident.
A fixed 1 MiB threshold gives every larger block its own mapping, returned on free; two
arenas keep the flow's threads from multiplying heaps. Measured effect on the driver's
peak RSS: README, "Measured".

The cyclic garbage collector runs a pass every 700 container allocations by default, and
each pass of an older generation walks everything that survived: in a run that keeps
millions of live objects (the story and quote indexes, the token cache of a worker) that
is seconds of a run. Batch work makes few reference cycles, so passes are made rarer.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys

_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
_MMAP_THRESHOLD = 1 << 20
_ARENAS = 2
_GC_GEN0 = 50_000  # container allocations between young-generation passes (default 700)
_done = False


def tune_allocator() -> bool:
    """Apply the settings once per process (glibc only); True when they were applied."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return _done
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to tune
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    _done = bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)) and bool(mallopt(_M_ARENA_MAX, _ARENAS))
    return _done


def tune_gc() -> None:
    """Make cyclic-GC passes rarer in this process (driver and transform workers)."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(_GC_GEN0, older, oldest)

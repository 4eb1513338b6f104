"""The driver's allocator settings for long runs.

A run's driver receives each transformed batch as one pickled message of megabytes and
copies tables while staging them, between allocations that live for the whole run (the
story and quote indexes). glibc's adaptive mmap threshold rises after the first large
free, after which such blocks come from its heaps and the space they free stays resident.
A fixed 1 MiB threshold gives every larger block its own mapping, returned on free; two
arenas keep the flow's threads from multiplying heaps. Measured effect on the driver's
peak RSS: README, "Measured".
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
_MMAP_THRESHOLD = 1 << 20
_ARENAS = 2
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


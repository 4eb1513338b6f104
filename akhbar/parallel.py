"""A process pool for the CPU-bound transform, shared by a run's batch tasks.

Prefect tasks run in threads of the flow process and hand their batch to this pool, so
Prefect sees one task per batch while the work uses every core. Workers start from a
forkserver that has already imported the transform code, which makes them cheap to start
and safe next to the flow's threads.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor

from akhbar.memory import tune_gc

_POOL: ProcessPoolExecutor | None = None
_POOL_SIZE = 0
# Prefect runs a run's first transform tasks in parallel threads: without the lock each
# could build its own pool, and the losers' workers would sit idle, importing for nothing.
_POOL_LOCK = threading.Lock()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def get_pool(workers: int) -> Executor:
    global _POOL, _POOL_SIZE
    with _POOL_LOCK:
        if _POOL is None or workers != _POOL_SIZE:
            shutdown()
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["akhbar.pipeline"])
            _POOL, _POOL_SIZE = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                                    initializer=tune_gc), workers
        return _POOL


def shutdown() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True, cancel_futures=True)
        _POOL = None

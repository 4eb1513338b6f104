"""Per-host pacing is shared by every process of a run (pool workers, Dask workers)."""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import time

from akhbar.fetch import HostPacer


def _worker(folder: str, n: int, delay: float, out) -> None:
    pacer = HostPacer()
    pacer.share(folder)

    async def go() -> None:
        for _ in range(n):
            await pacer.wait("news.example", delay)
            out.put(time.time())

    asyncio.run(go())


def test_two_processes_pace_one_host_together(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    delay, n = 0.25, 4
    procs = [ctx.Process(target=_worker, args=(str(tmp_path / "hosts"), n, delay, out)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    stamps = sorted(out.get(timeout=5) for _ in range(2 * n))
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    # Eight requests from two processes, one host: never closer than the delay (small slack
    # for the clock read after the sleep).
    assert min(gaps) >= delay - 0.02, gaps
    assert stamps[-1] - stamps[0] >= (2 * n - 1) * delay - 0.05


def test_without_a_shared_folder_processes_pace_alone(tmp_path):
    pacer = HostPacer()

    async def go() -> list[float]:
        stamps = []
        for _ in range(3):
            await pacer.wait("a.example", 0.1)
            stamps.append(time.time())
        await pacer.wait("b.example", 0.1)  # another host is not held back
        stamps.append(time.time())
        return stamps

    stamps = asyncio.run(go())
    assert stamps[2] - stamps[0] >= 0.18 and stamps[3] - stamps[2] < 0.05
    pacer.defer("a.example", 0.3)
    t = time.time()
    asyncio.run(pacer.wait("a.example", 0.0))
    assert time.time() - t >= 0.25

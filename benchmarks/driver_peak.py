"""The driver's peak RSS over a whole run, under the Prefect flow or without Prefect.

    .venv/bin/python -m benchmarks.driver_peak [--times 4] [--no-prefect]

Runs ../shared/corpus (``--times N``: N copies with fresh ids, as ``make bench``'s ×4 run)
in this process into a temporary warehouse and samples this process's RSS every 10 ms:
the flow's own process, without its worker processes. ``--no-prefect`` runs the same
steps of ``akhbar.run`` (open, transform in the process pool, stage in order, publish,
close) in a plain loop, which tells the pipeline's memory from the orchestrator's.
"""

from __future__ import annotations

import argparse
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.driver_memory import _rss_mib, corpus_run


def _plain_run(config: Path, warehouse: Path) -> None:
    from akhbar import run

    session = run.open_run(str(config), str(warehouse))
    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=session.workers + 1) as threads:
        for spec in session.specs:
            pending.append(threads.submit(run.transform, session, spec))
            if len(pending) > session.workers + 1:
                run.stage(session, pending.popleft().result())
        while pending:
            run.stage(session, pending.popleft().result())
    run.flush_stage(session)
    run.publish(session)
    run.close_run(session, "success")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=1, help="corpus copies (fresh ids)")
    parser.add_argument("--no-prefect", action="store_true", help="run the steps without Prefect")
    args = parser.parse_args()
    with corpus_run(args.times) as (cfg, warehouse):
        peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.01):
                peak[0] = max(peak[0], _rss_mib())

        t = time.perf_counter()
        if args.no_prefect:
            threading.Thread(target=sample, daemon=True).start()
            _plain_run(cfg, warehouse)
        else:
            from prefect.testing.utilities import prefect_test_harness

            with prefect_test_harness(server_startup_timeout=120):
                from flows.etl import etl

                threading.Thread(target=sample, daemon=True).start()
                etl(config=str(cfg), warehouse=str(warehouse))
        done.set()
        mode = "without Prefect" if args.no_prefect else "Prefect flow"
        print(f"{mode}, corpus ×{args.times}: driver peak RSS {peak[0]:.0f} MiB, "
              f"{time.perf_counter() - t:.0f} s", flush=True)


if __name__ == "__main__":
    main()

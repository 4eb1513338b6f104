"""Where the driver's memory goes: run the ETL flow in this process over ../shared/corpus
and print, every few seconds, its RSS, Arrow's allocated bytes and the most numerous live
Python object types.

    .venv/bin/python -m benchmarks.driver_memory [--times 4]

Besides Python's objects it shows glibc's heap (bytes in use, free) and the bytes of
blocks glibc mapped on their own, to tell live native memory from fragmentation.
``--times N`` repeats the corpus N times with fresh ids (as ``make bench`` does for its
64,000-article run). Uses a temporary warehouse, Prefect home and test API.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import ctypes
import gc
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.bench import CORPUS, SUBSETS, _config, _repeat_with_fresh_ids


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _glibc() -> str:
    """glibc's view: heap bytes in use and free, and bytes in blocks mapped on their own."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return "glibc n/a"
    return (f"glibc heap {info.uordblks / 2**20:4.0f} used {info.fordblks / 2**20:4.0f} free, "
            f"mapped {info.hblkhd / 2**20:4.0f} MiB")


def _report(start: float) -> None:
    import pyarrow as pa

    kinds = collections.Counter(type(o).__name__ for o in gc.get_objects()).most_common(4)
    print(f"{time.perf_counter() - start:5.0f} s  rss {_rss_mib():6.0f} MiB  "
          f"arrow {pa.total_allocated_bytes() / 2**20:5.0f} MiB  {_glibc()}  "
          f"gc objects {len(gc.get_objects())} {kinds}", flush=True)


@contextlib.contextmanager
def corpus_run(times: int) -> Iterator[tuple[Path, Path]]:
    """(config, warehouse) for an in-process run over ../shared/corpus (``times`` copies
    with fresh ids), in a temporary folder that also holds this process's Prefect home."""
    paths = [CORPUS / name / "articles.jsonl" for name in SUBSETS]
    if not all(p.exists() for p in paths):
        raise SystemExit(f"{CORPUS} not found: this needs ../shared/corpus")
    with tempfile.TemporaryDirectory(prefix="akhbar-driver-") as tmp:
        tmp_path = Path(tmp)
        os.environ["PREFECT_HOME"] = str(tmp_path / "prefect")
        if times > 1:
            paths = [_repeat_with_fresh_ids(paths, times, tmp_path / "corpus.jsonl")]
        yield _config(tmp_path / "corpus.yaml", paths), tmp_path / "wh"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=1, help="corpus copies (fresh ids)")
    parser.add_argument("--every", type=float, default=8.0, help="seconds between reports")
    args = parser.parse_args()
    with corpus_run(args.times) as (cfg, warehouse):
        from prefect.testing.utilities import prefect_test_harness

        start = time.perf_counter()
        done = threading.Event()

        def watch() -> None:
            while not done.wait(args.every):
                _report(start)

        threading.Thread(target=watch, daemon=True).start()
        with prefect_test_harness(server_startup_timeout=120):
            from flows.etl import etl

            etl(config=str(cfg), warehouse=str(warehouse))
        done.set()
        _report(start)


if __name__ == "__main__":
    main()

"""Time ``akhbar run`` on N articles of ../shared/corpus, as a user runs it.

    .venv/bin/python -m benchmarks.corpus_run --n 2000

Writes an N-record JSONL sample (spread over the three subsets) and a config to a temporary
folder, runs the CLI twice (a full run into a fresh warehouse, then an incremental rerun)
and prints JSON: wall time, the run's own time, and Prefect's start-up/teardown share.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SUBSETS = ("saudinewsnet", "ant_multisource", "ant_jawharafm")


def sample(n: int, out: Path) -> int:
    per = -(-n // len(SUBSETS))
    written = 0
    with open(out, "w", encoding="utf-8") as sink:
        for name in SUBSETS:
            with open(CORPUS / name / "articles.jsonl", encoding="utf-8") as src:
                for line in itertools.islice(src, 0, None, 2):
                    if written >= n or written >= per * (SUBSETS.index(name) + 1):
                        break
                    sink.write(line)
                    written += 1
    return written


def timed_run(config: Path, warehouse: Path, home: Path) -> dict:
    env = {**os.environ, "PREFECT_HOME": str(home)}
    t = time.perf_counter()
    out = subprocess.run([str(Path(sys.executable).parent / "akhbar"), "run", "--config", str(config),
                          "--warehouse", str(warehouse), "--json"],
                         capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"akhbar run failed: {out.stderr.strip()}")
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    return {"wall_seconds": round(wall, 2), "run_seconds": summary["seconds"],
            "prefect_overhead_seconds": round(wall - summary["seconds"], 2),
            "published": summary["n_published"], "quarantined": summary["n_quarantined"],
            "unchanged": summary["n_unchanged"], "stage_seconds": summary["stage_seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} not found: this benchmark needs ../shared/corpus")
    with tempfile.TemporaryDirectory(prefix="akhbar-bench-") as tmp:
        tmp_path = Path(tmp)
        n = sample(args.n, tmp_path / "sample.jsonl")
        config = tmp_path / "config.yaml"
        source = f"  - name: corpus\n    kind: jsonl\n    path: {tmp_path / 'sample.jsonl'}\n"
        config.write_text("sources:\n" + source)
        home = tmp_path / "prefect"
        timed_run(config, tmp_path / "warm-wh", home)  # first use of a Prefect home builds its database
        full = timed_run(config, tmp_path / "wh", home)
        rerun = timed_run(config, tmp_path / "wh", home)
    print(json.dumps({"articles": n, "cpus": os.cpu_count(), "full": full, "incremental": rerun}, indent=2))


if __name__ == "__main__":
    main()

"""akhbar's benchmark: the whole corpus from JSONL to published, validated Parquet.

    make bench            # or: .venv/bin/python -m benchmarks.bench [--quick]

Runs, in one go and on this machine: the bare camel-tools pass (normalize_unicode,
dediac_ar, alef/alef-maksura/teh-marbuta normalization, simple_word_tokenize in one plain
loop on one core) over ../shared/corpus; `akhbar run` on the same 16,000 articles into a
fresh warehouse on all cores and pinned to one core; an incremental rerun with nothing
new; the corpus four times with fresh ids (64,000 articles) for memory growth; and the
CLI's cold start; and a topic refit over the published corpus (timed on its own: fitting
is the nightly refit's job, so the timed runs do not fit a model). Prints and writes JSON
(benchmarks/results/bench.json) with wall times, docs/s, per-stage seconds, peak RSS,
Prefect start-up reported separately, and whether each target is met. ``cpu_floor`` divides
the full run's CPU seconds (flow process + the pool's transforms, a lower bound: the pool's
share of publishing is not counted) by the cores: the fastest any schedule could be. Each
run's ``machine_cpu`` is the whole machine's busy CPU over the run's own window (an upper
bound on the run's CPU, since it counts every process) and the cores busy on average: near
the core count, the run is limited by its CPU work, not by how it is scheduled.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SUBSETS = ("saudinewsnet", "ant_multisource", "ant_jawharafm")
RESULTS = REPO / "benchmarks" / "results" / "bench.json"
AKHBAR = str(Path(sys.executable).parent / "akhbar")

TARGETS = {
    "e2e_over_bare": 1.5,  # end-to-end, Prefect start-up excluded, both cores ≤ 1.5× bare
    "speedup_2_over_1": 1.7,  # 2 cores vs 1 ≥ 1.7×
    "peak_rss_gib_16k": 1.5,  # ≤ 1.5 GiB at 16,000 articles
    "rss_growth_64k": 0.20,  # < 20 % more at 64,000
    "incremental_over_full": 0.10,  # a rerun with nothing new ≤ 10 % of the full run
    "help_seconds": 1.5,  # `akhbar --help` ≤ 1.5 s
}


def bare_pass(paths: list[Path]) -> dict:
    """The reference: camel-tools' own functions over every text, one core, one loop."""
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh)
    t = time.perf_counter()
    tokens = 0
    for text in texts:
        norm = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(
            dediac_ar(normalize_unicode(text)))))
        tokens += len(simple_word_tokenize(norm))
    seconds = time.perf_counter() - t
    return {"docs": len(texts), "tokens": tokens, "seconds": round(seconds, 2),
            "docs_per_s": round(len(texts) / seconds, 1)}


class MachineCpu:
    """The machine's CPU time (``/proc/stat``: busy and steal jiffies of all cores), read
    every 0.2 s in a thread while a run goes on, so that the run's own window (Prefect
    start-up excluded) can be cut out afterwards. Machine-wide: it counts every process,
    so it is an upper bound on the run's CPU where ``cpu_seconds`` is a lower one; and it
    shows whether both cores were busy, which the run's CPU alone cannot."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.samples: list[tuple[float, int, int]] = []  # (epoch, busy jiffies, steal jiffies)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def read() -> tuple[int, int] | None:
        try:
            with open("/proc/stat", encoding="ascii") as fh:
                fields = [int(v) for v in fh.readline().split()[1:]]
        except (OSError, ValueError):
            return None  # not Linux: the window is reported as unknown
        user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
        return user + nice + system + irq + softirq, steal

    def _loop(self) -> None:
        while True:
            now = self.read()
            if now is not None:
                self.samples.append((time.time(), *now))
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> MachineCpu:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def window(self, start: float, seconds: float) -> dict | None:
        """Busy core-seconds, cores busy on average and the steal share over
        [start, start + seconds] (the samples nearest to both ends)."""
        if len(self.samples) < 2 or seconds <= 0:
            return None
        first = min(self.samples, key=lambda s: abs(s[0] - start))
        last = min(self.samples, key=lambda s: abs(s[0] - start - seconds))
        span = last[0] - first[0]
        if span <= 0:
            return None
        hz = os.sysconf("SC_CLK_TCK")
        busy, steal = (last[1] - first[1]) / hz, (last[2] - first[2]) / hz
        return {"seconds": round(span, 2), "busy_core_seconds": round(busy, 2),
                "cores_busy": round(busy / span, 2), "steal_core_seconds": round(steal, 2)}


def _run(args: list[str], env: dict[str, str], pin_one_core: bool = False) -> dict:
    """One CLI run, with its wall time, the peak RSS of its biggest process and the
    machine's CPU during the run itself."""
    cmd = [AKHBAR, *args, "--json"]
    if pin_one_core:
        cmd = ["taskset", "-c", "0", *cmd]
    probe = ("import resource, subprocess, sys;"
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr);"
             "print('RSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
             "sys.exit(p.returncode)")
    t = time.perf_counter()
    with MachineCpu() as machine:
        out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {out.stderr.strip()[-2000:]}")
    rss_kb = int(next(line.split()[1] for line in out.stderr.splitlines() if line.startswith("RSS_KB")))
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    docs = summary["n_read"]
    return {
        "wall_seconds": round(wall, 2),
        "run_seconds": summary["seconds"],  # open → close: what akhbar itself spends
        "prefect_overhead_seconds": round(wall - summary["seconds"], 2),
        "docs": docs,
        "docs_per_s": round(docs / summary["seconds"], 1) if summary["seconds"] else None,
        "published": summary["n_published"],
        "quarantined": summary["n_quarantined"],
        "unchanged": summary["n_unchanged"],
        "peak_rss_mib": round(rss_kb / 1024),
        "stage_seconds": summary["stage_seconds"],
        "cpu_seconds": summary["cpu_seconds"],
        # open → close of the run, machine-wide (see MachineCpu)
        "machine_cpu": machine.window(dt.datetime.fromisoformat(summary["started_at"]).timestamp(),
                                      summary["seconds"]),
    }


def _config(cfg: Path, paths: list[Path]) -> Path:
    lines = ["sources:"]
    for i, path in enumerate(paths):
        lines += [f"  - name: s{i}", "    kind: jsonl", f"    path: {path}"]
    # Fitting a topic model is the nightly refit's job; it is timed on its own below.
    lines += ["topics:", "  auto_fit_min_articles: 0"]
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def _repeat_with_fresh_ids(paths: list[Path], times: int, out: Path) -> Path:
    """The corpus ``times`` times; copies get fresh ids and URLs (new articles, same text)."""
    with open(out, "w", encoding="utf-8") as sink:
        for copy in range(times):
            for path in paths:
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        rec = json.loads(line)
                        if copy:
                            rec["id"] = f"{rec['id']}-copy{copy}"
                            if rec.get("url"):
                                sep = "&" if "?" in rec["url"] else "?"
                                rec["url"] = f"{rec['url']}{sep}akhbar_copy={copy}"
                        sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def cold_start() -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([AKHBAR, "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t)
    return round(best, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1-core and 64k runs")
    args = parser.parse_args()
    paths = [CORPUS / name / "articles.jsonl" for name in SUBSETS]
    if not all(p.exists() for p in paths):
        raise SystemExit(f"{CORPUS} not found: the benchmark needs ../shared/corpus")
    t0 = time.perf_counter()
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()}}
    with tempfile.TemporaryDirectory(prefix="akhbar-bench-") as tmp:
        tmp_path = Path(tmp)
        env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
        env.pop("PREFECT_LOGGING_LEVEL", None)
        cfg = _config(tmp_path / "bench.yaml", paths)
        _run(["run", "-c", str(REPO / "data/sample/akhbar.yaml"), "-w", str(tmp_path / "warm")], env)
        report["bare_pass"] = bare_pass(paths)
        report["full"] = _run(["run", "-c", str(cfg), "-w", str(tmp_path / "wh")], env)
        report["incremental"] = _run(["run", "-c", str(cfg), "-w", str(tmp_path / "wh")], env)
        t = time.perf_counter()
        refit = subprocess.run([AKHBAR, "topics", "refit", "-c", str(cfg), "-w", str(tmp_path / "wh"),
                                "--json"], capture_output=True, text=True, env=env, check=True)
        report["topics_refit"] = {"wall_seconds": round(time.perf_counter() - t, 2),
                                  **json.loads(refit.stdout.strip().splitlines()[-1])["seconds"]}
        if not args.quick:
            report["one_core"] = _run(["run", "-c", str(cfg), "-w", str(tmp_path / "wh1"),
                                       "--workers", "1"], env, pin_one_core=True)
            big = _repeat_with_fresh_ids(paths, 4, tmp_path / "corpus-x4.jsonl")
            report["x4"] = _run(["run", "-c", str(_config(tmp_path / "x4.yaml", [big])),
                                 "-w", str(tmp_path / "wh4")], env)
        report["help_seconds"] = cold_start()
    full, bare = report["full"], report["bare_pass"]
    ratios = {
        "e2e_over_bare": round(full["run_seconds"] / bare["seconds"], 3),
        "incremental_over_full": round(report["incremental"]["run_seconds"] / full["run_seconds"], 3),
        "peak_rss_gib_16k": round(full["peak_rss_mib"] / 1024, 3),
        "help_seconds": report["help_seconds"],
    }
    if "one_core" in report:
        ratios["speedup_2_over_1"] = round(report["one_core"]["run_seconds"] / full["run_seconds"], 3)
        ratios["rss_growth_64k"] = round(report["x4"]["peak_rss_mib"] / full["peak_rss_mib"] - 1, 3)
    report["ratios"] = ratios
    # No schedule on these cores can finish faster than the run's CPU time spread evenly
    # over them: the floor the e2e ratio cannot go under without less work per article.
    cpu = sum(full["cpu_seconds"].values())
    cores = min(os.cpu_count() or 1, 2)
    report["cpu_floor"] = {"cpu_seconds_lower_bound": round(cpu, 2), "cores": cores,
                           "wall_floor_seconds": round(cpu / cores, 2),
                           "floor_over_bare": round(cpu / cores / bare["seconds"], 3)}
    report["targets"] = TARGETS
    report["targets_met"] = {
        k: (v >= TARGETS[k] if k == "speedup_2_over_1" else v <= TARGETS[k]) if k != "rss_growth_64k"
        else v < TARGETS[k] for k, v in ratios.items()}
    report["bench_seconds"] = round(time.perf_counter() - t0, 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

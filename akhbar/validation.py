"""The quality gate: Great Expectations suites stored as JSON in ``expectations/``.

Each expectation carries ``meta.scope``: ``row`` expectations name the rows that fail, and
those inputs go to quarantine (stage ``validate``); ``table`` expectations judge the batch
as a whole, and a critical failure blocks the publish (``severity: warning`` only reports).
Cross-table and context checks run through derived columns computed here (see
``DERIVED``). Great Expectations is imported here, lazily: it takes seconds to import and
the CLI and workers never need it.

Every run keeps its validation results under ``<warehouse>/_validation/runs/``;
:func:`build_docs` renders them as GX Data Docs (static HTML).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from akhbar.errors import ConfigError
from akhbar.layout import source_slug

VALIDATED_TABLES = ("articles", "quotes", "keywords", "article_topics", "fetches", "topics")
# Derived columns a suite may use, and what they mean.
DERIVED = {
    "articles.tokens_len": "number of tokens in `tokens` (must equal n_tokens)",
    "articles.in_window": "date within the run's --since/--until window and not after run date + 2",
    "articles.source_matches": "partition `source` is the slug of `source_name`",
    "quotes.offsets_match": "articles.text[start:end] == quote",
    "quotes.article_exists": "the quote's article is in the same batch",
    "keywords.in_text": "the keyword occurs in its article's title or text (a surface form, not a stem)",
    "keywords.article_exists": "the keyword's article is in the same batch",
    "article_topics.article_exists": "the assignment's article is in the same batch",
}
_TRIM = 20  # unexpected values kept per expectation in stored results


@dataclass
class GateResult:
    """What a batch's validation found."""

    # table → row index → reasons (row-scope failures)
    failed_rows: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)  # critical table-scope failures
    warnings: list[str] = field(default_factory=list)
    evaluated: int = 0
    failed: Counter[str] = field(default_factory=Counter)  # expectation label → failures
    results: list[dict[str, Any]] = field(default_factory=list)  # GX results, trimmed, as JSON


@dataclass(frozen=True)
class Window:
    """The dates a batch may hold."""

    since: dt.date | None = None
    until: dt.date | None = None
    latest: dt.date | None = None  # run date + 2 days

    def contains(self, date: dt.date | None) -> bool:
        return date is not None and (self.since is None or date >= self.since) and (
            self.until is None or date <= self.until) and (self.latest is None or date <= self.latest)


def _columns_of(config: dict[str, Any]) -> set[str]:
    kw = config.get("kwargs", {})
    cols = {kw[k] for k in ("column", "column_A", "column_B") if isinstance(kw.get(k), str)}
    cols |= set(kw.get("column_list") or [])
    return cols


def _derive(name: str, col: str, table: pa.Table, tables: dict[str, pa.Table],
            window: Window) -> list[Any]:
    articles = tables.get("articles")
    if articles is None:
        raise ConfigError(f"suite {name} uses derived column {col!r}, which needs articles")
    if name == "articles":
        if col == "tokens_len":
            return pc.list_value_length(table.column("tokens")).to_pylist()
        if col == "in_window":
            return [window.contains(d) for d in table.column("date").to_pylist()]
        if col == "source_matches":
            return [s == source_slug(n) for s, n in zip(table.column("source").to_pylist(),
                                                         table.column("source_name").to_pylist(),
                                                         strict=True)]
    ids = articles.column("article_id").to_pylist()
    if col == "article_exists":
        known = set(ids)
        return [a in known for a in table.column("article_id").to_pylist()]
    texts = dict(zip(ids, articles.column("text").to_pylist(), strict=True))
    if name == "quotes" and col == "offsets_match":
        cols = (table.column(c).to_pylist() for c in ("article_id", "start", "end", "quote"))
        return [(t := texts.get(a)) is not None and t[s:e] == q for a, s, e, q in zip(*cols, strict=True)]
    if name == "keywords" and col == "in_text":
        titles = dict(zip(ids, articles.column("title").to_pylist(), strict=True))
        cols = (table.column(c).to_pylist() for c in ("article_id", "keyword"))
        return [(t := texts.get(a)) is not None and (k in t or k in (titles.get(a) or ""))
                for a, k in zip(*cols, strict=True)]
    raise ConfigError(f"suite {name} uses unknown column {col!r}")


def validation_frames(tables: dict[str, pa.Table], needed: dict[str, set[str]],
                      window: Window | None = None) -> dict[str, Any]:
    """pandas frames for GX with only the columns the suites use, plus derived columns."""
    frames = {}
    window = window or Window()
    for name, cols in needed.items():
        table = tables.get(name)
        if table is None or not table.num_rows:
            continue
        present = [c for c in table.column_names if c in cols]
        frame = table.select(present).to_pandas()
        for col in sorted(cols - set(present)):
            frame[col] = _derive(name, col, table, tables, window)
        frames[name] = frame
    return frames


def _trimmed(result: Any) -> dict[str, Any]:
    """A GX suite result as JSON, with long unexpected lists cut to keep files small."""
    data = result.to_json_dict()
    for res in data.get("results", []):
        details = res.get("result") or {}
        for key in ("unexpected_list", "unexpected_index_list", "partial_unexpected_list",
                    "partial_unexpected_index_list", "partial_unexpected_counts"):
            if isinstance(details.get(key), list):
                details[key] = details[key][:_TRIM]
        details.pop("unexpected_index_query", None)
    return data


def _context(docs_dir: str | None = None) -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites = {}
    if docs_dir:
        sites = {"akhbar": {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": docs_dir},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }}
    return gx.get_context(mode="ephemeral", project_config=DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        data_docs_sites=sites,
    ))


def load_suites(suites_dir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """The suites as JSON, by table; a table without a suite file is not validated."""
    suites: dict[str, dict[str, Any]] = {}
    path = Path(suites_dir)
    if not path.is_dir():
        raise ConfigError(f"expectation suites folder not found: {path}")
    for name in VALIDATED_TABLES:
        file = path / f"{name}.json"
        if not file.exists():
            if name in ("articles", "quotes", "keywords"):
                raise ConfigError(f"expectation suite missing: {file}")
            continue
        try:
            suites[name] = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ConfigError(f"expectation suite {file} is not valid JSON: {exc}") from None
    return suites


class Gate:
    """Loaded suites plus an ephemeral GX context; build once per run."""

    def __init__(self, suites_dir: str | os.PathLike[str]) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx

        self.context = _context()
        source = self.context.data_sources.add_pandas("akhbar")
        self.suites: dict[str, Any] = {}
        self.batch_defs: dict[str, Any] = {}
        self.needed: dict[str, set[str]] = {}
        for name, raw in load_suites(suites_dir).items():
            try:
                suite = self.context.suites.add(gx.ExpectationSuite(**raw))
            except (ValueError, TypeError) as exc:
                raise ConfigError(f"expectation suite {name}.json is invalid: {exc}") from None
            self.suites[name] = suite
            self.needed[name] = set().union(*(_columns_of(e) for e in raw.get("expectations", [])))
            asset = source.add_dataframe_asset(name)
            self.batch_defs[name] = asset.add_batch_definition_whole_dataframe(name)

    def validate(self, tables: dict[str, pa.Table], window: Window | None = None,
                 label: str = "") -> GateResult:
        """Run every suite over one batch's tables."""
        result = GateResult()
        frames = validation_frames(tables, self.needed, window)
        for name, frame in frames.items():
            batch = self.batch_defs[name].get_batch(batch_parameters={"dataframe": frame})
            outcome = batch.validate(self.suites[name], result_format={"result_format": "COMPLETE"})
            stored = _trimmed(outcome)
            stored["meta"].update({"akhbar_table": name, "akhbar_batch": label, "rows": len(frame)})
            result.results.append(stored)
            rows: dict[int, list[str]] = defaultdict(list)
            for res in outcome.results:
                result.evaluated += 1
                if res.success:
                    continue
                cfg = res.expectation_config
                meta = cfg.meta or {}
                label_ = f"{name}.{meta.get('reason') or cfg.type}"
                result.failed[label_] += 1
                if res.exception_info and res.exception_info.get("raised_exception"):
                    result.blocking.append(f"{label_}: expectation raised "
                                           f"{res.exception_info.get('exception_message')}")
                    continue
                severity = str(getattr(cfg.severity, "value", cfg.severity) or "critical")
                if meta.get("scope") == "row":
                    for idx in res.result.get("unexpected_index_list") or []:
                        rows[int(idx if not isinstance(idx, dict) else idx.get("index", -1))].append(label_)
                elif severity == "critical":
                    result.blocking.append(_describe(label_, res.result))
                else:
                    result.warnings.append(_describe(label_, res.result))
            rows.pop(-1, None)
            if rows:
                result.failed_rows[name] = dict(rows)
        return result


def _describe(label: str, res: dict[str, Any]) -> str:
    if "unexpected_count" in res:
        return f"{label}: {res['unexpected_count']} of {res.get('element_count')} rows"
    return f"{label}: observed {res.get('observed_value')!r}"


# --- results and Data Docs ---------------------------------------------------------------

RESULTS_DIR = "_validation/runs"
DOCS_DIR = "_validation/docs"


def results_payload(run_id: str, results: list[dict[str, Any]], summary: dict[str, Any]) -> bytes:
    return json.dumps({"run_id": run_id, "summary": summary, "results": results},
                      ensure_ascii=False, default=str).encode()


def build_docs(storage: Any, max_runs: int = 30) -> str | None:
    """Render the stored results of the latest runs as GX Data Docs; returns the index path.

    Only for local warehouses (Data Docs is a static site on the filesystem).
    """
    root = storage.local_path()
    if root is None:
        return None
    runs_dir = Path(root) / RESULTS_DIR
    files = sorted(runs_dir.glob("*.json"))[-max_runs:]
    if not files:
        return None
    from great_expectations.core import ExpectationSuiteValidationResult
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    docs = os.path.join(root, DOCS_DIR)
    context = _context(docs)
    for file in files:
        payload = json.loads(file.read_text(encoding="utf-8"))
        run_id = payload["run_id"]
        stamp = dt.datetime.strptime(run_id.split("-")[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        for i, res in enumerate(payload["results"]):
            table = res["meta"].get("akhbar_table", res.get("suite_name", "suite"))
            batch = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(res["meta"].get("akhbar_batch") or i))
            key = ValidationResultIdentifier(
                ExpectationSuiteIdentifier(res.get("suite_name", table)),
                RunIdentifier(run_name=run_id, run_time=stamp), f"{table}-{batch}")
            fields = {k: res[k] for k in ("success", "results", "suite_name", "statistics", "meta")
                      if k in res}
            context.validation_results_store.set(key, ExpectationSuiteValidationResult(**fields))
    context.build_data_docs()
    return os.path.join(docs, "index.html")

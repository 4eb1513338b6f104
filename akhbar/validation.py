"""The quality gate: Great Expectations suites stored as JSON in ``expectations/``.

Each expectation carries ``meta.scope``: ``row`` expectations name the rows that fail, and
those inputs go to quarantine (stage ``validate``); ``table`` expectations judge the batch
as a whole, and a critical failure blocks the publish (``severity: warning`` only reports).
Great Expectations is imported here, lazily: it takes seconds to import and the CLI and
workers never need it.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from akhbar.errors import ConfigError

VALIDATED_TABLES = ("articles", "quotes", "keywords")


@dataclass
class GateResult:
    """What a batch's validation found."""

    # table → row index → reasons (row-scope failures)
    failed_rows: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)  # critical table-scope failures
    warnings: list[str] = field(default_factory=list)
    evaluated: int = 0
    failed: Counter[str] = field(default_factory=Counter)  # expectation label → failures


def _columns_of(config: dict[str, Any]) -> set[str]:
    kw = config.get("kwargs", {})
    cols = {kw[k] for k in ("column", "column_A", "column_B") if isinstance(kw.get(k), str)}
    cols |= set(kw.get("column_list") or [])
    return cols


def validation_frames(tables: dict[str, pa.Table], needed: dict[str, set[str]]) -> dict[str, Any]:
    """pandas frames for GX with only the columns the suites use, plus derived columns."""
    frames = {}
    articles = tables["articles"]
    ids = set(articles.column("article_id").to_pylist())
    for name in VALIDATED_TABLES:
        table = tables[name]
        cols = needed.get(name, set())
        derived: dict[str, list[Any]] = {}
        if name == "articles" and "tokens_len" in cols:
            derived["tokens_len"] = pc.list_value_length(table.column("tokens")).to_pylist()
        if name in ("quotes", "keywords") and "article_exists" in cols:
            derived["article_exists"] = [a in ids for a in table.column("article_id").to_pylist()]
        if name == "quotes" and "offsets_match" in cols:
            texts = dict(zip(articles.column("article_id").to_pylist(),
                             articles.column("text").to_pylist(), strict=True))
            derived["offsets_match"] = [
                (t := texts.get(a)) is not None and t[s:e] == q
                for a, s, e, q in zip(*(table.column(c).to_pylist()
                                        for c in ("article_id", "start", "end", "quote")), strict=True)
            ]
        present = [c for c in table.column_names if c in cols]
        frame = table.select(present).to_pandas()
        for col, values in derived.items():
            frame[col] = values
        frames[name] = frame
    return frames


class Gate:
    """Loaded suites plus an ephemeral GX context; build once per run."""

    def __init__(self, suites_dir: str | os.PathLike[str]) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        self._gx = gx
        self.context = gx.get_context(mode="ephemeral", project_config=DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        ))
        source = self.context.data_sources.add_pandas("akhbar")
        self.suites: dict[str, Any] = {}
        self.batch_defs: dict[str, Any] = {}
        self.needed: dict[str, set[str]] = {}
        self.meta: dict[str, list[dict[str, Any]]] = {}
        suites_path = Path(suites_dir)
        for name in VALIDATED_TABLES:
            path = suites_path / f"{name}.json"
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                suite = self.context.suites.add(gx.ExpectationSuite(**raw))
            except FileNotFoundError:
                raise ConfigError(f"expectation suite missing: {path}") from None
            except (ValueError, TypeError) as exc:
                raise ConfigError(f"expectation suite {path} is invalid: {exc}") from None
            self.suites[name] = suite
            self.meta[name] = raw.get("expectations", [])
            self.needed[name] = set().union(*(_columns_of(e) for e in raw.get("expectations", [])))
            asset = source.add_dataframe_asset(name)
            self.batch_defs[name] = asset.add_batch_definition_whole_dataframe(name)

    def validate(self, tables: dict[str, pa.Table]) -> GateResult:
        """Run every suite over one batch's tables."""
        result = GateResult()
        frames = validation_frames(tables, self.needed)
        for name in VALIDATED_TABLES:
            frame = frames[name]
            if frame.empty:
                continue
            batch = self.batch_defs[name].get_batch(batch_parameters={"dataframe": frame})
            outcome = batch.validate(self.suites[name], result_format={"result_format": "COMPLETE"})
            rows: dict[int, list[str]] = defaultdict(list)
            for res in outcome.results:
                result.evaluated += 1
                if res.success:
                    continue
                cfg = res.expectation_config
                meta = cfg.meta or {}
                label = f"{name}.{meta.get('reason') or cfg.type}"
                result.failed[label] += 1
                if res.exception_info and res.exception_info.get("raised_exception"):
                    result.blocking.append(f"{label}: expectation raised "
                                           f"{res.exception_info.get('exception_message')}")
                    continue
                severity = str(getattr(cfg.severity, "value", cfg.severity) or "critical")
                if meta.get("scope") == "row":
                    for idx in res.result.get("unexpected_index_list") or []:
                        rows[int(idx if not isinstance(idx, dict) else idx.get("index", -1))].append(label)
                elif severity == "critical":
                    result.blocking.append(_describe(label, res.result))
                else:
                    result.warnings.append(_describe(label, res.result))
            rows.pop(-1, None)
            if rows:
                result.failed_rows[name] = dict(rows)
        return result


def _describe(label: str, res: dict[str, Any]) -> str:
    if "unexpected_count" in res:
        return f"{label}: {res['unexpected_count']} of {res.get('element_count')} rows"
    return f"{label}: observed {res.get('observed_value')!r}"

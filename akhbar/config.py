"""The YAML configuration: sources to read and how to run.

Relative paths in a config resolve against the folder of the config file, so a config and
its data can move together.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from akhbar.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "data" / "sample" / "akhbar.yaml"
DEFAULT_WAREHOUSE = Path("data") / "warehouse"
DEFAULT_EXPECTATIONS = PROJECT_ROOT / "expectations"


class SourceConfig(BaseModel):
    """One configured source. Kind-specific options are checked by the kind's reader."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(min_length=1)
    # How to date records with no date of their own: "none" quarantines them,
    # "file_mtime" uses the file's modification time (files kind only).
    date_fallback: str = "none"

    @field_validator("name")
    @classmethod
    def _name_is_printable(cls, v: str) -> str:
        if any(ord(c) < 32 for c in v):
            raise ValueError("source names may not contain control characters")
        return v

    @field_validator("date_fallback")
    @classmethod
    def _known_fallback(cls, v: str) -> str:
        if v not in ("none", "file_mtime"):
            raise ValueError("date_fallback must be 'none' or 'file_mtime'")
        return v

    def options(self) -> dict[str, Any]:
        """Kind-specific settings (everything but name, kind and date_fallback)."""
        return dict(self.model_extra or {})


class ValidationConfig(BaseModel):
    """Where the Great Expectations suites live."""

    model_config = ConfigDict(extra="forbid")

    suites: Path = DEFAULT_EXPECTATIONS
    # Articles validated per Great Expectations call (it costs per call, not per row).
    window_rows: int = Field(default=4000, ge=1, le=1_000_000)


class TopicsConfig(BaseModel):
    """The topic model (NMF over stemmed features) and when it is fitted."""

    model_config = ConfigDict(extra="forbid")

    n_topics: int = Field(default=6, ge=2, le=500)
    seed: int = 0
    min_df: int = Field(default=5, ge=1)
    max_df: float = Field(default=0.5, gt=0, le=1)
    max_features: int = Field(default=20_000, ge=100)
    match_threshold: float = Field(default=0.5, ge=0, le=1)  # to keep a topic id across refits
    min_weight: float = Field(default=0.1, ge=0, le=1)  # smallest topic share assigned
    # A run fits the first model itself once the warehouse holds this many articles.
    auto_fit_min_articles: int = Field(default=200, ge=0)
    refit_cron: str = "0 2 * * *"  # the nightly refit deployment


class StoriesConfig(BaseModel):
    """Near-duplicate linking into stories (MinHash-LSH over word 3-grams)."""

    model_config = ConfigDict(extra="forbid")

    jaccard: float = Field(default=0.4, gt=0, le=1)
    containment: float = Field(default=0.7, gt=0, le=1)
    window_days: int | None = Field(default=None, ge=1)  # forget older articles' signatures


class Config(BaseModel):
    """A whole akhbar configuration."""

    model_config = ConfigDict(extra="forbid")

    sources: list[SourceConfig] = Field(min_length=1)
    warehouse: str | None = None
    batch_size: int = Field(default=1000, ge=1, le=100_000)
    workers: int | None = Field(default=None, ge=1, le=256)
    max_text_chars: int = Field(default=500_000, ge=1_000)
    validation: ValidationConfig = ValidationConfig()
    topics: TopicsConfig = TopicsConfig()
    stories: StoriesConfig = StoriesConfig()
    path: Path | None = None  # the file this config was loaded from

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, v: list[SourceConfig]) -> list[SourceConfig]:
        names = [s.name for s in v]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"source names must be unique (repeated: {', '.join(dupes)})")
        return v

    def source(self, name: str) -> SourceConfig:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)


def _resolve_paths(raw: dict[str, Any], base: Path) -> dict[str, Any]:
    """Resolve relative ``path``-like values against the config file's folder."""
    for src in raw.get("sources") or []:
        if isinstance(src, dict):
            for key in ("path", "state_path"):
                value = src.get(key)
                if isinstance(value, str) and "://" not in value:
                    src[key] = str((base / os.path.expanduser(value)).resolve())
    wh = raw.get("warehouse")
    if isinstance(wh, str) and "://" not in wh:
        raw["warehouse"] = str((base / os.path.expanduser(wh)).resolve())
    val = raw.get("validation")
    if isinstance(val, dict) and isinstance(val.get("suites"), str):
        val["suites"] = str((base / val["suites"]).resolve())
    return raw


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load and check a config file; raises :class:`ConfigError` with one clear line."""
    cfg_path = Path(path) if path is not None else DEFAULT_CONFIG
    try:
        text = cfg_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {cfg_path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {cfg_path}: {exc}") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ConfigError(f"config {cfg_path} is not valid YAML{where}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"config {cfg_path} must be a mapping with a 'sources' list")
    raw = _resolve_paths(raw, cfg_path.resolve().parent)
    try:
        cfg = Config(**raw, path=cfg_path.resolve())
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"config {cfg_path}: {loc}: {err['msg']}") from None
    from akhbar.sources import reader_for  # the registry checks kinds and their options

    for src in cfg.sources:
        reader_for(src)
    return cfg

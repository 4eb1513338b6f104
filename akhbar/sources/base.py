"""What every source kind provides: batch planning and raw record reading."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from akhbar.config import SourceConfig
from akhbar.errors import ConfigError


@dataclass(frozen=True, slots=True)
class BatchSpec:
    """A picklable description of one batch of one source; a worker reads it."""

    source: str  # the configured source name
    kind: str
    index: int  # position among the source's batches: fixes the run's record order
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.source}#{self.index}"


@dataclass(slots=True)
class RawRecord:
    """One raw input exactly as read: bytes plus where they came from."""

    source: str  # the configured source name
    format: str  # "json", "seed-txt" or "html": which parser reads ``data``
    ref: str  # a pointer back to the raw input (path and byte offset, or URL)
    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)
    # Set when the input could not even be read: (reason, message); the record goes to
    # quarantine at ``error_stage`` ("read" for files, "fetch" for HTTP sources).
    error: tuple[str, str] | None = None
    error_stage: str = "read"


@dataclass(frozen=True, slots=True)
class ReaderEnv:
    """What a reader may know about the run it serves; picklable, so workers get it too."""

    warehouse: str | None = None  # the warehouse root (readers keep fetch state and raw payloads there)
    run_id: str = ""
    reprocess: bool = False  # rebuild from the raw landing zone: no network
    run_date: str = ""  # ISO date of the run
    # A local folder where the run's processes share per-host request pacing.
    host_state_dir: str | None = None


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceReader(ABC):
    """Base class of source kinds. Subclasses set ``Options`` and implement two methods."""

    kind: ClassVar[str] = ""
    Options: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, source: SourceConfig, env: ReaderEnv | None = None) -> None:
        self.source = source
        self.env = env or ReaderEnv()
        try:
            self.options = self.Options(**source.options())
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise ConfigError(f"source {source.name!r} ({source.kind}): {loc}: {err['msg']}") from None

    @abstractmethod
    def plan(self, batch_size: int) -> list[BatchSpec]:
        """Split the source into batches; cheap, runs in the flow."""

    @abstractmethod
    def read(self, spec: BatchSpec) -> Iterator[RawRecord]:
        """Yield the raw records of one batch; runs in a worker."""

    def commit(self) -> None:
        """Persist state learned while planning (feed validators, seen URLs); called once,
        after the run published successfully, so a failed run never loses new items."""
        return None  # stateless kinds have nothing to keep

"""Arrow IPC streams tagged with a format name: how warehouse state objects (keyword
statistics, the story and quote indexes) turn into bytes and back."""

from __future__ import annotations

import pyarrow as pa


def to_ipc(table: pa.Table, fmt: str, **meta: object) -> bytes:
    """``table`` as an IPC stream; ``fmt`` and ``meta`` (as strings) in its schema metadata."""
    table = table.replace_schema_metadata({"format": fmt, **{k: str(v) for k, v in meta.items()}})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc(data: bytes, fmt: str, what: str) -> tuple[pa.Table, dict[str, str]]:
    """The table and metadata of :func:`to_ipc` bytes; ValueError unless tagged ``fmt``."""
    table = pa.ipc.open_stream(pa.BufferReader(data)).read_all()
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    if meta.get("format") != fmt:
        raise ValueError(f"not {what}")
    return table, meta

"""Warehouse storage behind a small interface, with a local-filesystem implementation.

Everything that touches warehouse files goes through :class:`Storage`: atomic file
replacement (write aside, fsync, rename), listing partitions, and the run lock. Object
stores get their own implementation of the same interface.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from akhbar.errors import AkhbarError, WarehouseLocked

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 1}


def parquet_options(table: pa.Table) -> dict[str, object]:
    """Writer options for a table (see schema.DICTIONARY_COLUMNS / STATISTICS_COLUMNS)."""
    from akhbar.schema import DICTIONARY_COLUMNS, STATISTICS_COLUMNS

    names = table.column_names
    return {**PARQUET_OPTIONS,
            "use_dictionary": [c for c in names if c in DICTIONARY_COLUMNS],
            "write_statistics": [c for c in names if c in STATISTICS_COLUMNS]}


class Storage(ABC):
    """The operations akhbar needs from a warehouse location."""

    root: str

    @abstractmethod
    def read_parquet(self, rel: str, columns: list[str] | None = None) -> pa.Table | None:
        """A Parquet file's table, or None when it does not exist."""

    @abstractmethod
    def write_parquet(self, rel: str, table: pa.Table) -> None:
        """Replace ``rel`` atomically: readers see the old file or the new one."""

    @abstractmethod
    def read_bytes(self, rel: str) -> bytes | None: ...

    @abstractmethod
    def write_bytes(self, rel: str, data: bytes) -> None:
        """Replace ``rel`` atomically."""

    @abstractmethod
    def delete(self, rel: str) -> None:
        """Remove a file (and its now-empty partition folders); missing is fine."""

    @abstractmethod
    def exists(self, rel: str) -> bool: ...

    @abstractmethod
    def list_dir(self, rel: str) -> list[str]:
        """Names directly under ``rel`` (empty when it does not exist)."""

    @abstractmethod
    def lock(self, holder: dict[str, str], timeout: float = 0.0) -> contextlib.AbstractContextManager[None]:
        """Exclusive lock on the warehouse for one run."""

    @abstractmethod
    def local_path(self, rel: str = "") -> str | None:
        """A local filesystem path for ``rel``, when the warehouse is local."""


class LocalStorage(Storage):
    """A warehouse in a local folder."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.path = Path(root).expanduser().resolve()
        self.root = str(self.path)

    def _abs(self, rel: str) -> str:
        # Paths come from layout.partition_dir; this refuses anything that could leave the
        # warehouse all the same (absolute paths, "..", NUL).
        parts = rel.split("/")
        if rel.startswith("/") or "\x00" in rel or any(p in ("..", ".") for p in parts):
            raise AkhbarError(f"refusing to touch {rel!r}: outside the warehouse {self.root}")
        return os.path.join(self.root, rel) if rel else self.root

    def local_path(self, rel: str = "") -> str:
        return self._abs(rel)

    def exists(self, rel: str) -> bool:
        return os.path.exists(self._abs(rel))

    def list_dir(self, rel: str) -> list[str]:
        try:
            return sorted(os.listdir(self._abs(rel)))
        except (FileNotFoundError, NotADirectoryError):
            return []

    def read_parquet(self, rel: str, columns: list[str] | None = None) -> pa.Table | None:
        path = self._abs(rel)
        if not os.path.exists(path):
            return None
        try:
            return pq.read_table(path, columns=columns)
        except FileNotFoundError:
            return None

    def read_bytes(self, rel: str) -> bytes | None:
        try:
            with open(self._abs(rel), "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None

    def _replace(self, rel: str, write: Callable[[str], None]) -> None:
        target = self._abs(rel)
        folder, name = os.path.split(target)
        # No cache of made folders: anyone may remove a table folder between two runs.
        os.makedirs(folder, exist_ok=True)
        # Hidden temp name in the same folder: same filesystem for the rename, and readers
        # globbing *.parquet never see it.
        tmp = os.path.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
        try:
            write(tmp)
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)  # the data is on disk before the rename makes it visible
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        if rel.startswith("_state/"):
            # The rename itself is atomic without this; state files also want it durable.
            _fsync_dir(Path(folder))

    def write_parquet(self, rel: str, table: pa.Table) -> None:
        self._replace(rel, lambda path: pq.write_table(table, path, **parquet_options(table)))

    def write_bytes(self, rel: str, data: bytes) -> None:
        def write(path: str) -> None:
            with open(path, "wb") as fh:
                fh.write(data)

        self._replace(rel, write)

    def delete(self, rel: str) -> None:
        target = self._abs(rel)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        # Remove partition folders left empty, up to the table folder.
        parent = os.path.dirname(target)
        while os.path.dirname(parent) != self.root and parent != self.root:
            try:
                os.rmdir(parent)
            except OSError:
                break
            parent = os.path.dirname(parent)

    @contextlib.contextmanager
    def lock(self, holder: dict[str, str], timeout: float = 0.0) -> Iterator[None]:
        lock_path = Path(self._abs("_state/lock"))
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    # flock is released by the kernel when the process dies, even by SIGKILL.
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise WarehouseLocked(
                            f"warehouse {self.root} is in use by another run "
                            f"({_describe_holder(lock_path)}); try again when it finishes"
                        ) from None
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps({**holder, "pid": os.getpid(), "host": socket.gethostname()}).encode())
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


class FsspecStorage(Storage):
    """A warehouse in an object store or any fsspec filesystem (``s3://bucket/prefix``).

    What holds there: every file is written with a single PUT, so a reader sees the old
    partition file or the new one, never part of one (object stores have no rename, and
    need none for single-object replacement); S3 lists are strongly consistent. The run
    lock is an object created with a conditional PUT (``If-None-Match: *``) and carries a
    lease, so a crashed run's lock expires instead of blocking the warehouse forever.
    """

    LEASE_SECONDS = 6 * 3600

    def __init__(self, url: str, **options: object) -> None:
        import fsspec

        self.root = url.rstrip("/")
        self.protocol, self._base = self.root.split("://", 1)
        self.fs = fsspec.filesystem(self.protocol, **options)

    def _abs(self, rel: str) -> str:
        parts = rel.split("/")
        if rel.startswith("/") or "\x00" in rel or any(p in ("..", ".") for p in parts):
            raise AkhbarError(f"refusing to touch {rel!r}: outside the warehouse {self.root}")
        return f"{self._base}/{rel}" if rel else self._base

    def local_path(self, rel: str = "") -> None:
        return None

    def exists(self, rel: str) -> bool:
        return bool(self.fs.exists(self._abs(rel)))

    def list_dir(self, rel: str) -> list[str]:
        try:
            entries = self.fs.ls(self._abs(rel), detail=False, refresh=True)
        except FileNotFoundError:
            return []
        return sorted(e.rstrip("/").rsplit("/", 1)[-1] for e in entries)

    def read_bytes(self, rel: str) -> bytes | None:
        try:
            return self.fs.cat_file(self._abs(rel))
        except FileNotFoundError:
            return None

    def read_parquet(self, rel: str, columns: list[str] | None = None) -> pa.Table | None:
        data = self.read_bytes(rel)
        if data is None:
            return None
        return pq.read_table(pa.BufferReader(data), columns=columns)

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.fs.pipe_file(self._abs(rel), data)  # one PUT: atomic replacement

    def write_parquet(self, rel: str, table: pa.Table) -> None:
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, **parquet_options(table))
        self.write_bytes(rel, sink.getvalue().to_pybytes())

    def delete(self, rel: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self._abs(rel))

    @contextlib.contextmanager
    def lock(self, holder: dict[str, str], timeout: float = 0.0) -> Iterator[None]:
        if self.protocol not in ("s3", "s3a"):
            raise AkhbarError(f"no safe run lock for {self.protocol}:// warehouses (S3 and local only)")
        import boto3
        from botocore.exceptions import ClientError

        bucket, _, prefix = self._base.partition("/")
        key = f"{prefix}/_state/lock" if prefix else "_state/lock"
        client = boto3.client("s3")
        info = {**holder, "pid": os.getpid(), "host": socket.gethostname(),
                "expires": time.time() + self.LEASE_SECONDS}
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.put_object(Bucket=bucket, Key=key, Body=json.dumps(info).encode(), IfNoneMatch="*")
                break
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in ("PreconditionFailed", "409"):
                    raise
                current = self._lock_info(client, bucket, key)
                if current.get("expires", 0) < time.time():
                    # The holder's lease ran out (it crashed): take the lock over.
                    client.delete_object(Bucket=bucket, Key=key)
                    continue
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(
                        f"warehouse {self.root} is in use by another run (run "
                        f"{current.get('run_id', '?')}, pid {current.get('pid', '?')} on "
                        f"{current.get('host', '?')}); try again when it finishes") from None
                time.sleep(0.5)
        try:
            yield
        finally:
            client.delete_object(Bucket=bucket, Key=key)

    @staticmethod
    def _lock_info(client: object, bucket: str, key: str) -> dict[str, object]:
        try:
            body = client.get_object(Bucket=bucket, Key=key)["Body"].read()  # type: ignore[attr-defined]
            return json.loads(body or b"{}")
        except Exception:  # vanished between the failed put and this read, or unreadable
            return {}


def _describe_holder(lock_path: Path) -> str:
    try:
        info = json.loads(lock_path.read_text() or "{}")
    except (OSError, ValueError):
        return "holder unknown"
    return f"run {info.get('run_id', '?')}, pid {info.get('pid', '?')} on {info.get('host', '?')}"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_storage(location: str | os.PathLike[str], **options: object) -> Storage:
    """Storage for a warehouse location: a local path (or ``file://``), or any fsspec URL
    (``s3://bucket/prefix``; credentials and endpoint from the usual AWS settings)."""
    loc = str(location)
    if "://" in loc and not loc.startswith("file://"):
        return FsspecStorage(loc, **options)
    return LocalStorage(loc.removeprefix("file://"))

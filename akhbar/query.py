"""DuckDB over the published warehouse: one view per table, Hive partitioning on."""

from __future__ import annotations

import os
from typing import Any

import duckdb
import pyarrow as pa

from akhbar import schema
from akhbar.errors import AkhbarError
from akhbar.layout import DATE_ONLY_TABLES, TABLES

_HIVE_TYPES = "{'date': 'DATE', 'source': 'VARCHAR'}"


def _glob(root: str, table: str) -> str:
    depth = "*" if table in DATE_ONLY_TABLES else "*/*"
    return os.path.join(root, table, depth, "*.parquet")


def connect(warehouse: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per warehouse table.

    Tables with no files yet get an empty view with the right columns, so queries never
    fail because a run has not produced a table.
    """
    if "://" in warehouse:
        raise AkhbarError("akhbar query reads local warehouses; for object stores use DuckDB's httpfs")
    root = os.path.abspath(warehouse)
    if not os.path.isdir(root):
        raise AkhbarError(f"no warehouse at {root} (run `akhbar run` first, or pass --warehouse)")
    con = duckdb.connect()
    for table in TABLES:
        pattern = _glob(root, table)
        has_files = bool(_any_file(os.path.join(root, table)))
        if has_files:
            hive = _HIVE_TYPES if table not in DATE_ONLY_TABLES else "{'date': 'DATE'}"
            con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
                f"'{_sql_str(pattern)}', hive_partitioning = true, union_by_name = true, "
                f"hive_types = {hive})")
        else:
            empty = schema.SCHEMAS[table]
            fields = [*schema.PARTITION_FIELDS] if table not in DATE_ONLY_TABLES else [("date", pa.date32())]
            for name, typ in fields:
                empty = empty.append(pa.field(name, typ))
            con.register(f"_empty_{table}", empty.empty_table())
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
    return con


def _any_file(path: str) -> str | None:
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            if name.endswith(".parquet") and not name.startswith("."):
                return os.path.join(dirpath, name)
    return None


def _sql_str(value: str) -> str:
    return value.replace("'", "''")


def run_query(warehouse: str, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of one SQL statement over the warehouse."""
    con = connect(warehouse)
    try:
        rel = con.execute(sql)
    except duckdb.Error as exc:
        raise AkhbarError(f"query failed: {str(exc).splitlines()[0]}") from None
    if rel.description is None:
        return [], []
    return [d[0] for d in rel.description], rel.fetchall()

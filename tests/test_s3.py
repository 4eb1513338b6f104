"""An S3 warehouse against a real S3-compatible server (moto's server mode on 127.0.0.1)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from conftest import SAMPLE_CONFIG

from akhbar.errors import WarehouseLocked
from akhbar.storage import FsspecStorage, open_storage

pytestmark = pytest.mark.usefixtures("prefect_harness")
BUCKET = "akhbar-test"


@pytest.fixture(scope="module")
def s3_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1",
                               "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    saved = {k: os.environ.get(k) for k in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
                                            "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")}
    os.environ.update(AWS_ENDPOINT_URL=url, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                      AWS_DEFAULT_REGION="us-east-1")
    import boto3

    boto3.client("s3").create_bucket(Bucket=BUCKET)
    yield url
    server.terminate()
    server.wait(timeout=10)
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def read_table(url: str, table: str):
    import s3fs

    fs = s3fs.S3FileSystem()
    fs.invalidate_cache()
    path = url.removeprefix("s3://") + f"/{table}"
    return ds.dataset(path, filesystem=fs, format="parquet", partitioning="hive").to_table()


def test_s3_round_trip_idempotent_with_a_lock(s3_server, tmp_path):
    from flows.etl import etl

    url = f"s3://{BUCKET}/warehouse"
    first = etl(config=str(SAMPLE_CONFIG), warehouse=url)
    assert first["outcome"] == "success" and first["n_published"] == 21
    local = etl(config=str(SAMPLE_CONFIG), warehouse=str(tmp_path / "local"))
    articles = read_table(url, "articles")
    assert articles.num_rows == 21 == local["n_published"]
    assert len(set(articles.column("article_id").to_pylist())) == 21
    seed = [r for r in articles.to_pylist() if str(r["date"]) == "2017-11-21"]
    assert seed[0]["title"] == "بوتين يطلع ترامب على نتائج لقائه الأسد"
    assert seed[0]["source"] == "sample-files"
    assert read_table(url, "quotes").num_rows == local["rows"]["quotes"]
    assert read_table(url, "quarantine").num_rows == 3
    # A rerun reads the index back from S3 and publishes nothing new.
    again = etl(config=str(SAMPLE_CONFIG), warehouse=url)
    assert again["n_unchanged"] == 24 and again["n_published"] == 0
    assert read_table(url, "articles").num_rows == 21
    # The run lock is an object created with a conditional PUT.
    storage = open_storage(url)
    assert isinstance(storage, FsspecStorage)
    with storage.lock({"run_id": "holder"}), pytest.raises(WarehouseLocked, match="in use"):
        etl(config=str(SAMPLE_CONFIG), warehouse=url)
    assert not storage.exists("_state/lock")


def test_s3_lock_lease_expires_after_a_crash(s3_server):
    import boto3

    storage = open_storage(f"s3://{BUCKET}/leased")
    client = boto3.client("s3")
    client.put_object(Bucket=BUCKET, Key="leased/_state/lock",
                      Body=b'{"run_id": "crashed", "expires": 0}')
    with storage.lock({"run_id": "next"}, timeout=0):
        body = client.get_object(Bucket=BUCKET, Key="leased/_state/lock")["Body"].read()
        assert b'"next"' in body

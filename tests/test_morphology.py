"""Optional morphology is detected up front from files, never downloaded."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SAMPLE_CONFIG

from akhbar.text.morphology import analyze, detect


def test_no_camel_data_means_morphology_none(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "absent"))
    mode = detect()
    assert mode.mode == "none" and "absent" in mode.detail
    assert analyze(["قال", "الوزير"], mode) == ([], [])


def test_catalogue_without_the_model_is_not_enough(tmp_path, monkeypatch):
    catalogue = {"components": {"DisambigMLE": {"default": "calima-msa-r13", "datasets": {
        "calima-msa-r13": {"path": "disambig_mle/calima-msa-r13"}}}}}
    (tmp_path / "catalogue.json").write_text(json.dumps(catalogue))
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    assert detect().mode == "none"
    model = tmp_path / "data" / "disambig_mle" / "calima-msa-r13" / "model.json"
    model.parent.mkdir(parents=True)
    model.write_text("{}")
    mode = detect()
    assert mode.mode == "mle" and mode.detail == "calima-msa-r13" and mode.data_dir == str(tmp_path)


def test_detection_and_the_cli_never_create_camel_folders(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    code = "from akhbar.text.morphology import detect; import akhbar.pipeline; print(detect().mode)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"HOME": str(home), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0 and out.stdout.strip() == "none"
    assert list(home.iterdir()) == []  # importing camel_tools.data would create ~/.camel_tools


@pytest.mark.usefixtures("prefect_harness")
def test_runs_record_the_morphology_mode(tmp_path, monkeypatch):
    from akhbar.query import connect
    from flows.etl import etl

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "absent"))
    summary = etl(config=str(SAMPLE_CONFIG), warehouse=str(tmp_path / "wh"))
    assert summary["morphology"].startswith("none (no CAMeL Tools data")
    con = connect(str(tmp_path / "wh"))
    assert con.execute("select morphology from runs").fetchone()[0] == summary["morphology"]
    assert con.execute("select count(*) from articles where lemmas is not null").fetchone() == (0,)

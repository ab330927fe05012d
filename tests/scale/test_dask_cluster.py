"""`--workers N`: reading and extraction on a Dask LocalCluster, the driver alone writing.

One cluster (2 worker processes, started once for the module: about 8 s) serves every test; the
CLI test reaches it with `--dask ADDRESS`. (`--workers N` starts a LocalCluster the same way.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from corrupt_batch import write_corrupt_batch
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from sitrep.cli.app import app
from sitrep.pipeline import ingest_paths
from sitrep.scale import ingest_on_cluster, plan_units
from sitrep.settings import Settings
from sitrep.store import Store


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def test_jsonl_is_sliced_by_lines_and_small_files_grouped(tmp_path):
    write_corrupt_batch(tmp_path / "inbox", 1_200, corrupt=10, per_jsonl=600)
    units = plan_units([str(tmp_path / "inbox")], lines_per_unit=250, files_per_unit=100)
    slices = [(unit.jsonl.rsplit("/", 1)[1], unit.first_line) for unit in units if unit.jsonl]
    assert slices == [("batch-000.jsonl", 1), ("batch-000.jsonl", 251), ("batch-000.jsonl", 501)]
    assert sum(len(unit.files) for unit in units) == 600 and all(len(unit.files) <= 100 for unit in units)


def test_cluster_ingest_matches_one_process(tmp_path, client):
    expected = write_corrupt_batch(tmp_path / "inbox", 300, corrupt=20)
    on_cluster = Settings(database_url=f"sqlite:///{tmp_path / 'cluster.db'}")
    alone = Settings(database_url=f"sqlite:///{tmp_path / 'alone.db'}")
    *_, (_, report) = ingest_on_cluster([str(tmp_path / "inbox")], on_cluster, client, published="2024-01-22")
    *_, (_, single) = ingest_paths([str(tmp_path / "inbox")], alone, published="2024-01-22")
    assert (report.read, report.stored, report.events) == (single.read, single.stored, single.events) == (300, 280, 280)
    assert Counter((e.source, e.code) for e in report.failures) == Counter((s, c) for s, c, _ in expected)
    with Store(on_cluster.database_url) as store, Store(alone.database_url) as other:
        assert sorted(e["doc_id"] for e in store.events()) == sorted(e["doc_id"] for e in other.events())
        assert len(store.incidents()) == len(other.incidents())
    *_, (_, again) = ingest_on_cluster([str(tmp_path / "inbox")], on_cluster, client, published="2024-01-22")
    assert (again.stored, again.unchanged) == (0, 280)  # resumable on the cluster too: known texts are skipped


def test_cli_ingest_on_a_dask_scheduler(tmp_path, monkeypatch, client):
    write_corrupt_batch(tmp_path / "inbox", 100, corrupt=5)
    monkeypatch.setenv("SITREP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    address = client.scheduler.address
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "inbox"), "--dask", address,
                                      "--published", "2024-01-22"])
    assert result.exit_code == 1  # five corrupt inputs
    assert "read 100, stored 95, unchanged 0, skipped 5" in result.stderr
    both = CliRunner().invoke(app, ["ingest", str(tmp_path / "inbox"), "--workers", "2", "--dask", "tcp://127.0.0.1:1"])
    assert both.exit_code == 2 and "not both" in both.stderr

"""A database built by ingesting the shared seed corpus (read at test time, never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.pipeline import ingest_paths
from sitrep.report import Filters, ReportData, gather_report
from sitrep.settings import Settings
from sitrep.store import Store

SEEDS = Path(__file__).parents[2].parent / "shared" / "corpus" / "seeds" / "docs"


@pytest.fixture(scope="session")
def seeds_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a SQLite file holding the seed documents, ingested and consolidated."""
    assert SEEDS.is_dir(), f"the shared corpus is missing: {SEEDS}"
    settings = Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('report') / 'seeds.db'}")
    for outcome, _report in ingest_paths([str(SEEDS)], settings):
        assert not isinstance(outcome, Exception), outcome
    return settings


@pytest.fixture(scope="session")
def seeds_data(seeds_settings: Settings) -> ReportData:
    """The report data of the whole seed database."""
    with Store(seeds_settings.database_url) as store:
        return gather_report(store, seeds_settings.pack, Filters())

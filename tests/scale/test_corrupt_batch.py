"""A batch of 10,000 inputs, 50 of them corrupt, finishes, reports each corrupt input by name and reason,
and stores the rest (about a minute on a 2-core machine, consolidation included)."""

from __future__ import annotations

import time
from collections import Counter

from corrupt_batch import write_corrupt_batch

from sitrep.errors import SitrepError
from sitrep.pipeline import ingest_paths
from sitrep.settings import Settings
from sitrep.store import Store

DOCUMENTS = 10_000


def test_batch_with_50_corrupt_inputs(tmp_path):
    documents = DOCUMENTS
    expected = write_corrupt_batch(tmp_path / "inbox", documents, corrupt=50)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'sitrep.db'}")
    started = time.monotonic()
    outcomes = list(ingest_paths([str(tmp_path / "inbox")], settings, published="2024-01-22"))
    elapsed = time.monotonic() - started
    report = outcomes[-1][1]
    assert report.read == documents
    assert Counter((error.source, error.code) for error in report.failures) == Counter(
        (source, code) for source, code, _ in expected)
    for error in report.failures:  # each message says what is wrong, not only where
        assert isinstance(error, SitrepError) and str(error).startswith(f"{error.code} {error.source}: ")
    broken_lines = {f"{error.source} {str(error).split('malformed JSONL ')[1].split(' not valid')[0]}"
                    for error in report.failures if error.code == "E005"}
    assert broken_lines == {f"{source} {detail}" for source, code, detail in expected if code == "E005"}
    assert (report.stored, report.unchanged) == (documents - 50, 0)
    with Store(settings.database_url) as store:
        assert store.document_count() == documents - 50
    print(f"\n{documents} documents, 50 corrupt: {elapsed:.1f} s ({documents / elapsed:.0f} docs/s)")

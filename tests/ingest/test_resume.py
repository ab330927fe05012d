"""Idempotent and resumable ingest, the final summary, progress only on a terminal, and `sitrep watch`."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sitrep.cli.app import app
from sitrep.cli.extract import advance, progress_bar, summary_lines, watch_command
from sitrep.errors import NotUtf8, SitrepError
from sitrep.extract import Extractor
from sitrep.pipeline import STORE_BATCH, BatchReport, count_documents, ingest_paths, watch_folder
from sitrep.settings import Settings
from sitrep.store import Store

SITES = ["Ain al-Asad air base", "the al-Tanf garrison", "Erbil air base", "the Conoco base", "al-Shaddadi"]


def write_batch(folder: Path, count: int, start: int = 0) -> list[Path]:
    """`count` short English reports (invented), one .txt file each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"report-{number:04d}.txt"
        path.write_text(f"Rockets struck {SITES[number % len(SITES)]} on Monday, officials said. Report {number}.",
                        encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'sitrep.db'}")


@pytest.fixture
def extracted(monkeypatch) -> list[str]:
    """The doc_ids the extractor is given, in order (a spy: the extractor still runs)."""
    seen: list[str] = []
    original = Extractor.extract_batch

    def spy(self, documents, reference_date=None):
        documents = list(documents)
        seen.extend(document.doc_id for document in documents)
        return original(self, documents, reference_date)

    monkeypatch.setattr(Extractor, "extract_batch", spy)
    return seen


def test_interrupted_batch_resumes_where_it_stopped(tmp_path, settings, extracted):
    write_batch(tmp_path / "inbox", 40)
    outcomes = ingest_paths([str(tmp_path / "inbox")], settings, published="2024-01-22")
    for _ in range(10):  # the batch is stopped after 10 documents (as by Ctrl-C)
        _, first = next(outcomes)
    outcomes.close()
    # the first transaction (STORE_BATCH documents) was committed before its outcomes were yielded
    assert (first.stored, first.interrupted) == (STORE_BATCH, True)
    with Store(settings.database_url) as store:
        assert store.document_count() == STORE_BATCH
        assert len(store.incidents()) > 0  # consolidation ran when the batch was interrupted
    extracted.clear()
    *_, (_, second) = ingest_paths([str(tmp_path / "inbox")], settings, published="2024-01-22")
    assert (second.read, second.unchanged, second.stored, second.failures) == (40, STORE_BATCH, 40 - STORE_BATCH, [])
    assert extracted == [f"report-{n:04d}" for n in range(STORE_BATCH, 40)]  # the stored ones were not extracted again


def test_ingesting_the_same_batch_twice_changes_nothing(tmp_path, settings, extracted):
    write_batch(tmp_path / "inbox", 12)
    *_, (_, first) = ingest_paths([str(tmp_path / "inbox")], settings, published="2024-01-22")
    extracted.clear()
    *_, (_, again) = ingest_paths([str(tmp_path / "inbox")], settings, published="2024-01-22")
    assert (first.stored, again.stored, again.unchanged, again.incidents_touched) == (12, 0, 12, 0)
    assert extracted == []


def test_summary_counts_and_groups_skip_reasons():
    report = BatchReport(read=7, stored=4, unchanged=1, events=5, incidents_touched=3,
                         failures=[NotUtf8("a.txt"), NotUtf8("b.txt")])
    assert summary_lines(report) == [
        "read 7, stored 4, unchanged 1, skipped 2, events 5, incidents touched 3",
        "  2 skipped: E003 file is not valid UTF-8",
    ]


def test_cli_ingest_reports_skips_by_name_and_a_summary(tmp_path, settings, monkeypatch):
    inbox = tmp_path / "inbox"
    write_batch(inbox, 3)
    (inbox / "latin.txt").write_bytes("Roquettes tirées sur la base à l'aube.".encode("latin-1"))
    monkeypatch.setenv("SITREP_DATABASE_URL", settings.database_url)
    result = CliRunner().invoke(app, ["ingest", str(inbox), "--published", "2024-01-22"])
    assert result.exit_code == 1
    assert result.stdout == ""  # everything goes to stderr: stdout stays for data
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"skipped E003 {inbox / 'latin.txt'}: file is not valid UTF-8 (byte 0xe9")
    assert lines[1].startswith("read 4, stored 3, unchanged 0, skipped 1, events 3, incidents touched")
    assert lines[2] == "  1 skipped: E003 file is not valid UTF-8"
    assert "\x1b[" not in result.stderr  # no progress bar nor colour codes off a terminal


def test_progress_bar_only_on_a_terminal(tmp_path):
    paths = [str(path) for path in write_batch(tmp_path / "inbox", 3)]
    with progress_bar(Console(file=io.StringIO(), force_terminal=False), paths) as progress:
        assert progress is None
    out = io.StringIO()
    with progress_bar(Console(file=out, force_terminal=True, width=100), paths) as progress:
        assert progress is not None and progress.tasks[0].total == 3
        assert list(advance(progress, range(5))) == [0, 1, 2, 3, 4]
        assert progress.tasks[0].total == 5  # a feed or archive held more than its one-per-file estimate
    assert "docs/s" in out.getvalue() and "5/5" in out.getvalue()


def test_count_documents_counts_jsonl_lines(tmp_path):
    write_batch(tmp_path / "inbox", 2)
    feed = tmp_path / "inbox" / "more.jsonl"
    feed.write_text("\n".join(json.dumps({"text": f"Report {n}"}) for n in range(5)) + "\n\n", encoding="utf-8")
    assert count_documents([str(tmp_path / "inbox")]) == 7


def test_watch_ingests_files_as_they_appear(tmp_path, settings):
    inbox = tmp_path / "inbox"
    write_batch(inbox, 2)
    stop = threading.Event()
    outcomes: list[tuple[object, BatchReport]] = []

    def run() -> None:
        outcomes.extend(watch_folder(inbox, settings, interval=0.1, stop=stop))

    watcher = threading.Thread(target=run)
    watcher.start()
    try:
        deadline = time.monotonic() + 60  # a cold start loads the models: slow on a busy machine
        while len(outcomes) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        write_batch(inbox, 1, start=2)  # a file dropped while watching
        (inbox / "junk.txt").write_bytes(b"\x00\x01binary")
        while len(outcomes) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        watcher.join(timeout=60)
    names = [getattr(item, "doc_id", None) or item.source for item, _ in outcomes]
    assert sorted(names) == sorted(["report-0000", "report-0001", "report-0002", str(inbox / "junk.txt")])
    assert any(isinstance(item, SitrepError) for item, _ in outcomes)
    with Store(settings.database_url) as store:
        assert store.document_count() == 3


def test_watch_command_prints_each_document_and_totals(tmp_path, settings, capsys):
    inbox = tmp_path / "inbox"
    write_batch(inbox, 2)
    Store(settings.database_url).close()  # migrated before two threads open it
    stop = threading.Event()
    watcher = threading.Thread(target=watch_command, args=(inbox, settings, 0.1, stop))
    watcher.start()
    deadline = time.monotonic() + 60  # a cold start loads the models: slow on a busy machine
    while time.monotonic() < deadline:
        with Store(settings.database_url) as store:
            if store.document_count() == 2:
                break
        time.sleep(0.1)
    stop.set()
    watcher.join(timeout=60)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"watching {inbox} every 0.1 s; Ctrl-C to stop"
    assert "stored (1 events) report-0000" in lines and "stored (1 events) report-0001" in lines
    assert lines[-1].startswith("read 2, stored 2, unchanged 0, skipped 0, events 2, incidents touched")

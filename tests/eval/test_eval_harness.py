"""Running the system over a corpus and printing the comparison with the baseline."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from sitrep import extract
from sitrep.cli.eval import eval_command
from sitrep.errors import EmptyInput
from sitrep.eval.corpus import load_gold
from sitrep.eval.harness import compare_with_baseline, run_system
from sitrep.models import Document, Event, Statistic
from sitrep.settings import Settings

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "dev_fr"


def without_evidence(record: dict, kind: type) -> object:
    """A gold record as a model instance; gold evidence is a quote, not offsets, so it is left out."""
    names = {item.name for item in dataclasses.fields(kind)} - {"evidence"}
    return kind(**{key: value for key, value in record.items() if key in names})


class GoldEchoExtractor:
    """Stands in for sitrep's extractor: answers with the gold events and remembers its inputs."""

    seen: list[Document] = []

    def __init__(self, settings: Settings) -> None:
        self.gold = {document["doc_id"]: document for document in load_gold(CORPUS)}

    def extract(self, document: Document, reference_date: date | None = None) -> Document:
        GoldEchoExtractor.seen.append(document)
        gold = self.gold[document.doc_id]
        return dataclasses.replace(
            document,
            events=[without_evidence(event, Event) for event in gold["events"]],
            statistics=[without_evidence(statistic, Statistic) for statistic in gold["statistics"]],
        )


@pytest.fixture
def gold_echo(monkeypatch: pytest.MonkeyPatch) -> type[GoldEchoExtractor]:
    monkeypatch.setattr(extract, "Extractor", GoldEchoExtractor, raising=False)
    GoldEchoExtractor.seen = []
    return GoldEchoExtractor


def test_meta_mode_gives_url_and_published(gold_echo: type[GoldEchoExtractor]) -> None:
    records = run_system(CORPUS, "meta", Settings())
    assert len(records) == len(load_gold(CORPUS))
    seen = {document.doc_id: document for document in gold_echo.seen}
    assert seen["fr_liberation_20240205_omar"].published == "2024-02-05"
    assert seen["fr_liberation_20240205_omar"].published_basis == "given"
    assert seen["fr_liberation_20240205_omar"].url.startswith("http")
    assert seen["fr_almanar_nodate_ainasad"].published is None
    assert seen["fr_almanar_nodate_ainasad"].published_basis == "unknown"


def test_text_mode_gives_text_only(gold_echo: type[GoldEchoExtractor]) -> None:
    run_system(CORPUS, "text", Settings())
    assert all(document.published is None and document.url is None for document in gold_echo.seen)
    assert all(document.text for document in gold_echo.seen)


def test_rejected_document_is_skipped_and_logged(gold_echo: type[GoldEchoExtractor],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    echo = gold_echo.extract

    def reject_almanar(self: GoldEchoExtractor, document: Document, reference_date: date | None = None) -> Document:
        if document.doc_id == "fr_almanar_nodate_ainasad":
            raise EmptyInput(document.doc_id)
        return echo(self, document, reference_date)

    monkeypatch.setattr(gold_echo, "extract", reject_almanar)
    records = run_system(CORPUS, "meta", Settings())
    assert "fr_almanar_nodate_ainasad" not in {record["doc_id"] for record in records}
    assert "skipped fr_almanar_nodate_ainasad: E001" in caplog.text


@pytest.mark.usefixtures("gold_echo")
def test_perfect_system_beats_baseline() -> None:
    comparison = compare_with_baseline(CORPUS, "meta", Settings())
    assert comparison.system.events.f1 == 1.0
    assert comparison.baseline.events.f1 < 1.0


@pytest.mark.usefixtures("gold_echo")
def test_table_shows_f1_and_date_lines(capsys: pytest.CaptureFixture[str]) -> None:
    eval_command(CORPUS, "meta", "table", Settings())
    lines = [line for line in capsys.readouterr().out.splitlines() if "f1" in line.lower() or "date" in line.lower()]
    assert any("event F1" in line and "1.000" in line for line in lines)
    assert any("date accuracy" in line for line in lines)
    assert any("statistic F1" in line for line in lines)


@pytest.mark.usefixtures("gold_echo")
def test_json_holds_both_systems(capsys: pytest.CaptureFixture[str]) -> None:
    eval_command(CORPUS, "text", "json", Settings(), incidents=True)
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "text"
    assert data["sitrep"]["events"]["f1"] == 1.0
    assert data["sitrep"]["fields"]["date"]["accuracy"] == 1.0
    assert data["sitrep"]["statistics"]["f1"] == 1.0
    assert data["baseline"]["statistics"]["f1"] == 0.0
    assert set(data["baseline"]) >= {"events", "fields", "statistics", "incidents"}


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        eval_command(CORPUS, "meta", "csv", Settings())

"""The public API as a notebook user calls it: `import sitrep`, extract a text, open a database, read it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas
import pytest

import sitrep

SEEDS = Path(__file__).parents[2].parent / "shared" / "corpus" / "seeds" / "docs"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sitrep.Database:
    """A database opened from a path, the seed corpus ingested through the API."""
    database = sitrep.open(tmp_path_factory.mktemp("api") / "seeds.db")
    report = database.ingest([SEEDS])
    assert report.stored == report.read == 5 and not report.failures
    yield database
    database.close()


def test_extract_returns_a_document_with_events_and_evidence() -> None:
    text = "Trois drones ont visé hier la base d'Ain al-Asad, a indiqué le Pentagone."
    document = sitrep.extract(text, published="2024-01-21", url="https://example.org/a")
    assert isinstance(document, sitrep.Document) and document.language == "fr"
    (event,) = document.events
    assert isinstance(event, sitrep.Event)
    assert (event.date, event.site, event.event_kind) == ("2024-01-20", "Ain al-Asad air base", "drone_attack")
    assert all(text[e.start:e.end] == e.text for e in event.evidence)


def test_extract_takes_a_date_and_a_language() -> None:
    document = sitrep.extract("A drone attack targeted al-Tanf garrison yesterday.", published=date(2024, 1, 21),
                              language="en")
    assert document.language == "en" and document.published == "2024-01-21"
    assert [event.date for event in document.events] == ["2024-01-20"]


def test_extract_refuses_an_unsupported_language() -> None:
    with pytest.raises(sitrep.SitrepError, match="E0"):
        sitrep.extract("Ein Angriff auf die Basis.", language="de")


def test_extract_package_stays_importable() -> None:
    from sitrep import extract
    from sitrep.extract import Extractor

    assert extract.Extractor is Extractor
    assert callable(sitrep.extract)


def test_incidents_are_typed_and_filterable(db: sitrep.Database) -> None:
    incidents = db.incidents()
    assert len(incidents) > 0 and all(isinstance(item, sitrep.Incident) for item in incidents)
    first = incidents[0]
    assert first.n_sources >= 1 and first.members and isinstance(first.members[0], sitrep.Source)
    syria = db.incidents(country="sy", since=date(2023, 10, 1))
    assert 0 < len(syria) < len(incidents) and {item.country for item in syria} == {"SY"}
    assert isinstance(incidents[:2], sitrep.ResultSet) and len(incidents[:2]) == 2


def test_incident_detail_has_field_provenance(db: sitrep.Database) -> None:
    first = db.incidents()[0]
    detail = db.incident(first.id)
    assert detail is not None and detail.fields is not None
    assert detail.fields["site"]["value"] == first.site
    assert db.incident("no-such-incident") is None


def test_events_carry_their_source_and_evidence(db: sitrep.Database) -> None:
    events = db.events(site="Omar")
    assert events and all("Omar" in (event.site or "") for event in events)
    assert all(isinstance(event, sitrep.StoredEvent) and event.doc_id for event in events)
    assert all(isinstance(item, sitrep.Evidence) for event in events for item in event.evidence)


def test_tallies_compare_with_sitrep_counts(db: sitrep.Database) -> None:
    tallies = db.tallies()
    assert tallies and all(isinstance(tally, sitrep.Tally) for tally in tallies)
    assert all(tally.difference == tally.count - tally.sitrep_count for tally in tallies)


def test_result_sets_become_data_frames(db: sitrep.Database) -> None:
    frame = db.incidents().to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(db.incidents()) and {"id", "date", "status", "n_sources"} <= set(frame.columns)
    assert len(db.events().to_pandas()) == len(db.events())
    assert list(db.tallies().to_pandas()["count"]) == [tally.count for tally in db.tallies()]


def test_open_reads_the_url_and_works_as_a_context_manager(db: sitrep.Database) -> None:
    with sitrep.open(db.settings.database_url) as again:
        assert [item.id for item in again.incidents()] == [item.id for item in db.incidents()]
        assert again.ingest([SEEDS]).unchanged == 5

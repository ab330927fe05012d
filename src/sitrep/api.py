"""The public Python API: the pipeline as functions, the database as typed result sets.

```python
import sitrep

doc = sitrep.extract("Trois drones ont visé hier la base d'Ain al-Asad.", published="2024-01-21")
doc.events[0].site                      # 'Ain al-Asad air base'

db = sitrep.open("sqlite:///sitrep.db")
db.ingest(["articles/"])                 # read, extract, store and consolidate
incidents = db.incidents(since="2024-01-01", country="SY")
incidents[0].status, incidents[0].n_sources
incidents.to_pandas()                    # needs the optional extra: pip install 'sitrep[pandas]'
```

Everything here is typed and covered by mypy; the CLI calls the same library functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from sitrep.consolidate.provenance import Source
from sitrep.consolidate.tallies import Tally
from sitrep.errors import SitrepError
from sitrep.extract import Extractor
from sitrep.models import Document, Event, Evidence
from sitrep.pipeline import BatchReport, ingest_paths
from sitrep.settings import Settings
from sitrep.store import Store

if TYPE_CHECKING:
    import pandas

__all__ = ["Database", "Day", "Incident", "ResultSet", "SitrepError", "Source", "StoredEvent", "Tally",
           "extract", "open"]

Record = TypeVar("Record")
Day = date | str  # a filter bound: a date, or a string as YYYY-MM-DD


@lru_cache(maxsize=4)
def cached_extractor(settings_json: str) -> Extractor:
    """One Extractor per distinct settings: its spaCy pipelines load once per process."""
    return Extractor(Settings.model_validate_json(settings_json))


def extract(
    text: str,
    *,
    published: Day | None = None,
    url: str | None = None,
    language: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    doc_id: str = "text",
    reference_date: date | None = None,
    settings: Settings | None = None,
) -> Document:
    """Extract the events and statistics one article reports.

    Args:
        text: the article text.
        published: its publication date; inferred from the URL or the text when None.
        url: where the article was published (it may also date it).
        title: the article's title, kept on the Document.
        outlet: who published it, kept on the Document.
        language: "fr", "en" or "ar"; detected when None.
        doc_id: the id the Document and its events carry.
        reference_date: the day to resolve an undated text against (default today).
        settings: run-time settings (theatre pack); default read from SITREP_* variables.

    Returns:
        The Document with `events` (each with evidence passages as character offsets)
        and `statistics`.

    Raises:
        SitrepError: e.g. UnknownLanguage when the language is not supported.
    """
    published_day = published.isoformat() if isinstance(published, date) else published
    document = Document(doc_id=doc_id, text=text, url=url, title=title, outlet=outlet, published=published_day,
                        published_basis="given" if published_day else "unknown", language=language)
    extractor = cached_extractor((settings or Settings()).model_dump_json())
    return extractor.extract(document, reference_date)


class ResultSet(Sequence[Record], Generic[Record]):
    """A list of typed records (dataclasses) read from the database, with `to_pandas()`."""

    def __init__(self, records: Iterable[Record]) -> None:
        self._records = list(records)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> ResultSet[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | ResultSet[Record]:
        if isinstance(index, slice):
            return ResultSet(self._records[index])
        return self._records[index]

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def __repr__(self) -> str:
        kind = type(self._records[0]).__name__ if self._records else "records"
        return f"<ResultSet of {len(self._records)} {kind}>"

    def to_records(self) -> list[dict[str, Any]]:
        """Each record as a plain dict (nested dataclasses as dicts too)."""
        return [asdict(record) for record in self._records]  # type: ignore[call-overload]

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas DataFrame, one row per record; needs the optional extra `sitrep[pandas]`.

        Raises:
            ImportError: pandas is not installed.
        """
        try:
            import pandas
        except ImportError as error:
            raise ImportError("to_pandas() needs pandas: pip install 'sitrep[pandas]'") from error
        return pandas.DataFrame.from_records(self.to_records())


@dataclass
class StoredEvent(Event):
    """A stored event: the Event of the extract contract plus the document it comes from."""

    doc_id: str = ""
    url: str | None = None
    outlet: str | None = None
    published: str | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StoredEvent:
        """A `Store.events()` dict as a StoredEvent."""
        values: dict[str, Any] = {f.name: record.get(f.name) for f in fields(cls) if f.name in record}
        values["evidence"] = [Evidence(**item) for item in record.get("evidence") or []]
        values["weapons"] = list(record.get("weapons") or [])
        values["reported_by"] = list(record.get("reported_by") or [])
        return cls(**values)


@dataclass
class Incident:
    """One real-world attack however many reports tell it: resolved values, status, sources.

    `date` is the resolved day (None when the reports give only intervals); `date_earliest`
    and `date_latest` bound every report's date. `n_sources` counts independent sources
    (copies and one outlet count once). `conflicts` names the fields on which equally
    specific reports disagree; `fields` (only from `Database.incident`) gives each field's
    values by source and how the resolved value was chosen.
    """

    id: str
    date: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    site: str | None = None
    admin1: str | None = None
    country: str | None = None
    event_kind: str = "other_attack"
    weapons: list[str] = field(default_factory=list)
    munition_count: int | None = None
    actor: str | None = None
    target: str | None = None
    killed: int | None = None
    injured: int | None = None
    status: str = "reported"
    confidence: float = 0.0
    n_reports: int = 0
    n_sources: int = 0
    conflicts: list[str] = field(default_factory=list)
    members: list[Source] = field(default_factory=list)
    fields: dict[str, Any] | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Incident:
        """A stored incident record (`Store.incidents()` or `Store.incident()`) as an Incident."""
        names = {f.name for f in fields(cls)} - {"members"}
        values = {name: record[name] for name in names if name in record}
        return cls(**values, members=[Source(**member) for member in record.get("members") or []])


def tally_from_record(record: dict[str, Any]) -> Tally:
    """A `Store.tallies()` dict as a Tally (its `difference` is a property)."""
    return Tally(**{f.name: record[f.name] for f in fields(Tally) if f.name in record})


def iso(value: Day | None) -> str | None:
    """A filter bound as YYYY-MM-DD."""
    return value.isoformat() if isinstance(value, date) else value


class Database:
    """An opened sitrep database: ingest articles, read events, incidents and tallies.

    Use as a context manager, or call `close()`. Filters are those of the CLI:
    `since`/`until` (inclusive days), `site`/`actor` (case-insensitive substrings of the
    canonical name), `country` (ISO code such as "SY").
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.database_url)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<sitrep.Database {self.settings.database_url}>"

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def ingest(self, paths: Iterable[str | Path], *, published: Day | None = None,
               reference_date: date | None = None) -> BatchReport:
        """Read, extract, store and consolidate files (.txt, .jsonl) or folders of them.

        Returns:
            The batch report: documents read, stored, unchanged, events, and `failures`
            (one SitrepError per bad file; the rest of the batch goes on).
        """
        report = BatchReport()
        for _outcome, running in ingest_paths([str(path) for path in paths], self.settings, iso(published),
                                              reference_date):
            report = running  # the CLI prints each outcome; the API returns the final report
        return report

    def events(self, *, since: Day | None = None, until: Day | None = None, site: str | None = None,
               actor: str | None = None, country: str | None = None) -> ResultSet[StoredEvent]:
        """Stored events (one per report), ordered by date then document."""
        records = self.store.events(iso(since), iso(until), site, actor, country)
        return ResultSet(StoredEvent.from_record(record) for record in records)

    def incidents(self, *, since: Day | None = None, until: Day | None = None, site: str | None = None,
                  actor: str | None = None, country: str | None = None) -> ResultSet[Incident]:
        """Incidents, one per real attack however many reports tell it, ordered by date then id."""
        records = self.store.incidents(iso(since), iso(until), site, actor, country)
        return ResultSet(Incident.from_record(record) for record in records)

    def incident(self, incident_id: str) -> Incident | None:
        """One incident with its sources and each field's values by source; None if unknown."""
        record = self.store.incident(incident_id)
        return Incident.from_record(record) if record is not None else None

    def tallies(self) -> ResultSet[Tally]:
        """Counts stated by officials or groups, each beside sitrep's own incident count."""
        return ResultSet(tally_from_record(record) for record in self.store.tallies(self.settings.pack))


def open(db_url: str | Path | None = None, *, pack: str | None = None) -> Database:  # noqa: A001 - sitrep.open
    """Open (and migrate) a sitrep database.

    Args:
        db_url: a SQLAlchemy URL (`sqlite:///path.db`, `postgresql://...`) or a path to a
            SQLite file; default SITREP_DATABASE_URL, else ~/.local/share/sitrep/sitrep.db.
        pack: the theatre pack (default SITREP_PACK, else iraq_syria).
    """
    settings = Settings()
    updates: dict[str, Any] = {}
    if db_url is not None:
        updates["database_url"] = str(db_url) if "://" in str(db_url) else f"sqlite:///{Path(db_url).resolve()}"
    if pack is not None:
        updates["pack"] = pack
    return Database(settings.model_copy(update=updates))


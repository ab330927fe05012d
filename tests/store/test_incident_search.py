"""What incidents store for filters and full text stays in step with them as consolidation rewrites incidents."""

from __future__ import annotations

from sqlalchemy import func, select, text

from sitrep.models import Document, Event, Evidence
from sitrep.store import Store
from sitrep.store.queries import IncidentFilters, incident_page
from sitrep.store.search import fold, search_body
from sitrep.store.tables import IncidentRow, IncidentSearchRow, IncidentWeaponRow

PACK = "iraq_syria"


def tower_report(doc_id: str, passage: str, weapons: list[str], lat: float | None = None) -> Document:
    """A one-event report of the Tower 22 attack whose text is `passage`."""
    event = Event(id="e1", date="2024-01-28", date_precision="day", site="Tower 22", country="jo",
                  event_kind="drone_attack", weapons=weapons, lat=lat, lon=None if lat is None else 38.7,
                  evidence=[Evidence(passage, 0, len(passage))])
    return Document(doc_id=doc_id, text=passage, outlet=doc_id, published="2024-01-29", language="en", events=[event])


def test_fold_drops_case_diacritics_and_extra_space() -> None:
    assert fold("  Visé\u00a0 al-TANF  ") == "vise al-tanf"
    assert fold("أطلقت") == "اطلقت"  # the hamza is a combining mark once decomposed
    assert search_body(["Tower 22", None], ["A  drone", ""]) == "tower 22\na drone"


def test_rewritten_incidents_leave_no_stale_weapon_or_search_rows(store: Store) -> None:
    store.save(tower_report("first", "A drone hit Tower 22", ["drone"]))
    store.consolidate(PACK)
    store.save(tower_report("second", "Rockets and a drone hit the outpost", ["rocket", "drone"], lat=33.3))
    report = store.consolidate(PACK)
    assert report.written == 1
    with store.sessions() as session:
        (incident,) = session.scalars(select(IncidentRow)).all()
        weapons = session.scalars(select(IncidentWeaponRow.weapon).order_by(IncidentWeaponRow.weapon)).all()
        searches = session.scalar(select(func.count()).select_from(IncidentSearchRow))
        if store.engine.dialect.name == "sqlite":  # FTS5 raises if its index disagrees with incident_search
            session.execute(text("INSERT INTO incident_search_fts(incident_search_fts) VALUES ('integrity-check')"))
    assert (incident.country, incident.first_day, incident.last_day, incident.lat) == ("JO", "2024-01-28", "2024-01-28", 33.3)
    assert weapons == ["drone", "rocket"] and searches == 1
    assert incident_page(store, IncidentFilters(text="outpost", country="JO"))["total"] == 1
    assert incident_page(store, IncidentFilters(text="drone hit"))["total"] == 1

"""How a notebook user calls the public API; type-checked by tests/api/test_api_typing.py (not run)."""

import sitrep

document: sitrep.Document = sitrep.extract("Des roquettes ont visé hier la base d'al-Omar.", published="2024-01-21")
sites: list[str | None] = [event.site for event in document.events]
with sitrep.open("sqlite:///demo.db") as db:
    incidents: sitrep.ResultSet[sitrep.Incident] = db.incidents(since="2024-01-01", country="SY")
    first: sitrep.Incident = incidents[0]
    n_sources: int = first.n_sources
    outlets: list[str | None] = [member.outlet for member in first.members]
    events: sitrep.ResultSet[sitrep.StoredEvent] = db.events(site="Omar")
    evidence: str = events[0].evidence[0].text
    differences: list[int] = [tally.difference for tally in db.tallies()]
    frame = incidents.to_pandas()
    detail: sitrep.Incident | None = db.incident(first.id)

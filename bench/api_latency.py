"""API latency on 100k incidents: p50/p95 of /api/incidents with typical filters and of /api/stats.

Synthetic incidents (one member event each, with an evidence passage; weapon rows and search text as
`store.incidents.incident_row` writes them) are inserted directly into a fresh SQLite file and a
throwaway PostgreSQL database (server at SITREP_TEST_POSTGRES_URL, default
postgresql://postgres@127.0.0.1:5432/test), then each request is timed through the ASGI app
in-process (Starlette's TestClient: routing, validation, the query and JSON included; no socket).
Targets: p95 < 50 ms for /api/incidents, < 100 ms for /api/stats. Prints figures; asserts nothing.

    .venv/bin/python bench/api_latency.py [--incidents 100000] [--repeat 30] [--backend sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg
from fastapi.testclient import TestClient
from psycopg import sql
from sqlalchemy import insert
from sqlalchemy.engine import make_url

from sitrep.serve import create_app
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.search import search_body
from sitrep.store.tables import (DocumentRow, EventRow, EvidenceRow, IncidentMemberRow, IncidentRow,
                                 IncidentSearchRow, IncidentWeaponRow)

POSTGRES_SERVER = os.environ.get("SITREP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SITES = [  # (site, admin1, country, lat, lon)
    ("Ain al-Asad Air Base", "Al Anbar", "IQ", 33.80, 42.44), ("Erbil Air Base", "Erbil", "IQ", 36.24, 43.96),
    ("Harir Air Base", "Erbil", "IQ", 36.54, 44.35), ("al-Tanf garrison", "Homs", "SY", 33.50, 38.62),
    ("al-Omar oil field base", "Deir ez-Zor", "SY", 35.07, 40.52), ("Conoco gas field", "Deir ez-Zor", "SY", 35.25, 40.30),
    ("Shaddadi", "Al-Hasakah", "SY", 36.06, 40.73), ("Tower 22", "Ruwaished", "JO", 33.32, 38.75),
    ("Rumeilan", "Al-Hasakah", "SY", 36.86, 41.95), ("Baghdad Diplomatic Support Center", "Baghdad", "IQ", 33.26, 44.23),
]
KINDS = ["rocket_or_missile_attack", "drone_attack", "artillery_shelling", "ied_or_bomb", "armed_clash"]
WEAPONS = [["rocket"], ["drone"], ["rocket", "missile"], ["mortar"], ["ied"], ["drone", "rocket"]]
ACTORS = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat al-Nujaba", None]
STATUSES = ["reported", "claimed", "confirmed", "denied"]
PASSAGES = ["A drone attack targeted {site}", "Rockets struck {site} overnight", "Des roquettes ont visé {site}",
            "Une frappe par drone a été signalée près de {site}", "استهدف هجوم بطائرة مسيرة {site}",
            "Mortar rounds landed near {site}, officials said"]
START = date(2023, 10, 17)
DAYS = 900
BATCH = 5000
TARGETS = {"incidents": 50.0, "stats": 100.0}
REQUESTS = [  # (label, kind, path)
    ("first page, by date", "incidents", "/api/incidents"),
    ("country=SY", "incidents", "/api/incidents?country=SY"),
    ("one month", "incidents", "/api/incidents?since=2024-01-01&until=2024-01-31"),
    ("country+weapon+month", "incidents", "/api/incidents?country=IQ&weapon=drone&since=2024-02-01&until=2024-02-29"),
    ("bbox (Deir ez-Zor)", "incidents", "/api/incidents?bbox=39.5,34.5,41,35.5"),
    ("country + province text", "incidents", "/api/incidents?country=SY&admin1=deir"),
    ("actor text, -confidence", "incidents", "/api/incidents?actor=hezbollah&sort=-confidence"),
    ("status=confirmed, page 20", "incidents", "/api/incidents?status=confirmed&offset=1000"),
    ("free text q", "incidents", "/api/incidents?q=tanf"),
    ("per day", "stats", "/api/stats"),
    ("per week by country", "stats", "/api/stats?interval=week&by=country"),
    ("per day, one country, by site", "stats", "/api/stats?country=SY&by=site"),
    ("per week by weapon", "stats", "/api/stats?interval=week&by=weapon"),
]


def synthetic_rows(count: int, seed: int = 7) -> list[tuple[type, list[dict]]]:
    """Documents, events, evidence, incidents, members, weapons and search texts for `count` one-report incidents."""
    rng = random.Random(seed)
    documents = [{"id": d + 1, "doc_id": f"bench_{d}", "content_hash": f"{d:064x}", "published_basis": "given",
                  "text": "synthetic"} for d in range(count // 100 + 1)]
    events, evidence, incidents, members, weapon_rows, searches = [], [], [], [], [], []
    for number in range(count):
        site, admin1, country, lat, lon = rng.choice(SITES)
        day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        kind, weapons, actor = rng.choice(KINDS), rng.choice(WEAPONS), rng.choice(ACTORS)
        status = rng.choice(STATUSES)
        incident_id = f"{day}_{site.lower().replace(' ', '_')}_{number:08x}"
        point = {"lat": lat + rng.uniform(-0.05, 0.05), "lon": lon + rng.uniform(-0.05, 0.05)}
        events.append({"id": number + 1, "document_id": number // 100 + 1, "event_key": "e1", "date": day,
                       "date_earliest": day, "date_latest": day, "date_precision": "day", "site": site,
                       "admin1": admin1, "country": country, **point, "event_kind": kind, "weapons": weapons,
                       "actor": actor, "actor_basis": "claimed", "damage": "unknown", "reported_by": [],
                       "hedged": False})
        passage = rng.choice(PASSAGES).format(site=site)
        evidence.append({"event_id": number + 1, "text": passage, "start": 0, "end": len(passage)})
        summary = {"id": incident_id, "date": day, "date_earliest": day, "date_latest": day, "site": site,
                   "admin1": admin1, "country": country, "event_kind": kind, "weapons": weapons,
                   "munition_count": None, "actor": actor, "target": "US forces", "killed": None, "injured": None,
                   "status": status, "confidence": 0.5, "n_reports": 1, "n_sources": 1, "conflicts": []}
        record = summary | {"members": [{"doc_id": f"bench_{number // 100}", "event_id": "e1", "outlet": "Bench",
                                         "affiliation": None, "url": None, "published": day, "evidence": passage,
                                         "independent_of": f"bench_{number // 100}", "official": False,
                                         "claimed": True, "hedged": False, "denied": False}], "fields": {}}
        incidents.append({name: summary[name] for name in ("id", "date", "date_earliest", "date_latest", "site",
                                                           "admin1", "country", "event_kind", "actor", "target",
                                                           "status", "confidence", "n_reports", "n_sources")}
                         | {"block": site, "record": record, "first_day": day, "last_day": day, **point})
        members.append({"event_id": number + 1, "incident_id": incident_id, "block": site, "position": 0})
        weapon_rows.extend({"incident_id": incident_id, "weapon": weapon, "first_day": day} for weapon in weapons)
        searches.append({"incident_id": incident_id, "body": search_body((site, admin1, actor, "US forces"), [passage])})
    return [(DocumentRow, documents), (EventRow, events), (EvidenceRow, evidence), (IncidentRow, incidents),
            (IncidentMemberRow, members), (IncidentWeaponRow, weapon_rows), (IncidentSearchRow, searches)]


def fill(store: Store, count: int) -> float:
    """Insert `count` synthetic incidents; returns seconds taken."""
    started = time.perf_counter()
    with store.engine.begin() as connection:
        for table, rows in synthetic_rows(count):
            for start in range(0, len(rows), BATCH):
                connection.execute(insert(table), rows[start:start + BATCH])
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")  # what autovacuum does after a bulk insert
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(url: str, count: int, repeat: int, backend: str) -> None:
    """Fill the database at `url`, then time every request `repeat` times and print a table."""
    with Store(url) as store:
        seconds = fill(store, count)
        print(f"\n{backend}: {count:,} incidents inserted in {seconds:.1f} s")
        with TestClient(create_app(Settings(database_url=url), store)) as client:
            print(f"{'request':34} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}  met")
            for label, kind, path in REQUESTS:
                response = client.get(path)  # warm-up, and the row count
                assert response.status_code == 200, (path, response.text)
                body = response.json()
                rows = body["total"] if kind == "incidents" else sum(s["total"] for s in body["series"])
                timings = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    client.get(path)
                    timings.append((time.perf_counter() - started) * 1000)
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                target = TARGETS[kind]
                print(f"{label:34} {rows:>7} {p50:>8.1f} {p95:>8.1f} {target:>8.0f}  {'yes' if p95 < target else 'NO'}")


def main() -> None:
    """Run on SQLite and/or PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    options = parser.parse_args()
    if options.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            measure(f"sqlite:///{Path(folder) / 'bench.db'}", options.incidents, options.repeat, "SQLite")
    if options.backend in ("postgresql", "both"):
        name = f"sitrep_bench_{secrets.token_hex(4)}"
        with psycopg.connect(POSTGRES_SERVER, autocommit=True) as server:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            try:
                url = make_url(POSTGRES_SERVER).set(drivername="postgresql+psycopg", database=name)
                measure(url.render_as_string(hide_password=False), options.incidents, options.repeat, "PostgreSQL")
            finally:
                server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    main()

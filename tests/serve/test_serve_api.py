"""The REST API on SQLite and PostgreSQL: listing filters, pagination and sort, details, documents, stats, exports."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from sitrep.serve.exports import ACLED_COLUMNS

OMAR = "2024-02-05_al_omar_oil_field_base"
TANF = "2024-01-26_al_tanf_garrison"
TOWER = "2024-01-28_tower_22"
ASAD = "2024-01-20_ain_al_asad_air_base"
CONOCO = "2024-02-03_conoco_gas_field_base"
UNDATED = "undated_al_anbar"


def listed(client: TestClient, **params: str) -> list[str]:
    """Incident ids (less their hash) the listing returns for `params`."""
    response = client.get("/api/incidents", params=params)
    assert response.status_code == 200, response.text
    return [item["id"].rsplit("_", 1)[0] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({}, [ASAD, TANF, TOWER, CONOCO, OMAR, UNDATED]),
        ({"country": "sy"}, [TANF, CONOCO, OMAR]),
        ({"admin1": "deir"}, [CONOCO, OMAR]),
        ({"site": "OMAR"}, [OMAR]),
        ({"actor": "islamic resistance"}, [TOWER, OMAR]),
        ({"weapon": "drone"}, [TOWER, OMAR]),
        ({"weapon": "missile"}, [ASAD]),
        ({"event_kind": "rocket_or_missile_attack"}, [ASAD, TANF, CONOCO]),
        ({"status": "claimed"}, [OMAR]),
        ({"since": "2024-01-28", "until": "2024-02-04"}, [TOWER, CONOCO]),
        ({"bbox": "38,33,41,36"}, [TANF, OMAR]),
        ({"q": "roquettes"}, [CONOCO]),  # in an evidence passage only
        ({"q": "tower"}, [TOWER]),
        ({"country": "SY", "weapon": "rocket", "since": "2024-02-01"}, [CONOCO]),
        ({"bbox": "40,35,41,36"}, [OMAR]),  # the incident's point: its first placed report
        ({"weapon": "rocket", "status": "reported"}, [ASAD, TANF, CONOCO]),
        ({"country": "SY", "admin1": "DEIR"}, [CONOCO, OMAR]),
        ({"admin1": "deir", "site": "omar", "actor": "resistance"}, [OMAR]),  # name filters combine
        ({"admin1": "deir", "actor": "hezbollah"}, []),
    ],
)
def test_listing_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert listed(client, **params) == expected


@pytest.mark.parametrize(
    "q,expected",
    [
        ("tanf", [TANF]),  # a word of "al-Tanf garrison"
        ("TAN", [TANF]),  # the start of a word, any case
        ("al-tanf garrison", [TANF]),
        ("garrison tanf", []),  # words in the order written
        ("anf", []),  # not from inside a word
        ("vise", [CONOCO, OMAR]),  # "visé": accents aside
        ("VISÉ", [CONOCO, OMAR]),
        ("roquette", [CONOCO]),
        ("صاروخ", [ASAD]),  # the start of "صاروخا"
        ("أطلقت 30", [ASAD]),
        ("islamic resistance", [TOWER, OMAR]),  # the actor's name
        ("us forces", [TANF, TOWER, OMAR]),  # the target's name
    ],
)
def test_free_text_finds_word_starts_case_and_accents_aside(client: TestClient, q: str, expected: list[str]) -> None:
    assert listed(client, q=q) == expected


def test_listing_pages_and_total(client: TestClient) -> None:
    first = client.get("/api/incidents", params={"limit": 2}).json()
    second = client.get("/api/incidents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 6
    assert [i["id"].rsplit("_", 1)[0] for i in first["items"] + second["items"]] == [ASAD, TANF, TOWER, CONOCO]


@pytest.mark.parametrize(
    "sort,expected_first",
    [("-date", OMAR), ("date", ASAD), ("-confidence", None), ("site", ASAD), ("-id", UNDATED)],
)
def test_listing_sorts(client: TestClient, sort: str, expected_first: str | None) -> None:
    items = client.get("/api/incidents", params={"sort": sort}).json()["items"]
    assert len(items) == 6
    if sort == "-confidence":
        assert [i["confidence"] for i in items] == sorted((i["confidence"] for i in items), reverse=True)
    else:
        assert items[0]["id"].startswith(expected_first)


def test_listing_items_carry_coordinates_and_no_provenance(client: TestClient) -> None:
    omar = client.get("/api/incidents", params={"site": "omar"}).json()["items"][0]
    assert (omar["lat"], omar["lon"]) == (35.0667, 40.5167)
    assert "fields" not in omar and "members" not in omar
    assert omar["n_members"] == 1


def test_incident_detail_has_sources_evidence_and_provenance(client: TestClient) -> None:
    incident_id = client.get("/api/incidents", params={"site": "omar"}).json()["items"][0]["id"]
    detail = client.get(f"/api/incidents/{incident_id}").json()
    assert detail["status"] == "claimed"
    member = detail["members"][0]
    assert member["doc_id"] == "fr_presstv_20240205_omar"
    assert member["evidence"] == "une frappe par drone avait visé"
    assert detail["fields"]["site"]["value"] == "al-Omar oil field base"
    assert detail["conflicts"] == []


def test_unknown_incident_is_404(client: TestClient) -> None:
    assert client.get("/api/incidents/2099-01-01_nowhere_00000000").status_code == 404


def test_document_text_with_evidence_spans(client: TestClient) -> None:
    document = client.get("/api/documents/fr_presstv_20240205_omar").json()
    assert document["published"] == "2024-02-05"
    spans = [item for event in document["events"] for item in event["evidence"]]
    spans += [item for statistic in document["statistics"] for item in statistic["evidence"]]
    assert len(spans) == 3
    assert all(document["text"][span["start"]:span["end"]] == span["text"] for span in spans)


def test_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/api/documents/no_such_doc").status_code == 404


def test_stats_per_day_by_country(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"by": "country"}).json()
    series = {item["key"]: item for item in stats["series"]}
    assert series["SY"]["total"] == 3
    assert series["SY"]["counts"][0] == {"period": "2024-01-26", "count": 1}
    assert series["IQ"]["total"] == 1
    assert stats["undated"] == 1


def test_stats_per_week_by_weapon_counts_each_weapon(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"interval": "week", "by": "weapon"}).json()
    series = {item["key"]: item for item in stats["series"]}
    assert series["rocket"]["total"] == 3
    assert series["missile"]["counts"] == [{"period": "2024-01-15", "count": 1}]  # 2024-01-20 is in the week of Mon 15th


def test_stats_by_site_within_a_country(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"country": "SY", "by": "site"}).json()
    assert {item["key"]: item["total"] for item in stats["series"]} == {
        "Conoco gas field": 1, "al-Omar oil field base": 1, "al-Tanf garrison": 1}


def test_stats_follow_filters(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"country": "JO"}).json()
    assert stats["series"] == [{"key": None, "total": 1, "counts": [{"period": "2024-01-28", "count": 1}]}]


def test_tallies_beside_sitrep_counts(client: TestClient) -> None:
    tallies = client.get("/api/tallies").json()
    assert [(t["claimant"], t["count"]) for t in tallies] == [("Pentagon", 106)]


def test_export_csv(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "csv", "country": "SY"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["site"] for row in rows] == ["al-Tanf garrison", "Conoco gas field", "al-Omar oil field base"]
    assert rows[0]["lat"] == "33.5"


def test_export_geojson(client: TestClient) -> None:
    collection = client.get("/api/export", params={"format": "geojson"}).json()
    assert collection["type"] == "FeatureCollection"
    placed = [f for f in collection["features"] if f["geometry"]]
    assert {tuple(f["geometry"]["coordinates"]) for f in placed} == {(38.6, 33.5), (40.5167, 35.0667)}
    assert all(f["properties"]["sources"] for f in collection["features"])


def test_export_acled_layout(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "acled", "site": "omar"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    row = rows[0]
    assert row["event_id_cnty"].startswith("SYR-2024-02-05_al_omar")
    assert (row["event_date"], row["time_precision"], row["country"]) == ("2024-02-05", "1", "Syria")
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (row["actor1"], row["source"], row["fatalities"]) == ("Islamic Resistance in Iraq", "Press TV (French)", "0")


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/documents/{document_key}", "/api/documents",
            "/api/stats", "/api/tallies", "/api/export"} <= set(paths)


def test_stats_by_weapon_with_weapon_and_text_filters(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"by": "weapon", "weapon": "rocket", "q": "roquettes"}).json()
    assert [(item["key"], item["total"]) for item in stats["series"]] == [("rocket", 1)]

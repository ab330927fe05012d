"""Report figures agree with the store they are read from."""

from __future__ import annotations

from sitrep.report import Filters, ReportData, gather_report
from sitrep.report.gather import CountRange, count_range, ranked
from sitrep.settings import Settings
from sitrep.store import Store


def test_headline_counts_match_the_store(seeds_settings: Settings, seeds_data: ReportData) -> None:
    with Store(seeds_settings.database_url) as store:
        incidents = store.incidents()
    assert seeds_data.n_incidents == len(incidents) > 0
    assert seeds_data.reports == sum(incident["n_reports"] for incident in incidents)
    assert seeds_data.documents == 5
    assert sum(n for _, n in seeds_data.by_country) == seeds_data.n_incidents
    assert sum(n for _, n in seeds_data.by_status) == seeds_data.n_incidents


def test_filters_narrow_the_report(seeds_settings: Settings, seeds_data: ReportData) -> None:
    with Store(seeds_settings.database_url) as store:
        syria = gather_report(store, seeds_settings.pack, Filters(country="SY"))
        october = gather_report(store, seeds_settings.pack, Filters(since="2023-10-01", until="2023-10-31"))
    assert 0 < syria.n_incidents < seeds_data.n_incidents
    assert syria.by_country == [("SY", syria.n_incidents)]
    assert all("2023-10-01" <= incident["date"] <= "2023-10-31" for incident in october.incidents)


def test_casualties_disagreeing_become_a_range() -> None:
    incident = {"killed": 6, "fields": {"killed": {"values": [{"value": 3, "sources": []},
                                                              {"value": 6, "sources": []}]}}}
    assert count_range(incident, "killed") == CountRange(3, 6)
    assert CountRange(3, 6).text() == "3–6" and CountRange(2, 2).text() == "2"
    assert count_range(incident, "injured") is None


def test_breakdown_folds_the_tail_into_other() -> None:
    rows = ranked([f"site{i}" for i in range(12)] + ["site0"])
    assert rows[0] == ("site0", 2)
    assert rows[-1] == ("other", 13 - sum(n for _, n in rows[:-1]))
    assert len(rows) == 8


def test_timeline_counts_every_dated_incident_once(seeds_data: ReportData) -> None:
    for stack_by in ("country", "weapon"):
        days, series = seeds_data.timeline(stack_by)
        assert sum(sum(counts) for counts in series.values()) == seeds_data.n_incidents - seeds_data.undated
        assert all(len(counts) == len(days) for counts in series.values())
        assert days[0] == seeds_data.first_day and days[-1] == seeds_data.last_day

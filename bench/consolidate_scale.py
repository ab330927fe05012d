"""How does consolidation scale? 10k, 100k and 1M synthetic mentions over the pack's real sites.

Synthetic war: attacks fall on the iraq_syria pack's own sites (bases, towns, regions, with their
coordinates and provinces) at a constant rate, ATTACKS_PER_DAY over the whole theatre, each told by
1 to 7 reports. Reports disagree as real ones do: a day late with an evening/dawn cue, an interval
instead of a day ("il y a quatre jours"), the town instead of its base, only the province, a nearby
installation, "other_attack" for the kind, another count; some are undated; articles tell several
attacks of one day. The rate is held, so n grows with the period covered (10k mentions ~ 8 months,
1M ~ 68 years of a busy war on 60 sites): the work per mention depends on density (reports per place
and day), not on n.

Each size runs in a fresh process: the mentions are generated (not timed), then clustered by
`cluster_reports` (timed). The baseline, measured in the same run, is exact site + date grouping
(a dict). Printed: time, peak memory (resident set of the process: imports and the pack alone take
~100 MB; the generated mentions are included), the 1M/100k time ratio beside n log n's (12.0), and
B-cubed F1 against the synthetic truth for both. No assertions.

    .venv/bin/python bench/consolidate_scale.py [--sizes 10000 100000 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sitrep.consolidate.cluster import cluster_reports
from sitrep.consolidate.places import COUNTRY, INSTALLATION, TOWN, Place
from sitrep.consolidate.reports import Report, Theatre, load_theatre
from sitrep.eval.scorer import bcubed

PACK = "iraq_syria"
ATTACKS_PER_DAY = 10
START = date(2023, 10, 1).toordinal()
KINDS = ("drone_attack", "rocket_or_missile_attack", "drone_attack", "air_strike", "artillery_shelling")
WEAPONS = {"drone_attack": "drone", "rocket_or_missile_attack": "rocket", "air_strike": "aircraft",
           "artillery_shelling": "artillery"}
GROUPS = ("Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat al-Nujaba", None)
# How a report may depart from the attack it tells, with its share of reports.
DATE_NOISE = {"same": 0.70, "next_day_after_evening": 0.08, "interval": 0.17, "undated": 0.05}
PLACE_NOISE = {"same": 0.82, "town": 0.08, "region": 0.05, "nearby": 0.05}


@dataclass(frozen=True)
class SiteChoices:
    """A site's place and the places a report may give instead: its town, its region, a neighbour."""

    place: Place
    block: str
    town: Place | None
    region: Place
    nearby: Place | None


def site_choices(theatre: Theatre) -> list[SiteChoices]:
    """Every listed site of the pack (not GeoNames towns) with its alternative places."""
    places = theatre.places
    listed = [places.place(site.name, site.admin1, site.country)
              for site in places.pack.sites.values() if site.source == "pack"]
    listed = [place for place in listed if place.specificity > COUNTRY]
    choices = []
    for place in listed:
        related = [other for other in listed if other.key != place.key and places.relation(place, other)]
        town = next((o for o in related if o.specificity == TOWN and place.specificity == INSTALLATION), None)
        nearby = next((o for o in related if o.specificity == INSTALLATION == place.specificity), None)
        region = places.place(None, place.region.split("/", 1)[1] or None, place.region.split("/", 1)[0])
        choices.append(SiteChoices(place, places.block(place), town, region, nearby))
    return choices


def pick(rng: random.Random, shares: dict[str, float]) -> str:
    """One key of `shares`, drawn with those probabilities."""
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def synthetic_mentions(n: int, seed: int, theatre: Theatre) -> tuple[list[Report], list[int]]:
    """n reports and, for each, the synthetic attack it tells.

    Each report of an attack comes from another document; three in ten documents also told the
    previous attack (an article listing the day's attacks).
    """
    rng = random.Random(seed)
    sites = site_choices(theatre)
    reports: list[Report] = []
    truth: list[int] = []
    attack, documents, previous = 0, 0, []
    while len(reports) < n:
        day = START + attack // ATTACKS_PER_DAY
        site = rng.choice(sites)
        kind = rng.choice(KINDS)
        actor = "US forces" if kind == "air_strike" else rng.choice(GROUPS)
        count = rng.choice((None, 2, 3, 4, 6, 15))
        used = []
        for _ in range(min(rng.randint(1, 7), n - len(reports))):
            reused = [doc for doc in previous if doc not in used]
            if reused and rng.random() < 0.3:
                doc_id = reused[0]
            else:
                doc_id, documents = f"d{documents}", documents + 1
            used.append(doc_id)
            reports.append(mention(rng, doc_id, f"e{attack}", site, day, kind, actor, count, theatre))
            truth.append(attack)
        attack, previous = attack + 1, used
    return reports, truth


def mention(rng: random.Random, doc_id: str, event_id: str, site: SiteChoices, day: int, kind: str,
            actor: str | None, count: int | None, theatre: Theatre) -> Report:
    """One report of an attack, with the noise real reports carry."""
    how_dated, where = pick(rng, DATE_NOISE), pick(rng, PLACE_NOISE)
    best, earliest, latest, time_of_day = day, day, day, None
    if how_dated == "next_day_after_evening":
        best, earliest, latest, time_of_day = day - 1, day - 1, day - 1, "evening"
    elif how_dated == "interval":
        earliest = day - rng.randint(1, 4)
    elif how_dated == "undated":
        best = earliest = latest = None
    place = {"town": site.town, "region": site.region, "nearby": site.nearby}.get(where) or site.place
    reported_kind = "other_attack" if rng.random() < 0.2 else kind
    return Report(
        doc_id=doc_id, event_id=event_id, place=place, block=theatre.places.block(place),
        day=best, earliest=earliest, latest=latest, kind=reported_kind,
        weapons=frozenset({WEAPONS[kind]}) if reported_kind != "other_attack" else frozenset(),
        actor=actor if rng.random() < 0.6 else None, attacker=None if actor is None else (
            "state" if actor in theatre.state_actors else "group"),
        time_of_day=time_of_day, munition_count=count if rng.random() < 0.5 else rng.choice((None, 6)),
    )


def exact_site_and_date(reports: list[Report]) -> dict[tuple, list]:
    """The baseline: one group per (place, date) as reported."""
    groups: dict[tuple, list] = {}
    for report in reports:
        groups.setdefault((report.place.key, report.day), []).append(report.key)
    return groups


def timed(function: Callable[[], dict]) -> tuple[dict, float, float]:
    """The function's result, its wall-clock time and this process's CPU time, in seconds.

    CPU time is what the growth ratio uses: other processes sharing the cores inflate wall time.
    """
    start, cpu_start = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - start, time.process_time() - cpu_start


def f1_against_truth(groups: dict, reports: list[Report], truth: list[int]) -> float:
    """B-cubed F1 of groups of report keys against the synthetic attacks."""
    label = {key: name for name, keys in groups.items() for key in keys}
    return bcubed([str(t) for t in truth], [str(label[report.key]) for report in reports]).f1


def run_one(n: int, seed: int) -> dict:
    """Generate n mentions, cluster them, and measure (in this process)."""
    theatre = load_theatre(PACK)
    reports, truth = synthetic_mentions(n, seed, theatre)
    incidents, seconds, cpu_seconds = timed(lambda: cluster_reports(reports, theatre))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    baseline, baseline_seconds, _ = timed(lambda: exact_site_and_date(reports))
    days = (max(r.latest for r in reports if r.latest) - START + 1)
    return {"n": n, "days": days, "attacks": len(set(truth)), "incidents": len(incidents), "seconds": seconds,
            "cpu_seconds": cpu_seconds, "peak_mb": peak_mb, "baseline_seconds": baseline_seconds,
            "f1": f1_against_truth(incidents, reports, truth),
            "baseline_f1": f1_against_truth(baseline, reports, truth)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    rows = []
    print(f"{'mentions':>9} {'days':>6} {'attacks':>8} {'incidents':>9} {'time s':>8} {'cpu s':>8} {'peak MB':>8} "
          f"{'B3 F1':>6} | {'baseline s':>10} {'B3 F1':>6}")
    for n in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                               capture_output=True, text=True, check=True)
        row = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{row['n']:>9} {row['days']:>6} {row['attacks']:>8} {row['incidents']:>9} {row['seconds']:>8.2f} "
              f"{row['cpu_seconds']:>8.2f} "
              f"{row['peak_mb']:>8.0f} {row['f1']:>6.3f} | {row['baseline_seconds']:>10.2f} {row['baseline_f1']:>6.3f}",
              flush=True)
    by_n = {row["n"]: row for row in rows}
    if 100_000 in by_n and 1_000_000 in by_n:
        ratio = by_n[1_000_000]["cpu_seconds"] / by_n[100_000]["cpu_seconds"]
        nlogn = 1_000_000 * math.log(1_000_000) / (100_000 * math.log(100_000))
        print(f"CPU time 1M / 100k: {ratio:.1f} (n log n: {nlogn:.1f}, n^2: 100); "
              f"peak memory at 1M: {by_n[1_000_000]['peak_mb']:.0f} MB (limit 2048)")


if __name__ == "__main__":
    main()

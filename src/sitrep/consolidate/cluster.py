"""Reports -> incidents: one cluster per real attack, however many documents tell it.

The method, block by block (`PlaceIndex.block`: provinces, joined where related sites straddle a border):
1. Dated reports are cut into *segments*, runs of reports whose spans lie at most a day apart; no
   report joins across a segment boundary, so each segment is clustered on its own.
2. In a segment, reports are taken in a canonical order (precise days at a site, then intervals,
   then reports naming only a province; each by time, doc_id and event id). Each joins the
   best-scoring cluster it may join, or starts one. It may join when
   - no report of the cluster comes from its document (two events of one article are two
     attacks), both carry the same `distinct` flag ("a second attack" stays apart from the
     first), and the kinds can describe one attack;
   - the time agrees: its date is a date of the cluster, or the spans overlap ("il y a quatre
     jours" meets a dated report; if its best date falls outside the cluster's days, details
     must agree more than they contradict);
   - the place agrees: the same site, a town containing the site (Erbil, its airport), or, with
     details agreeing more than they contradict, a nearby installation (al-Tanf, Tower 22 23 km
     away) or the province alone (then only when a single cluster fits);
   - the attackers agree (a state's forces, or an armed group); as extraction confuses who hit
     whom, opposite attackers still join at the same site on the same day, with a lower score.
3. Clusters with a common site merge when their reports are a night apart (US "Saturday evening"
   is Sunday in Iraq) or a two-day interval of one meets the other's span, and details agree on balance.
4. Reports with no time at all join the only compatible cluster at their site, else stay apart.

The canonical order makes the result independent of input order, and an incident's id derives
from its first report in that order, so re-runs give the same ids. The cost is a sort plus a sweep
with a per-day index: O(n log n).
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sitrep.consolidate.places import NEAR, REGION, SAME, UNRELATED, Place
from sitrep.consolidate.reports import Report, ReportKey, Theatre
from sitrep.normalize import fold_token

EXACT, OVERLAP, APART = 2, 1, 0  # time relations, strongest first
SLACK_DAYS = 1  # reports this many days apart may still tell one attack (time zones, nights)
# Event kinds one attack can be reported as; "other_attack" goes with every kind.
KIND_FAMILIES = (
    frozenset({"rocket_or_missile_attack", "drone_attack", "interception", "artillery_shelling", "air_strike"}),
    frozenset({"armed_clash", "ied_or_bomb", "artillery_shelling"}),
)
GENERIC_KIND = "other_attack"
# Canonical times of day (lang/*/time.yaml parts_of_day) that may cross midnight in another time zone.
LATE_TIMES = frozenset({"evening", "night"})
EARLY_TIMES = frozenset({"dawn", "early morning", "night"})
LATE_HOUR, EARLY_HOUR = 18, 6
ATTACKER_PENALTY = 5  # score lost by a report whose attacker contradicts the cluster's
UNDATED_MARGIN = 2  # detail points by which one of several clusters must lead to take an undated report
UNDATED_MAX_CANDIDATES = 8  # more incidents than this at a site: an undated report cannot be placed there

Incidents = dict[str, list[ReportKey]]  # incident id -> member report keys, anchor first


@dataclass(eq=False)
class Cluster:
    """Reports of one attack as they are gathered; `members[0]` is the anchor that names it."""

    members: list[Report] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    days: set[int] = field(default_factory=set)  # best dates of the members
    precise: set[int] = field(default_factory=set)  # days of members dated to one day
    start: int | None = None  # the span covered: precise days, else the anchor's interval
    end: int | None = None
    places: dict[str, Place] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)
    attackers: set[str] = field(default_factory=set)

    def add(self, report: Report) -> None:
        """Take a report in; a precisely dated one widens the span to its day."""
        if not self.members:
            self.start, self.end = report.earliest, report.latest
        self.members.append(report)
        self.docs.add(report.doc_id)
        self.places.setdefault(report.place.key, report.place)
        self.kinds.add(report.kind)
        if report.attacker:
            self.attackers.add(report.attacker)
        if report.day is not None:
            self.days.add(report.day)
        if report.dated and report.earliest == report.latest:
            if not self.precise:
                self.start = self.end = report.earliest
            self.precise.add(report.earliest)
            self.start, self.end = min(self.start, report.earliest), max(self.end, report.earliest)

    def absorb(self, other: Cluster) -> None:
        """Take in every report of another cluster."""
        for report in other.members:
            self.add(report)

    @property
    def anchor(self) -> Report:
        return self.members[0]

    @property
    def distinct(self) -> bool:
        return self.anchor.distinct


def incident_id(anchor: Report) -> str:
    """`<date>_<place>_<hash>`: the anchor's date and place, and a hash of its doc and event ids."""
    first = date.fromordinal(anchor.day or anchor.earliest).isoformat() if anchor.dated else "undated"
    place = re.sub(r"\W+", "_", fold_token(anchor.place.name)).strip("_")[:40] or "unknown"
    digest = hashlib.sha1(f"{anchor.doc_id}\x1f{anchor.event_id}".encode()).hexdigest()[:8]
    return f"{first}_{place}_{digest}"


def processing_order(report: Report) -> tuple:
    """Canonical order: precise reports at a site, then intervals, then region-level; by time and ids."""
    if report.place.specificity <= REGION:
        phase = 2
    else:
        phase = 0 if report.earliest == report.latest else 1
    return (phase, report.earliest or 0, report.latest or 0, report.distinct, report.doc_id, report.event_id)


# --- compatibility ------------------------------------------------------------------------------


def kinds_agree(first: str, second: str) -> bool:
    """Whether two event kinds can describe one attack."""
    if GENERIC_KIND in (first, second) or first == second:
        return True
    return any(first in family and second in family for family in KIND_FAMILIES)


def may_join(report: Report, cluster: Cluster) -> bool:
    """The hard constraints: another document, the same distinct flag, compatible kinds."""
    return (
        report.doc_id not in cluster.docs
        and report.distinct == cluster.distinct
        and all(kinds_agree(report.kind, kind) for kind in cluster.kinds)
    )


def attackers_agree(report: Report, cluster: Cluster) -> bool:
    """No report of the cluster has the other kind of attacker (a state's forces vs an armed group)."""
    return report.attacker is None or cluster.attackers <= {report.attacker}


def shared_details(report: Report, members: Iterable[Report]) -> int:
    """How many specific details of the report some member shares: kind, weapons, actor, counts."""
    members = list(members)
    shared = [
        report.kind != GENERIC_KIND and any(m.kind == report.kind for m in members),
        bool(report.weapons) and any(report.weapons & m.weapons for m in members),
        report.actor is not None and any(m.actor == report.actor for m in members),
    ]
    shared += [getattr(report, name) is not None and any(getattr(m, name) == getattr(report, name) for m in members)
               for name in ("munition_count", "killed", "injured")]
    return sum(shared)


def contradicting_details(report: Report, members: Iterable[Report]) -> int:
    """Details on which the report disagrees with every member: another named kind, disjoint weapons."""
    members = list(members)
    other_kind = report.kind != GENERIC_KIND and all(m.kind not in (GENERIC_KIND, report.kind) for m in members)
    other_weapons = bool(report.weapons) and all(m.weapons and not m.weapons & report.weapons for m in members)
    return other_kind + other_weapons


def detail_balance(report: Report, members: Iterable[Report]) -> int:
    """Shared details minus contradicting ones."""
    members = list(members)
    return shared_details(report, members) - contradicting_details(report, members)


def time_relation(report: Report, cluster: Cluster) -> int:
    """EXACT (the report's date is a date of the cluster), OVERLAP (the spans meet) or APART."""
    if report.day is not None and report.day in cluster.days:
        return EXACT
    return OVERLAP if report.earliest <= cluster.end and report.latest >= cluster.start else APART


def best_day_outside(report: Report, cluster: Cluster) -> bool:
    """The report's best date lies outside the cluster's precisely dated days (only its interval meets them)."""
    return report.day is not None and bool(cluster.precise) and not cluster.start <= report.day <= cluster.end


def join_score(report: Report, cluster: Cluster, theatre: Theatre) -> int | None:
    """How well a report fits a cluster, or None when it may not join it."""
    if not may_join(report, cluster):
        return None
    time = time_relation(report, cluster)
    place = max(theatre.places.relation(report.place, other) for other in cluster.places.values())
    if time == APART or place == UNRELATED:
        return None
    details = detail_balance(report, cluster.members)
    if details <= 0 and (place == NEAR or (time == OVERLAP and best_day_outside(report, cluster))):
        return None
    if attackers_agree(report, cluster):
        return 10 * (time + place) + details
    # Extraction confuses who attacked whom ("a strike killed a Kataib Hezbollah commander"):
    # opposite attackers join only at the same site on the same day, and rank below agreeing ones.
    return 10 * (time + place) + details - ATTACKER_PENALTY if time == EXACT and place == SAME else None


def best_cluster(report: Report, candidates: Iterable[Cluster], theatre: Theatre) -> Cluster | None:
    """The highest-scoring cluster the report may join; ties go to the larger, then the earlier one.

    A report naming only a region joins only when a single cluster fits: a province holds many sites.
    """
    scored = [(score, c) for c in candidates if (score := join_score(report, c, theatre)) is not None]
    if not scored or (report.place.specificity <= REGION and len(scored) > 1):
        return None
    return min(scored, key=lambda item: (-item[0], -len(item[1].members), processing_order(item[1].anchor)))[1]


# --- merging clusters a day apart ---------------------------------------------------------------


def crosses_midnight(report: Report, later: bool) -> bool:
    """An evening or night report (`later` False), or a dawn or night one (`later` True)."""
    value = (report.time_of_day or "").strip().lower()
    if re.fullmatch(r"\d{1,2}:\d{2}", value):
        hour = int(value.split(":")[0])
        return hour < EARLY_HOUR if later else hour >= LATE_HOUR
    return value in (EARLY_TIMES if later else LATE_TIMES)


def one_day_apart(first: Report, second: Report) -> bool:
    """Two reports whose days may be one: a night between them, or a two-day interval ("Wednesday or
    Thursday") meeting the other's span; longer intervals are too vague to bridge two attacks."""
    if first.earliest > second.latest or second.earliest > first.latest:
        earlier, later = sorted((first, second), key=lambda report: report.earliest)
        return (earlier.earliest == earlier.latest == later.earliest - SLACK_DAYS == later.latest - SLACK_DAYS
                and (crosses_midnight(earlier, later=False) or crosses_midnight(later, later=True)))
    return any(0 < report.latest - report.earliest <= SLACK_DAYS for report in (first, second))


def merge_score(first: Cluster, second: Cluster) -> int | None:
    """Shared details when two clusters at one site, a day apart, tell one attack; else None."""
    shared_sites = [key for key in first.places.keys() & second.places.keys() if first.places[key].specificity > REGION]
    if first.docs & second.docs or first.distinct != second.distinct or not shared_sites:
        return None
    if not all(may_join(report, first) and attackers_agree(report, first) for report in second.members):
        return None
    if not any(one_day_apart(a, b) for a in first.members for b in second.members):
        return None
    details = max(detail_balance(report, first.members) for report in second.members)
    return details if details > 0 else None


def member_days(cluster: Cluster) -> set[int]:
    """Every day some member's span covers."""
    return {day for member in cluster.members for day in range(member.earliest, member.latest + 1)}


def merge_adjacent(clusters: list[Cluster]) -> list[Cluster]:
    """Step 3: merge each cluster, in canonical order, into the best earlier one that tells the same attack."""
    kept: list[Cluster] = []
    by_day: dict[int, list[Cluster]] = defaultdict(list)
    for cluster in sorted(clusters, key=lambda c: processing_order(c.anchor)):
        partners = {id(p): p for day in member_days(cluster) for near in range(day - SLACK_DAYS, day + SLACK_DAYS + 1)
                    for p in by_day.get(near, ())}
        scored = [(score, p) for p in partners.values() if (score := merge_score(p, cluster)) is not None]
        target = cluster
        if scored:
            target = min(scored, key=lambda item: (-item[0], processing_order(item[1].anchor)))[1]
            target.absorb(cluster)
        else:
            kept.append(cluster)
        for day in member_days(target):
            if target not in by_day[day]:
                by_day[day].append(target)
    return kept


# --- segments, undated reports, blocks ----------------------------------------------------------


def segments(reports: Iterable[Report]) -> list[list[Report]]:
    """Dated reports in runs whose spans lie at most SLACK_DAYS apart, in time order."""
    runs: list[list[Report]] = []
    end = None
    for report in sorted(reports, key=lambda r: (r.earliest, r.latest, r.doc_id, r.event_id)):
        if end is None or report.earliest > end + SLACK_DAYS:
            runs.append([])
            end = report.latest
        runs[-1].append(report)
        end = max(end, report.latest)
    return runs


def cluster_segment(reports: Iterable[Report], theatre: Theatre) -> list[Cluster]:
    """Cluster the dated reports of one segment (steps 2 and 3 of the module docstring)."""
    clusters: list[Cluster] = []
    by_day: dict[int, list[Cluster]] = defaultdict(list)
    for report in sorted(reports, key=processing_order):
        candidates = {id(c): c for day in range(report.earliest, report.latest + 1) for c in by_day.get(day, ())}
        cluster = best_cluster(report, candidates.values(), theatre)
        if cluster is None:
            cluster = Cluster()
            clusters.append(cluster)
        cluster.add(report)
        for day in range(cluster.start, cluster.end + 1):
            if cluster not in by_day[day]:
                by_day[day].append(cluster)
    return merge_adjacent(clusters)


def undated_details(report: Report, members: list[Report]) -> int:
    """Details an undated report shares with a cluster, where target and time of day count too."""
    extra = [report.target is not None and any(m.target == report.target for m in members),
             report.time_of_day is not None and any(m.time_of_day == report.time_of_day for m in members)]
    return detail_balance(report, members) + sum(extra)


def best_on_details(report: Report, candidates: list[Cluster]) -> Cluster | None:
    """The only candidate, or the one leading all others on details by UNDATED_MARGIN, else None."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    ranked = sorted(((undated_details(report, c.members), processing_order(c.anchor), c) for c in candidates),
                    key=lambda item: (-item[0], item[1]))
    return ranked[0][2] if ranked[0][0] - ranked[1][0] >= UNDATED_MARGIN else None


def attach_undated(undated: Iterable[Report], clusters: list[Cluster]) -> list[Cluster]:
    """Step 4: each undated report joins the one compatible cluster at its site, else stays apart.

    Undated reports at a site with no dated cluster group together when compatible; at a site with
    more than UNDATED_MAX_CANDIDATES clusters they stay apart (too many attacks there to choose).
    """
    result = list(clusters)
    at_place: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        for key in cluster.places:
            at_place[key].append(cluster)
    loose: dict[str, list[Cluster]] = defaultdict(list)
    for report in sorted(undated, key=lambda r: (r.doc_id, r.event_id)):
        here = at_place.get(report.place.key, [])
        if len(here) > UNDATED_MAX_CANDIDATES:
            chosen = None
        elif here:
            chosen = best_on_details(report, [c for c in here if may_join(report, c)])
        else:
            chosen = next((c for c in loose[report.place.key] if may_join(report, c)), None)
        if chosen is None:
            chosen = Cluster()
            result.append(chosen)
            if not here:
                loose[report.place.key].append(chosen)
        chosen.add(report)
    return result


def cluster_block(reports: Iterable[Report], theatre: Theatre) -> list[Cluster]:
    """Cluster the reports of one block: segment by segment, then the undated ones."""
    reports = list(reports)
    clusters = [c for run in segments(r for r in reports if r.dated) for c in cluster_segment(run, theatre)]
    return attach_undated((r for r in reports if not r.dated), clusters)


def by_block(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Reports grouped by block."""
    blocks: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        blocks[report.block].append(report)
    return blocks


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (reference counting still frees everything).

    Clustering allocates millions of small acyclic objects while every report stays alive; each
    full collection would walk the whole heap again, which makes time grow faster than n log n.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cluster_reports(reports: Iterable[Report], theatre: Theatre) -> Incidents:
    """Batch consolidation: incident id -> member report keys, anchor first."""
    with cyclic_gc_paused():
        return {
            incident_id(cluster.anchor): [member.key for member in cluster.members]
            for block_reports in by_block(reports).values()
            for cluster in cluster_block(block_reports, theatre)
        }


@dataclass
class Changes:
    """What re-clustering some blocks did: incidents now in them, and ids created, changed or gone."""

    incidents: Incidents
    changed: set[str]
    removed: set[str]


def recluster(previous: Incidents, reports: Iterable[Report], theatre: Theatre) -> Changes:
    """Incremental consolidation: re-cluster the blocks `reports` fill, against their old incidents.

    Args:
        previous: the incidents that held the old reports of these blocks (and only those).
        reports: every report of the touched blocks, old and new.

    Returns:
        The blocks' incidents, with the ids whose membership is new or changed, and those gone;
        incidents of other blocks are untouched, and the result equals a batch run.
    """
    incidents = cluster_reports(reports, theatre)
    changed = {key for key, members in incidents.items() if previous.get(key) != members}
    return Changes(incidents, changed, set(previous) - set(incidents))

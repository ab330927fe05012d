"""The scorer of SCHEMA.md: event matching, field accuracy, statistics and incident clustering.

Pure functions over dicts in the extract contract (gold.jsonl lines and system records alike).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sitrep.eval.matching import max_weight_matching
from sitrep.eval.sites import SiteIndex, distance_km, normalise_text, pack_sites

MODES = ("meta", "text")
FIELDS = (
    "date",
    "country",
    "admin1",
    "event_kind",
    "weapons",
    "munition_count",
    "actor",
    "actor_basis",
    "target",
    "killed",
    "injured",
)
# In text mode, documents whose date cannot be read from the text are scored without time.
UNDATED_BASES = frozenset({"external", "unknown"})
NEAR_SITE_KM = 5.0
TIME_SLACK = timedelta(days=1)

Record = dict[str, Any]
Span = tuple[date, date]


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def harmonic_mean(first: float | None, second: float | None) -> float | None:
    """F1 from precision and recall; None when either is undefined."""
    if first is None or second is None:
        return None
    return 2 * first * second / (first + second) if first + second else 0.0


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with precision/recall/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """F1; 0 when something was expected or predicted and nothing matched, None when nothing was."""
        if self.tp == 0:
            return 0.0 if self.fp or self.fn else None
        return harmonic_mean(self.precision, self.recall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        """Counts and the three figures, for JSON."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class FieldAccuracy:
    """How many matched pairs agree on one field, out of the pairs where it is scored."""

    correct: int = 0
    matched: int = 0

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.matched)

    def to_dict(self) -> dict[str, Any]:
        """Counts and accuracy, for JSON."""
        return {"correct": self.correct, "matched": self.matched, "accuracy": self.accuracy}


@dataclass(frozen=True)
class BCubed:
    """B-cubed precision and recall of incident clustering, averaged over gold events."""

    precision: float | None = None
    recall: float | None = None

    @property
    def f1(self) -> float | None:
        return harmonic_mean(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """The three figures, for JSON."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class StatisticScores:
    """Statistic counts plus the gold statistics found and missed (doc_id, claimant, count, what)."""

    counts: Counts = field(default_factory=Counts)
    found: list[Record] = field(default_factory=list)
    missed: list[Record] = field(default_factory=list)


@dataclass
class Scores:
    """Everything the scorer measures on one corpus for one system."""

    mode: str
    n_docs: int
    n_gold: int
    n_predicted: int
    events: Counts
    fields: dict[str, FieldAccuracy]
    statistics: StatisticScores
    incidents: BCubed
    # (gold incident key, predicted incident key or None) per scored gold event, for pooling corpora
    incident_pairs: list[tuple[str, str | None]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the scores."""
        return {
            "mode": self.mode,
            "n_docs": self.n_docs,
            "n_gold": self.n_gold,
            "n_predicted": self.n_predicted,
            "events": self.events.to_dict(),
            "fields": {name: accuracy.to_dict() for name, accuracy in self.fields.items()},
            "statistics": {**self.statistics.counts.to_dict(),
                           "found": self.statistics.found, "missed": self.statistics.missed},
            "incidents": self.incidents.to_dict(),
        }


# --- values -------------------------------------------------------------------------------------


def parse_day(value: Any) -> date | None:
    """An ISO date (YYYY-MM-DD, extra time part ignored), or None when absent or malformed."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def values_agree(gold_value: Any, predicted_value: Any) -> bool:
    """Equality where strings fold case, accents and "al-", and empty strings count as null."""
    gold_value = gold_value if gold_value != "" else None
    predicted_value = predicted_value if predicted_value != "" else None
    if isinstance(gold_value, str) and isinstance(predicted_value, str):
        return normalise_text(gold_value) == normalise_text(predicted_value)
    return gold_value == predicted_value


def weapon_set(event: Record) -> frozenset[str]:
    """An event's weapons as a set of normalised strings."""
    return frozenset(normalise_text(weapon) for weapon in event.get("weapons") or [])


def is_dated(gold_document: Record, mode: str) -> bool:
    """Whether time and dates are scored for this document in this mode."""
    return not (mode == "text" and gold_document.get("published_basis") in UNDATED_BASES)


# --- compatibility ------------------------------------------------------------------------------


def gold_span(event: Record) -> Span | None:
    """The gold interval [earliest, latest], falling back on `date`; None when no date is known."""
    day = parse_day(event.get("date"))
    earliest = parse_day(event.get("date_earliest")) or day or parse_day(event.get("date_latest"))
    latest = parse_day(event.get("date_latest")) or day or earliest
    return (earliest, latest) if earliest and latest else None


def predicted_spans(event: Record) -> list[Span]:
    """The predicted date as a one-day span and the predicted interval, whichever are given."""
    day = parse_day(event.get("date"))
    earliest, latest = parse_day(event.get("date_earliest")), parse_day(event.get("date_latest"))
    spans = [(day, day)] if day else []
    if earliest or latest:
        spans.append((earliest or latest, latest or earliest))
    return spans


def time_agrees(gold_event: Record, predicted_event: Record, dated: bool = True) -> bool:
    """The predicted date or interval overlaps [gold earliest - 1 day, gold latest + 1 day].

    Undated documents (text mode, external/unknown publication date) drop the condition, and so
    does a gold event with no date at all: there is nothing to compare with.
    """
    window = gold_span(gold_event)
    if not dated or window is None:
        return True
    low, high = window[0] - TIME_SLACK, window[1] + TIME_SLACK
    return any(start <= high and end >= low for start, end in predicted_spans(predicted_event))


def near_gold_site(gold_event: Record, predicted_event: Record, sites: SiteIndex) -> bool:
    """The predicted lat/lon lie within 5 km of the listed gold site's coordinates."""
    site = sites.lookup(gold_event.get("site"))
    lat, lon = predicted_event.get("lat"), predicted_event.get("lon")
    if site is None or lat is None or lon is None:
        return False
    return distance_km(site.lat, site.lon, float(lat), float(lon)) <= NEAR_SITE_KM


def same_region(gold_event: Record, predicted_event: Record) -> bool:
    """Same (non-null) country and same admin1."""
    return (
        bool(gold_event.get("country"))
        and values_agree(gold_event.get("country"), predicted_event.get("country"))
        and values_agree(gold_event.get("admin1"), predicted_event.get("admin1"))
    )


def place_agrees(gold_event: Record, predicted_event: Record, sites: SiteIndex) -> bool:
    """Same canonical site, or coordinates near the gold site, or (a site missing) same country and admin1."""
    gold_site, predicted_site = gold_event.get("site"), predicted_event.get("site")
    if gold_site and predicted_site and sites.canonical_key(gold_site) == sites.canonical_key(predicted_site):
        return True
    if near_gold_site(gold_event, predicted_event, sites):
        return True
    return (not gold_site or not predicted_site) and same_region(gold_event, predicted_event)


def compatible(gold_event: Record, predicted_event: Record, sites: SiteIndex, dated: bool = True) -> bool:
    """SCHEMA.md Scoring 1: place agrees and time agrees."""
    return place_agrees(gold_event, predicted_event, sites) and time_agrees(gold_event, predicted_event, dated)


# --- field accuracy and matching ----------------------------------------------------------------


def date_correct(gold_event: Record, predicted_event: Record) -> bool:
    """Equal to the gold date; when that is null, null or any date inside the gold interval."""
    gold_day, predicted_day = parse_day(gold_event.get("date")), parse_day(predicted_event.get("date"))
    if gold_day is not None:
        return predicted_day == gold_day
    if predicted_day is None:
        return True
    span = gold_span(gold_event)
    return span is not None and span[0] <= predicted_day <= span[1]


def field_correct(name: str, gold_event: Record, predicted_event: Record) -> bool:
    """Whether a matched pair agrees on one scored field (SCHEMA.md Scoring 3)."""
    if name == "date":
        return date_correct(gold_event, predicted_event)
    if name == "weapons":
        return weapon_set(gold_event) == weapon_set(predicted_event)
    return values_agree(gold_event.get(name), predicted_event.get(name))


def scored_fields(dated: bool) -> tuple[str, ...]:
    """The fields scored in a document: all, or all but the date when it is undated."""
    return FIELDS if dated else tuple(name for name in FIELDS if name != "date")


def agreement(gold_event: Record, predicted_event: Record, dated: bool = True) -> int:
    """How many scored fields a pair agrees on."""
    return sum(field_correct(name, gold_event, predicted_event) for name in scored_fields(dated))


def match_events(
    gold_events: list[Record],
    predicted_events: list[Record],
    sites: SiteIndex,
    dated: bool = True,
) -> list[tuple[int, int]]:
    """Match compatible events one-to-one: most pairs first, then most agreeing fields.

    Returns:
        (gold index, predicted index) pairs, sorted by gold index.
    """
    # Any single extra pair outweighs every possible gain in agreement, so the count comes first.
    pair_bonus = len(FIELDS) * min(len(gold_events), len(predicted_events)) + 1
    weights = [
        [
            pair_bonus + agreement(gold, predicted, dated) if compatible(gold, predicted, sites, dated) else 0
            for predicted in predicted_events
        ]
        for gold in gold_events
    ]
    return max_weight_matching(weights)


# --- statistics and incidents -------------------------------------------------------------------


def statistic_key(statistic: Record) -> tuple[str | None, Any]:
    """What must agree for a statistic to count as found: normalised claimant and count."""
    claimant = statistic.get("claimant")
    return (normalise_text(claimant) if claimant else None, statistic.get("count"))


def score_statistics(doc_id: str, gold: list[Record], predicted: list[Record]) -> StatisticScores:
    """Match one document's statistics one-to-one on claimant and count."""
    available = Counter(statistic_key(statistic) for statistic in predicted)
    scores = StatisticScores()
    for statistic in gold:
        key = statistic_key(statistic)
        summary = {"doc_id": doc_id, "claimant": statistic.get("claimant"),
                   "count": statistic.get("count"), "what": statistic.get("what")}
        if available[key] > 0:
            available[key] -= 1
            scores.found.append(summary)
        else:
            scores.missed.append(summary)
    scores.counts = Counts(tp=len(scores.found), fp=len(predicted) - len(scores.found), fn=len(scores.missed))
    return scores


def incident_key(event: Record, sites: SiteIndex) -> str:
    """The event's incident, else its canonical site (or country/admin1) and date as a stand-in."""
    if event.get("incident"):
        return str(event["incident"])
    site = event.get("site")
    place = sites.canonical_key(site) if site else f"{event.get('country')}/{normalise_text(event.get('admin1') or '')}"
    return f"{place}@{event.get('date')}"


def gold_incident_key(event: Record, sites: SiteIndex) -> str | None:
    """A gold event's incident key; None (left out of B-cubed) with no incident key and no date or place."""
    if event.get("incident"):
        return str(event["incident"])
    if not event.get("date") or not (event.get("site") or event.get("admin1")):
        return None
    return incident_key(event, sites)


def matched_incident_keys(
    n_gold: int, predicted_events: list[Record], pairs: list[tuple[int, int]], sites: SiteIndex
) -> list[str | None]:
    """For each gold event of a document, the incident key of its matched prediction, or None."""
    partner = dict(pairs)
    return [
        incident_key(predicted_events[partner[index]], sites) if index in partner else None
        for index in range(n_gold)
    ]


def pair_bcubed(pairs: list[tuple[str, str | None]]) -> BCubed:
    """B-cubed of (gold key, predicted key) pairs."""
    return bcubed([gold for gold, _ in pairs], [predicted for _, predicted in pairs])


def pooled_bcubed(scores: list[Scores]) -> BCubed:
    """B-cubed over the gold events of several corpora together (their incident pairs pooled)."""
    return pair_bcubed([pair for item in scores for pair in item.incident_pairs])


def bcubed(gold_keys: list[str], predicted_keys: list[str | None]) -> BCubed:
    """B-cubed over gold events; a None predicted key (unmatched gold event) is a singleton cluster."""
    if not gold_keys:
        return BCubed()
    predicted: list[Hashable] = [
        key if key is not None else ("unmatched", index) for index, key in enumerate(predicted_keys)
    ]
    gold_sizes, predicted_sizes = Counter(gold_keys), Counter(predicted)
    shared = Counter(zip(gold_keys, predicted))
    precision = sum(shared[pair] / predicted_sizes[pair[1]] for pair in zip(gold_keys, predicted))
    recall = sum(shared[pair] / gold_sizes[pair[0]] for pair in zip(gold_keys, predicted))
    return BCubed(precision / len(gold_keys), recall / len(gold_keys))


# --- corpus -------------------------------------------------------------------------------------


def score_corpus(
    gold: list[Record],
    predicted: list[Record],
    mode: str,
    sites: SiteIndex | None = None,
) -> Scores:
    """Score a system's records against gold.jsonl lines (SCHEMA.md Scoring).

    Args:
        gold: gold documents, one per gold.jsonl line.
        predicted: system records by `doc_id`; records for documents not in gold are ignored.
        mode: "meta" or "text"; in text mode undated documents are scored without time and dates.
        sites: the gazetteer used to normalise sites; defaults to the iraq_syria pack.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    sites = sites or pack_sites()
    predicted_by_doc = {record["doc_id"]: record for record in predicted}
    events = Counts()
    correct: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    statistics = StatisticScores()
    incident_pairs: list[tuple[str, str | None]] = []
    n_predicted = 0
    for gold_document in gold:
        doc_id = gold_document["doc_id"]
        record = predicted_by_doc.get(doc_id, {})
        gold_events, predicted_events = gold_document.get("events") or [], record.get("events") or []
        dated = is_dated(gold_document, mode)
        pairs = match_events(gold_events, predicted_events, sites, dated)
        n_predicted += len(predicted_events)
        events += Counts(len(pairs), len(predicted_events) - len(pairs), len(gold_events) - len(pairs))
        for gold_index, predicted_index in pairs:
            for name in scored_fields(dated):
                matched[name] += 1
                correct[name] += field_correct(name, gold_events[gold_index], predicted_events[predicted_index])
        predicted_keys = matched_incident_keys(len(gold_events), predicted_events, pairs, sites)
        incident_pairs += [(key, predicted) for event, predicted in zip(gold_events, predicted_keys, strict=True)
                           if (key := gold_incident_key(event, sites)) is not None]
        document_statistics = score_statistics(
            doc_id, gold_document.get("statistics") or [], record.get("statistics") or []
        )
        statistics.counts += document_statistics.counts
        statistics.found += document_statistics.found
        statistics.missed += document_statistics.missed
    return Scores(
        mode=mode,
        n_docs=len(gold),
        n_gold=sum(len(document.get("events") or []) for document in gold),
        n_predicted=n_predicted,
        events=events,
        fields={name: FieldAccuracy(correct[name], matched[name]) for name in FIELDS},
        statistics=statistics,
        incidents=pair_bcubed(incident_pairs),
        incident_pairs=incident_pairs,
    )

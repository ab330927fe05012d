"""Present a Comparison: rows of figures, a rich table, JSON."""

from __future__ import annotations

import json

from rich.table import Table

from sitrep.eval.harness import Comparison, Evaluation
from sitrep.eval.scorer import FIELDS, BCubed, Counts, FieldAccuracy, Scores

Row = tuple[str, str, str]


def figure(value: float | None) -> str:
    """A score with three decimals, or "n/a" when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def count_rows(scores: Scores) -> list[tuple[str, str]]:
    """Corpus size and number of predictions."""
    return [
        ("documents", str(scores.n_docs)),
        ("gold events", str(scores.n_gold)),
        ("predicted events", str(scores.n_predicted)),
    ]


def prf_rows(prefix: str, counts: Counts) -> list[tuple[str, str]]:
    """Precision, recall and F1 with the counts behind them."""
    return [
        (f"{prefix} precision", f"{figure(counts.precision)} ({counts.tp}/{counts.tp + counts.fp})"),
        (f"{prefix} recall", f"{figure(counts.recall)} ({counts.tp}/{counts.tp + counts.fn})"),
        (f"{prefix} F1", figure(counts.f1)),
    ]


def field_row(name: str, accuracy: FieldAccuracy) -> tuple[str, str]:
    """One field's accuracy over matched pairs, with n correct / n matched."""
    return (f"{name} accuracy", f"{figure(accuracy.accuracy)} ({accuracy.correct}/{accuracy.matched})")


def score_rows(scores: Scores, incidents: bool) -> list[tuple[str, str]]:
    """Every reported line for one system, in table order."""
    rows = count_rows(scores) + prf_rows("event", scores.events)
    rows += [field_row(name, scores.fields[name]) for name in FIELDS]
    rows += prf_rows("statistic", scores.statistics.counts)
    if incidents:
        rows += bcubed_rows(scores.incidents)
    return rows


def bcubed_rows(bcubed: BCubed) -> list[tuple[str, str]]:
    """Incident clustering: B-cubed precision, recall and F1."""
    return [
        ("incident B3 precision", figure(bcubed.precision)),
        ("incident B3 recall", figure(bcubed.recall)),
        ("incident B3 F1", figure(bcubed.f1)),
    ]


def comparison_rows(comparison: Comparison, incidents: bool = False) -> list[Row]:
    """(label, sitrep, baseline) for every reported line."""
    system = score_rows(comparison.system, incidents)
    baseline = score_rows(comparison.baseline, incidents)
    return [(label, mine, theirs) for (label, mine), (_, theirs) in zip(system, baseline, strict=True)]


def comparison_table(comparison: Comparison, incidents: bool = False) -> Table:
    """A rich table, sitrep beside the baseline."""
    table = Table(title=f"{comparison.corpus} ({comparison.mode} mode)")
    table.add_column("measure")
    table.add_column("sitrep", justify="right")
    table.add_column("baseline", justify="right")
    for row in comparison_rows(comparison, incidents):
        table.add_row(*row)
    return table


def comparison_json(comparison: Comparison, incidents: bool = False) -> str:
    """The comparison as indented JSON; incident scores only when asked for."""
    data = comparison.to_dict()
    if not incidents:
        for system in ("sitrep", "baseline"):
            data[system].pop("incidents")
    return json.dumps(data, ensure_ascii=False, indent=2)


def pooled_table(evaluation: Evaluation) -> Table:
    """Incident clustering over every corpus together, sitrep beside the baseline."""
    names = ", ".join(comparison.corpus for comparison in evaluation.comparisons)
    table = Table(title=f"incidents over all corpora together ({names})")
    table.add_column("measure")
    table.add_column("sitrep", justify="right")
    table.add_column("baseline", justify="right")
    gold_events = sum(len(comparison.system.incident_pairs) for comparison in evaluation.comparisons)
    table.add_row("gold events scored", str(gold_events), str(gold_events))
    system, baseline = evaluation.pooled_incidents
    for (label, mine), (_, theirs) in zip(bcubed_rows(system), bcubed_rows(baseline), strict=True):
        table.add_row(label, mine, theirs)
    return table


def evaluation_json(evaluation: Evaluation, incidents: bool = False) -> str:
    """One corpus: its comparison as JSON; several: {"corpora": [...], "all": pooled incident scores}."""
    if len(evaluation.comparisons) == 1:
        return comparison_json(evaluation.comparisons[0], incidents)
    data: dict = {"corpora": [json.loads(comparison_json(c, incidents)) for c in evaluation.comparisons]}
    if incidents:
        system, baseline = evaluation.pooled_incidents
        data["all"] = {"incidents": {"sitrep": system.to_dict(), "baseline": baseline.to_dict()}}
    return json.dumps(data, ensure_ascii=False, indent=2)

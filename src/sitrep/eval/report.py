"""Present a Comparison: rows of figures, a rich table, JSON."""

from __future__ import annotations

import json

from rich.table import Table

from sitrep.eval.harness import Comparison
from sitrep.eval.scorer import FIELDS, Counts, FieldAccuracy, Scores

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
        bcubed = scores.incidents
        rows += [
            ("incident B3 precision", figure(bcubed.precision)),
            ("incident B3 recall", figure(bcubed.recall)),
            ("incident B3 F1", figure(bcubed.f1)),
        ]
    return rows


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

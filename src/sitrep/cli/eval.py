"""`sitrep eval GOLD_DIR...`: score sitrep and the baseline on gold corpora."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console

from sitrep.eval.harness import corpus_dirs, evaluate_corpora
from sitrep.eval.report import comparison_table, evaluation_json, pooled_table
from sitrep.settings import Settings

FORMATS = ("table", "json")


def eval_command(gold_dirs: Path | Iterable[Path], mode: str, fmt: str, settings: Settings,
                 incidents: bool = False, oracle: bool = False) -> None:
    """Print sitrep's scores beside the baseline's, as tables or as JSON.

    Args:
        gold_dirs: corpus folders (docs/ and gold.jsonl), or folders of corpora; the corpora are
            scored each on its own, and incident clustering also over all of them together.
        mode: "meta" (url and published given) or "text" (text only).
        fmt: "table" or "json".
        settings: run-time settings, passed to the extractor.
        incidents: also report B-cubed incident clustering.
        oracle: consolidate the gold events themselves (perfect extraction), to score consolidation alone.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    corpora = corpus_dirs([gold_dirs] if isinstance(gold_dirs, Path | str) else gold_dirs)
    if not corpora:
        raise ValueError("no corpus (a folder with gold.jsonl) in the given paths")
    evaluation = evaluate_corpora(corpora, mode, settings, oracle)
    if fmt == "json":
        print(evaluation_json(evaluation, incidents))
        return
    console = Console()
    for comparison in evaluation.comparisons:
        console.print(comparison_table(comparison, incidents))
    if incidents and len(corpora) > 1:
        console.print(pooled_table(evaluation))

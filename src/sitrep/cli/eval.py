"""`sitrep eval GOLD_DIR`: score sitrep and the baseline on a gold corpus."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sitrep.eval.harness import compare_with_baseline
from sitrep.eval.report import comparison_json, comparison_table
from sitrep.settings import Settings

FORMATS = ("table", "json")


def eval_command(gold_dir: Path, mode: str, fmt: str, settings: Settings, incidents: bool = False) -> None:
    """Print sitrep's scores beside the baseline's, as a table or as JSON.

    Args:
        gold_dir: a corpus folder with docs/ and gold.jsonl.
        mode: "meta" (url and published given) or "text" (text only).
        fmt: "table" or "json".
        settings: run-time settings, passed to the extractor.
        incidents: also report B-cubed incident clustering.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    comparison = compare_with_baseline(Path(gold_dir), mode, settings)
    if fmt == "json":
        print(comparison_json(comparison, incidents))
    else:
        Console().print(comparison_table(comparison, incidents))

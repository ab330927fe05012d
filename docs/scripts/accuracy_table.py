"""Write the accuracy page (Markdown) by running `sitrep eval --format json --incidents` on the shared corpora.

Run by the MkDocs hook at build time (`docs/scripts/hooks.py`), or by hand:
    .venv/bin/python docs/scripts/accuracy_table.py ../shared/corpus > accuracy.md
The corpora stay outside the repository; without them the page says so instead of showing figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

CORPUS_ROOT = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FIELDS_SHOWN = ("date", "country", "admin1", "event_kind", "weapons", "munition_count", "actor", "actor_basis",
                "target", "killed", "injured")


def run_eval(corpus_root: Path) -> dict[str, Any]:
    """The JSON `sitrep eval` prints for every corpus under `corpus_root` (meta mode, incidents scored)."""
    command = [sys.executable, "-c", "from sitrep.cli.app import main; main()",
               "eval", str(corpus_root), "--format", "json", "--incidents"]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def score(value: float | None) -> str:
    """A score with three decimals, "n/a" when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def accuracy_page(evaluation: dict[str, Any], command: str) -> str:
    """The Markdown page: events P/R/F1, field accuracy and incident B-cubed, sitrep beside the baseline."""
    corpora = evaluation["corpora"]
    names = [corpus["corpus"] for corpus in corpora]
    lines = ["# Accuracy on the shared corpora", "",
             f"Generated at documentation build time by `{command}` (meta mode: URL and publication date given).",
             "Each cell is sitrep / baseline (dateparser + plain alias matching); the scoring rules are in",
             "[Scoring rules](scoring.md).", "",
             "## Events", "",
             "| corpus | documents | gold events | precision | recall | F1 |", "| --- | --- | --- | --- | --- | --- |"]
    for corpus in corpora:
        ours, base = corpus["sitrep"], corpus["baseline"]
        lines.append(f"| {corpus['corpus']} | {ours['n_docs']} | {ours['n_gold']} | "
                     + " | ".join(f"{score(ours['events'][k])} / {score(base['events'][k])}"
                                  for k in ("precision", "recall", "f1")) + " |")
    lines += ["", "## Field accuracy over matched events", "",
              "| field | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    for name in FIELDS_SHOWN:
        cells = []
        for corpus in corpora:
            ours = corpus["sitrep"]["fields"].get(name) or {}
            base = corpus["baseline"]["fields"].get(name) or {}
            cells.append(f"{score(ours.get('accuracy'))} / {score(base.get('accuracy'))}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    bcubed = [(corpus["corpus"], corpus["sitrep"].get("incidents"), corpus["baseline"].get("incidents"))
              for corpus in corpora]
    if any(ours for _, ours, _ in bcubed):
        lines += ["", "## Incident clustering (B-cubed)", "",
                  "| corpus | precision | recall | F1 |", "| --- | --- | --- | --- |"]
        for name, ours, base in bcubed:
            if ours:
                cells = [f"{score(ours.get(k))} / {score((base or {}).get(k))}" for k in ("precision", "recall", "f1")]
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def accuracy_markdown(corpus_root: Path = CORPUS_ROOT) -> str:
    """The accuracy page for the corpora under `corpus_root`, or a note when they are absent."""
    if not corpus_root.is_dir():
        return ("# Accuracy on the shared corpora\n\nThe corpora were not found at build time "
                f"(`{corpus_root}`); build the documentation with `../shared/corpus` beside the repository.\n")
    return accuracy_page(run_eval(corpus_root), f"sitrep eval {corpus_root.name}/ --format json --incidents")


if __name__ == "__main__":
    print(accuracy_markdown(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_ROOT), end="")

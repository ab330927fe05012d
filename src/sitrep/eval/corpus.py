"""Reading an evaluation corpus: docs/<doc_id>.txt and gold.jsonl (SCHEMA.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def load_gold(corpus_dir: Path) -> list[dict[str, Any]]:
    """The gold documents of a corpus, one per non-blank line of gold.jsonl."""
    with (corpus_dir / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def corpus_texts(corpus_dir: Path) -> Iterator[tuple[str, str]]:
    """(doc_id, text) for every docs/*.txt, in file-name order."""
    for path in sorted((corpus_dir / "docs").glob("*.txt")):
        yield path.stem, path.read_text(encoding="utf-8")

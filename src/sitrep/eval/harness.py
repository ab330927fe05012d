"""Run sitrep and the baseline over a gold corpus and score both the same way."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep import extract
from sitrep.errors import SitrepError
from sitrep.eval.baseline import run_baseline
from sitrep.eval.corpus import corpus_texts, load_gold
from sitrep.eval.scorer import MODES, Scores, score_corpus
from sitrep.eval.sites import pack_sites
from sitrep.models import Document
from sitrep.settings import Settings

logger = logging.getLogger(__name__)


def input_document(doc_id: str, text: str, gold_document: dict[str, Any], mode: str) -> Document:
    """The Document the system sees: text only, plus url and published in meta mode."""
    if mode != "meta":
        return Document(doc_id=doc_id, text=text)
    published = gold_document.get("published")
    return Document(
        doc_id=doc_id,
        text=text,
        url=gold_document.get("url"),
        published=published,
        published_basis="given" if published else "unknown",
    )


def run_system(corpus_dir: Path, mode: str, settings: Settings) -> list[dict[str, Any]]:
    """sitrep's records (extract contract) for every docs/*.txt of a corpus.

    A document the extractor rejects is logged and left without a record (it scores as no events).
    """
    gold = {document["doc_id"]: document for document in load_gold(corpus_dir)}
    extractor = extract.Extractor(settings)
    records = []
    for doc_id, text in corpus_texts(corpus_dir):
        document = input_document(doc_id, text, gold.get(doc_id, {}), mode)
        try:
            records.append(extractor.extract(document, reference_date=None).to_record())
        except SitrepError as error:
            logger.warning("skipped %s: %s", doc_id, error)
    return records


@dataclass
class Comparison:
    """sitrep and the baseline scored on one corpus in one mode."""

    corpus: str
    mode: str
    system: Scores
    baseline: Scores

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: both score sets side by side."""
        return {"corpus": self.corpus, "mode": self.mode,
                "sitrep": self.system.to_dict(), "baseline": self.baseline.to_dict()}


def compare_with_baseline(corpus_dir: Path, mode: str, settings: Settings) -> Comparison:
    """Run sitrep and the baseline over a corpus and score both against its gold."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    gold = load_gold(corpus_dir)
    sites = pack_sites(settings.pack)
    return Comparison(
        corpus=corpus_dir.name,
        mode=mode,
        system=score_corpus(gold, run_system(corpus_dir, mode, settings), mode, sites),
        baseline=score_corpus(gold, run_baseline(corpus_dir, mode, sites), mode, sites),
    )

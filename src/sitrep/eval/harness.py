"""Run sitrep and the baseline over gold corpora and score both the same way.

sitrep's events are consolidated into incidents across every corpus evaluated together, so
incident clustering (B-cubed) can be scored per corpus and pooled over all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep import extract
from sitrep.consolidate import incident_ids
from sitrep.consolidate.reports import load_theatre
from sitrep.errors import SitrepError
from sitrep.eval.baseline import run_baseline
from sitrep.eval.corpus import corpus_texts, load_gold
from sitrep.eval.scorer import MODES, BCubed, Scores, pooled_bcubed, score_corpus
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


def gold_as_records(corpus_dir: Path) -> list[dict[str, Any]]:
    """The gold documents as a perfect extractor's records: gold events without their incident keys."""
    return [
        document | {"events": [{k: v for k, v in event.items() if k != "incident"} for event in document["events"]]}
        for document in load_gold(corpus_dir)
    ]


def add_incidents(records: list[dict[str, Any]], pack: str) -> None:
    """Consolidate the events of all records together and write each event's incident id into it."""
    assigned = incident_ids(records, load_theatre(pack))
    for record in records:
        for event in record.get("events") or []:
            event["incident"] = assigned[(record["doc_id"], str(event["id"]))]


def corpus_dirs(paths: Iterable[Path]) -> list[Path]:
    """Each path that is a corpus (holds gold.jsonl), and the corpora directly inside each other path."""
    found: list[Path] = []
    for path in map(Path, paths):
        found += [path] if (path / "gold.jsonl").is_file() else sorted(
            child for child in path.iterdir() if (child / "gold.jsonl").is_file())
    return found


@dataclass
class Evaluation:
    """Comparisons on several corpora, with incident clustering pooled over all of them."""

    comparisons: list[Comparison]

    @property
    def pooled_incidents(self) -> tuple[BCubed, BCubed]:
        """B-cubed of sitrep and of the baseline over the gold events of every corpus together."""
        return (pooled_bcubed([c.system for c in self.comparisons]),
                pooled_bcubed([c.baseline for c in self.comparisons]))


def evaluate_corpora(corpora: list[Path], mode: str, settings: Settings, oracle: bool = False) -> Evaluation:
    """Run sitrep and the baseline over corpora and score both against each corpus's gold.

    sitrep's events are consolidated across all corpora at once. With `oracle`, sitrep's records
    are the gold events themselves (incident keys removed): a perfect extraction, so the incident
    scores measure consolidation alone. The baseline's incidents are its events' site and date.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    sites = pack_sites(settings.pack)
    system = {corpus: gold_as_records(corpus) if oracle else run_system(corpus, mode, settings) for corpus in corpora}
    add_incidents([record for records in system.values() for record in records], settings.pack)
    return Evaluation([
        Comparison(
            corpus=corpus.name,
            mode=mode,
            system=score_corpus(load_gold(corpus), system[corpus], mode, sites),
            baseline=score_corpus(load_gold(corpus), run_baseline(corpus, mode, sites), mode, sites),
        )
        for corpus in corpora
    ])


def compare_with_baseline(corpus_dir: Path, mode: str, settings: Settings) -> Comparison:
    """Run sitrep and the baseline over one corpus and score both against its gold."""
    return evaluate_corpora([corpus_dir], mode, settings).comparisons[0]

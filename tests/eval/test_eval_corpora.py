"""Golden corpus checks: gold scored against itself is perfect; the baseline is measurable."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval.baseline import run_baseline
from sitrep.eval.corpus import load_gold
from sitrep.eval.scorer import FIELDS, MODES, score_corpus

CORPUS_ROOT = Path(__file__).parents[2].parent / "shared" / "corpus"
CORPORA = sorted(path for path in CORPUS_ROOT.glob("*") if (path / "gold.jsonl").exists())


def test_corpora_are_found() -> None:
    assert CORPORA, f"no corpus under {CORPUS_ROOT}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.name)
def test_gold_scored_against_itself_is_perfect(corpus: Path, mode: str) -> None:
    gold = load_gold(corpus)
    scores = score_corpus(gold, gold, mode)
    assert scores.events.f1 == 1.0
    assert scores.events.tp == scores.n_gold
    for name in FIELDS:
        accuracy = scores.fields[name]
        assert accuracy.accuracy in (1.0, None), name
    assert scores.fields["country"].matched == scores.n_gold
    assert scores.incidents.f1 == 1.0
    if any(document["statistics"] for document in gold):
        assert scores.statistics.counts.f1 == 1.0


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.name)
def test_dropped_events_and_wrong_actors_lower_scores(corpus: Path) -> None:
    gold = load_gold(corpus)
    # Each document loses its first event; every remaining event names the wrong actor.
    predicted = [
        document | {"events": [event | {"actor": "nobody"} for event in document["events"][1:]]}
        for document in gold
    ]
    scores = score_corpus(gold, predicted, "meta")
    assert scores.events.precision == 1.0
    assert scores.events.fn == sum(1 for document in gold if document["events"])
    assert scores.fields["actor"].accuracy in (0.0, None)
    assert scores.fields["date"].accuracy in (1.0, None)


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.name)
def test_baseline_runs_and_finds_some_events_in_meta_mode(corpus: Path) -> None:
    gold = load_gold(corpus)
    scores = score_corpus(gold, run_baseline(corpus, "meta"), "meta")
    assert scores.n_predicted > 0
    assert scores.events.tp > 0

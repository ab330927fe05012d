"""Incident clustering in the evaluation: gold keys, pooling corpora, consolidation of gold events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.cli.eval import eval_command
from sitrep.eval.harness import corpus_dirs, evaluate_corpora
from sitrep.eval.scorer import gold_incident_key, pair_bcubed, pooled_bcubed, score_corpus
from sitrep.eval.sites import pack_sites
from sitrep.settings import Settings

CORPUS_ROOT = Path(__file__).parents[2].parent / "shared" / "corpus"
SITES = pack_sites()


@pytest.mark.parametrize("event,expected", [
    ({"incident": "2024-01-28_tower22", "date": None}, "2024-01-28_tower22"),
    ({"site": "Tanf", "date": "2023-10-19"}, "al-Tanf garrison@2023-10-19"),
    ({"site": None, "admin1": "Deir ez-Zor", "country": "SY", "date": "2023-10-30"}, "SY/deir ez-zor@2023-10-30"),
    ({"site": "Tanf", "date": None, "date_earliest": "2023-10-18"}, None),
    ({"site": None, "admin1": None, "country": "SY", "date": "2023-10-30"}, None),
], ids=["annotated", "site_and_date", "admin1_and_date", "no_date", "no_place"])
def test_gold_incident_key(event: dict, expected: str | None) -> None:
    assert gold_incident_key(event, SITES) == expected


def test_events_without_a_key_are_left_out() -> None:
    gold = [{"doc_id": "d", "published": "2024-01-29", "published_basis": "url", "statistics": [],
             "events": [{"id": "e1", "site": "Tower 22", "country": "JO", "date": "2024-01-28"},
                        {"id": "e2", "site": "Tower 22", "country": "JO", "date": None}]}]
    scores = score_corpus(gold, gold, "meta", SITES)
    assert len(scores.incident_pairs) == 1


def test_pooling_scores_corpora_together() -> None:
    first = score_corpus([], [], "meta", SITES)
    first.incident_pairs = [("a", "x"), ("a", "x")]
    second = score_corpus([], [], "meta", SITES)
    second.incident_pairs = [("a", "y"), ("b", None)]
    pooled = pooled_bcubed([first, second])
    assert pooled == pair_bcubed(first.incident_pairs + second.incident_pairs)
    assert pooled.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_corpus_dirs_expands_a_folder_of_corpora() -> None:
    corpora = corpus_dirs([CORPUS_ROOT])
    assert CORPUS_ROOT / "dev_multi" in corpora and all((c / "gold.jsonl").is_file() for c in corpora)
    assert corpus_dirs([CORPUS_ROOT / "dev_multi"]) == [CORPUS_ROOT / "dev_multi"]


def test_consolidating_gold_events_meets_the_bar_on_all_corpora() -> None:
    """Perfect extraction: the consolidation alone, over every corpus together, reaches B-cubed F1 0.90."""
    evaluation = evaluate_corpora(corpus_dirs([CORPUS_ROOT]), "meta", Settings(), oracle=True)
    system, baseline = evaluation.pooled_incidents
    assert system.f1 >= 0.90
    assert system.f1 > baseline.f1


def test_consolidating_gold_events_of_dev_multi() -> None:
    (comparison,) = evaluate_corpora([CORPUS_ROOT / "dev_multi"], "meta", Settings(), oracle=True).comparisons
    assert comparison.system.incidents.f1 >= 0.95
    assert comparison.baseline.incidents.f1 < 0.80  # exact site and date: about 0.57-0.73


def test_json_for_several_corpora_pools_incidents(capsys: pytest.CaptureFixture[str]) -> None:
    eval_command([CORPUS_ROOT / "dev_multi", CORPUS_ROOT / "seeds"], "meta", "json", Settings(),
                 incidents=True, oracle=True)
    data = json.loads(capsys.readouterr().out)
    assert [corpus["corpus"] for corpus in data["corpora"]] == ["dev_multi", "seeds"]
    assert set(data["all"]["incidents"]) == {"sitrep", "baseline"}

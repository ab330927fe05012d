"""The Hungarian matching returns an optimal one-to-one matching."""

from __future__ import annotations

from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.eval.matching import max_weight_matching


def best_total(weights: list[list[int]]) -> int:
    """The largest total weight of a one-to-one matching, by trying every assignment."""
    rows, columns = len(weights), len(weights[0])
    if rows > columns:
        weights = [list(column) for column in zip(*weights)]
        rows, columns = columns, rows
    return max(
        sum(weights[row][column] for row, column in enumerate(chosen))
        for chosen in permutations(range(columns), rows)
    )


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(st.sampled_from([0, 0, 1, 3, 20, 21, 25]), min_size=columns, max_size=columns),
            min_size=rows, max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_matching_is_optimal_and_one_to_one(weights: list[list[int]]) -> None:
    pairs = max_weight_matching(weights)
    assert len({row for row, _ in pairs}) == len(pairs)
    assert len({column for _, column in pairs}) == len(pairs)
    assert all(weights[row][column] > 0 for row, column in pairs)
    assert sum(weights[row][column] for row, column in pairs) == best_total(weights)


def test_matching_of_empty_table_is_empty() -> None:
    assert max_weight_matching([]) == []
    assert max_weight_matching([[]]) == []


def test_matching_beats_greedy() -> None:
    # Greedy takes (0, 0) = 10 and is left with 0; the optimum pairs 0-1 and 1-0 for 9 + 9.
    assert max_weight_matching([[10, 9], [9, 0]]) == [(0, 1), (1, 0)]

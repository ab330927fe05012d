"""Exact maximum-weight one-to-one matching (the Hungarian algorithm), pure Python."""

from __future__ import annotations

import math


def max_weight_matching(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs (row, column) of a one-to-one matching with the largest total weight.

    Args:
        weights: a rectangular table of non-negative integers; 0 means "may not be paired".

    Returns:
        The chosen pairs with positive weight, sorted by row.
    """
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    table = [list(column) for column in zip(*weights)] if transposed else weights
    pairs = _min_cost_assignment([[-weight for weight in row] for row in table])
    chosen = [(row, column) for row, column in pairs if table[row][column] > 0]
    return sorted((column, row) for row, column in chosen) if transposed else sorted(chosen)


def _min_cost_assignment(cost: list[list[int]]) -> list[tuple[int, int]]:
    """Assign every row to a distinct column at minimum total cost (rows <= columns).

    The O(n^2 m) shortest-augmenting-path form with potentials (e-maxx); integer costs stay exact.
    """
    n_rows, n_columns = len(cost), len(cost[0])
    row_potential = [0] * (n_rows + 1)
    column_potential = [0] * (n_columns + 1)
    row_of_column = [0] * (n_columns + 1)  # 1-based row assigned to each column; 0 = free
    previous_column = [0] * (n_columns + 1)
    for row in range(1, n_rows + 1):
        row_of_column[0] = row
        column = 0
        slack = [math.inf] * (n_columns + 1)
        visited = [False] * (n_columns + 1)
        while row_of_column[column]:
            visited[column] = True
            current_row = row_of_column[column]
            delta, next_column = math.inf, 0
            for candidate in range(1, n_columns + 1):
                if visited[candidate]:
                    continue
                potential = row_potential[current_row] + column_potential[candidate]
                reduced = cost[current_row - 1][candidate - 1] - potential
                if reduced < slack[candidate]:
                    slack[candidate], previous_column[candidate] = reduced, column
                if slack[candidate] < delta:
                    delta, next_column = slack[candidate], candidate
            for candidate in range(n_columns + 1):
                if visited[candidate]:
                    row_potential[row_of_column[candidate]] += delta
                    column_potential[candidate] -= delta
                else:
                    slack[candidate] -= delta
            column = next_column
        while column:
            row_of_column[column] = row_of_column[previous_column[column]]
            column = previous_column[column]
    return [(row_of_column[column] - 1, column - 1) for column in range(1, n_columns + 1) if row_of_column[column]]

"""Which team visits which site: an assignment solved as a min-cost flow.

The problem, in integers so that the solver is exact:

- team ``t`` can make at most ``team_capacity[t]`` visits;
- site ``s`` can take at most ``len(site_rewards[s])`` visits, and its k-th
  visit is worth ``site_rewards[s][k]`` (the rewards never grow with k:
  the first visit to a neglected site is what matters most);
- a pair ``(t, s, cost)`` may be chosen at most once and costs ``cost``
  (distance, poor fit);
- the plan maximises the rewards earned minus the costs paid.

As a flow: source -> team (capacity, cost 0) -> site (1, pair cost) ->
sink (one arc per visit the site can take, cost ``top - reward``), plus a
bypass source -> sink at cost ``top``. Every unit of flow either pays
``top`` through the bypass or ``top + cost - reward`` through a site, so
the cheapest flow takes exactly the visits whose reward outweighs their
cost. All costs stay non-negative, and because a site's arcs to the sink
cost more and more, the flow uses them in order.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pair:
    team: int
    site: int
    cost: int


class SolverFailed(RuntimeError):
    """OR-Tools did not find the optimum; the inputs were out of range."""


def objective(chosen: Sequence[Pair], site_rewards: Sequence[Sequence[int]]) -> int:
    """What a set of chosen pairs is worth: rewards earned minus costs."""
    visits: dict[int, int] = {}
    total = 0
    for pair in chosen:
        total -= pair.cost
        visits[pair.site] = visits.get(pair.site, 0) + 1
    for site, count in visits.items():
        total += sum(site_rewards[site][:count])
    return total


def assign(
    *,
    team_capacity: Sequence[int],
    site_rewards: Sequence[Sequence[int]],
    pairs: Sequence[Pair],
) -> list[Pair]:
    """The pairs of an optimal plan (see the module docstring)."""
    if not pairs:
        return []
    chosen = assign_arrays(
        team_capacity=np.asarray(team_capacity, dtype=np.int64),
        site_rewards=site_rewards,
        pair_team=np.array([p.team for p in pairs], dtype=np.int64),
        pair_site=np.array([p.site for p in pairs], dtype=np.int64),
        pair_cost=np.array([p.cost for p in pairs], dtype=np.int64),
    )
    return [pairs[i] for i in chosen]


def assign_arrays(
    *,
    team_capacity: np.ndarray,
    site_rewards: Sequence[Sequence[int]],
    pair_team: np.ndarray,
    pair_site: np.ndarray,
    pair_cost: np.ndarray,
) -> np.ndarray:
    """``assign`` for the whole city: pairs as arrays, the chosen ones'
    positions returned. No Python loop runs per pair."""
    capacity = np.maximum(team_capacity, 0)
    supply = int(capacity.sum())
    if supply == 0 or not len(pair_team):
        return np.empty(0, dtype=np.int64)

    top = max((max(r) for r in site_rewards if r), default=0)
    teams, sites = len(capacity), len(site_rewards)
    source, sink = teams + sites, teams + sites + 1

    giving = np.nonzero(capacity > 0)[0]
    visit_site = [s for s, rewards in enumerate(site_rewards) for _ in rewards]
    visit_cost = [top - r for rewards in site_rewards for r in rewards]
    pairs = len(pair_team)
    tails = np.concatenate(
        [
            np.full(len(giving), source),
            pair_team,
            teams + np.asarray(visit_site, dtype=np.int64),
            [source],
        ]
    ).astype(np.int64)
    heads = np.concatenate(
        [giving, teams + pair_site, np.full(len(visit_site), sink), [sink]]
    ).astype(np.int64)
    capacities = np.concatenate(
        [capacity[giving], np.ones(pairs + len(visit_site)), [supply]]
    ).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(len(giving)), pair_cost, visit_cost, [top]]
    ).astype(np.int64)

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        logger.error("min-cost flow ended with status %s", status)
        raise SolverFailed(f"min-cost flow status {status}")

    first = len(giving)
    used = flow.flows(np.arange(first, first + pairs, dtype=np.int64))
    return np.nonzero(used > 0)[0]

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
    supply = sum(max(0, c) for c in team_capacity)
    if supply == 0 or not pairs:
        return []

    top = max((max(r) for r in site_rewards if r), default=0)
    teams = len(team_capacity)
    sites = len(site_rewards)
    source, sink = teams + sites, teams + sites + 1

    tails: list[int] = []
    heads: list[int] = []
    capacities: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, capacity: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        costs.append(cost)

    for t, capacity in enumerate(team_capacity):
        if capacity > 0:
            arc(source, t, capacity, 0)
    first_pair_arc = len(tails)
    for pair in pairs:
        arc(pair.team, teams + pair.site, 1, pair.cost)
    after_pairs = len(tails)
    for s, rewards in enumerate(site_rewards):
        for reward in rewards:
            arc(teams + s, sink, 1, top - reward)
    arc(source, sink, supply, top)

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        logger.error("min-cost flow ended with status %s", status)
        raise SolverFailed(f"min-cost flow status {status}")

    return [
        pairs[i - first_pair_arc]
        for i in range(first_pair_arc, after_pairs)
        if flow.flow(i) > 0
    ]

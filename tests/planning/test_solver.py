"""The city plan's assignment against a brute-force optimum.

Small random cases are solved twice: by the min-cost flow, and by trying
every subset of the allowed pairs that keeps within the capacities. Both
are scored with the same objective, so any difference is a wrong plan.
"""

import itertools
import random
from collections import Counter

import networkx as nx
import pytest

from portal.planning.solver import Pair, assign, objective


def _random_case(rng: random.Random) -> tuple[list[int], list[list[int]], list[Pair]]:
    teams, sites = rng.randint(1, 4), rng.randint(1, 4)
    team_capacity = [rng.randint(0, 3) for _ in range(teams)]
    site_rewards = []
    for _ in range(sites):
        rewards = sorted(
            (rng.randint(1, 60) for _ in range(rng.randint(0, 3))), reverse=True
        )
        site_rewards.append(rewards)
    all_pairs = [(t, s) for t in range(teams) for s in range(sites)]
    chosen = rng.sample(all_pairs, min(len(all_pairs), rng.randint(1, 10)))
    pairs = [Pair(t, s, rng.randint(0, 50)) for t, s in chosen]
    return team_capacity, site_rewards, pairs


def _feasible(
    chosen: list[Pair], team_capacity: list[int], site_rewards: list[list[int]]
) -> bool:
    per_team = Counter(p.team for p in chosen)
    per_site = Counter(p.site for p in chosen)
    return all(n <= team_capacity[t] for t, n in per_team.items()) and all(
        n <= len(site_rewards[s]) for s, n in per_site.items()
    )


def _brute_force(
    team_capacity: list[int], site_rewards: list[list[int]], pairs: list[Pair]
) -> int:
    best = 0
    for size in range(1, len(pairs) + 1):
        for subset in itertools.combinations(pairs, size):
            chosen = list(subset)
            if _feasible(chosen, team_capacity, site_rewards):
                best = max(best, objective(chosen, site_rewards))
    return best


@pytest.mark.parametrize("seed", range(300))
def test_the_plan_is_as_good_as_the_best_of_every_possible_assignment(
    seed: int,
) -> None:
    team_capacity, site_rewards, pairs = _random_case(random.Random(seed))

    plan = assign(team_capacity=team_capacity, site_rewards=site_rewards, pairs=pairs)

    assert len(set(plan)) == len(plan)
    assert set(plan) <= set(pairs)
    assert _feasible(plan, team_capacity, site_rewards)
    assert objective(plan, site_rewards) == _brute_force(
        team_capacity, site_rewards, pairs
    )


def _networkx_optimum(
    team_capacity: list[int], site_rewards: list[list[int]], pairs: list[Pair]
) -> int:
    """The same objective through networkx's network simplex.

    Each visit a site can take is its own node, so a reward is a plain arc
    weight; the best flow of any size is found by letting every unit
    return to the source for free.
    """
    graph = nx.DiGraph()
    for t, capacity in enumerate(team_capacity):
        graph.add_edge("source", ("team", t), capacity=capacity, weight=0)
    for pair in pairs:
        graph.add_edge(
            ("team", pair.team), ("site", pair.site), capacity=1, weight=pair.cost
        )
    for s, rewards in enumerate(site_rewards):
        for k, reward in enumerate(rewards):
            graph.add_edge(("site", s), ("visit", s, k), capacity=1, weight=0)
            graph.add_edge(("visit", s, k), "sink", capacity=1, weight=-reward)
    graph.add_edge("sink", "source", capacity=sum(team_capacity), weight=0)
    cost, _ = nx.network_simplex(graph)
    return -cost


@pytest.mark.parametrize("seed", range(30))
def test_the_plan_matches_networkx_on_larger_cases(seed: int) -> None:
    rng = random.Random(1000 + seed)
    teams, sites = rng.randint(5, 40), rng.randint(5, 30)
    team_capacity = [rng.randint(0, 3) for _ in range(teams)]
    site_rewards = [
        sorted((rng.randint(1, 500) for _ in range(rng.randint(0, 3))), reverse=True)
        for _ in range(sites)
    ]
    allowed = rng.sample(
        [(t, s) for t in range(teams) for s in range(sites)],
        min(teams * sites, rng.randint(10, 200)),
    )
    pairs = [Pair(t, s, rng.randint(0, 300)) for t, s in allowed]

    plan = assign(team_capacity=team_capacity, site_rewards=site_rewards, pairs=pairs)

    assert _feasible(plan, team_capacity, site_rewards)
    assert objective(plan, site_rewards) == _networkx_optimum(
        team_capacity, site_rewards, pairs
    )


def test_a_team_without_capacity_gets_nothing_and_nothing_is_forced() -> None:
    pairs = [Pair(0, 0, 5), Pair(1, 0, 90)]

    plan = assign(team_capacity=[0, 1], site_rewards=[[50]], pairs=pairs)

    # The only team free to go would cost more than the visit is worth.
    assert plan == []

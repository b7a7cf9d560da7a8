"""Module 7's claim (CURRICULUM.md): the lab's reference `pagerank` agrees with
`networkx.pagerank` on a real small graph, Zachary's karate club.

Measured on the shipped data: the largest difference from networkx is 4.5e-06 at
networkx's default tolerance (tol=1e-6, which stops its own power iteration early) and
1.0e-11 when networkx iterates to tol=1e-12; with the interaction counts as link weights it is
8.9e-06. The club's two leaders, the administrator (member 33) and the instructor (member 0),
rank first and second.

networkx treats an undirected graph as links in both directions, which is exactly what the
symmetric adjacency matrix says; the karate club has no member without links, and the
dangling-node rule (a page without links sends the surfer anywhere) is networkx's default
too, so it is checked on a directed graph with such pages as well.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from tests.conftest import CONTENT
from tests.content.test_labs import namespace_of

nx = pytest.importorskip("networkx")

LAB = CONTENT / "modules" / "07-eigenvectors" / "lab"
CLUB: dict[str, Any] = json.loads((LAB / "data" / "karate_club.json").read_text("utf-8"))
MEMBERS = list(range(34))


@pytest.fixture(scope="module")
def pagerank() -> Any:
    return namespace_of(LAB / "solution.py")["pagerank"]


def as_vector(ranks: dict[int, float]) -> np.ndarray:
    return np.array([ranks[i] for i in MEMBERS])


def test_the_lab_data_is_networkx_karate_club_graph() -> None:
    graph = nx.karate_club_graph()
    adjacency = np.array(CLUB["adjacency"])
    assert adjacency.shape == (34, 34)
    assert adjacency.sum() == 2 * graph.number_of_edges() == 156  # 78 friendships, both ways
    assert np.array_equal(adjacency, nx.to_numpy_array(graph, nodelist=MEMBERS, weight=None))
    weights = nx.to_numpy_array(graph, nodelist=MEMBERS, weight="weight")
    assert np.array_equal(np.array(CLUB["interactions"]), weights)
    assert CLUB["club"] == [graph.nodes[i]["club"] for i in MEMBERS]
    assert np.all(adjacency.sum(axis=1) > 0)  # no member without links


def test_pagerank_agrees_with_networkx_on_the_karate_club(pagerank: Any) -> None:
    ours = pagerank(CLUB["adjacency"])
    assert ours.shape == (34,)
    assert ours.sum() == pytest.approx(1.0, abs=1e-12)
    graph = nx.karate_club_graph()

    default = as_vector(nx.pagerank(graph, alpha=0.85, weight=None))
    gap = float(np.abs(ours - default).max())
    assert 1e-7 < gap < 1e-5  # measured 4.5e-06: networkx stops at its tolerance of 1e-6

    tight = as_vector(nx.pagerank(graph, alpha=0.85, weight=None, tol=1e-12, max_iter=10_000))
    assert float(np.abs(ours - tight).max()) < 1e-10  # measured 1.0e-11

    weighted = as_vector(nx.pagerank(graph, alpha=0.85))  # networkx uses the weights by default
    ours_weighted = pagerank(CLUB["interactions"])
    assert float(np.abs(ours_weighted - weighted).max()) < 1e-5  # measured 8.9e-06


def test_the_two_leaders_rank_highest(pagerank: Any) -> None:
    ranks = pagerank(CLUB["adjacency"])
    first, second = (int(i) for i in np.argsort(-ranks)[:2])
    assert (first, second) == (33, 0)
    assert CLUB["club"][first] == "Officer"
    assert CLUB["club"][second] == "Mr. Hi"
    assert ranks[33] == pytest.approx(0.1009, abs=1e-4)
    assert ranks[0] == pytest.approx(0.0970, abs=1e-4)


def test_pagerank_agrees_with_networkx_where_pages_link_nowhere(pagerank: Any) -> None:
    """The karate club has no dangling member; a directed graph with two such pages checks
    that their rank is shared as networkx shares it (evenly over every page)."""
    rng = np.random.default_rng(7)
    links = (rng.random((12, 12)) < 0.25).astype(float)
    np.fill_diagonal(links, 0.0)
    links[[3, 8]] = 0.0
    graph = nx.from_numpy_array(links, create_using=nx.DiGraph)
    for damping in (0.85, 0.5):
        expected = nx.pagerank(graph, alpha=damping, tol=1e-13, max_iter=10_000)
        got = pagerank(links, damping=damping)
        assert float(np.abs(got - np.array([expected[i] for i in range(12)])).max()) < 1e-10

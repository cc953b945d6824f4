"""A drawing a person can read: fold the bookkeeping nodes, cap the first drawing, keep the rest one click away.

`sekg viz --focus LGPS --depth 2` used to draw 193 nodes, most of them element and composition hubs with
unreadable labels. A readable view keeps the focus and the answer, folds element, composition and reference
nodes into a count on their neighbours (a toggle shows them), draws at most `cap` nodes ranked by distance to
the focus and then by how connected they are, and keeps every other node as "hidden": the page adds a node's
hidden neighbours when it is clicked. The same view serves `sekg viz` and the workbench's entity pages.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

FOLDED_KINDS = frozenset({"element", "composition", "reference"})
#: hubs every measurement points at, folded like references: QUDT units and the datasets themselves
FOLDED_IRIS = re.compile(r"^http://qudt\.org/vocab/unit/|^https://w3id\.org/sekg/resource/dataset/[^/]+$")
DEFAULT_CAP = 60
QUOTA = {"measurement": 12, "conflict": 6, "other": 8}  # at most this many of a kind in a first drawing
#: ties in distance are broken by what a researcher looks for first
KIND_PRIORITY = ["material", "family", "failure", "failure mode", "strategy", "method", "synthesis", "substitution",
                 "measurement", "cell", "conflict", "benchmark", "summary", "interface", "property", "milestone",
                 "material role", "other", "reference", "composition", "element"]


@dataclass
class ReadableView:
    """What to draw first, what a click can add, and what was folded away."""

    shown: nx.MultiDiGraph
    hidden: nx.MultiDiGraph
    highlighted: set[str] = field(default_factory=set)
    folded: Counter = field(default_factory=Counter)  # kind -> nodes folded away

    @property
    def summary(self) -> str:
        folded = ", ".join(f"{count} {kind}" for kind, count in sorted(self.folded.items()))
        text = f"{self.shown.number_of_nodes()} nodes drawn"
        if self.hidden.number_of_nodes() > self.shown.number_of_nodes():
            text += f", {self.hidden.number_of_nodes() - self.shown.number_of_nodes()} more on click"
        return text + (f"; folded: {folded}" if folded else "")


def _rank(graph: nx.MultiDiGraph, focus: list[str], highlighted: set[str]) -> list[str]:
    undirected = graph.to_undirected(as_view=True)
    distance: dict[str, int] = {}
    for seed in focus:
        if seed in graph:
            for node, hops in nx.single_source_shortest_path_length(undirected, seed).items():
                distance[node] = min(hops, distance.get(node, hops))
    degree = dict(graph.degree())

    def key(node: str) -> tuple:
        kind = graph.nodes[node].get("kind", "other")
        priority = KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)
        return (node not in focus, node not in highlighted, distance.get(node, 99), priority, -degree.get(node, 0),
                graph.nodes[node].get("label", node))
    return sorted(graph.nodes, key=key)


def readable_view(graph: nx.MultiDiGraph, focus: list[str], *, cap: int = DEFAULT_CAP, show_folded: bool = False,
                  highlighted: set[str] | None = None) -> ReadableView:
    """The first drawing of `graph` around `focus`: folded kinds out (unless show_folded), at most `cap` nodes."""
    highlighted = set(highlighted or ()) & set(graph.nodes)
    keep = set(graph.nodes)
    folded: Counter = Counter()
    if not show_folded:
        for node, data in graph.nodes(data=True):
            kind = data.get("kind")
            if kind not in FOLDED_KINDS and FOLDED_IRIS.match(node):
                kind = "unit" if "qudt" in node else "dataset"
            if (kind in FOLDED_KINDS or kind in ("unit", "dataset")) and node not in focus and node not in highlighted:
                keep.discard(node)
                folded[kind] += 1
    pool = graph.subgraph(keep).copy()
    for node in pool.nodes:  # say on each node what was folded beside it
        beside = Counter(graph.nodes[other].get("kind", "other") for other in nx.all_neighbors(graph, node)
                         if other not in keep)
        if beside:
            pool.nodes[node]["title"] = (pool.nodes[node].get("title", "") + "\nfolded: " +
                                         ", ".join(f"{count} {kind}" for kind, count in sorted(beside.items())))
    ranked = _rank(pool, focus, highlighted)
    chosen: list[str] = []
    per_kind: Counter = Counter()
    for node in ranked:  # measurements (hundreds for a well-studied material) get a quota, so the drawing has room
        kind = pool.nodes[node].get("kind", "other")
        if node in focus or node in highlighted or per_kind[kind] < QUOTA.get(kind, cap):
            chosen.append(node)
            per_kind[kind] += 1
        if len(chosen) == cap:
            break
    shown = pool.subgraph(chosen).copy()
    for node in shown.nodes:
        more = sum(1 for other in nx.all_neighbors(pool, node) if other not in shown)
        shown.nodes[node]["more"] = more
    return ReadableView(shown, pool, highlighted, folded)

"""Large graphs are bulk-loaded on a thread of their own while the build goes on (kg.background_load): every triple
arrives, and a failure on either side leaves no build directory, file or thread behind."""
from __future__ import annotations

import threading

import pytest
from rdflib import Graph, Literal, URIRef

import kg.store
from kg.background_load import BackgroundGraphLoader
from kg.builder import build, default_loaders
from kg.errors import RecordError, StoreError
from kg.namespace import GRAPH
from kg.paths import LOADER_DATA_DIR, reference_list_path
from kg.store import OxigraphStore, open_store
from loaders.curated import CuratedRecordsLoader
from tests.test_build_atomicity import RaisingLoader


@pytest.fixture()
def small_threshold(monkeypatch) -> list[URIRef]:
    """Every graph over 1,000 triples counts as large; the graphs handed to the background loader, in order."""
    monkeypatch.setattr(kg.store, "LARGE_GRAPH_TRIPLES", 1_000)
    taken: list[URIRef] = []
    offer = BackgroundGraphLoader.offer
    monkeypatch.setattr(BackgroundGraphLoader, "offer",
                        lambda self, iri, graph: offer(self, iri, graph) and (taken.append(iri) or True))
    return taken


def by_value(graph: Graph) -> set[tuple]:
    """The triples with literals compared by value (Oxigraph writes "2.0"^^xsd:double back as "2")."""
    return {(s, p, (o.toPython(), o.datatype, o.language) if isinstance(o, Literal) else o) for s, p, o in graph}


def _leftovers(link) -> list[str]:
    builds = link.parent / f"{link.name}.builds"
    return sorted(p.name for p in builds.iterdir() if not p.name.startswith(".")) if builds.exists() else []


def test_graphs_loaded_in_the_background_hold_every_triple(tmp_path, small_threshold):
    link = tmp_path / "store"
    report = build(f"oxigraph:{link}", use_reasoner=False)
    assert {GRAPH["references"], GRAPH["review"], GRAPH["inferred"]} <= set(small_threshold)
    store = open_store(f"oxigraph:{link}", must_exist=True)
    review = CuratedRecordsLoader(LOADER_DATA_DIR / "review", reference_list_path()).load()
    assert by_value(store.export_graph(GRAPH["review"])) == by_value(review)
    assert {iri: store.triple_count(URIRef(iri)) for iri in report.graph_counts} == report.graph_counts
    store.close()
    assert not [t for t in threading.enumerate() if t.name == "sekg-bulk-load"]


def test_a_loader_failing_while_the_review_loads_leaves_nothing_behind(tmp_path, small_threshold):
    link = tmp_path / "store"
    with pytest.raises(RecordError):
        build(f"oxigraph:{link}", [*default_loaders(), RaisingLoader()], use_reasoner=False)
    assert GRAPH["review"] in small_threshold  # handed over before the failure came
    assert not link.exists() and _leftovers(link) == []
    assert not [t for t in threading.enumerate() if t.name == "sekg-bulk-load"]


def test_a_failing_bulk_load_fails_the_build_in_its_own_thread(tmp_path, small_threshold, monkeypatch):
    def refuse(self, graph_iri, spilled, stop=None):
        spilled.unlink()
        raise StoreError(f"cannot load {graph_iri}: disk full (simulated)")
    monkeypatch.setattr(OxigraphStore, "load_spilled", refuse)
    link = tmp_path / "store"
    with pytest.raises(StoreError, match="disk full"):
        build(f"oxigraph:{link}", use_reasoner=False)
    assert not link.exists() and _leftovers(link) == []

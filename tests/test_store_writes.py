"""Writing large graphs into a build: through a file, in bounded bulk_load calls, nothing lost or repeated."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

import kg.store
from kg.store import OxigraphStore


def test_a_large_graph_is_loaded_in_chunks_with_every_triple(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "LARGE_GRAPH_TRIPLES", 10)
    monkeypatch.setattr(kg.store, "BULK_LOAD_CHUNK_TRIPLES", 7)  # 103 triples: 15 calls, the last one partial
    graph = Graph()
    for number in range(103):
        graph.add((URIRef(f"http://example.org/s{number}"), URIRef("http://example.org/p"),
                   Literal(f"line one\nline two {number}")))  # a newline in a literal stays one N-Triples line
    store = OxigraphStore(tmp_path / "build", "oxigraph:test")
    store.replace_graph(URIRef("http://example.org/g"), graph)
    assert set(store.export_graph(URIRef("http://example.org/g"))) == set(graph)
    assert not list((tmp_path).glob("*.nt"))  # the temporary file is gone


def test_a_released_build_spills_every_large_graph_before_loading_any(tmp_path, monkeypatch):
    """fill_store(release=True) drops each graph from `graphs` as it is spilled, then loads the files: the graphs are
    freed before the bulk loader runs (the 10^7 build's peak); every triple arrives and no file stays behind."""
    from kg.builder import BuildReport, fill_store
    monkeypatch.setattr(kg.store, "LARGE_GRAPH_TRIPLES", 10)
    store = OxigraphStore(tmp_path / "build", "oxigraph:test")
    graphs = {URIRef(f"http://example.org/g{size}"): Graph() for size in (5, 40, 60)}
    for name, graph in graphs.items():
        for number in range(int(str(name).rsplit("g", 1)[1])):
            graph.add((URIRef(f"http://example.org/s{number}"), URIRef("http://example.org/p"), Literal(number)))
    expected = {name: set(graph) for name, graph in graphs.items()}
    seen_when_loading: list[int] = []
    load = OxigraphStore.load_spilled
    monkeypatch.setattr(OxigraphStore, "load_spilled",
                        lambda self, iri, path: (seen_when_loading.append(sum(map(len, graphs.values()))),
                                                 load(self, iri, path)))
    report = BuildReport()
    fill_store(store, graphs, report, release=True)
    assert seen_when_loading == [0, 0]  # two graphs spilled; nothing held in rdflib when either was loaded
    assert {name: set(store.export_graph(name)) for name in expected} == expected
    assert report.graph_counts == {str(name): len(triples) for name, triples in expected.items()}
    assert not list(tmp_path.glob("*.nt"))

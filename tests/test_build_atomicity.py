"""A failed build leaves the previous store answering; a good build swaps it atomically."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.builder import build, default_loaders
from kg.catalogue import run_query
from kg.errors import RecordError, ValidationFailed
from kg.namespace import GRAPH
from kg.store import open_store


class RaisingLoader:
    name = "broken"
    graph_iri = GRAPH["broken"]

    def load(self) -> Graph:
        raise RecordError("broken.yaml", "r1", "value", "deliberately broken for the test")


class UnsourcedStatementLoader:
    """Adds a curated statement with no source: SHACL must refuse it."""
    name = "unsourced"
    graph_iri = GRAPH["unsourced"]

    def load(self) -> Graph:
        from rdflib.namespace import RDF, RDFS
        from kg.namespace import SSE
        graph = Graph()
        node = URIRef("https://w3id.org/sekg/resource/failure/test/unsourced")
        graph.add((node, RDF.type, SSE.CuratedStatement))
        graph.add((node, RDF.type, SSE.PoorAirStability))
        graph.add((node, RDFS.label, Literal("unsourced claim")))
        graph.add((node, SSE.concernsFamily, SSE.HalideElectrolyte))
        return graph


@pytest.fixture()
def published(tmp_path):
    link = tmp_path / "store"
    build(f"oxigraph:{link}", use_reasoner=False)
    return link


def _answers(link):
    store = open_store(f"oxigraph:{link}", must_exist=True)
    rows = run_query(store, "failures-of", {"family": "sulfide"}).rows
    count = store.triple_count()
    store.close()
    return rows, count


def test_failing_loader_leaves_previous_store_answering(published):
    before_rows, before_count = _answers(published)
    target_before = published.resolve()
    with pytest.raises(RecordError):
        build(f"oxigraph:{published}", [*default_loaders(), RaisingLoader()], use_reasoner=False)
    assert published.resolve() == target_before
    assert _answers(published) == (before_rows, before_count)
    assert len(_build_dirs(published)) == 1, "no half-written build is left behind"


def test_shacl_violation_refuses_the_build(published):
    target_before = published.resolve()
    with pytest.raises(ValidationFailed, match="SHACL"):
        build(f"oxigraph:{published}", [*default_loaders(), UnsourcedStatementLoader()], use_reasoner=False)
    assert published.resolve() == target_before


def _build_dirs(link):
    return sorted(p for p in (link.parent / "store.builds").iterdir() if p.is_dir())


def test_successful_rebuild_swaps_keeps_the_previous_and_collects_older_builds(published):
    first = published.resolve()
    build(f"oxigraph:{published}", use_reasoner=False)
    second = published.resolve()
    assert second != first
    assert first.exists(), "the build just replaced may still be open in a reader: it is kept until the next build"
    build(f"oxigraph:{published}", use_reasoner=False)
    assert not first.exists(), "builds older than the previous one are collected"
    assert _build_dirs(published) == sorted([second, published.resolve()])
    rows, _ = _answers(published)
    assert rows


def test_query_before_any_build_says_how_to_build(tmp_path, capsys):
    from kg.cli import main
    assert main(["query", "conflicts", "--store", f"oxigraph:{tmp_path / 'none'}"]) == 2
    assert "sekg build" in capsys.readouterr().err

"""Issue 11.6: `sekg export` writes every standard RDF format exactly; re-imported into a fresh store the graphs
are isomorphic, language tags and unicode text survive. (Numbers keep their value: Oxigraph stores xsd:double
as a binary double, so `1.88e-3` and `0.00188` are one literal in the store and in every export.)"""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.rdf_export import DATASET_FORMATS, FORMATS, TRIPLE_FORMATS
from kg.store import open_store


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from test_concurrency import _build
    link = tmp_path_factory.mktemp("export") / "store"
    _build(link, 1)
    return link


def _graphs(store: ox.Store) -> dict[str, Graph]:
    """Each named graph as an rdflib graph (via N-Triples, so both sides are read alike)."""
    graphs = {}
    for name in store.named_graphs():
        data = ox.serialize([q.triple for q in store.quads_for_pattern(None, None, None, name)],
                            format=ox.RdfFormat.N_TRIPLES)
        graphs[name.value] = Graph().parse(data=data.decode(), format="nt")
    return graphs


def _union(store: ox.Store) -> Graph:
    data = ox.serialize(list(dict.fromkeys(q.triple for q in store)), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode(), format="nt")


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_round_trips_into_a_fresh_store(published, tmp_path, name):
    out = tmp_path / f"graph.{name}"
    done = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--store", f"oxigraph:{published}",
                           "--format", name, "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    original = open_store(f"oxigraph:{published}")._store
    fresh = ox.Store()
    if name in DATASET_FORMATS:
        fresh.load(path=str(out), format=FORMATS[name])
        before, after = _graphs(original), _graphs(fresh)
        assert before.keys() == after.keys()
        for graph in before:
            assert isomorphic(before[graph], after[graph]), graph
    else:
        fresh.load(path=str(out), format=TRIPLE_FORMATS[name], to_graph=ox.NamedNode("urn:x-sekg:import"))
        assert isomorphic(_union(original), _union(fresh))
    text = out.read_text(encoding="utf-8")
    assert "°C" in text and "Č" in text and "–" in text, "unicode text (degree signs, names, dashes) survives"
    assert "@en" in text or "xml:lang" in text or '"@language"' in text, "language tags survive"


def test_export_of_one_named_graph_to_stdout(published):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--store", f"oxigraph:{published}", "-f",
                           "ntriples", "--graph", "https://w3id.org/sekg/graph/test-marker"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(" .\n") == 1 and "marker 0" in done.stdout


def test_an_unknown_format_is_a_usage_error(published, tmp_path):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--store", f"oxigraph:{published}",
                           "-o", str(tmp_path / "graph.xyz")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "valid: nquads" in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())

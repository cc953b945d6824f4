"""The loaders' lean store answers every triple pattern as rdflib's own store does, through adds and removes, and
writes the N-Triples rdflib writes."""
from __future__ import annotations

import random

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.lean_graph import is_lean, lean_graph

TERMS = [URIRef(f"http://example.org/t{i}") for i in range(6)]
OBJECTS = TERMS + [Literal("a \"quoted\"\\ line\nbreak\r"), Literal("chat", lang="fr"), Literal(3.5, datatype=XSD.double),
                   Literal(1), BNode("b1")]


def patterns():
    """Every pattern over a few terms: each position bound or a wildcard."""
    for s in [None, *TERMS[:3]]:
        for p in [None, *TERMS[:3]]:
            for o in [None, TERMS[0], OBJECTS[-3], OBJECTS[6]]:
                yield s, p, o


def same_answers(lean: Graph, reference: Graph) -> None:
    assert len(lean) == len(reference)
    for pattern in patterns():
        assert sorted(lean.triples(pattern)) == sorted(reference.triples(pattern)), pattern


def test_random_adds_removes_and_patterns_match_rdflibs_store() -> None:
    chooser = random.Random(15)
    lean, reference = lean_graph(), Graph()
    for step in range(600):
        triple = (chooser.choice(TERMS[:4]), chooser.choice(TERMS[:3]), chooser.choice(OBJECTS))
        if chooser.random() < 0.25:
            pattern = tuple(term if chooser.random() < 0.6 else None for term in triple)
            lean.remove(pattern)
            reference.remove(pattern)
        else:
            lean.add(triple)
            reference.add(triple)
        if step in (5, 150, 599):  # indexes are built on first need, then kept up to date by later adds and removes
            same_answers(lean, reference)
    assert is_lean(lean) and not is_lean(reference)


def test_objects_keep_their_insertion_order_and_removal_while_reading_is_safe() -> None:
    graph = lean_graph()
    s, p = TERMS[0], TERMS[1]
    for o in reversed(TERMS):
        graph.add((s, p, o))
    assert list(graph.objects(s, p)) == list(reversed(TERMS))
    for o in graph.objects(s, p):
        graph.remove((s, p, o))
    assert len(graph) == 0 and list(graph.subjects(p, TERMS[0])) == []


def test_an_empty_graph_indexed_by_object_still_finds_later_triples() -> None:
    graph = lean_graph()
    assert list(graph.triples((None, None, TERMS[0]))) == []
    graph.add((TERMS[1], TERMS[2], TERMS[0]))
    assert list(graph.triples((None, None, TERMS[0]))) == [(TERMS[1], TERMS[2], TERMS[0])]


def test_ntriples_lines_are_the_lines_rdflib_writes() -> None:
    graph = lean_graph()
    for index, o in enumerate(OBJECTS):
        graph.add((TERMS[index % 3], TERMS[index % 2], o))
    assert sorted(graph.store.ntriples_lines()) == sorted(line + "\n" for line in
                                                          graph.serialize(format="nt").splitlines() if line)

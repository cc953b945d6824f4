"""An rdflib graph for what loaders build: written once, triple by triple, then read by subject and written out.

rdflib's default store keeps three indexes plus the contexts of every triple and sends an event per added triple:
~11 us per `Graph.add`, over a third of loading the records in a profile at 10^5 (bench/PROFILE.md). A loader's
graph has one context and is mostly read by subject (a record's own node), so this store keeps one index, subject ->
predicate -> objects, and builds a predicate's object -> subjects index only when a pattern with that predicate and
no subject is first asked for (from then on it is kept up to date). Objects are kept in insertion order, as rdflib's
own store does.
"""
from __future__ import annotations

from typing import Iterator

from rdflib import Graph, Literal
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Index = dict[Node, dict[Node, dict[Node, None]]]
_NO_CONTEXTS: Iterator = iter(())


class LeanMemory(SimpleMemory):
    """A single-context in-memory store indexed by subject, with a by-predicate index built on first need
    (namespace bindings are SimpleMemory's)."""

    def __init__(self) -> None:
        super().__init__()
        self._spo: Index = {}
        self._pos: Index = {}  # predicate -> object -> subjects, for the predicates asked for so far
        self._every_predicate_indexed = False
        self._size = 0

    def add(self, triple: Triple, context: object = None, quoted: bool = False) -> None:
        s, p, o = triple
        by_predicate = self._spo.get(s)
        if by_predicate is None:
            by_predicate = self._spo[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        elif o in objects:
            return
        objects[o] = None
        self._size += 1
        if self._pos or self._every_predicate_indexed:
            by_object = self._pos.get(p)
            if by_object is not None:
                by_object.setdefault(o, {})[s] = None
            elif self._every_predicate_indexed:
                self._pos[p] = {o: {s: None}}

    def remove(self, triple_pattern: tuple, context: object = None) -> None:
        for s, p, o in list(self._matching(triple_pattern)):
            by_predicate = self._spo[s]
            del by_predicate[p][o]
            if not by_predicate[p]:
                del by_predicate[p]
                if not by_predicate:
                    del self._spo[s]
            by_object = self._pos.get(p)
            if by_object is not None:
                del by_object[o][s]
                if not by_object[o]:
                    del by_object[o]
            self._size -= 1

    def triples(self, triple_pattern: tuple, context: object = None) -> Iterator[tuple[Triple, Iterator]]:
        for triple in self._matching(triple_pattern):
            yield triple, _NO_CONTEXTS

    def __len__(self, context: object = None) -> int:
        return self._size

    def contexts(self, triple: Triple | None = None) -> Iterator:
        return iter(())

    def ntriples_lines(self) -> Iterator[str]:
        """Every triple as an N-Triples line, the text rdflib's N-Triples serializer writes, with each subject and
        predicate turned into text once (half the serializer's time for the 10^5 benchmark records)."""
        predicates: dict[Node, str] = {}
        for s, by_predicate in self._spo.items():
            subject = s.n3()
            for p, objects in by_predicate.items():
                predicate = predicates.get(p) or predicates.setdefault(p, p.n3())
                head = f"{subject} {predicate} "
                for o in objects:
                    yield f"{head}{_literal_nt(o) if isinstance(o, Literal) else o.n3()} .\n"

    def _matching(self, pattern: tuple) -> Iterator[Triple]:
        """The triples matching a pattern (None is a wildcard); a snapshot where one subject's triples are read, so
        a caller may remove what it reads."""
        s, p, o = pattern
        if s is not None:
            yield from _from_subject(s, self._spo.get(s), p, o)
            return
        if p is None and o is None:
            for subject in list(self._spo):
                yield from _from_subject(subject, self._spo.get(subject), None, None)
            return
        for predicate in ([p] if p is not None else self._every_predicate()):
            by_object = self._by_object(predicate)
            for obj in ([o] if o is not None else list(by_object)):
                for subject in list(by_object.get(obj, ())):
                    yield subject, predicate, obj

    def _by_object(self, p: Node) -> dict[Node, dict[Node, None]]:
        """Object -> subjects for one predicate, built by one pass over the subjects the first time it is needed
        (reasoning asks for rdf:type only; indexing every predicate doubled the graph's memory)."""
        by_object = self._pos.get(p)
        if by_object is None:
            by_object = self._pos[p] = {}
            for s, by_predicate in self._spo.items():
                for o in by_predicate.get(p, ()):
                    by_object.setdefault(o, {})[s] = None
        return by_object

    def _every_predicate(self) -> list[Node]:
        """Every predicate, each indexed by object from now on (a pattern with only an object bound)."""
        if not self._every_predicate_indexed:
            missing = {p for by_predicate in self._spo.values() for p in by_predicate} - set(self._pos)
            for s, by_predicate in self._spo.items():
                for p in missing.intersection(by_predicate):
                    by_object = self._pos.setdefault(p, {})
                    for o in by_predicate[p]:
                        by_object.setdefault(o, {})[s] = None
            self._every_predicate_indexed = True
        return list(self._pos)


def _from_subject(s: Node, by_predicate: dict | None, p: Node | None, o: Node | None) -> Iterator[Triple]:
    if not by_predicate:
        return
    for predicate in ([p] if p is not None else list(by_predicate)):
        objects = by_predicate.get(predicate)
        if not objects:
            continue
        if o is not None:
            if o in objects:
                yield s, predicate, o
            continue
        for obj in list(objects):
            yield s, predicate, obj


def _literal_nt(literal: Literal) -> str:
    """A literal as N-Triples, escaped as rdflib's N-Triples serializer escapes it."""
    text = '"' + str(literal).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if literal.language:
        return f"{text}@{literal.language}"
    return f"{text}^^<{literal.datatype}>" if literal.datatype else text


def lean_graph() -> Graph:
    """An empty graph on a LeanMemory store: what a loader fills."""
    return Graph(store=LeanMemory())


def is_lean(graph: Graph) -> bool:
    """Whether the graph keeps its triples in a LeanMemory store (kg.store writes those faster)."""
    return not isinstance(graph, ReadOnlyGraphAggregate) and isinstance(graph.store, LeanMemory)

"""The Store contract and its backends, chosen by a selector string.

`open_store("oxigraph:PATH")` is the embedded, persistent default; `memory:` is an in-memory Oxigraph
store (tests, notebooks); `rdflib:` is rdflib's in-memory Dataset (interop and the baseline that
benchmarks compare against). A remote SPARQL 1.1 endpoint implements the same contract. Every backend
answers SPARQL over the union of its named graphs and returns rdflib terms, so callers never see
which engine ran the query. rdflib is imported on first use, not with this module: a canned query's cells are
read as text (`QueryResult.text_rows`), and importing rdflib was ~70 ms of every `sekg query` (issue 15).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Protocol

import pyoxigraph as ox

from kg.errors import StoreError
from kg.published import Pin, current_build, pin_current

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class QueryResult:
    """Rows of a SELECT: the projected variable names and one dict of rdflib terms per row."""

    variables: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)

    def text_rows(self, lexical: Iterable[str] = ()) -> list[dict[str, str | None]]:
        """Each row's values as `str()` of its terms (None when unbound). `lexical` names variables read as
        numbers or booleans, whose literals may keep the engine's own lexical form ("25" where rdflib says "25.0")."""
        return [{name: None if term is None else str(term) for name, term in row.items()} for row in self.rows]


class OxigraphResult(QueryResult):
    """Oxigraph's solutions as pyoxigraph terms; rdflib terms are made on first use of `rows`, so text_rows()
    (a canned query's cells) needs no rdflib: IRIs, blank nodes and strings read the same in both."""

    def __init__(self, variables: list[str], solutions: list[tuple]):
        self.variables = variables
        self._solutions = solutions
        self._rows: list[dict[str, Node]] | None = None
        self._converted: dict = {}

    def _rdflib(self, term) -> Node | None:
        """The rdflib term, converted once per distinct term of the answer (rdflib literals cost ~6 us each)."""
        if term is None:
            return None
        value = self._converted.get(term)
        if value is None:
            value = self._converted[term] = to_rdflib(term)
        return value

    @property
    def rows(self) -> list[dict[str, Node]]:
        if self._rows is None:
            self._rows = [dict(zip(self.variables, map(self._rdflib, solution))) for solution in self._solutions]
        return self._rows

    def text_rows(self, lexical: Iterable[str] = ()) -> list[dict[str, str | None]]:
        as_is = set(lexical)

        def text(variable: str, term) -> str | None:
            if term is None:
                return None
            if variable in as_is or not isinstance(term, ox.Literal) or term.language \
                    or term.datatype.value == XSD_STRING:
                return term.value
            return str(self._rdflib(term))  # another typed literal: as rdflib's lexical normalisation writes it
        return [{variable: text(variable, term) for variable, term in zip(self.variables, solution)}
                for solution in self._solutions]


class Store(Protocol):
    """What every backend offers: named-graph loading, counting and read-only SPARQL over the union."""

    selector: str

    def select(self, query: str) -> QueryResult: ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> Graph: ...

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None: ...

    def graph_names(self) -> list[URIRef]: ...

    def triple_count(self, graph_iri: URIRef | None = None) -> int: ...

    def export_graph(self, graph_iri: URIRef) -> Graph: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- term conversion
def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    """Convert a pyoxigraph term to the equivalent rdflib term (xsd:string literals become plain)."""
    from rdflib import BNode, Literal, URIRef
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported pyoxigraph term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to pyoxigraph's (a plain literal is an xsd:string, as Oxigraph stores it)."""
    from rdflib import BNode, Literal, URIRef
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"unsupported rdflib term {term!r}")


#: above this many triples a graph is written to an on-disk store through a temporary file, in chunks
LARGE_GRAPH_TRIPLES = 250_000
#: triples per bulk_load call: Oxigraph's bulk loader holds ~0.9 kB per triple of one call (902 MB for the 10^6
#: review graph in one call, 476 MB in calls of 200,000 with the lines read), so a graph goes in bounded calls
BULK_LOAD_CHUNK_TRIPLES = 250_000


def graph_to_ntriples(graph: Graph) -> bytes:
    """Serialise an rdflib graph as N-Triples bytes, the fastest format for Oxigraph to ingest."""
    return graph.serialize(format="nt", encoding="utf-8")


# ---------------------------------------------------------------- Oxigraph
class OxigraphStore:
    """Embedded Oxigraph: a published build opened read-only (any number of readers at once), a build
    directory being written, or an in-memory store.

    A published store is opened through its symlink once: the build it resolves to is pinned (kg.published),
    so a later build never deletes it while this object is alive. `reload()` moves to the build published
    since; a notebook or server calls it to see a rebuild.
    """

    #: canned queries run here with OPTIONAL as a per-row LATERAL lookup (kg.lateral): Oxigraph plans it that way
    plans_lateral_optionals = True

    def __init__(self, path: Path | None, selector: str, *, _inner: ox.Store | None = None,
                 _pin: "Pin | None" = None, link: Path | None = None):
        self.selector = selector
        self.path = path
        self.link = link
        self.read_only = _inner is not None
        self._pin = _pin
        self._store = _inner if _inner is not None else (ox.Store(str(path)) if path is not None else ox.Store())

    @classmethod
    def published(cls, link: Path, selector: str) -> "OxigraphStore":
        """Open the build the store link names now, read-only and pinned."""
        pin, inner = _open_pinned(link)
        return cls(pin.build, selector, _inner=inner, _pin=pin, link=link)

    @property
    def build_directory(self) -> Path | None:
        """The build directory this object reads (None in memory)."""
        return self.path

    def is_current(self) -> bool:
        """Whether this object still reads the build its link names (always True when not opened by a link)."""
        if self.link is None:
            return True
        try:
            return current_build(self.link) == self.path
        except StoreError:
            return True  # the link is gone: keep answering from what we hold

    def reload(self) -> bool:
        """Switch to the build published since this store was opened; True if it changed."""
        if self.is_current():
            return False
        pin, inner = _open_pinned(self.link)
        old_pin = self._pin
        self._store, self._pin, self.path = inner, pin, pin.build
        if old_pin is not None:
            old_pin.release()
        return True

    def _query(self, query: str):
        try:
            return self._store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc

    def raw_query(self, query: str):
        """pyoxigraph's own result object (solutions, boolean or triples), for servers that serialise it as is."""
        return self._query(query)

    def select(self, query: str) -> QueryResult:
        solutions = self._query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        return OxigraphResult([v.value for v in solutions.variables], [tuple(solution) for solution in solutions])

    def ask(self, query: str) -> bool:
        return bool(self._query(query))

    def construct(self, query: str) -> Graph:
        from rdflib import Graph
        result = Graph()
        for triple in self._query(query):
            result.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return result

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        spilled = self.spill(graph)
        if spilled is not None:
            self.load_spilled(graph_iri, spilled)
            return
        target = self._cleared(graph_iri)
        data = graph_to_ntriples(graph)
        if self.path is not None:
            self._store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        else:
            self._store.load(input=data, format=ox.RdfFormat.N_TRIPLES, to_graph=target)

    def spills(self, graph: Graph) -> bool:
        """Whether `spill` writes this graph to a file (a large graph bound for an on-disk store)."""
        return self.path is not None and len(graph) > LARGE_GRAPH_TRIPLES

    def spill(self, graph: Graph) -> Path | None:
        """A large graph bound for this on-disk store, written to an N-Triples file beside the build (None for a
        small graph or an in-memory store). The caller may drop the graph before `load_spilled`: at 10^7 triples
        the bulk loader then reuses the graph's memory instead of adding to it (the build's peak)."""
        if not self.spills(graph):
            return None
        from kg.lean_graph import is_lean
        if not is_lean(graph):
            return self._spill_with(lambda name: graph.serialize(destination=name, format="nt", encoding="utf-8"))

        def write_lines(name: str) -> None:
            with open(name, "w", encoding="utf-8") as handle:
                handle.writelines(graph.store.ntriples_lines())
        return self._spill_with(write_lines)

    def load_spilled(self, graph_iri: URIRef, spilled: Path, stop: threading.Event | None = None) -> None:
        """Make a graph hold exactly the triples of a spilled N-Triples file, then delete the file (with `stop`, a
        build being abandoned: loading ends after the current chunk)."""
        self._load_file(self._cleared(graph_iri), spilled, stop)

    def _load_file(self, target: ox.NamedNode, spilled: Path, stop: threading.Event | None = None) -> None:
        """Add an N-Triples file's triples to a graph in bounded bulk_load calls (one call for a whole 10^6-triple
        file held it all again in the loader: 902 MB), then delete the file."""
        from itertools import islice
        try:
            with open(spilled, "rb") as lines:  # N-Triples: one triple per line, so any run of lines is a document
                while not (stop and stop.is_set()) and (chunk := b"".join(islice(lines, BULK_LOAD_CHUNK_TRIPLES))):
                    self._store.bulk_load(input=chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        finally:
            spilled.unlink(missing_ok=True)

    def _spill_with(self, write_ntriples: Callable[[str], object]) -> Path:
        """A temporary N-Triples file beside the build, filled by `write_ntriples(name)` (a large graph goes through
        a file, not a bytes object in memory: at 10^7 triples the serialised graph alone was ~2 GB of the peak)."""
        import os
        import tempfile
        self._require_writable()  # before a file is left beside a published build
        handle, name = tempfile.mkstemp(suffix=".nt", dir=self.path.parent)
        os.close(handle)
        try:
            write_ntriples(name)
        except BaseException:
            os.unlink(name)
            raise
        return Path(name)

    def _writable(self, graph_iri: URIRef) -> ox.NamedNode:
        """The graph's node, if this store may be written."""
        self._require_writable()
        return ox.NamedNode(str(graph_iri))

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.selector} is a published, read-only store; `sekg build` writes a new one.")

    def _cleared(self, graph_iri: URIRef) -> ox.NamedNode:
        """The graph's node, emptied first: a replace starts from nothing."""
        target = self._writable(graph_iri)
        self._store.remove_graph(target) if self._has_graph(target) else None
        return target

    def _has_graph(self, node: ox.NamedNode) -> bool:
        return any(g == node for g in self._store.named_graphs())

    def graph_names(self) -> list[URIRef]:
        from rdflib import URIRef
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self, graph_iri: URIRef | None = None) -> int:
        if graph_iri is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))))

    def export_graph(self, graph_iri: URIRef) -> Graph:
        from rdflib import Graph
        result = Graph()
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))):
            result.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return result

    @property
    def pyoxigraph_store(self) -> ox.Store:
        """pyoxigraph's own store, for code that reads and writes quads by pattern (kg.incremental)."""
        return self._store

    def graphs_view(self, graph_iris: Iterable[URIRef]) -> Graph:
        """Some named graphs of this store as one read-only rdflib Graph, read in place (kg.store_view)."""
        from kg.store_view import named_graphs_view
        return named_graphs_view(self._store, graph_iris)

    def quads(self, graph_iri: URIRef | None = None):
        """pyoxigraph's own quads (of one named graph, or all), unconverted: for exact exports and releases."""
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri)) if graph_iri else None)

    def dump_nquads(self, path: Path) -> None:
        """Write every quad as N-Quads (benchmarks feed this file to other engines)."""
        self._store.dump(str(path), ox.RdfFormat.N_QUADS)

    def in_memory_copy(self) -> "OxigraphStore":
        """A warm in-memory copy of this store: for a long-running server or notebook, where queries answered
        from memory were 2-6x faster than from disk in bench/ at 10^6 triples (the copy costs one dump and
        bulk load at start)."""
        copy = OxigraphStore(None, "memory:")
        copy._store.bulk_load(input=self._store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        return copy

    def flush(self, compact: bool = True) -> None:
        """Persist pending writes (a build directory) before the build publishes it; read paths never write. With
        `compact`, RocksDB's levels are compacted too, so readers of a fresh bulk load search fewer files."""
        if self.path is not None and not self.read_only:
            self._store.flush()
            if compact:
                self._store.optimize()

    def close(self, compact: bool = True) -> None:
        """Release the store (and its pin): a later build may then collect the directory. An incremental build
        closes without compacting: a clone of a compacted build with a few writes does not need every level
        rewritten."""
        if not hasattr(self, "_store"):
            return
        self.flush(compact)
        del self._store
        if self._pin is not None:
            self._pin.release()
            self._pin = None


def _open_pinned(link: Path) -> tuple["Pin", ox.Store]:
    """Pin the current build of a store link and open it read-only, with an error a person can act on."""
    pin = pin_current(link)
    try:
        return pin, ox.Store.read_only(str(pin.build))
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
        pin.release()
        if isinstance(exc, PermissionError) or "Permission denied" in str(exc):
            raise StoreError(f"No permission to read the store at {pin.build} ({getattr(exc, 'strerror', None) or exc})."
                             ) from None
        raise StoreError(f"The store at {link} ({pin.build.name}) cannot be opened: {exc}. Run `sekg build` to "
                         "publish a fresh one.") from None


# ---------------------------------------------------------------- selector
def open_store(selector: str, *, must_exist: bool = False) -> Store:
    """Open a store from a selector: `oxigraph:PATH`, `memory:`, `rdflib:`, `sparql:URL`.

    `oxigraph:PATH` is always a published build, opened read-only: a store that has not been built is an
    error (so a query never silently answers from nothing), and only `sekg build` writes on disk.
    must_exist is kept for callers that state it; it changes nothing for the other selectors.
    """
    kind, _, rest = selector.partition(":")
    if kind == "oxigraph":
        if not rest:
            raise StoreError("oxigraph: needs a path, e.g. oxigraph:.sekg/store")
        return OxigraphStore.published(Path(rest).expanduser(), selector)
    if kind == "memory":
        return OxigraphStore(None, selector)
    if kind == "rdflib":
        from kg.rdflib_store import RdflibStore
        return RdflibStore(selector)
    if kind == "sparql":
        from kg.remote import SparqlStore
        if not rest.startswith(("http://", "https://")):
            raise StoreError(f"sparql: needs an http(s) URL of a SPARQL query endpoint, got {rest!r}")
        return SparqlStore(rest, selector)
    raise StoreError(f"Unknown store selector {selector!r}. Valid: oxigraph:PATH, memory:, rdflib:, sparql:URL.")


def copy_graphs(source: Store, target: Store, graphs: Iterable[URIRef] | None = None) -> None:
    """Copy named graphs from one store into another (e.g. a built disk store into memory)."""
    for graph_iri in graphs if graphs is not None else source.graph_names():
        target.replace_graph(graph_iri, source.export_graph(graph_iri))

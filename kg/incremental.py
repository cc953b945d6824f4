"""Incremental rebuild: republish a store with only what changed since its published build.

A curator adding one paper record to a 10^6-triple graph should not wait for every source to be loaded, reasoned
and indexed again. The published build's manifest (kg.build_manifest) says what each graph was made from, so:

1. plan: the ontology, sekg's code and the options must be those of the published build; the loaders whose inputs
   changed are run again, and after the first change also every loader that reads what was loaded before it (a paper
   links to what earlier sources state); every other graph is reused as published;
2. the published store is cloned into a fresh build directory (a RocksDB checkpoint: hard links, milliseconds);
3. the loaders run against the clone (kg.store_view), and only graphs whose triples differ are rewritten;
4. what derives from them is recomputed for the nodes the change touches: the per-material conflict graphs, the
   inferred types (HermiT on those nodes with the links into them, or the subclass closure), the query index and
   SHACL; the whole-graph views (quality checks, research gaps, label index) are recomputed on the clone;
5. the clone is published with the same atomic swap as a full build; a failure anywhere leaves the published store.

The result is the graph a full build makes (tests compare them quad for quad). Where a change cannot be followed that
way (a record proposing a class changes the hierarchy every inferred type hangs on), IncrementalNotPossible says why
and the caller runs a full build.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.build_manifest import BuildManifest, read_manifest
from kg.errors import SekgError
from kg.namespace import GRAPH, SSE
from kg.published import BuildLock, builds_dir, collect_old_builds, current_build, publish
from kg.query_index import INDEX_GRAPH, RESEARCH_GAPS_GRAPH, build_index
from kg.store import OxigraphStore, to_oxigraph, to_rdflib
from loaders.base import DerivedPerMaterial

#: graphs that are not data: the ontology, and what the build derives from the data for all of it
NOT_DATA = {GRAPH["ontology"], GRAPH["inferred"], INDEX_GRAPH, RESEARCH_GAPS_GRAPH}
RDF_TYPE = ox.NamedNode(str(RDF.type))

Triple = tuple


class IncrementalNotPossible(SekgError):
    """Why this change needs a full build (the caller runs one)."""


@dataclass
class Plan:
    """Which loaders run again (indices into the build's loaders) and which published graphs go."""

    rerun: list[int]
    removed: list[str]

    @property
    def nothing_changed(self) -> bool:
        return not self.rerun and not self.removed


@dataclass
class GraphChange:
    """The triples one named graph gains and loses."""

    added: set[Triple] = field(default_factory=set)
    removed: set[Triple] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def plan(old: BuildManifest, new: BuildManifest) -> Plan:
    """What an incremental build of `new` over the published `old` does, or IncrementalNotPossible."""
    if old.code != new.code:
        raise IncrementalNotPossible("the ontology, sekg's code or an RDF library changed since the published build")
    if old.options != new.options:
        raise IncrementalNotPossible(f"the published build was made with other options ({old.options})")
    if [s.graph for s in old.sources if s.derived] != [s.graph for s in new.sources if s.derived]:
        raise IncrementalNotPossible("the derived graphs differ from the published build's")
    for entry in [*old.sources, *new.sources]:
        if not entry.derived and entry.fingerprint is None:
            raise IncrementalNotPossible(f"the loader of {entry.name} cannot say what it reads")
    old_sources = [s for s in old.sources if not s.derived]
    new_sources = [(index, s) for index, s in enumerate(new.sources) if not s.derived]
    published_order = [(s.graph, s.fingerprint) for s in old_sources]
    first_change = next((position for position, (_, entry) in enumerate(new_sources)
                         if published_order[position:position + 1] != [(entry.graph, entry.fingerprint)]), None)
    if first_change is None and len(old_sources) > len(new_sources):
        first_change = len(new_sources)
    published = {s.graph: s.fingerprint for s in old_sources}
    rerun = [] if first_change is None else [
        index for index, entry in new_sources[first_change:]
        if published.get(entry.graph) != entry.fingerprint or entry.reads_context]
    kept = {s.graph for s in new.sources}
    return Plan(rerun, [s.graph for s in old_sources if s.graph not in kept])


def rebuild(link: Path, loaders: Sequence, manifest: BuildManifest, *, use_reasoner: bool, validate: bool,
            progress, report) -> None:
    """Publish a build of `loaders` made from the store `link` names and what changed since (fills `report`)."""
    from kg.builder import timed_stage
    with BuildLock(link):
        current = current_build(link)
        old = read_manifest(current)
        if old is None:
            raise IncrementalNotPossible("the published build has no manifest (made by an older sekg)")
        steps = plan(old, manifest)
        if steps.nothing_changed:
            report.graph_counts = dict(old.graph_counts)
            report.store_path = current
            report.reasoner = "none needed (the published build is kept)"
            report.notes.append("nothing changed since the published build; it stays published")
            progress(report.notes[-1])
            return
        removed = collect_old_builds(link, keep={current})
        if removed:
            progress(f"removed {len(removed)} old or abandoned build file(s)")
        target = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"), dir=builds_dir(link)))
        target.rmdir()  # a backup makes its own directory
        try:
            timed_stage(report, "clone published store", progress,
                   lambda: ox.Store.read_only(str(current)).backup(str(target)))
            store = OxigraphStore(target, f"oxigraph:{target}")
            counts = dict(old.graph_counts)
            _Increment(store, loaders, steps, counts, use_reasoner, validate, progress, report).run()
            manifest.graph_counts = report.graph_counts = counts
            store.close(compact=False)
            manifest.write(target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        publish(link, target)
    report.store_path = target
    progress(f"published {link} -> {target.name} (incremental)")


class _Increment:
    """One incremental build on a cloned store: each stage records what it changed, the next reads that."""

    def __init__(self, store: OxigraphStore, loaders: Sequence, steps: Plan, counts: dict[str, int],
                 use_reasoner: bool, validate: bool, progress, report):
        self.store, self.inner, self.loaders, self.steps = store, store.pyoxigraph_store, list(loaders), steps
        self.counts, self.use_reasoner, self.validate = counts, use_reasoner, validate
        self.progress, self.report = progress, report
        self.changes: dict[URIRef, GraphChange] = {}

    def run(self) -> None:
        from kg.builder import timed_stage, run_quality_checks
        from kg.query_index import research_gap_index
        from kg.resolve import write_label_index
        for index in self.steps.rerun:
            loader = self.loaders[index]
            timed_stage(self.report, f"load {loader.name}", self.progress, lambda: self._reload(index))
        for iri in self.steps.removed:
            self._replace(URIRef(iri), Graph())
            self.counts.pop(iri, None)
        self._refuse_class_changes()
        touched = self._touched()
        for index, loader in enumerate(self.loaders):
            if isinstance(loader, DerivedPerMaterial) and touched:
                timed_stage(self.report, f"update {loader.name}", self.progress,
                            lambda: self._update_derived(index, touched))
        nodes = self._touched()
        self.progress(f"{len(nodes):,} nodes touched by the change")
        if nodes:
            data = timed_stage(self.report, "read touched nodes", self.progress,
                               lambda: self._descriptions(nodes))
            closure = timed_stage(self.report, "reason (touched nodes)", self.progress,
                                  lambda: self._reason(nodes, data))
            timed_stage(self.report, "query index (touched nodes)", self.progress, lambda: self._index(nodes, data))
            if self.validate:
                timed_stage(self.report, "validate (SHACL, touched nodes)", self.progress,
                            lambda: self._shacl(nodes, data, closure))
        if self.validate:
            timed_stage(self.report, "quality checks", self.progress,
                        lambda: run_quality_checks(self.store, self.report))
        gaps = timed_stage(self.report, "research-gap index", self.progress, lambda: research_gap_index(self.store))
        self._replace(RESEARCH_GAPS_GRAPH, gaps)
        timed_stage(self.report, "label index", self.progress, lambda: write_label_index(self.store, self.store.path))

    # ------------------------------------------------------------------ sources
    def _context(self, index: int) -> Graph:
        """What the loader at `index` sees in a full build: every graph loaded before it, in order."""
        return self.store.graphs_view([loader.graph_iri for loader in self.loaders[:index]])

    def _reload(self, index: int) -> None:
        loader = self.loaders[index]
        if hasattr(loader, "use_context"):
            loader.use_context(self._context(index))
        graph = loader.load()
        if hasattr(loader, "report"):
            self.report.dataset_reports.append(loader.report)
        self._replace(loader.graph_iri, graph)

    def _triples(self, graph: URIRef, subject=None, predicate=None, obj=None) -> set[Triple]:
        pattern = (None if term is None else to_oxigraph(term) for term in (subject, predicate, obj))
        return {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                for q in self.inner.quads_for_pattern(*pattern, ox.NamedNode(str(graph)))}

    def _replace(self, iri: URIRef, graph: Graph) -> None:
        """Give graph `iri` exactly the triples of `graph`, writing only the difference."""
        self._make(iri, self._triples(iri), set(graph))

    def _make(self, iri: URIRef, old: set[Triple], new: set[Triple]) -> None:
        """Turn the part `old` of graph `iri` into `new`, writing only the difference."""
        self._apply(iri, GraphChange(new - old, old - new))

    def _apply(self, iri: URIRef, change: GraphChange) -> None:
        if not change:
            return
        target = ox.NamedNode(str(iri))
        for triple in change.removed:
            self.inner.remove(ox.Quad(*(to_oxigraph(t) for t in triple), target))
        self.inner.extend([ox.Quad(*(to_oxigraph(t) for t in triple), target) for triple in change.added])
        self.counts[str(iri)] = self.counts.get(str(iri), 0) + len(change.added) - len(change.removed)
        recorded = self.changes.setdefault(iri, GraphChange())
        recorded.added |= change.added
        recorded.removed |= change.removed

    def _refuse_class_changes(self) -> None:
        for iri, change in self.changes.items():
            for s, p, o in change.added | change.removed:
                if p == RDFS.subClassOf or (p == RDF.type and o == OWL.Class):
                    raise IncrementalNotPossible(f"graph {iri} proposes or withdraws a class ({s}), which changes "
                                                 "the class hierarchy every inferred type hangs on")

    def _touched(self) -> set[URIRef]:
        """The nodes the changes so far are about: subjects, and objects that are not classes."""
        from kg.ontology import load_ontology
        classes = set(load_ontology().subjects(RDF.type, OWL.Class))
        nodes: set[URIRef] = set()
        for iri, change in self.changes.items():
            if iri in NOT_DATA:
                continue
            for s, p, o in change.added | change.removed:
                nodes.add(s)
                if isinstance(o, URIRef) and p != RDF.type:
                    nodes.add(o)
        return {node for node in nodes if isinstance(node, URIRef) and node not in classes}

    # ------------------------------------------------------------------ derived per material
    def _update_derived(self, index: int, touched: set[URIRef]) -> None:
        """Recompute a per-material conflict graph for the materials the change touches, and for those whose
        conflicts cite a touched node (a source renamed, a measurement gone)."""
        loader, graph = self.loaders[index], self.loaders[index].graph_iri
        materials = set(touched)
        for node in touched:
            for quad in self.inner.quads_for_pattern(None, None, to_oxigraph(node), ox.NamedNode(str(graph))):
                materials |= self._concerned(graph, to_rdflib(quad.subject))
        old: set[Triple] = set()
        for material in materials:
            for conflict in {s for s, _, _ in self._triples(graph, None, SSE.conflictConcerns, material)}:
                old |= self._triples(graph, conflict)
                for _, _, claim in self._triples(graph, conflict, SSE.hasClaim):
                    old |= self._triples(graph, claim)
        loader.use_context(self._context(index))
        self._make(graph, old, set(loader.load_for(sorted(materials))))

    def _concerned(self, graph: URIRef, node: URIRef) -> set[URIRef]:
        """The materials of the conflict `node` is (or is a claim of)."""
        conflicts = {s for s, _, _ in self._triples(graph, None, SSE.hasClaim, node)} or {node}
        return {o for conflict in conflicts for _, _, o in self._triples(graph, conflict, SSE.conflictConcerns)}

    # ------------------------------------------------------------------ derived per node
    def _data_graphs(self) -> list[ox.NamedNode]:
        return [g for g in self.inner.named_graphs() if isinstance(g, ox.NamedNode) and URIRef(g.value) not in NOT_DATA]

    def _descriptions(self, nodes: set[URIRef]) -> Graph:
        """Every data triple about the touched nodes, and (for HermiT's property ranges) every link into them."""
        data = Graph()
        graphs = self._data_graphs()
        for node in nodes:
            term = to_oxigraph(node)
            for graph in graphs:
                for quad in self.inner.quads_for_pattern(term, None, None, graph):
                    data.add((node, to_rdflib(quad.predicate), to_rdflib(quad.object)))
                if self.use_reasoner:
                    for quad in self.inner.quads_for_pattern(None, None, term, graph):
                        if quad.predicate != RDF_TYPE:
                            data.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), node))
        return data

    def _reason(self, nodes: set[URIRef], data: Graph) -> Graph:
        """The touched nodes' materialised types; the inferred graph keeps those no graph states."""
        from kg.ontology import load_ontology
        from kg.reason import run_hermit, sparql_type_closure
        ontology = load_ontology()
        reasoning = run_hermit(ontology, data) if self.use_reasoner else sparql_type_closure(ontology, data)
        self.report.reasoner = f"{reasoning.engine}, on the touched nodes"
        closure = Graph()
        for s, o in reasoning.inferred.subject_objects(RDF.type):
            if s in nodes:
                closure.add((s, RDF.type, o))
        fresh = {t for t in closure if t not in data and t not in ontology}
        old: set[Triple] = set()
        for node in nodes:
            old |= self._triples(GRAPH["inferred"], node, RDF.type)
        self._make(GRAPH["inferred"], old, fresh)
        return closure

    def _index(self, nodes: set[URIRef], data: Graph) -> None:
        new = {t for t in build_index(data) if t[0] in nodes}
        old: set[Triple] = set()
        for node in nodes:
            old |= self._triples(INDEX_GRAPH, node)
        self._make(INDEX_GRAPH, old, new)

    def _shacl(self, nodes: set[URIRef], data: Graph, closure: Graph) -> None:
        """SHACL on the touched nodes: every shape is about its focus node and the classes of what it links to
        (interface locations, in the ontology), so the touched nodes' own triples are what can newly violate."""
        from kg.ontology import load_ontology
        from kg.validate import require_conformance, run_shacl
        own = Graph()  # without the links into them, whose subjects SHACL would check with one triple each
        for triple in data:
            if triple[0] in nodes:
                own.add(triple)
        require_conformance(run_shacl(own, load_ontology(), closure))


__all__ = ["GraphChange", "IncrementalNotPossible", "Plan", "plan", "rebuild"]

"""The build: load every source into its named graph, reason, validate, and only then publish atomically.

The published store is a directory under `<store>.builds/`, and the store path is a symlink to it. A new
build is written to a fresh directory; the symlink is swapped with one atomic rename after every stage
succeeded. A failing loader, an inconsistent ontology or a SHACL violation leaves the previous store
answering queries. Published directories are never modified; old ones are collected by a later build once
no reader pins them (kg.published).
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from rdflib import Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate

from kg.background_load import BackgroundGraphLoader
from kg.build_manifest import BuildManifest, manifest_for
from kg.errors import SekgError, StoreError, ValidationFailed
from kg.namespace import GRAPH
from kg.ontology import load_ontology
from kg.paths import LOADER_DATA_DIR, ONTOLOGY_DIR, reference_list_path
from kg.query_index import INDEX_GRAPH, RESEARCH_GAPS_GRAPH, build_index, research_gap_index
from kg.published import BuildLock, builds_dir, collect_old_builds, publish
from kg.reason import ReasoningResult, infer_unstated
from kg.resolve import write_label_index
from kg.freed_memory import release_freed_memory
from kg.store import OxigraphStore, Store, open_store
from kg.validate import CheckResult, require_conformance, run_checks, run_shacl
from loaders.base import Loader
from loaders.datasets import LocatedDataset

Progress = Callable[[str], None]


def default_loaders(datasets: Sequence[LocatedDataset] = (), notes: list[str] | None = None) -> list[Loader]:
    """The sources of the standard graph: the review's curated reference list (CSL-JSON), the curated review
    records, the paper records (all in the repository), then the measured datasets given (read where they lie;
    a missing one adds a note to `notes`), the conflicts between sources, the charge-balance flags of curated
    formulas, and the ontology mappings."""
    from loaders.charge_balance import ChargeBalanceLoader
    from loaders.cross_source import CrossSourceConflictLoader
    from loaders.curated import CuratedRecordsLoader
    from loaders.datasets import dataset_loaders
    from loaders.mappings import MappingsLoader
    from loaders.paper import PaperRecordLoader, curation_files
    from loaders.references import ReferenceListLoader

    references = reference_list_path()
    papers = [PaperRecordLoader(path) for path in curation_files(LOADER_DATA_DIR / "curation")]
    tables, missing = dataset_loaders(list(datasets))
    if notes is not None:
        notes.extend(missing)
    return [ReferenceListLoader(references), CuratedRecordsLoader(LOADER_DATA_DIR / "review", references), *papers,
            *tables, CrossSourceConflictLoader(), ChargeBalanceLoader(), MappingsLoader(ONTOLOGY_DIR / "mappings")]


def configured(selector: str, overrides: dict[str, Path] | None = None,
               only: set[str] | None = None) -> list[LocatedDataset]:
    """The datasets a build of this store includes: every known dataset and the tables registered for the store."""
    from loaders.datasets import configured_datasets
    return configured_datasets(overrides, tables_dir_for(selector), only)


def tables_dir_for(selector: str) -> Path | None:
    """Where `sekg load-table` registers tables for an on-disk store: a `tables` folder beside the store link."""
    kind, _, rest = selector.partition(":")
    return Path(rest).expanduser().parent / "tables" if kind == "oxigraph" else None


@dataclass
class BuildReport:
    """What a build did: triples per named graph, timings per stage, reasoning engine, checks."""

    graph_counts: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    reasoner: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    store_path: Path | None = None
    #: per dataset: rows accepted/rejected, family mapping, structures, fits (loaders.tabular.TableReport)
    dataset_reports: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total_triples(self) -> int:
        return sum(self.graph_counts.values())


def timed_stage(report: BuildReport, stage: str, progress: Progress, action: Callable[[], object]) -> object:
    """Run one build stage, saying when it starts and ends, and record its time in the report."""
    progress(f"{stage} ...")
    started = time.perf_counter()
    result = action()
    report.stage_seconds[stage] = time.perf_counter() - started
    progress(f"{stage} done in {report.stage_seconds[stage]:.2f} s")
    return result


def assemble(loaders: Sequence[Loader], *, use_reasoner: bool = True, validate: bool = True,
             progress: Progress = lambda _: None,
             early: BackgroundGraphLoader | None = None) -> tuple[dict[URIRef, Graph], BuildReport]:
    """Load, reason and validate in memory; return named graphs ready to publish, or raise. With `early` (an on-disk
    build), each large graph starts loading into the build as soon as it is complete."""
    report = BuildReport()
    graphs: dict[URIRef, Graph] = {GRAPH["ontology"]: load_ontology()}

    def complete(iri: URIRef, name: str) -> None:
        if early is not None and early.wants(graphs[iri]):
            timed_stage(report, f"hand {name} to the bulk loader", progress, lambda: early.offer(iri, graphs[iri]))

    for loader in loaders:
        if hasattr(loader, "use_context"):  # paper records link to what earlier sources already state
            loader.use_context(loaded_view(graphs))
        graphs[loader.graph_iri] = timed_stage(report, f"load {loader.name}", progress, loader.load)
        complete(loader.graph_iri, loader.name)
        if hasattr(loader, "use_context"):
            loader.use_context(Graph())  # the view it kept would hold every earlier graph past their release
        if hasattr(loader, "report"):
            report.dataset_reports.append(loader.report)
    data = loaded_view(graphs)
    reasoning: ReasoningResult = timed_stage(report, "reason", progress,
                                             lambda: infer_unstated(graphs[GRAPH["ontology"]], data, use_reasoner))
    report.reasoner = reasoning.engine
    graphs[GRAPH["inferred"]] = reasoning.inferred
    closure = reasoning.inferred if validate else None  # SHACL reads it with the data and the ontology
    del reasoning
    complete(GRAPH["inferred"], "inferred")
    graphs[INDEX_GRAPH] = timed_stage(report, "query index", progress, lambda: build_index(data))
    complete(INDEX_GRAPH, "index")
    if validate:
        require_conformance(timed_stage(report, "validate (SHACL)", progress,
                                        lambda: run_shacl(data, graphs[GRAPH["ontology"]], closure)))
    return graphs, report


def loaded_view(graphs: dict[URIRef, Graph]) -> Graph:
    """Every loaded graph but the ontology, read as one without copying (a copy per use tripled peak memory at
    10^6 triples)."""
    loaded = [graph for iri, graph in graphs.items() if iri != GRAPH["ontology"]]
    return ReadOnlyGraphAggregate(loaded) if loaded else Graph()


def fill_store(store: Store, graphs: dict[URIRef, Graph], report: BuildReport, release: bool = False,
               early: BackgroundGraphLoader | None = None) -> None:
    """Write every named graph into the store and record its triple count; the graphs `early` took are only waited
    for (it loads them, and no other write may run beside Oxigraph's bulk loader). With `release`, each graph is
    dropped from `graphs` once written, and the large ones once spilled to files: they are all freed before the bulk
    loader reads the files, so it reuses their memory (at 10^7 triples it added 2.5 GiB on top of them: the peak)."""
    report.graph_counts.update({str(iri): len(graph) for iri, graph in graphs.items()})  # in the sources' order
    taken: set[URIRef] = set()
    if early is not None:
        early.finish()
        taken = set(early.taken)
    spilled: dict[URIRef, Path] = {}
    try:
        for iri in list(graphs):
            if iri in taken:
                if release:
                    graphs[iri] = Graph()
                continue
            spill = store.spill(graphs[iri]) if release and isinstance(store, OxigraphStore) else None
            if spill is None:
                store.replace_graph(iri, graphs[iri])
            else:
                spilled[iri] = spill
            if release:
                graphs[iri] = Graph()  # the last reference
        if spilled:
            release_freed_memory()
        while spilled:
            iri, spill = spilled.popitem()
            store.load_spilled(iri, spill)
    finally:
        for spill in spilled.values():
            spill.unlink(missing_ok=True)


def populate(store: Store, graphs: dict[URIRef, Graph], report: BuildReport, validate: bool = True,
             progress: Progress = lambda _: None, release: bool = False,
             early: BackgroundGraphLoader | None = None) -> None:
    """Write the graphs (waiting for those `early` loads), run the quality checks, then add the views computed on
    the written store."""
    timed_stage(report, "write store", progress, lambda: fill_store(store, graphs, report, release, early))
    if validate:
        timed_stage(report, "quality checks", progress, lambda: run_quality_checks(store, report))
    timed_stage(report, "research-gap index", progress, lambda: add_research_gaps(store, graphs))
    report.graph_counts[str(RESEARCH_GAPS_GRAPH)] = len(graphs[RESEARCH_GAPS_GRAPH])


def add_research_gaps(store: Store, graphs: dict[URIRef, Graph]) -> None:
    """The research-gaps view, computed on the written store, as a graph of its own (after the quality checks: it
    is derived, not a statement that needs a source); kept in `graphs` for stores filled from them later."""
    graphs[RESEARCH_GAPS_GRAPH] = research_gap_index(store)
    store.replace_graph(RESEARCH_GAPS_GRAPH, graphs[RESEARCH_GAPS_GRAPH])


def run_quality_checks(store: Store, report: BuildReport) -> None:
    """Run the ontology/checks queries; any defect row refuses the build."""
    report.checks = run_checks(store)
    failing = [c for c in report.checks if c.rows]
    if failing:
        found = "; ".join(f"{c.name}: {len(c.rows)} defect(s), e.g. {c.rows[0]}" for c in failing)
        raise ValidationFailed(f"Quality checks found defects ({found}); `sekg check` lists them all")


def build(selector: str, loaders: Sequence[Loader] | None = None, *, use_reasoner: bool = True,
          validate: bool = True, progress: Progress = lambda _: None,
          datasets: Sequence[LocatedDataset] | None = None, incremental: bool = False) -> BuildReport:
    """Build the graph into the store named by selector; on disk, publish atomically. Without explicit loaders,
    the standard sources plus `datasets` (default: every configured dataset that is present). With `incremental`,
    an on-disk store is rebuilt from its published build and what changed since (kg.incremental) where it can be;
    otherwise the progress says why and the build is full."""
    notes: list[str] = []
    if loaders is None:
        from loaders.paper import skipped_files
        for skipped in skipped_files(LOADER_DATA_DIR / "curation"):
            progress(f"skipping {skipped}: not a record file (records are KEY.yaml or KEY.yml)")
        loaders = default_loaders(configured(selector) if datasets is None else datasets, notes)
        for note in notes:
            progress(f"note: {note}")
    kind, _, rest = selector.partition(":")
    manifest = manifest_for(loaders, {"reasoner": use_reasoner, "validate": validate}) if kind == "oxigraph" else None
    if incremental and manifest is not None:
        report = _incremental(Path(rest).expanduser(), loaders, manifest, use_reasoner, validate, progress)
        if report is not None:
            report.notes[:0] = notes
            return report
    if kind != "oxigraph":
        graphs, report = assemble(list(loaders), use_reasoner=use_reasoner, validate=validate, progress=progress)
        report.notes = notes
        populate(open_store(selector), graphs, report, validate, progress)
        return report
    report = _build_on_disk(Path(rest).expanduser(), list(loaders), use_reasoner, validate, progress, manifest)
    report.notes[:0] = notes
    return report


def _incremental(link: Path, loaders: Sequence[Loader], manifest: BuildManifest, use_reasoner: bool, validate: bool,
                 progress: Progress) -> BuildReport | None:
    """The report of an incremental rebuild, or None (with the reason in the progress) when it needs a full one."""
    from kg.incremental import IncrementalNotPossible, rebuild
    if not link.is_symlink():
        progress("full build: nothing is published at this store yet")
        return None
    report = BuildReport()
    try:
        rebuild(link, loaders, manifest, use_reasoner=use_reasoner, validate=validate, progress=progress, report=report)
    except IncrementalNotPossible as why:
        progress(f"full build: {why}")
        return None
    return report


def _build_on_disk(link: Path, loaders: list[Loader], use_reasoner: bool, validate: bool, progress: Progress,
                   manifest: BuildManifest) -> BuildReport:
    """Load into a fresh build directory (large graphs bulk-loaded while the build goes on), check it, then swap the
    store link to it; under the build lock, so a second build of the same store stops with a clear message instead
    of racing this one."""
    if link.exists() and not link.is_symlink():
        raise StoreError(f"{link} exists and is not a sekg-managed store link; move it away first.")
    with BuildLock(link):
        current = link.resolve() if link.is_symlink() else None
        removed = collect_old_builds(link, keep={current} if current else set())
        if removed:
            progress(f"removed {len(removed)} old or abandoned build file(s)")
        target = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"), dir=builds_dir(link)))
        try:
            store = OxigraphStore(target, f"oxigraph:{target}")
            with BackgroundGraphLoader(store) as early:
                graphs, report = assemble(loaders, use_reasoner=use_reasoner, validate=validate, progress=progress,
                                          early=early)
                # release: nobody reads the graphs after they are written
                populate(store, graphs, report, validate, progress, release=True, early=early)
            timed_stage(report, "label index", progress, lambda: write_label_index(store, target))
            store.close()
            manifest.graph_counts = dict(report.graph_counts)
            manifest.write(target)  # what this build was made from, for the next incremental build
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        publish(link, target)  # the previous build stays until the next build: readers may still have it open
    report.store_path = target
    progress(f"published {link} -> {target.name}")
    return report


__all__ = ["BuildReport", "SekgError", "assemble", "build", "default_loaders"]

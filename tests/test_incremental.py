"""Incremental rebuild (issue 15): adding, changing or withdrawing a paper record republishes the graph a full build
makes, quad for quad, atomically; what it cannot follow makes it say why and build in full."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build_manifest import MANIFEST_NAME, read_manifest
from kg.paths import LOADER_DATA_DIR, shared_dir
from kg.published import current_build

HELD_BACK = "wzhang2024-lpifd.yaml"  # a real record of the repository, added to a published graph by the tests
OBELIX = shared_dir() / "datasets" / "obelix" / "all.csv"
LIVERPOOL = shared_dir() / "datasets" / "liverpool_ionics" / "LiIonDatabase.csv"


def quads_by_graph(link: Path) -> dict[str, set[str]]:
    """Every quad of the published build, as N-Triples text per named graph (no blank nodes in sekg's graphs)."""
    store = ox.Store.read_only(str(current_build(link)))
    found: dict[str, set[str]] = {}
    for quad in store:
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else "DEFAULT"
        found.setdefault(graph, set()).add(str(ox.Triple(quad.subject, quad.predicate, quad.object)))
    return found


class Workspace:
    """A copy of the curated records with one paper held back, a published store built from it, and a way to build
    a second store in full from the same records to compare with."""

    def __init__(self, root: Path, monkeypatch, *, use_reasoner: bool, datasets: bool):
        self.data = root / "data"
        shutil.copytree(LOADER_DATA_DIR / "review", self.data / "review")
        (self.data / "curation").mkdir()
        for record in sorted((LOADER_DATA_DIR / "curation").glob("*.yaml")):
            if record.name != HELD_BACK:
                shutil.copy(record, self.data / "curation")
        monkeypatch.setattr(sys.modules["kg.builder"], "LOADER_DATA_DIR", self.data)
        self.use_reasoner = use_reasoner
        self.datasets = datasets
        self.link = root / "store"
        self.messages: list[str] = []
        self.build(self.link)

    def build(self, link: Path, incremental: bool = False):
        from kg.builder import build
        from loaders.datasets import configured_datasets
        located = configured_datasets({"obelix": OBELIX, "liverpool": LIVERPOOL}) if self.datasets else []
        self.messages.clear()
        return build(f"oxigraph:{link}", use_reasoner=self.use_reasoner, datasets=located, incremental=incremental,
                     progress=self.messages.append)

    def assert_incremental_equals_full(self, name: str):
        """Rebuild incrementally, build the same records in full elsewhere, and compare every quad."""
        report = self.build(self.link, incremental=True)
        assert any("(incremental)" in m for m in self.messages), self.messages
        full = self.link.parent / f"full-{name}"
        self.build(full)
        incremental_quads, full_quads = quads_by_graph(self.link), quads_by_graph(full)
        differing = {g: (len(incremental_quads.get(g, set()) - full_quads.get(g, set())),
                         len(full_quads.get(g, set()) - incremental_quads.get(g, set())))
                     for g in set(incremental_quads) | set(full_quads)
                     if incremental_quads.get(g) != full_quads.get(g)}
        assert not differing, f"graphs differing (only incremental, only full): {differing}"
        assert {g: n for g, n in report.graph_counts.items() if n} == \
            {g: len(q) for g, q in full_quads.items() if g != "DEFAULT"}
        return report


@pytest.fixture()
def closure_workspace(tmp_path, monkeypatch):
    if not (OBELIX.is_file() and LIVERPOOL.is_file()):
        pytest.skip("the datasets are not at ../shared/datasets")
    return Workspace(tmp_path, monkeypatch, use_reasoner=False, datasets=True)


def test_add_change_and_withdraw_a_paper_each_give_the_full_build(closure_workspace):
    """With both datasets (a table links its rows to the papers' materials, so it is read again after them)."""
    ws = closure_workspace
    before = quads_by_graph(ws.link)
    shutil.copy(LOADER_DATA_DIR / "curation" / HELD_BACK, ws.data / "curation")
    report = ws.assert_incremental_equals_full("added")
    graph = "https://w3id.org/sekg/graph/curation/" + HELD_BACK.removesuffix(".yaml")
    assert graph not in before and report.graph_counts[graph] > 0
    assert "load review" not in report.stage_seconds  # the unchanged review graph is reused, not loaded

    record = ws.data / "curation" / "kwak2023-hnse.yaml"
    text = record.read_text(encoding="utf-8")
    changed = text.replace("value: 1.3\n", "value: 1.4\n", 1)
    assert changed != text
    record.write_text(changed, encoding="utf-8")
    ws.assert_incremental_equals_full("changed")

    (ws.data / "curation" / HELD_BACK).unlink()  # two changes at once: one paper withdrawn, one restored
    record.write_text(text, encoding="utf-8")
    ws.assert_incremental_equals_full("withdrawn")
    assert quads_by_graph(ws.link) == before  # the graph the paper joined, as it was


def test_with_hermit_and_validation_the_increment_is_the_full_build(tmp_path, monkeypatch):
    ws = Workspace(tmp_path, monkeypatch, use_reasoner=True, datasets=False)
    shutil.copy(LOADER_DATA_DIR / "curation" / HELD_BACK, ws.data / "curation")
    report = ws.assert_incremental_equals_full("hermit")
    assert "on the touched nodes" in report.reasoner and report.checks  # quality checks ran on the whole graph


def test_nothing_changed_keeps_the_published_build(tmp_path, monkeypatch):
    ws = Workspace(tmp_path, monkeypatch, use_reasoner=False, datasets=False)
    published = current_build(ws.link)
    report = ws.build(ws.link, incremental=True)
    assert current_build(ws.link) == published and report.store_path == published
    assert any(m.startswith("nothing changed") for m in ws.messages)
    assert report.graph_counts == read_manifest(published).graph_counts


def test_what_it_cannot_follow_makes_a_full_build_and_says_why(tmp_path, monkeypatch):
    ws = Workspace(tmp_path, monkeypatch, use_reasoner=False, datasets=False)
    record = (LOADER_DATA_DIR / "curation" / HELD_BACK).read_text(encoding="utf-8")
    proposing = record.replace("measurements:", "new_terms:\n  - id: IncrementalTestPolymer\n    parent: "
                               "FluorinatedPolymerElectrolyte\n    label: incremental test polymer\n"
                               "    definition: A class proposed only to test the incremental build.\n"
                               "measurements:", 1)
    assert proposing != record
    (ws.data / "curation" / HELD_BACK).write_text(proposing, encoding="utf-8")
    ws.build(ws.link, incremental=True)
    assert any(m.startswith("full build:") and "class" in m for m in ws.messages), ws.messages
    assert (current_build(ws.link) / MANIFEST_NAME).is_file()
    ws.use_reasoner = True  # options other than the published build's
    ws.build(ws.link, incremental=True)
    assert any(m.startswith("full build:") and "options" in m for m in ws.messages), ws.messages


def test_a_bad_record_refuses_the_increment_and_keeps_the_published_store(tmp_path, monkeypatch):
    from kg.errors import RecordProblems
    ws = Workspace(tmp_path, monkeypatch, use_reasoner=False, datasets=False)
    published, before = current_build(ws.link), quads_by_graph(ws.link)
    text = (LOADER_DATA_DIR / "curation" / HELD_BACK).read_text(encoding="utf-8")
    (ws.data / "curation" / HELD_BACK).write_text(text.replace("curator:", "curator: \ncurated_by:", 1),
                                                  encoding="utf-8")
    with pytest.raises(RecordProblems):
        ws.build(ws.link, incremental=True)
    assert current_build(ws.link) == published and quads_by_graph(ws.link) == before
    assert sorted(p.name for p in published.parent.iterdir() if p.is_dir()) == [published.name]  # no half build left


def test_the_plan_reruns_changed_sources_and_the_readers_after_them():
    from kg.build_manifest import BuildManifest, SourceEntry
    from kg.incremental import IncrementalNotPossible, plan

    def manifest(*sources, code="c", options=None):
        return BuildManifest(code, options or {"reasoner": False}, [SourceEntry(*s) for s in sources])
    review = ("review", "review", "r1", False, False)
    paper_a, paper_b = ("a", "a", "a1", True, False), ("b", "b", "b1", True, False)
    table, derived = ("t", "t", "t1", True, False), ("x", "x", None, True, True)
    old = manifest(review, paper_a, paper_b, table, derived)
    assert plan(old, old).nothing_changed
    steps = plan(old, manifest(review, paper_a, ("b", "b", "b2", True, False), table, derived))
    assert steps.rerun == [2, 3] and steps.removed == []  # the changed paper and the table that reads it
    steps = plan(old, manifest(review, paper_b, table, derived))
    assert steps.rerun == [1, 2] and steps.removed == ["a"]
    with pytest.raises(IncrementalNotPossible, match="code"):
        plan(old, manifest(review, paper_a, paper_b, table, derived, code="other"))
    with pytest.raises(IncrementalNotPossible, match="cannot say what it reads"):
        plan(old, manifest(review, ("a", "a", None, True, False), paper_b, table, derived))


def test_a_store_view_reads_only_the_graphs_it_names_and_cannot_be_written():
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS
    from kg.store_view import named_graphs_view
    store = ox.Store()
    a, b, thing = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.NamedNode("http://x/t")
    store.add(ox.Quad(thing, ox.NamedNode(str(RDFS.label)), ox.Literal("in a"), a))
    store.add(ox.Quad(thing, ox.NamedNode(str(RDFS.label)), ox.Literal("in b"), b))
    view = named_graphs_view(store, [URIRef("http://example.org/a")])
    assert set(view.objects(URIRef("http://x/t"), RDFS.label)) == {Literal("in a")}
    assert (URIRef("http://x/t"), RDFS.label, Literal("in a")) in view and len(view) == 1
    assert (URIRef("http://x/t"), RDFS.label, Literal("in b")) not in view
    with pytest.raises(TypeError, match="read-only"):
        view.add((URIRef("http://x/t"), RDFS.label, Literal("new")))

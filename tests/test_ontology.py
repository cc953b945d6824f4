"""The ontology: HermiT consistency, quality checks, coverage minimums, generated namespace up to date."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS

from kg.namespace import SSE
from kg.namespace_gen import TARGET, ontology_terms, render
from kg.ontology import load_ontology, subclasses_of
from kg.reason import run_hermit
from kg.validate import check_files, run_checks


def test_hermit_finds_ontology_and_review_data_consistent(built):
    # the session build ran HermiT; it raises on inconsistency, so reaching here means consistent
    assert built.report.reasoner.startswith("HermiT")


def test_hermit_infers_family_membership_of_a_material(store):
    rows = store.select("""PREFIX sse: <https://w3id.org/sekg/ontology#>
        SELECT ?t WHERE { GRAPH <https://w3id.org/sekg/graph/inferred> {
          <https://w3id.org/sekg/resource/material/LGPS> a ?t } }""").rows
    types = {str(r["t"]) for r in rows}
    assert str(SSE.SulfideElectrolyte) in types and str(SSE.InorganicSolidElectrolyte) in types
    assert str(SSE.OxideElectrolyte) not in types


def test_hermit_reports_an_inconsistent_ontology():
    import pytest
    from rdflib import Graph, URIRef

    from kg.errors import ReasonerError
    ontology = Graph()
    for triple in load_ontology():
        ontology.add(triple)
    ontology.add((SSE.OxideElectrolyte, OWL.disjointWith, SSE.SulfideElectrolyte))
    data = Graph()
    thing = URIRef("https://w3id.org/sekg/resource/material/impossible")
    data.add((thing, RDF.type, SSE.GarnetTypeElectrolyte))
    data.add((thing, RDF.type, SSE.ArgyroditeElectrolyte))
    with pytest.raises(ReasonerError, match="inconsistent"):
        run_hermit(ontology, data)


def test_every_quality_check_runs_and_finds_no_defect(store):
    results = run_checks(store)
    assert len(results) == len(check_files()) >= 8
    assert {r.name: r.rows for r in results if r.rows} == {}


def test_quality_check_catches_a_class_without_label(built):
    from rdflib import URIRef

    from kg.namespace import GRAPH
    from kg.store import open_store
    store = open_store("memory:")
    ontology = load_ontology()
    broken = type(ontology)()
    for triple in ontology:
        broken.add(triple)
    broken.add((URIRef(str(SSE) + "Unlabelled"), RDF.type, OWL.Class))
    store.replace_graph(GRAPH["ontology"], broken)
    failing = {r.name for r in run_checks(store) if r.rows}
    assert {"class-without-label", "class-without-definition", "orphan-class"} <= failing


def test_coverage_minimums_of_the_foundation_issue():
    ontology = load_ontology()
    families = [SSE.OxideElectrolyte, SSE.SulfideElectrolyte, SSE.HalideElectrolyte, SSE.HydroborateElectrolyte,
                SSE.PhosphideElectrolyte, SSE.PolymerElectrolyte, SSE.CompositeElectrolyte]
    subfamilies = set().union(*(subclasses_of(f) for f in families)) - set(families)
    assert len(subfamilies) >= 20
    assert len(subclasses_of(SSE.ProcessingMethod)) - 1 >= 15
    assert len(subclasses_of(SSE.FailureMode)) - 1 >= 12
    assert len(subclasses_of(SSE.MitigationStrategy)) - 1 >= 25
    for family in families:
        assert (family, RDFS.label, None) in ontology


def test_researcher_synonyms_are_alt_labels():
    from rdflib.namespace import SKOS
    ontology = load_ontology()
    alt = {str(o) for o in ontology.objects(None, SKOS.altLabel)}
    assert {"garnet", "dendrites", "ball milling", "argyrodite", "SPE", "CPE"} <= alt


def test_generated_namespace_is_up_to_date():
    assert TARGET.read_text(encoding="utf-8") == render(ontology_terms()), \
        "kg/namespace.py is stale: run python -m kg.namespace_gen"


def test_reasoner_input_has_no_imports_to_download():
    from rdflib import Graph
    from kg.reason import reasoner_input
    assert not list(reasoner_input(load_ontology(), Graph()).triples((None, OWL.imports, None)))

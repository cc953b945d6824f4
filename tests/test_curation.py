"""Curation workflow: valid records change answers; bad records are rejected with a message that says what to fix,
and the store is never touched; the extraction assistant finds numbers; templates and withdrawal work."""
from __future__ import annotations

import shutil
import textwrap

import pytest

from kg.catalogue import run_query
from kg.curate.check import check_file, context_graph
from kg.curate.extract import draft_record, extract
from kg.curate.schema import SCHEMA_FILE, render
from kg.curate.template import new_record
from kg.paths import LOADER_DATA_DIR

VALID = textwrap.dedent("""\
    paper:
      ref: chan2024:135
    curator: test curator
    curated_on: 2026-11-25
    status: draft
    read_from: {source: chan2024, section: "4.2"}
    materials:
      - id: test-ptfep
        label: PTFEP-LPIFD film
        family: FluorinatedPolymerElectrolyte
        formula_kind: polymer
        section: "4.2 (review)"
    measurements:
      - id: cycles-at-4v5
        material: test-ptfep
        property: CycleLife
        value: 450
        unit: cycles
        printed: 450 cycles at 4.5 V
        section: "4.2 (review)"
    strategies:
      - id: cei
        strategy: LocalHighConcentrationDesign
        addresses: LowOxidationStability
        material: test-ptfep
        mechanism: An F-rich cathode electrolyte interphase lets the cell cycle 450 times at 4.5 V.
        section: "4.2 (review)"
    """)


@pytest.fixture(scope="module")
def context(store):
    return context_graph(store)


def write(tmp_path, text: str, name: str = "test-paper.yaml", raw: bytes | None = None):
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_valid_record_is_clean(tmp_path, context):
    report = check_file(write(tmp_path, VALID), context)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert report.triples > 10


BAD_RECORDS = [
    ("misspelled family", VALID.replace("family: FluorinatedPolymerElectrolyte", "family: FluorinatedPolymerElectrolite"),
     "unknown Material 'FluorinatedPolymerElectrolite'", "FluorinatedPolymerElectrolyte"),
    ("unknown unit", VALID.replace("unit: cycles", "unit: blorps"), "unknown unit", "cycles"),
    ("ms instead of mS", VALID.replace("property: CycleLife\n    value: 450\n    unit: cycles",
                                       "property: IonicConductivity\n    value: 1.2\n    unit: ms/cm"),
     "not a unit of this property", "mS/cm"),
    ("negative value", VALID.replace("value: 450", "value: -450"), "negative value", ">= 0"),
    ("temperature below 0 K", VALID.replace("unit: cycles", "unit: cycles\n    temperature: -5 K"),
     "below absolute zero", "above 0 K"),
    ("broken formula", VALID.replace("formula_kind: polymer", "formula: Li7Lq3Zr2O12"),
     "at position 4 ('Lq')", "formula pymatgen reads"),
    ("missing reference", VALID.replace("paper:\n  ref: chan2024:135\n", "paper: {}\n"),
     "cannot be identified", "doi"),
    ("duplicate key", VALID.replace("    property: CycleLife\n", "    property: CycleLife\n    property: CycleLife\n"),
     "duplicate key 'property'", ""),
    ("unknown failure", VALID.replace("addresses: LowOxidationStability", "addresses: LowOxidationStabilty"),
     "unknown Challenge", "LowOxidationStability"),
    ("bad YAML", VALID.replace("status: draft", "status: [draft"), "invalid YAML", ""),
    ("wrong types", VALID.replace("value: 450", "value: many"), "value", ""),
    ("empty file", "", "empty", ""),
    ("enormous value", VALID.replace("value: 450", "value: 1.0e300"), "implausibly large", ""),
    ("mixed units in one number", VALID.replace("value: 450", "value: 450 cycles 4.5 V"), "value", ""),
    ("unknown property", VALID.replace("property: CycleLife", "property: Coolness"), "unknown MeasuredProperty", ""),
    ("C-rate written as a temperature", VALID.replace("unit: cycles", "unit: cycles\n    temperature: 1 °C"),
     "reads like a C-rate", "c_rate: 1"),
    ("unknown material id", VALID.replace("material: test-ptfep\n    property", "material: no-such-material\n    property"),
     "unknown material id 'no-such-material'", ""),
    ("redeclared existing material", VALID.replace("id: test-ptfep\n", "id: LLZO\n"), "already exists in the graph", ""),
    ("bad status", VALID.replace("status: draft", "status: final"), "status", "draft"),
    ("bad DOI", VALID.replace("ref: chan2024:135", "doi: https://doi.org/10.1/x"), "doi", ""),
    ("unknown top-level key", VALID + "measurments: []\n", "measurments", ""),
]


@pytest.mark.parametrize("kind, text, message, valid", BAD_RECORDS, ids=[b[0] for b in BAD_RECORDS])
def test_bad_record_is_rejected_with_a_useful_message(tmp_path, context, store, kind, text, message, valid):
    before = store.triple_count()
    report = check_file(write(tmp_path, text), context)
    assert report.exit_code in (1, 2)
    rendered = "\n".join(str(p) for p in report.problems)
    assert message in rendered, rendered
    assert valid in rendered
    assert "test-paper.yaml" in rendered
    assert store.triple_count() == before


def test_non_utf8_file_is_unreadable(tmp_path, context):
    report = check_file(write(tmp_path, "", raw="curator: Gr\xfcn\n".encode("latin-1")), context)
    assert report.exit_code == 2 and "UTF-8" in str(report.problems[0])


def test_there_are_at_least_fifteen_kinds_of_bad_record():
    assert len(BAD_RECORDS) + 1 >= 15


def test_duplicates_are_linked_not_copied(tmp_path, context):
    body = VALID.replace("measurements:\n", "measurements:\n" + textwrap.indent(textwrap.dedent("""\
        - id: same-as-review
          material: LPIFD
          property: IonicConductivity
          value: 3.0e-4
          unit: S/cm
          section: "4.2 (review)"
        """), "  "), 1)
    path = write(tmp_path, body)
    report = check_file(path, context)
    assert report.exit_code == 0, [str(p) for p in report.problems]
    assert any("LPIFD-sigma" in n and "linked, not duplicated" in n for n in report.notices)


def test_a_valid_record_changes_the_expected_answers(tmp_path, store):
    from kg.builder import assemble, default_loaders, fill_store
    from kg.store import open_store
    from loaders.paper import PaperRecordLoader
    question = {"failure": "low oxidation stability", "family": "polymer"}
    without = [loader for loader in default_loaders() if "wzhang2024" not in loader.name]
    graphs, report = assemble(without, use_reasoner=False)
    base = open_store("memory:")
    fill_store(base, graphs, report)
    assert not [r for r in run_query(base, "strategies-for-failure", question).rows
                if r["strategy"] == "local high-concentration polymer design"]
    graphs, report = assemble([*without, PaperRecordLoader(write(tmp_path, VALID))], use_reasoner=False)
    after = open_store("memory:")
    fill_store(after, graphs, report)
    rows = [r for r in run_query(after, "strategies-for-failure", question).rows
            if r["strategy"] == "local high-concentration polymer design"]
    assert rows and rows[0]["scope"] == ["PTFEP-LPIFD film"] and rows[0]["refs"] == ["135"]
    evidence = run_query(after, "evidence-for", {"subject": "PTFEP-LPIFD film"}).rows
    assert {r["curator"] for r in evidence} == {"test curator"}
    assert all(r["graph"].endswith("/curation/test-paper") for r in evidence)


def test_bad_curation_record_refuses_the_build_and_keeps_the_store(records):
    from kg.builder import build
    from kg.errors import RecordProblems
    from kg.store import open_store
    data, link = records
    before = open_store(f"oxigraph:{link}").triple_count()
    write(data / "curation", VALID.replace("value: 450", "value: -450"), name="broken-paper.yaml")
    with pytest.raises(RecordProblems, match="negative value"):
        build(f"oxigraph:{link}", use_reasoner=False)
    assert open_store(f"oxigraph:{link}").triple_count() == before
    (data / "curation" / "broken-paper.yaml").unlink()
    write(data / "curation", VALID, name="good-paper.yaml")
    build(f"oxigraph:{link}", use_reasoner=False)
    with_record = open_store(f"oxigraph:{link}").triple_count()
    assert with_record > before
    (data / "curation" / "good-paper.yaml").unlink()  # withdrawal: delete the file and rebuild
    build(f"oxigraph:{link}", use_reasoner=False)
    assert open_store(f"oxigraph:{link}").triple_count() == before


def test_template_is_a_clean_record(tmp_path, context, capsys):
    path = new_record("new-paper", ref="chan2024:126", curator="A. Curator", folder=tmp_path)
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert check_file(path, context).exit_code == 0
    with pytest.raises(Exception, match="already exists"):
        new_record("new-paper", folder=tmp_path)


def test_schema_file_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), "run python -m kg.curate.schema"


PARAGRAPH = ("We prepared Li6PS5Cl by high-energy ball milling. The pellet showed an ionic conductivity of "
             "2.5 × 10⁻³ S cm⁻¹ at 25 °C, and 4.1 mS cm-1 at 60 °C. The cell kept 90% capacity after 300 cycles "
             "at 1 °C. Li dendrites were suppressed by a LiF coating.")


def test_extract_finds_the_numbers_temperatures_and_terms():
    found = extract(PARAGRAPH)
    values = {(round(c["value_s_per_cm"], 6), c["temperature"]) for c in found.conductivities}
    assert values == {(0.0025, "25 °C"), (0.0041, "60 °C")}
    assert {f["formula"] for f in found.formulas} >= {"Li6PS5Cl"}
    classes = {(t["kind"], t["class"]) for t in found.terms}
    assert ("method", "HighEnergyBallMilling") in classes and ("failure", "LithiumDendriteGrowth") in classes
    draft = draft_record(found, "demo")
    assert "status: draft" in draft and "TODO" in draft and "2.5" in draft


def test_extracted_draft_fails_check_until_a_curator_fills_it(tmp_path, context):
    path = write(tmp_path, draft_record(extract(PARAGRAPH), "demo"), name="demo.yaml")
    report = check_file(path, context)
    assert report.exit_code == 1 and any("TODO" in str(p) for p in report.problems)


def test_shacl_on_the_records_neighbourhood_finds_what_shacl_on_the_whole_graph_finds(store, context, tmp_path):
    """`curate check` runs SHACL on the record's nodes with what the graph states about them, not on the whole graph
    (7 s -> 0.1 s on the review graph). Three violations of the record's nodes, one needing the graph's triples (a
    second formula kind for a review material), one a value's class (an interface that is a material): the scoped
    check reports what SHACL over the whole graph plus the record reports, and no more."""
    import pyshacl
    from rdflib import RDF, Graph, Literal, URIRef
    from rdflib.namespace import SH

    from kg.curate.check import _shacl_problems
    from kg.namespace import SSE
    from kg.ontology import load_ontology
    from kg.reason import sparql_type_closure
    from kg.validate import load_shapes
    review_material = URIRef("https://w3id.org/sekg/resource/material/LiF@LGPS")
    failure = URIRef("https://w3id.org/sekg/resource/test/failure")
    record = Graph()
    record.add((review_material, SSE.formulaKind, Literal("concrete")))  # the graph already states 'composite'
    record.add((failure, RDF.type, SSE.LithiumDendriteGrowth))  # neither family nor material it concerns
    record.add((failure, SSE.concernsInterface, review_material))  # not an sse:InterfaceLocation
    scoped = {(p.record, p.message) for p in _shacl_problems(tmp_path / "r.yaml", record, context)}

    whole = Graph()
    for triple in context:
        whole.add(triple)
    for triple in record:
        whole.add(triple)
    ontology = load_ontology()
    merged = whole + ontology + sparql_type_closure(ontology, whole).inferred
    _, report, _ = pyshacl.validate(merged, shacl_graph=load_shapes(), inference="none")
    expected = {(str(report.value(r, SH.focusNode)).rsplit("/", 1)[-1], f"SHACL: {report.value(r, SH.resultMessage)}")
                for r in report.subjects(SH.resultSeverity, SH.Violation)
                if report.value(r, SH.focusNode) in {review_material, failure}}
    assert len(expected) == 3 and scoped == expected


def test_diff_shows_a_new_conductivity_where_a_build_would(tmp_path, store):
    """`curate diff` adds the record to a copy of the graph with what a build derives for it (inferred types and
    the query index: conductivity queries find measurements through the index), so a new value shows up as a row."""
    from kg.curate.diff import diff_record
    text = textwrap.dedent("""\
        paper:
          ref: chan2024:129
        curator: test curator
        curated_on: 2026-12-04
        status: draft
        read_from: {source: chan2024, section: "4.1.1"}
        measurements:
          - id: test-conductivity
            material: Li6PS3Cl-EMG
            property: IonicConductivity
            value: 2.5
            unit: mS/cm
            printed: 2.5 mS cm^-1
            temperature: 60 °C
            section: "4.1.1 (review)"
        """)
    from kg.store import OxigraphStore, copy_graphs
    on_disk = OxigraphStore(tmp_path / "store", "oxigraph:test")  # checkpointed by the diff; a memory store is copied
    copy_graphs(store, on_disk)
    assert store.path is None and on_disk.path is not None
    for graph in (on_disk, store):
        diff = diff_record(write(tmp_path, text, "test-emg.yaml"), graph)
        conductivity = [change for change in diff.changes if change.query == "materials-by-conductivity"]
        assert len(conductivity) == 1 and not conductivity[0].removed
        assert [(row["value_as_printed"], row["material"], row["source"]) for row in conductivity[0].added] == [
            ("2.5 mS cm^-1", "Li6PS3Cl-EMG electrolyte sheet", "test-emg")]
        assert diff.changes == sorted(diff.changes, key=lambda change: (change.query, sorted(change.params.items())))

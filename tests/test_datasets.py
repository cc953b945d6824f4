"""Issue 14: the field's measured data in the same graph (OBELiX, the Liverpool database, any table).

The tests that read the real datasets skip with a reason where ../shared/datasets is not beside the checkout;
the generic table loader, the family mapping, the identity key, the variant rule and the Arrhenius fit are tested
on data written here.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.errors import RecordError
from kg.paths import shared_dir
from kg.namespace import SSE

SHARED_DATASETS = shared_dir() / "datasets"
OBELIX = SHARED_DATASETS / "obelix" / "all.csv"
LIVERPOOL = SHARED_DATASETS / "liverpool_ionics" / "LiIonDatabase.csv"
needs_datasets = pytest.mark.skipif(not (OBELIX.is_file() and LIVERPOOL.is_file()),
                                    reason=f"the datasets are not at {SHARED_DATASETS} (../shared/datasets)")
RESOURCE = "https://w3id.org/sekg/resource/"


# ------------------------------------------------------------------ the merged graph, built once
@pytest.fixture(scope="module")
def merged():
    """Review + OBELiX + Liverpool, built with HermiT, SHACL and the quality checks, in memory."""
    if not (OBELIX.is_file() and LIVERPOOL.is_file()):
        pytest.skip(f"the datasets are not at {SHARED_DATASETS}")
    from kg.builder import assemble, default_loaders, populate
    from kg.resolve import LabelIndex
    from kg.store import open_store
    from loaders.datasets import configured_datasets
    located = configured_datasets({"obelix": OBELIX, "liverpool": LIVERPOOL})
    graphs, report = assemble(default_loaders(located), use_reasoner=True, validate=True)
    store = open_store("memory:")
    populate(store, graphs, report)
    return store, report, LabelIndex(store)


def _rows(merged, name: str, **params) -> list[dict]:
    from kg.catalogue import run_query
    store, _, index = merged
    return run_query(store, name, {k: str(v) for k, v in params.items()}, index).rows


def _dataset_report(merged, source: str):
    return next(r for r in merged[1].dataset_reports if r.source == source)


@needs_datasets
def test_every_row_of_both_files_is_accepted_or_rejected_with_a_reason(merged):
    obelix, liverpool = _dataset_report(merged, "obelix"), _dataset_report(merged, "liverpool")
    assert (obelix.rows_read, obelix.accepted, len(obelix.rejected)) == (599, 599, 0)
    assert (liverpool.rows_read, liverpool.accepted, len(liverpool.rejected)) == (820, 816, 4)
    reasons = sorted((r.column, r.reason.split(" (valid")[0]) for r in liverpool.rejected)
    assert reasons.count(("source", "'Journal De Physique 26 339-341. 1965' is not a DOI")) == 3
    assert ("ID", "duplicate row id '922'") in reasons
    assert all(r.file.endswith("LiIonDatabase.csv") and r.row > 1 for r in liverpool.rejected)


@needs_datasets
def test_merged_graph_passes_shacl_and_every_quality_check(merged):
    _, report, _ = merged
    assert report.checks and all(not check.rows for check in report.checks)
    assert report.graph_counts[f"https://w3id.org/sekg/graph/dataset/obelix"] > 20_000


@needs_datasets
@pytest.mark.parametrize("row, material, value, family, temperature_c, doi", [
    # OBELiX (room temperature by construction), one row per family, checked by hand against all.csv
    ("jqc", "Li7BiO6", 1.58489e-06, "oxide solid electrolyte", None, "doi:10.1002/zaac.200500231"),
    ("2t8", "LiVPO4F", 8.1e-07, "oxide solid electrolyte", None, "doi:10.1016/j.ssi.2013.04.002"),
    ("p81", "LiAlCl4", 1e-06, "halide solid electrolyte", None, "doi:10.1149/1.2133238"),
    # Liverpool (degrees C): anti-perovskite, garnet, a glass (family from the label, anion from the composition)
    ("2", "Li2HBrO", 5.40e-07, "anti-perovskite electrolyte", 22.06, "doi:10.1002/aenm.201700971"),
    ("20", "Li7.06La3Y0.06Zr1.94O12", 9.56e-04, "garnet-type electrolyte", 25.0, "doi:10.1016/j.elecom.2011.08.014"),
    ("67", "LiPO3", 1.16e-07, "inorganic glass electrolyte", 300.0, "doi:10.1007/s00339-007-4020-y"),
    ("18", "Li3.4Si0.4P0.6S4", 6.40e-04, "LGPS-type / thio-LISICON electrolyte", 27.0, "doi:10.1006/jssc.2002.9701"),
    ("26", "Li1.3Al0.3Ti1.7(PO4)3", None, None, None, None),
])
def test_hand_checked_rows_end_to_end(merged, row, material, value, family, temperature_c, doi):
    store, _, _ = merged
    source = "obelix" if not row.isdigit() else "liverpool"
    node = f"{RESOURCE}dataset/{source}/row/{row}"
    facts = {str(r["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: r["o"] for r in store.select(
        f"SELECT ?p ?o WHERE {{ <{node}> ?p ?o }}").rows}
    assert facts, f"row {row} of {source} is not in the graph"
    material_iri = facts["ofMaterial"]
    label = str(store.select(f"SELECT ?l WHERE {{ <{material_iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
                .rows[0]["l"])
    if value is None:  # the LATP row resolves to the review's LATP node
        assert str(material_iri) == f"{RESOURCE}material/LATP"
        return
    assert label == material
    assert math.isclose(float(facts["numericValue"]), value, rel_tol=1e-9)
    types = {str(r["t"]) for r in store.select(f"SELECT ?t WHERE {{ <{material_iri}> a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#label> ?t }}").rows}
    assert family in types
    if temperature_c is None:
        assert str(facts["atRoomTemperature"]).lower() == "true" and "temperatureC" not in facts
    else:
        assert float(facts["temperatureC"]) == temperature_c
    refs = {str(r["n"]) for r in store.select(f"SELECT ?n WHERE {{ <{node}> <{SSE.citesReference}>/<{SSE.referenceNumber}> ?n }}").rows}
    assert refs == {doi}


@needs_datasets
def test_a_printed_upper_limit_is_loaded_as_a_bound_not_a_value(merged):
    store, _, _ = merged
    node = f"{RESOURCE}dataset/obelix/row/4kt"  # Li2CrCl4, printed '<1E-10'
    row = store.select(f"""SELECT ?low ?high ?flag ?value WHERE {{ <{node}> <http://qudt.org/schema/qudt/lowerBound> ?low ;
        <http://qudt.org/schema/qudt/upperBound> ?high ; <{SSE.isUpperLimit}> ?flag .
        OPTIONAL {{ <{node}> <http://qudt.org/schema/qudt/numericValue> ?value }} }}""").rows[0]
    assert (float(row["low"]), float(row["high"]), row["value"]) == (0.0, 1e-10, None)
    flagged = [r for r in _rows(merged, "materials-by-conductivity", source="obelix") if r["upper_limit"]]
    assert flagged and all(r["conductivity_s_per_cm"] == 0.0 for r in flagged)


@needs_datasets
def test_family_labels_are_mapped_through_the_reviewed_table_or_reported(merged):
    for source in ("obelix", "liverpool"):
        report = _dataset_report(merged, source)
        mapped, distinct, mapped_occurrences, occurrences = report.label_mapping_coverage
        assert mapped_occurrences / occurrences > 0.98
        assert set(report.unmapped_families) == ({"layered"} if source == "obelix" else {"Lysonite"})
    refused = _dataset_report(merged, "obelix").refused_families
    assert ("argyrodite", "ArgyroditeElectrolyte", "the composition has no S or Se") in refused  # Li6SiO4Cl2


@needs_datasets
def test_a_composition_in_both_datasets_and_the_review_is_one_node(merged):
    store, _, index = merged
    llzo = index.resolve("LLZO", "material").iri
    sources = {str(r["s"]) for r in store.select(
        f"SELECT DISTINCT ?s WHERE {{ ?m <{SSE.ofMaterial}> <{llzo}> ; <http://purl.org/dc/terms/source>/<{SSE.sourceName}> ?s }}").rows}
    assert sources == {"chan2024", "obelix", "liverpool"}
    assert index.resolve("Li7La3Zr2O12", "material").iri == llzo
    # the same composition printed at two scales is one node
    assert index.resolve("Li19.08Si3.48P2.88S23.4Cl0.6", "material").iri == \
        index.resolve("Li9.54Si1.74P1.44S11.7Cl0.3", "material").iri


@needs_datasets
def test_doped_variants_stay_distinct_and_link_to_their_parent(merged):
    store, _, index = merged
    llzo = index.resolve("LLZO", "material").iri
    variant = index.resolve("Li6.75La3Zr1.75Nb0.25O12", "material").iri
    assert variant != llzo
    assert store.ask(f"ASK {{ <{variant}> <{SSE.variantOf}> <{llzo}> }}")


@needs_datasets
def test_pairs_of_sources_share_materials(merged):
    from kg.source_overlap import shared_material_counts
    per_source, per_pair = shared_material_counts(merged[0])
    assert per_pair[("liverpool", "obelix")] > 150
    assert per_pair[("chan2024", "obelix")] >= 5 and per_pair[("chan2024", "liverpool")] >= 5


@needs_datasets
def test_cif_structures_are_derived_and_marked(merged):
    store, report, _ = merged
    assert _dataset_report(merged, "obelix").structures_from_cif == 321
    row = store.select(f"""SELECT ?sg ?n ?density ?li ?cif WHERE {{
        <{RESOURCE}dataset/obelix/cif/jqc> <{SSE.spaceGroupSymbol}> ?sg ; <{SSE.spaceGroupNumber}> ?n ;
            <{SSE.densityGPerCm3}> ?density ; <{SSE.lithiumSiteCount}> ?li ; <{SSE.derivedFromCif}> ?cif ;
            <{SSE.isDerived}> true }}""").rows
    assert row and int(row[0]["n"]) == 2 and str(row[0]["cif"]).endswith("jqc.cif")  # OBELiX prints P -1 (2)
    assert 0 < float(row[0]["density"]) < 10 and int(row[0]["li"]) > 0


@needs_datasets
def test_arrhenius_fits_are_derived_with_quality_and_flags(merged):
    rows = _rows(merged, "arrhenius-fits")
    report = _dataset_report(merged, "liverpool")
    assert len(rows) == report.arrhenius_fits > 50
    assert all(r["points"] >= 3 and r["source"] == "liverpool" for r in rows)
    flagged = [r for r in rows if "extrapolated" in r["flags"]]
    assert flagged and all(r["min_temperature_c"] > 25.5 or r["max_temperature_c"] < 24.5 for r in flagged)
    measured = _rows(merged, "materials-by-conductivity", source="liverpool")
    assert not {r["measurement_iri"] for r in measured} & {r["fit_iri"] for r in rows}  # never mixed


@needs_datasets
def test_cross_source_conflicts_name_both_sources_and_dois(merged):
    rows = [r for r in _rows(merged, "conflicts") if r["aspect"] == "value across sources"]
    assert rows
    for row in rows:
        assert len(row["sources"]) == 2 and len(row["claims"]) == 2
        assert all(ref.startswith("doi:") or ref[0].isdigit() for ref in row["refs"])
    assert _rows(merged, "conflicts", source="obelix")


@needs_datasets
def test_room_temperature_question_counts_each_source(merged):
    rows = _rows(merged, "materials-by-conductivity", min_conductivity="1e-3", max_temperature="30")
    by_source = {}
    for row in rows:
        by_source[row["source"]] = by_source.get(row["source"], 0) + 1
    assert set(by_source) == {"chan2024", "obelix", "liverpool"}
    assert all((row["conductivity_high_s_per_cm"] or row["conductivity_s_per_cm"]) >= 1e-3 for row in rows)
    only_review = _rows(merged, "materials-by-conductivity", min_conductivity="1e-3", max_temperature="30",
                        source="chan2024")
    assert len(only_review) == by_source["chan2024"]


@needs_datasets
def test_liverpool_temperature_unit_is_celsius_by_the_evidence():
    from loaders.temperature_unit import temperature_unit_evidence
    evidence = temperature_unit_evidence(LIVERPOOL, OBELIX)
    assert evidence.decision == "degC"
    assert 0.2 < evidence.median_ea_ev_if_celsius < 0.8 and evidence.median_ea_ev_if_kelvin < 0.05
    assert evidence.median_r_squared_if_celsius > evidence.median_r_squared_if_kelvin
    assert evidence.rows_compared_with_room_temperature_table > 50 and evidence.median_abs_log10_difference < 0.3


@needs_datasets
def test_release_never_carries_the_unlicensed_dataset(merged, tmp_path):
    from kg.release import write_release
    store, _, _ = merged
    report = write_release(store, tmp_path / "dist")
    assert report.withheld_graphs == ["https://w3id.org/sekg/graph/dataset/liverpool"]
    import gzip
    text = gzip.decompress(next((tmp_path / "dist").glob("*.nq.gz")).read_bytes()).decode()
    assert "dataset/liverpool" not in text and "dataset/obelix/row/jqc" in text


# ------------------------------------------------------------------ the generic table loader, on files written here
BAD_TABLE = """id,formula,sigma,T,family,doi
a,Li7La3Zr2O12,5e-4,25,garnet,10.1000/good
b,Li7La3Zr2O12),5e-4,25,garnet,10.1000/good
c,Li3PS4,-1e-4,25,thio-LISICON,10.1000/good
d,Li3PS4,1e-4,25,thio-LISICON,not-a-doi
e,Li3PS4,1e-4,-300,thio-LISICON,10.1000/good
f,Li3PS4,1.2 mS/cm,30,thio-LISICON,10.1000/good
g,Li3PS4,1.2 mA,30,thio-LISICON,10.1000/good
h,Li1+xAlxTi2-x(PO4)3,1e-4,25,NASICON,10.1000/good
i,Li6PS5Cl,<1e-8,25,garnet,https://doi.org/10.1000/GOOD
"""


def _table_loader(path: Path, **extra):
    from loaders.table_mapping import mapping_from_dict
    from loaders.tabular import TableLoader
    data = {"source": "my-lab", "columns": {"id": "id", "formula": "formula", "conductivity": "sigma",
                                             "temperature": "T", "family": "family", "doi": "doi"},
            "temperature_unit": "degC", **extra}
    return TableLoader(mapping_from_dict(data, "test"), path)


def test_generic_table_rows_are_checked_like_curation_records(tmp_path):
    table = tmp_path / "mine.csv"
    table.write_text(BAD_TABLE, encoding="utf-8")
    loader = _table_loader(table)
    graph = loader.load()
    report = loader.report
    rejected = {r.row_id: (r.column, r.reason) for r in report.rejected}
    assert report.rows_read == 9 and report.accepted == 3
    assert set(rejected) == {"b", "c", "d", "e", "g", "h"}
    assert rejected["b"][0] == "formula" and rejected["c"][0] == "sigma" and rejected["d"][0] == "doi"
    assert rejected["e"][0] == "T" and "absolute zero" in rejected["e"][1]
    assert rejected["g"][0] == "sigma" and "not a conductivity" in rejected["g"][1]
    assert "generic" in rejected["h"][1]
    assert all(str(r).startswith(f"{table}:") for r in report.rejected)
    f_value = graph.value(URIRef(f"{RESOURCE}dataset/my-lab/row/f"), URIRef("http://qudt.org/schema/qudt/numericValue"))
    assert math.isclose(float(f_value), 1.2e-3)
    limit = URIRef(f"{RESOURCE}dataset/my-lab/row/i")
    assert float(graph.value(limit, URIRef("http://qudt.org/schema/qudt/upperBound"))) == 1e-8
    assert (limit, SSE.isUpperLimit, None) in graph
    # 'garnet' on a sulfide is refused by the anion check; the family comes from the composition, marked inferred
    assert ("garnet", "GarnetTypeElectrolyte", "the composition has no O") in report.refused_families
    assert str(graph.value(limit, SSE.familyInferredFrom)).startswith("composition")
    assert (URIRef("https://doi.org/10.1000/good"), None, None) in graph  # DOIs are case-folded


def test_xlsx_tables_read_like_csv(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    for line in BAD_TABLE.strip().splitlines():
        sheet.append([float(cell) if cell.replace(".", "").replace("e-", "").isdigit() else cell
                      for cell in line.split(",")])
    path = tmp_path / "mine.xlsx"
    book.save(path)
    loader = _table_loader(path)
    loader.read_rows()
    assert loader.report.accepted == 3 and len(loader.report.rejected) == 6


def test_mapping_errors_name_the_field_and_what_is_valid(tmp_path):
    from loaders.table_mapping import mapping_from_dict
    with pytest.raises(RecordError, match="field 'columns.sigma'.*unknown field"):
        mapping_from_dict({"source": "x1", "columns": {"formula": "f", "sigma": "s"}}, "m.yaml")
    with pytest.raises(RecordError, match="field 'temperature_unit'.*never guesses"):
        mapping_from_dict({"source": "x1", "columns": {"formula": "f", "conductivity": "s"},
                           "temperature_unit": "F"}, "m.yaml")
    table = tmp_path / "t.csv"
    table.write_text("formula,sigma\nLi3PS4,1e-4\n", encoding="utf-8")
    loader = _table_loader(table)
    with pytest.raises(RecordError, match="no column 'id' in the table.*'formula', 'sigma'"):
        loader.read_rows()


# ------------------------------------------------------------------ pieces
def test_arrhenius_fit_recovers_a_known_activation_energy():
    from loaders.arrhenius import BOLTZMANN_EV_PER_K, fit_arrhenius
    ea, prefactor = 0.35, 1e5
    temps = [25.0, 50.0, 80.0, 120.0]
    sigma = [prefactor / (t + 273.15) * math.exp(-ea / (BOLTZMANN_EV_PER_K * (t + 273.15))) for t in temps]
    fit = fit_arrhenius(temps, sigma)
    assert math.isclose(fit.activation_energy_ev, ea, rel_tol=1e-9)
    assert math.isclose(fit.conductivity_at(25.0), sigma[0], rel_tol=1e-9)
    assert fit.r_squared > 0.999999 and fit.flags == []
    hot = fit_arrhenius(temps[1:], sigma[1:])
    assert hot.flags == ["extrapolated"]
    noisy = fit_arrhenius(temps, [sigma[0], sigma[1] * 30, sigma[2] / 30, sigma[3]])
    assert "poor fit" in noisy.flags


def test_composition_key_makes_scaled_formulas_one_material():
    from loaders.formula import parse_formula
    from loaders.material_identity import composition_key
    a = composition_key(parse_formula("Li19.08Si3.48P2.88S23.4Cl0.6").amounts)
    b = composition_key(parse_formula("Li9.54Si1.74P1.44S11.7Cl0.3").amounts)
    assert a == b == "Cl5Li159P24S195Si29"
    assert composition_key(parse_formula("Li6PS5Cl").amounts) != composition_key(parse_formula("Li6PS5Br").amounts)


def test_variant_rule_links_doped_compositions_not_siblings_or_other_compounds():
    from loaders.variants import is_variant
    llzo = {"Li": 7, "La": 3, "Zr": 2, "O": 12}
    assert is_variant({"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}, llzo)
    assert not is_variant(llzo, llzo)
    assert not is_variant({"Li": 6, "P": 1, "S": 5, "Br": 1}, {"Li": 6, "P": 1, "S": 5, "Cl": 1})
    assert not is_variant({"Li": 3, "Fe": 2, "P": 3, "O": 12}, {"Li": 1, "Fe": 1, "P": 1, "O": 4})


def test_family_decision_refuses_labels_the_composition_contradicts():
    from loaders.family_mapping import decide_families
    oxide_argyrodite = decide_families(["argyrodite"], frozenset({"Li", "Si", "O", "Cl"}))
    assert oxide_argyrodite.classes == [] and oxide_argyrodite.refused
    glass = decide_families(["Glass"], frozenset({"Li", "P", "S"}))
    assert glass.classes == [SSE.InorganicGlassElectrolyte, SSE.SulfideElectrolyte] and glass.inferred_from
    unknown = decide_families(["layered"], frozenset({"Li", "Sn", "S"}))
    assert unknown.unmapped == ["layered"] and unknown.classes == [SSE.SulfideElectrolyte]


@needs_datasets
@pytest.mark.parametrize("name, params", [
    ("arrhenius-fits", {"max_activation_energy": "0.5"}),
    ("conflicts", {"source": "obelix"}),
    ("materials-by-conductivity", {"min_conductivity": "1e-2", "source": "liverpool"}),
    ("material-profile", {"material": "LLZO"}),
])
def test_dataset_answers_are_the_same_on_a_standard_sparql_server(merged, merged_on_server, name, params):
    import json
    from kg.catalogue import run_query
    from kg.store import open_store
    store, _, index = merged
    local = run_query(store, name, params, index).rows
    remote = run_query(open_store(f"sparql:{merged_on_server}"), name, params).rows
    assert local
    key = lambda rows: sorted(json.dumps(r, sort_keys=True) for r in rows)  # noqa: E731
    assert key(remote) == key(local)


@pytest.fixture(scope="module")
def merged_on_server(merged, tmp_path_factory):
    """The merged graph pushed to the Oxigraph server (SPARQL 1.1 protocol and graph store protocol)."""
    import subprocess
    from kg.cli.remote_cmd import oxigraph_binary
    from kg.loopback import free_port, stop, wait_for_http
    from kg.remote import push
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_for_http(url, process)
        push(merged[0], url)
        yield url
    finally:
        stop(process)


# ------------------------------------------------------------------ the commands
GOOD_TABLE = """Sample,Composition,Sigma (mS/cm),T (C),Class,DOI
s1,Li6PS5Cl,2.1,25,argyrodite,10.1000/lab.1
s2,Li6PS5Cl,5.0,60,argyrodite,10.1000/lab.1
s3,Li6PS5Cl,11.0,100,argyrodite,10.1000/lab.1
s4,Li3YCl6,0.5,25,halides,10.1000/lab.2
s5,Li3YCl6),0.5,25,halides,10.1000/lab.2
"""
LAB_ARGS = ["--source", "my-lab", "--map", "Sample=id", "--map", "Composition=formula",
            "--map", "Sigma (mS/cm)=conductivity", "--map", "T (C)=temperature", "--map", "Class=family",
            "--doi-column", "DOI", "--conductivity-unit", "mS/cm", "--licence", "CC-BY-4.0"]


def test_load_table_registers_the_table_and_builds_it_in(tmp_path, capsys):
    from kg.catalogue import run_query
    from kg.cli import main
    from kg.store import open_store
    table = tmp_path / "lab.csv"
    table.write_text(GOOD_TABLE, encoding="utf-8")
    selector = f"oxigraph:{tmp_path / 'store'}"
    assert main(["load-table", str(table), *LAB_ARGS, "--store", selector]) == 2  # no temperature unit: never guessed
    assert "--temperature-unit is required" in capsys.readouterr().err
    assert main(["load-table", str(table), *LAB_ARGS, "--temperature-unit", "degC", "--check", "--store", selector]) == 0
    assert not (tmp_path / "tables").exists() and not (tmp_path / "store").exists()  # --check writes nothing
    assert main(["load-table", str(table), *LAB_ARGS, "--temperature-unit", "degC", "--save-mapping",
                 str(tmp_path / "lab.yaml"), "--store", selector]) == 0
    out = capsys.readouterr().out
    assert "5 rows read, 4 accepted, 1 rejected" in out and f"{table}:6: row 's5', column 'Composition'" in out
    assert (tmp_path / "tables" / "my-lab.yaml").is_file() and (tmp_path / "lab.yaml").is_file()
    store = open_store(selector)
    rows = run_query(store, "materials-by-conductivity", {"min_conductivity": "1 mS/cm", "source": "my-lab"}).rows
    assert sorted(r["conductivity_s_per_cm"] for r in rows) == [0.0021, 0.005, 0.011]
    assert {r["refs"][0] for r in rows} == {"doi:10.1000/lab.1"}
    fits = run_query(store, "arrhenius-fits", {"source": "my-lab"}).rows
    assert len(fits) == 1 and fits[0]["points"] == 3
    assert main(["datasets", "--store", selector, "--format", "json"]) == 0
    listed = {row["name"]: row for row in __import__("json").loads(capsys.readouterr().out)["rows"]}
    assert listed["my-lab"]["present"] == "yes"
    # the saved mapping file loads the same table again
    assert main(["load-table", str(table), "--mapping", str(tmp_path / "lab.yaml"), "--check"]) == 0


def test_datasets_missing_is_a_note_not_an_error(tmp_path, capsys, monkeypatch):
    from kg.cli import main
    monkeypatch.setenv("SEKG_DATASETS", str(tmp_path / "nowhere"))
    assert main(["datasets", "--format", "json", "--store", f"oxigraph:{tmp_path / 'store'}"]) == 0
    rows = __import__("json").loads(capsys.readouterr().out)["rows"]
    assert {row["name"]: row["present"] for row in rows} == {"liverpool": "no", "obelix": "no"}
    from kg.builder import default_loaders
    from loaders.datasets import configured_datasets
    notes: list[str] = []
    loaders = default_loaders(configured_datasets(), notes)
    assert not any(loader.name.startswith("dataset/") for loader in loaders)
    assert len(notes) == 2 and all("building without it" in note for note in notes)

"""Issue 13, defects an independent check of the graph against the review found: one regression test each.

Each test quotes the review's sentence the fact must follow.
"""
from __future__ import annotations

import pytest

from kg.catalogue import run_query


def _rows(store, built, name, **params):
    return run_query(store, name, params, built.index).rows


def test_strain_engineering_is_scoped_to_hcp_halides_as_the_review_states(store, built):
    # 2.3: "introducing micro-strain and stacking faults ... increase the ionic conductivity of halide SEs with hcp
    # anion sublattice" [75]: offered for Li3YCl6 (hcp, trigonal), not for Li3YBr6 (ccp, monoclinic)
    strategy = "lattice disorder and strain engineering"
    hcp = _rows(store, built, "strategies-for-failure", failure="low ionic conductivity", material="Li3YCl6")
    ccp = _rows(store, built, "strategies-for-failure", failure="low ionic conductivity", material="Li3YBr6")
    assert any(row["strategy"] == strategy and "75" in row["refs"] for row in hcp)
    assert not any(row["strategy"] == strategy and "75" in row["refs"] for row in ccp)


def test_co_sintering_processes_the_existing_lco_cathode_and_does_not_make_it(store, built):
    # 2.1: "co-sintering for the LCO cathode with Nb-doped LLZO (LLZO-Nb)" [43]
    made_by = _rows(store, built, "materials-made-by", method="co-sintering")
    materials = {row["material"] for row in made_by if "43" in row["refs"]}
    assert materials and not any("LiCoO2" in name or name == "LCO" for name in materials)
    assert store.ask("""PREFIX sse: <https://w3id.org/sekg/ontology#>
        ASK { ?step sse:processedWith ?lco . ?lco sse:formula "LiCoO2" . ?step sse:produces ?llzo_nb .
              ?llzo_nb sse:variantOf ?llzo }""")


def test_llzo_current_inhomogeneity_is_between_electrolyte_and_electrodes(store, built):
    # 2.1: "the interfacial issues between solid electrolytes and electrodes are another major drawback of LLZO,
    # leading to high interfacial resistance and inhomogeneous current distribution" [37]
    rows = [row for row in _rows(store, built, "failures-of", material="LLZO")
            if row["failure"] == "inhomogeneous current distribution" and "37" in row["refs"]]
    assert rows and all(row["interface"] != "anode interface" for row in rows)
    assert {row["interface"] for row in rows} == {"electrode/electrolyte interface"}


def test_every_benchmark_value_carries_the_refs_of_the_sentence_that_prints_it(store, built):
    # 2.2: LGPS's 12 mS/cm is printed with [56]; 1.6 x 10^-3 S/cm with [63], the benchmark sentence's reference
    rows = [row for row in _rows(store, built, "benchmark-materials", family="sulfide") if row["material"] == "Li10GeP2S12"]
    by_value = {row["conductivity_s_per_cm"]: row for row in rows}
    assert by_value[0.012]["refs"] == ["56"] and by_value[0.0016]["refs"] == ["63"]
    assert all(row["designation_refs"] == ["63"] for row in rows)


def test_a_range_that_only_overlaps_the_threshold_is_flagged_not_reported_as_meeting_it(store, built):
    # 2.5: binary phosphides printed as 10^-4 - 10^-2 S/cm reach 1 mS/cm only with the upper end of the range
    rows = _rows(store, built, "materials-by-conductivity", min_conductivity="1e-3")
    ranges = [row for row in rows if row["value_kind"] == "range"]
    assert any(row["material"] == "Li3P" for row in ranges)
    assert all(row["meets_threshold"] == "partly" for row in ranges if row["conductivity_s_per_cm"] < 1e-3)
    assert all(row["meets_threshold"] == "yes" for row in rows if row["value_kind"] == "point")
    assert all(row["meets_threshold"] is None for row in _rows(store, built, "materials-by-conductivity"))


def test_the_conductivity_plot_draws_a_printed_range_from_its_low_to_its_high_end(store):
    from viz.plots import conductivity_points
    li3p = [p for p in conductivity_points(store, ["phosphide"]) if p["material"] == "Li3P"]
    assert li3p and all((p["low"], p["sigma"]) == (1e-4, 1e-2) for p in li3p)


def test_values_printed_without_a_temperature_are_kept_flagged_and_never_given_one(store, built):
    # 2.2: LGPS "12 mScm-1" [56] and the glass-ceramic's 17 mS/cm [53] are printed without a temperature
    rows = _rows(store, built, "materials-by-conductivity", min_conductivity="1e-2", max_temperature="30")
    unstated = [row for row in rows if row["temperature_stated"] is False]
    assert {row["material"] for row in unstated} >= {"Li10GeP2S12", "Li2S-P2S5 glass-ceramic"}
    assert all(row["temperature_c"] is None and row["temperature_as_printed"] is None for row in unstated)
    stated_only = _rows(store, built, "materials-by-conductivity", min_conductivity="1e-2", max_temperature="30",
                        unstated_temperature="exclude")
    assert all(row["temperature_stated"] for row in stated_only) and len(stated_only) < len(rows)


def test_unstated_temperature_accepts_only_its_choices(store, built):
    import pytest
    from kg.errors import UsageError
    with pytest.raises(UsageError, match="--unstated-temperature: 'maybe' is not one of include, exclude"):
        _rows(store, built, "materials-by-conductivity", max_temperature="30", unstated_temperature="maybe")


def test_the_mobile_ion_is_shown_and_sodium_conductors_are_not_listed_as_lithium_ones(store, built):
    # 2.3 and 2.4 describe Na conductors beside Li ones (Na2ZrCl6, Na4B36H34-7Na2B12H12)
    default = _rows(store, built, "materials-by-conductivity")
    assert not any(row["mobile_ion"] == "Na+" for row in default)
    assert {"Na2ZrCl6", "Na4B36H34-7Na2B12H12"} <= {row["material"] for row in _rows(
        store, built, "materials-by-conductivity", ion="Na+") if row["mobile_ion"] == "Na+"}
    every = _rows(store, built, "materials-by-conductivity", ion="any")
    assert len(every) == len(default) + sum(1 for row in every if row["mobile_ion"] == "Na+")
    assert {row["mobile_ion"] for row in default} <= {"Li+", None}


def test_issue13_a_contradicted_value_says_so_in_every_answer(store, built):
    """The review prints two room-temperature values for LGPS (12 mS/cm and 1.6e-3 S/cm, conflicts.yaml): the rows
    carrying them say so in a `conflict` column, in the conductivity and the benchmark answers alike."""
    from kg.catalogue import run_query
    for name, params in (("materials-by-conductivity", {"source": "chan2024"}), ("benchmark-materials", {})):
        answer = run_query(store, name, params, built.index)
        assert "conflict" in answer.columns and answer.columns.index("conflict") < answer.columns.index("material_iri")
        lgps = [row for row in answer.rows if row["material"] == "Li10GeP2S12"
                and row["conductivity_s_per_cm"] in (pytest.approx(0.012), pytest.approx(1.6e-3))]
        assert lgps and all("12 mS/cm and 1.6e-3 S/cm" in (row["conflict"] or "") for row in lgps), name
        assert any(row["conflict"] is None for row in answer.rows), "rows nobody contradicts stay unflagged"
    assert "conflict" not in run_query(store, "research-gaps", {}, built.index).columns  # no fact column, no flag


def test_issue13_duplicates_are_linked_or_named_honestly(store, built):
    """NCM90 ([136], 4.2) and LiNi0.9Co0.05Mn0.05O2 ([126], 4.1.1): the review never calls the latter NCM90, so the
    name is no longer its synonym; both are variants of NCM. 'LPS' names Li3PS4 and the Li2S-P2S5 glass alike:
    ambiguous, listed. LATP (Li1.3Al0.3Ti1.7(PO4)3) is an Al-substituted LiTi2(PO4)3; LiVCl3 is the X = Cl member of
    Table 2's Li-VX3; the 30 mol% LiI-doped glass [211] is one of the Li2S-P2S5-LiI glasses [52]."""
    from kg.errors import UsageError
    from kg.namespace import RESOURCE
    index = built.index
    assert index.resolve("NCM90", "material").label == "NCM90"
    with pytest.raises(UsageError, match="ambiguous") as ambiguous:
        index.resolve("LPS", "material")
    assert "Li3PS4" in str(ambiguous.value) and "Li2S-P2S5" in str(ambiguous.value)
    parents = [("NCM90", "NCM"), ("NCM90-136", "NCM"), ("LATP", "LTP"), ("LiVCl3", "Li-VX3"),
               ("LiI-Li2S-P2S5", "Li2S-P2S5-LiI"), ("Li2S-P2S5-LiI", "Li2S-P2S5")]
    for child, parent in parents:
        assert store.ask(f"ASK {{ <{RESOURCE['material/' + child]}> <https://w3id.org/sekg/ontology#variantOf> "
                         f"<{RESOURCE['material/' + parent]}> }}"), (child, parent)
    # variants still answer for their parent: the LiI-doped glass's dendrite strategy is offered for Li2S-P2S5
    rows = run_query(store, "strategies-for-failure", {"failure": "dendrite", "material": "Li2S-P2S5"}, index).rows
    assert "lithium halide doping of sulfide glass" in {row["strategy"] for row in rows}


def test_issue13_ref_137_electrolyte_is_one_node_with_one_conductivity(store, built):
    """4.3: Khan's hybrid filler-designed SPE [137] reaches "at 40 °C, the maximum ionic conductivity ... 1.9 x 10^-4
    S cm^-1"; Table 2 prints the same value for [137] as "PEO with LLZTO Compositing". One electrolyte, one value at
    the temperature the text states; the Table's name resolves to it; the naming conflict stays recorded."""
    index = built.index
    assert index.resolve("PEO with LLZTO Compositing", "material").label == \
        "hybrid filler-designed solid polymer electrolyte"
    rows = store.select("""
        PREFIX sse: <https://w3id.org/sekg/ontology#>
        SELECT ?m ?material ?celsius WHERE {
          ?m a sse:IonicConductivity ; sse:ofMaterial ?material ;
             sse:citesReference <https://w3id.org/sekg/resource/ref/chan2024/137> .
          OPTIONAL { ?m sse:temperatureC ?celsius } }""").rows
    assert len({str(row["m"]) for row in rows}) == 1 and float(rows[0]["celsius"]) == 40.0
    conflicts = run_query(store, "conflicts", {"material": "PEO with LLZTO Compositing"}, index).rows
    assert any("material identity" in str(row.get("aspect")) for row in conflicts)


def test_issue13_strategy_rows_name_the_concrete_application(store, built):
    """A list of strategies answers without opening the mechanism: 'doping' alone does not say what was doped."""
    rows = _rows(store, built, "strategies-for-failure", failure="Li2CO3 formation", family="garnet")
    doping = [row for row in rows if row["strategy"] == "doping"]
    assert doping and all(row["application"] == "doping for Al-doped Li7La3Zr2O12" for row in doping)
    flagship = _rows(store, built, "strategies-for-failure", failure="lithium dendrite", family="sulfide")
    assert all(row["application"] and row["strategy"] in row["application"] for row in flagship)

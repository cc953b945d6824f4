"""Label resolution: synonyms, case, subscripts, plurals, IRIs; unknown terms exit 2 with suggestions."""
from __future__ import annotations

import pytest

from kg.errors import UnknownTermError
from kg.namespace import SSE
from kg.resolve import normalise


@pytest.mark.parametrize("text, kind, expected", [
    ("Li dendrites", "failure", SSE.LithiumDendriteGrowth),
    ("lithium dendrite", "failure", SSE.LithiumDendriteGrowth),
    ("DENDRITES", "failure", SSE.LithiumDendriteGrowth),
    ("sulfides", "family", SSE.SulfideElectrolyte),
    ("sulphide", "family", SSE.SulfideElectrolyte),
    ("garnet", "family", SSE.GarnetTypeElectrolyte),
    ("ball milling", "method", SSE.HighEnergyBallMilling),
    ("sse:ArgyroditeElectrolyte", "family", SSE.ArgyroditeElectrolyte),
    ("https://w3id.org/sekg/ontology#HalideElectrolyte", "family", SSE.HalideElectrolyte),
])
def test_resolves_what_users_type(built, text, kind, expected):
    assert built.index.resolve(text, kind).iri == expected


@pytest.mark.parametrize("text", ["LGPS", "Li10GeP2S12", "li10gep2s12", "Li₁₀GeP₂S₁₂", "lgps"])
def test_material_by_abbreviation_formula_and_subscripts(built, text):
    assert str(built.index.resolve(text, "material").iri).endswith("/material/LGPS")


def test_unknown_term_lists_closest_terms(built):
    with pytest.raises(UnknownTermError) as error:
        built.index.resolve("dendrits", "failure")
    assert error.value.suggestions and any("dendrite" in s.lower() for s in error.value.suggestions)


def test_kind_is_enforced(built):
    with pytest.raises(UnknownTermError):
        built.index.resolve("LGPS", "failure")


def test_normalise_folds_case_subscripts_plurals_and_li():
    assert normalise("Li Dendrites") == normalise("lithium dendrite")
    assert normalise("Li₂S–P₂S₅") == normalise("li2s-p2s5")


def test_cli_unknown_term_exits_2_with_suggestions(disk_selector, capsys):
    from kg.cli import main
    code = main(["query", "strategies-for-failure", "--failure", "dendrits", "--store", disk_selector])
    assert code == 2
    assert "Closest known terms" in capsys.readouterr().err


@pytest.mark.parametrize("typed, kind, label", [
    ("solid polymer", "family", "solid polymer electrolyte"), ("SPE", "family", "solid polymer electrolyte"),
    ("CPE", "family", "composite solid electrolyte"), ("cathode-side reaction", "failure", "interfacial side reaction"),
    ("inorganic solid", "family", "inorganic solid electrolyte")])
def test_issue13_what_people_type_for_families_and_failures_resolves(built, typed, kind, label):
    assert built.index.resolve(typed, kind).label == label


def test_issue13_an_ambiguous_shortening_lists_its_candidates(built):
    from kg.errors import UsageError
    with pytest.raises(UsageError, match="could mean several") as ambiguous:
        built.index.resolve("mechanical", "failure")
    assert "low mechanical strength" in str(ambiguous.value) and ambiguous.value.exit_code == 2

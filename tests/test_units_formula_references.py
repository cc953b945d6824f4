"""Units, formulas (pymatgen) and the reference-list parser on the real review."""
from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.paths import review_text_path
from kg.units import CONDUCTIVITY, parse_in_unit, parse_temperature_c
from loaders.formula import parse_formula
from loaders.references import known_reference_numbers, parse_reference_list


@pytest.mark.parametrize("text, expected", [("1e-3", 1e-3), ("1 mS/cm", 1e-3), ("0.1 S/m", 1e-3),
                                            ("1.4 × 10⁻⁴ S cm⁻¹", 1.4e-4), ("2 x 10^-3 S/cm", 2e-3)])
def test_conductivity_values_with_and_without_units(text, expected):
    assert parse_in_unit(text, CONDUCTIVITY, "min") == pytest.approx(expected)


@pytest.mark.parametrize("text", ["1.2 ms/cm", "5 V", "fast"])
def test_wrong_conductivity_units_are_rejected_with_accepted_spellings(text):
    with pytest.raises(UsageError, match="S/cm"):
        parse_in_unit(text, CONDUCTIVITY, "min")


@pytest.mark.parametrize("text, celsius", [("25", 25.0), ("25 C", 25.0), ("25 °C", 25.0), ("300 K", 26.85)])
def test_temperatures(text, celsius):
    assert parse_temperature_c(text) == pytest.approx(celsius)


@pytest.mark.parametrize("formula, kind", [("Li10GeP2S12", "concrete"), ("La2/3-xLi3xTiO3", "generic"),
                                           ("Li2S-P2S5", "system"), ("LLZ-LiBH4", "system"), ("Li3MX6", "generic"),
                                           ("Li5TrP4", "generic"), ("Lq3P", "unparsed")])
def test_formula_kinds(formula, kind):
    assert parse_formula(formula).kind == kind


def test_concrete_formula_composition_from_pymatgen():
    parsed = parse_formula("Li6.5Sb0.5Ge0.5S5I")
    assert dict(parsed.amounts) == {"Li": 6.5, "Sb": 0.5, "Ge": 0.5, "S": 5.0, "I": 1.0}


needs_review_text = pytest.mark.skipif(not review_text_path().exists(),
                                       reason="the review's text (../shared/seed/review.txt) is not beside this clone")


def test_reference_list_has_212_entries_and_sub_entries_as_works():
    """The curated CSL-JSON reference list the build reads (no review text needed)."""
    from kg.paths import reference_list_path
    from loaders.csl_references import read_csl
    entries = read_csl(reference_list_path())
    assert sorted(map(int, entries)) == list(range(1, 213))
    assert [w.number for w in entries["36"]] == ["36a", "36b", "36c"]
    murugan = entries["36"][1]
    assert (murugan.container, murugan.year, murugan.volume, murugan.pages) == \
        ("Angew. Chem. Int. Ed.", 2007, "46", "7778–7781")
    assert entries["64"][0].doi == "10.1007/s12274-024-6871-3"
    assert {"36b", "209c", "212"} <= known_reference_numbers(entries)


@needs_review_text
def test_curated_reference_list_is_what_the_generator_makes_from_the_review():
    """Issue 12.1: loaders/data/references/chan2024.csl.json == `python -m loaders.csl_references` on the review."""
    from kg.paths import reference_list_path
    from loaders.csl_references import render_from_review
    assert reference_list_path().read_text(encoding="utf-8") == \
        render_from_review(review_text_path().read_text(encoding="utf-8")), "run python -m loaders.csl_references"


@needs_review_text
def test_csl_round_trip_gives_the_parsed_reference_list():
    import json

    from loaders.csl_references import csl_to_entries, entries_to_csl
    entries = parse_reference_list(review_text_path().read_text(encoding="utf-8"))
    assert csl_to_entries(json.loads(json.dumps(entries_to_csl(entries)))) == entries


def test_csl_items_are_valid_csl_json():
    """Every item has the CSL-JSON fields a citation processor needs, with the standard types."""
    import json

    from kg.paths import reference_list_path
    items = json.loads(reference_list_path().read_text(encoding="utf-8"))
    assert len(items) == 261 and len({i["id"] for i in items}) == 261
    for item in items:
        assert item["type"] in {"article-journal", "document"}
        assert all("literal" in a for a in item.get("author", []))
        assert "issued" not in item or isinstance(item["issued"]["date-parts"][0][0], int)

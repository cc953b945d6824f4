"""Charge-balance flags (issue 13): printed formulas no common oxidation states balance get a conflict beside them,
with the states tried; the formula stays as printed."""
from __future__ import annotations

from fractions import Fraction

import pytest

from loaders.charge_balance import check_formula, element_amounts, linear_amount, parse_placeholders


def test_amounts_are_read_linear_in_the_variable():
    assert linear_amount("1-x") == {"": 1, "x": -1}
    assert linear_amount("2/3-x") == {"": Fraction(2, 3), "x": -1}
    assert linear_amount("3x") == {"x": 3}
    amounts = element_amounts("Li1-xYxZr2-x(PO4)3")
    assert amounts == {"Li": {"": 1, "x": -1}, "Y": {"x": 1}, "Zr": {"": 2, "x": -1}, "P": {"": 3}, "O": {"": 12}}


@pytest.mark.parametrize("formula", ["Li10GeP2S12", "Li7La3Zr2O12", "Li6.4La3Zr1.4Ta0.6O12", "Li1+xAlxTi2-x(PO4)3",
                                     "La2/3-xLi3xTiO3", "Li6-xPS5-xCl1+x", "Li9.54Si1.74P1.44S11.7Cl0.3",
                                     "Li3YCl6", "Li2ZrCl6", "Li3InCl6", "Li1+xYxZr2-x(PO4)3"])
def test_formulas_that_balance_are_not_flagged(formula):
    assert check_formula(formula) is None


def test_lyzp_as_printed_is_flagged_with_the_charge_it_leaves():
    result = check_formula("Li1-xYxZr2-x(PO4)3")
    assert result is not None and "-2x" in result.describe() and "Zr +4" in result.describe()


def test_a_placeholder_is_read_only_where_the_record_says_what_it_stands_for():
    assert check_formula("Li5TrP4") is None  # Tr unknown: not judged
    result = check_formula("Li5TrP4", parse_placeholders("Tr = Si, Ge, Sn"))
    assert result is not None and "no reading of Tr = Si, Ge, Sn balances" in result.describe()
    assert check_formula("Li9TrP4", parse_placeholders("Tr = Al, Ga")) is None  # the known Li9AlP4
    assert check_formula("Li8TrP4", parse_placeholders("Tr = Si, Ge")) is None


@pytest.mark.parametrize("formula", ["LiP5", "Li3P7", "Li2B12H12", "Li2B12Cl12", "LiCB11H12"])
def test_clusters_and_zintl_phases_are_not_judged(formula):
    assert check_formula(formula) is None


def test_the_review_graph_flags_exactly_the_misprints_and_keeps_them_as_printed(store):
    rows = store.select("""
        PREFIX sse: <https://w3id.org/sekg/ontology#>
        SELECT ?formula ?note WHERE {
          ?conflict sse:conflictAspect "charge balance" ; sse:conflictConcerns ?material ;
                    <http://www.w3.org/2004/02/skos/core#note> ?note .
          ?material sse:formula ?formula }""").rows
    assert {str(row["formula"]) for row in rows} == {"Li1-xYxZr2-x(PO4)3", "Li5TrP4", "Li7TrP4"}
    assert all("kept as printed" in str(row["note"]) for row in rows)

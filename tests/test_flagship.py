"""The flagship question: which strategies address Li dendrites in sulfide electrolytes?"""
from __future__ import annotations

from kg.catalogue import run_query


def test_strategies_for_dendrites_in_sulfides_with_references(store, built):
    # 6.3.3: "at the SE/Li anode interface, the changing of Li dendrites and filaments leads to the
    # short-circuit problem for the sulfide-based SE [182]"; 6.3.4.2 gives the anode-side strategies.
    answer = run_query(store, "strategies-for-failure", {"failure": "lithium dendrite", "family": "sulfide"},
                       built.index)
    by_strategy = {row["strategy"]: row for row in answer.rows}
    assert {"lithium alloy anode", "stable SEI design", "interface engineering",
            "lithium halide doping of sulfide glass"} <= set(by_strategy)
    assert by_strategy["lithium alloy anode"]["refs"] == ["212"]
    assert by_strategy["lithium halide doping of sulfide glass"]["refs"] == ["211"]
    assert all(row["refs"] for row in answer.rows), "every strategy row carries its references"
    # stack pressure causes dendrites (side effect) - it must not be listed as addressing them
    assert "applied stack pressure" not in by_strategy


def test_flagship_synonyms_give_the_same_answer(store, built):
    first = run_query(store, "strategies-for-failure", {"failure": "lithium dendrite", "family": "sulfide"}, built.index)
    second = run_query(store, "strategies-for-failure", {"failure": "Li dendrites", "family": "Sulfides"}, built.index)
    assert first.rows == second.rows


def test_stack_pressure_side_effect_is_recorded(store, built):
    # 6.3.3: "the application of pressure leads to the creep of Li ... to cause the dendrite growth" [205]
    answer = run_query(store, "strategies-for-failure", {"failure": "contact loss"}, built.index)
    pressure = [r for r in answer.rows if r["strategy"] == "applied stack pressure"]
    assert pressure and {"lithium creep", "lithium dendrite growth"} <= set(pressure[0]["side_effects"])
    assert set(pressure[0]["refs"]) == {"204", "205"}

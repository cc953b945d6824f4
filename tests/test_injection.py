"""Parameters reach SPARQL only as bound terms: hostile values are unknown labels or bad numbers."""
from __future__ import annotations

import pytest

from kg.catalogue import bound_sparql, get_query, run_query
from kg.errors import UsageError

HOSTILE = ['x" } ; DROP ALL ; #', "<http://evil> } INSERT DATA { <a> <b> <c> } #",
           "sulfide' } UNION { ?s ?p ?o } #", "\\u0022 } DELETE WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_entity_value_is_an_unknown_label_and_graph_unchanged(store, built, value):
    before = store.triple_count()
    with pytest.raises(UsageError):
        run_query(store, "strategies-for-failure", {"failure": value}, built.index)
    with pytest.raises(UsageError):
        run_query(store, "failures-of", {"family": value}, built.index)
    assert store.triple_count() == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_numeric_value_is_rejected(store, built, value):
    with pytest.raises(UsageError):
        run_query(store, "materials-by-conductivity", {"min_conductivity": value}, built.index)


def test_string_literals_are_escaped_by_the_rdf_library():
    from rdflib import Literal
    query = get_query("strategies-for-failure")
    text = bound_sparql(query, {"failure": Literal('x" } ; DROP ALL ; #'), "family": None, "material": None})
    assert '"x\\" } ; DROP ALL ; #"' in text
    assert "UNDEF" in text


def test_cli_hostile_value_exits_2_and_store_answers_afterwards(disk_selector, capsys):
    from kg.cli import main
    assert main(["query", "failures-of", "--family", HOSTILE[0], "--store", disk_selector]) == 2
    assert main(["query", "failures-of", "--family", "sulfide", "--store", disk_selector, "--format", "json"]) == 0

"""A canned query with numbers and strings as parameters runs on an embedded store without importing rdflib (~70 ms of
every `sekg query`, issue 15): its parameters are pyoxigraph terms and its cells are read from the engine's terms.
These tests hold that path equal to the rdflib one it replaced."""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import sparql_terms
from kg.catalogue import get_query, load_catalogue, run_query, shape_rows, values_block
from kg.store import QueryResult
from tests.test_remote import PARAMS

NO_RDFLIB = """
import sys
from kg.catalogue import run_query
from kg.store import open_store
answer = run_query(open_store(sys.argv[1], must_exist=True), "materials-by-conductivity",
                   {"min_conductivity": "1 mS/cm", "max_temperature": "30", "ion": "any"})
print(len(answer.rows), "rdflib" in sys.modules)
"""


def test_a_numeric_canned_query_on_disk_never_imports_rdflib(disk_selector):
    run = subprocess.run([sys.executable, "-c", NO_RDFLIB, disk_selector], capture_output=True, text=True, check=True)
    rows, imported = run.stdout.split()
    assert int(rows) > 0 and imported == "False"


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_cells_read_from_engine_terms_equal_those_read_from_rdflib_terms(store, built, name):
    """Every canned answer on the review graph, shaped from pyoxigraph's terms and from the rdflib terms they convert
    to (whose literals rdflib normalises: "25"^^xsd:double reads "25.0"), gives the same rows."""
    answer = run_query(store, name, PARAMS.get(name, {}), built.index)
    from_rdflib = QueryResult(answer.result.variables, answer.result.rows)
    assert type(answer.result) is not QueryResult  # the engine's own result, converted lazily
    assert shape_rows(get_query(name), from_rdflib)[1] == shape_rows(get_query(name), answer.result)[1]
    assert answer.rows or name in ("improvements", "arrhenius-fits", "cells")


@pytest.mark.parametrize("value", [0.001, 1e-05, 30.0, 1e20, -273.15, 123456789.123])
def test_a_number_binds_as_rdflib_wrote_it(value):
    assert values_block({"x": sparql_terms.double(value)}) == values_block({"x": Literal(value, datatype=XSD.double)})


@pytest.mark.parametrize("text", ["Li+", 'x" } ; DROP ALL ; #', "a\\b", "é", "line\nbreak", "tab\there"])
def test_a_string_binds_escaped_by_the_rdf_library(text):
    from kg.store import open_store
    block = values_block({"x": sparql_terms.string(text), "iri": URIRef("urn:a")})
    rows = open_store("memory:").select("SELECT ?x ?iri WHERE { " + block + " }").text_rows()
    assert rows == [{"x": text, "iri": "urn:a"}]


def test_a_typed_literal_reads_as_rdflib_writes_it_unless_read_as_a_number():
    from kg.store import open_store
    values = 'VALUES (?d ?b ?s ?i) { ("25"^^<http://www.w3.org/2001/XMLSchema#double> ' \
             '"1"^^<http://www.w3.org/2001/XMLSchema#boolean> "25" <urn:x>) }'
    result = open_store("memory:").select(f"SELECT ?d ?b ?s ?i WHERE {{ {values} }}")
    assert result.text_rows() == [{name: str(term) for name, term in row.items()} for row in result.rows]
    assert result.text_rows() == [{"d": "25.0", "b": "true", "s": "25", "i": "urn:x"}]
    # the engine's own text (Oxigraph keeps "25" for the double and writes the boolean canonically)
    assert result.text_rows(lexical=["d", "b"]) == [{"d": "25", "b": "true", "s": "25", "i": "urn:x"}]

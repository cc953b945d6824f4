"""`#if` sections in canned queries: chosen by which parameters are given, never by their values."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.catalogue import bound_sparql, get_query, parse_query_file, select_sections
from kg.errors import SekgError

QUERY = """\
#+ name: demo
#+ summary: a demo
#+ parameters:
#+   - {name: family, type: family}
SELECT ?s WHERE {
  #if ?family
  ?s a ?family .
  #else
  ?s a ?anything .
  #endif
  #if !?family
  ?s ?p ?o .
  #endif
}
"""


def test_a_section_is_kept_only_when_its_parameter_is_given():
    with_family = select_sections(QUERY, {"family"})
    without = select_sections(QUERY, set())
    assert "?s a ?family ." in with_family and "?s a ?anything ." not in with_family
    assert "?s ?p ?o ." not in with_family
    assert "?s a ?family ." not in without and "?s a ?anything ." in without and "?s ?p ?o ." in without
    assert "#if" not in with_family + without and "#endif" not in with_family + without


def test_the_value_still_travels_only_in_the_values_block():
    query = get_query("strategies-for-failure")
    sulfide = URIRef("https://w3id.org/sekg/ontology#SulfideElectrolyte")
    dendrite = URIRef("https://w3id.org/sekg/ontology#LithiumDendriteGrowth")
    text = bound_sparql(query, {"failure": dendrite, "family": sulfide, "material": None})
    assert text.count(sulfide.n3()) == 1 and "VALUES (?failure ?family ?material)" in text
    assert "sse:concernsFamily/rdfs:subClassOf ?family" in text      # the family section is in
    assert "sse:variantOf* ?material" not in text                     # the material section is out
    unfiltered = bound_sparql(query, {"failure": dendrite, "family": None, "material": None})
    assert "?family" not in unfiltered.split("VALUES", 1)[1].split("\n", 1)[1]


@pytest.mark.parametrize("body, problem", [
    ("  #if ?family\n  ?s a ?family .\n", "never closed"),
    ("  #endif\n", "without an open"),
    ("  #if ?family\n  #if ?family\n  #endif\n  #endif\n", "cannot be nested"),
    ("  #if family\n  #endif\n", "needs one parameter"),
    ("  #if ?material\n  ?s a ?material .\n  #endif\n", "not a declared parameter"),
])
def test_malformed_sections_are_refused_with_the_line(tmp_path: Path, body: str, problem: str):
    path = tmp_path / "bad.rq"
    header_and_select = QUERY.split("  #if ?family", 1)[0]
    path.write_text(header_and_select + "  ?s a ?family .\n" + body + "}\n")
    with pytest.raises(SekgError, match=problem) as error:
        parse_query_file(path)
    assert str(path) in str(error.value)

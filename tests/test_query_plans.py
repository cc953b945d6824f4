"""Query shapes for Oxigraph's planner (issue 15): `#values` repeats the VALUES block inside a branch, and a query
that asks for it (`#+ lateral: true`) runs its OPTIONALs as per-row LATERAL lookups on embedded Oxigraph. Both must
leave every answer unchanged; the timings are in bench/, never asserted here."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.catalogue import bound_sparql, get_query, load_catalogue, run_query
from kg.errors import SekgError
from kg.lateral import for_store, lateral_groups, lateral_optionals
from kg.store import open_store


def test_optionals_become_lateral_and_text_inside_strings_iris_and_comments_is_left_alone():
    text = ('SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x#a> ?x OPTIONAL { ?x <urn:b> "a}{ OPTIONAL {" } }'
            ' # OPTIONAL {\n FILTER(?o <= 3) }')
    assert lateral_optionals(text) == (
        'SELECT * WHERE { ?s ?p ?o LATERAL { OPTIONAL { SELECT DISTINCT * WHERE {  ?s <urn:x#a> ?x LATERAL { '
        'OPTIONAL { SELECT DISTINCT * WHERE {  ?x <urn:b> "a}{ OPTIONAL {"  } } }  } } } # OPTIONAL {\n FILTER(?o <= 3) }')


def test_an_optional_around_a_union_or_a_subquery_stays_a_join():
    union = "SELECT * WHERE { ?s ?p ?o OPTIONAL { { ?s ?p ?q } UNION { ?s ?q ?r } } }"
    subquery = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SELECT ?s WHERE { ?s ?p 1 } } }"
    assert lateral_optionals(union) == union and lateral_optionals(subquery) == subquery


def test_a_per_row_marker_makes_the_next_group_lateral_and_nothing_else():
    text = ('SELECT * WHERE { ?s ?p ?o .\n  #per-row\n  # why\n  { { ?s <urn:a> "{" } UNION { ?s <urn:b> ?x } }\n'
            '  { ?s <urn:c> ?y } }')
    assert lateral_groups(text) == text.replace("  { {", "  LATERAL { {")
    assert lateral_groups(text.replace("#per-row", "# per-row")) == text.replace("#per-row", "# per-row")


def test_a_per_row_marker_before_anything_but_a_group_is_an_error_naming_the_line():
    with pytest.raises(SekgError, match="line 2: a #per-row marker must stand right before a group"):
        lateral_groups("SELECT * WHERE {\n#per-row\n ?s ?p ?o OPTIONAL { ?s ?q ?r } }")
    with pytest.raises(SekgError, match="line 2"):
        lateral_groups("SELECT * WHERE { ?s ?p ?o\n#per-row\n ?s ?q ?r . { ?s ?q 1 } }")
    with pytest.raises(SekgError, match="line 3"):
        lateral_groups("SELECT * WHERE { ?s ?p ?o }\n\n#per-row")


def test_every_per_row_marker_of_the_catalogue_stands_before_a_group_of_a_query_that_asks_for_the_rewrite():
    """A marker in a section the tests never select would otherwise fail only when a user first selects it."""
    marked = [query for query in load_catalogue().values() if "#per-row" in query.sparql]
    assert marked
    for query in marked:
        assert query.lateral, query.name
        assert lateral_groups(query.sparql).count("LATERAL {") == query.sparql.count("#per-row\n")


def test_only_embedded_oxigraph_and_only_queries_that_ask_get_the_rewrite(store):
    text = "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r } }"
    assert "LATERAL" not in for_store(store, text, False)
    assert ("LATERAL" in for_store(store, text, True)) == getattr(store, "plans_lateral_optionals", False)
    assert "LATERAL" not in for_store(open_store("rdflib:"), text, True)
    assert any(query.lateral for query in load_catalogue().values())


def test_values_marker_repeats_the_bound_values_inside_a_branch():
    query = get_query("compare")
    terms = {"materials": (URIRef("urn:a"), URIRef("urn:b"))}
    sparql = bound_sparql(query, terms)
    assert "#values" not in sparql
    assert sparql.count("VALUES (?materials) { (<urn:a>) (<urn:b>) }") == 1 + query.sparql.count("#values\n")


@pytest.mark.parametrize("name", sorted(name for name, query in load_catalogue().items() if query.lateral))
def test_lateral_queries_answer_as_the_standard_text_does(disk_selector, built, name):
    """The same rows with and without the rewrite, on the review graph on disk."""
    from tests.test_remote import PARAMS
    disk = open_store(disk_selector, must_exist=True)
    rewritten = run_query(disk, name, PARAMS.get(name, {}), built.index)
    disk.plans_lateral_optionals = False
    standard = run_query(disk, name, PARAMS.get(name, {}), built.index)
    assert rewritten.rows == standard.rows and rewritten.columns == standard.columns
    assert rewritten.rows or name == "improvements"


def test_a_lookup_stated_in_several_graphs_counts_once(tmp_path):
    """Oxigraph's union default graph yields a triple once per graph stating it; the per-row lookup is DISTINCT, so
    two sources stating one label do not double the row (the standard text's GROUP BY hid it, at twice the cost)."""
    import pyoxigraph as ox
    store = open_store("memory:")
    for graph in ("urn:g1", "urn:g2"):
        store._store.add(ox.Quad(ox.NamedNode("urn:m"), ox.NamedNode("urn:label"), ox.Literal("LGPS"),
                                 ox.NamedNode(graph)))
    text = "SELECT ?l WHERE { VALUES ?m { <urn:m> } OPTIONAL { ?m <urn:label> ?l } }"
    assert len(store.select(text).rows) == 2
    assert [str(row["l"]) for row in store.select(lateral_optionals(text)).rows] == ["LGPS"]


def test_conductivity_decades_are_floor_log10_of_the_highest_value_reached():
    from kg.query_index import NO_DECADE, decade, decades_from
    assert [decade(v) for v in (1e-3, 1.2e-3, 9.99e-4, 0.012, 1.0, 0.0)] == [-3, -3, -4, -2, 0, NO_DECADE]
    assert decades_from(1e-3) == [-3, -2, -1, 0, 1, 2, 3] and decades_from(0)[0] == NO_DECADE


def test_every_ionic_conductivity_has_its_decade_and_thresholds_answer_as_without_the_index(store, built):
    """The index is complete (one decade per conductivity, the upper end of a range counts) and a threshold query
    gives the same rows as a filter over every value would."""
    from kg.query_index import decade
    rows = store.select("""
        PREFIX sse: <https://w3id.org/sekg/ontology#>
        PREFIX qudt: <http://qudt.org/schema/qudt/>
        SELECT ?m ?low ?high ?d WHERE { ?m a sse:IonicConductivity ; qudt:lowerBound ?low .
          OPTIONAL { ?m qudt:upperBound ?high } OPTIONAL { ?m sse:conductivityDecade ?d } }""").rows
    assert rows and all(row["d"] is not None for row in rows)
    assert all(int(row["d"]) == decade(float(row["high"] if row["high"] is not None else row["low"])) for row in rows)
    answer = run_query(store, "materials-by-conductivity", {"min_conductivity": "1 mS/cm", "ion": "any"}, built.index)
    reached = {str(row["m"]) for row in rows if float(row["high"] if row["high"] is not None else row["low"]) >= 1e-3}
    of_materials = {str(row["m"]) for row in store.select(
        "SELECT ?m WHERE { ?m <https://w3id.org/sekg/ontology#ofMaterial> ?material }").rows}
    assert {row["measurement_iri"] for row in answer.rows} == reached & of_materials


def test_research_gaps_read_from_the_index_equal_the_defining_query(store, built):
    """The materialised view holds exactly what kg.query_index.RESEARCH_GAPS_SOURCE finds on the built graph."""
    from kg.query_index import RESEARCH_GAPS_SOURCE
    defined = {(str(row["family_iri"]), str(row["failure_iri"]), int(row["general_strategies"]))
               for row in store.select(RESEARCH_GAPS_SOURCE).rows}
    answer = run_query(store, "research-gaps", {}, built.index)
    assert defined and {(row["family_iri"], row["failure_iri"], row["general_strategies"]) for row in answer.rows} == defined


def _required_patterns_after_an_optional(text: str) -> list[str]:
    """Triple patterns that follow an OPTIONAL in the same group (comments and `#` markers ignored)."""
    import re
    depth, optional_depths, found = 0, set(), []
    for line in text.splitlines():
        code = "" if line.lstrip().startswith("#") else line.split(" #")[0]
        stripped = code.strip()
        if depth >= 1 and depth in optional_depths and re.match(r"^(\?|sse:|<)", stripped):
            found.append(stripped)
        if stripped.startswith("OPTIONAL"):
            optional_depths.add(depth)
        for char in code:
            if char == "{":
                depth += 1
            elif char == "}":
                optional_depths = {d for d in optional_depths if d < depth}
                depth -= 1
    return found


def test_no_canned_query_requires_a_pattern_after_an_optional():
    """After an OPTIONAL, Oxigraph joins a required pattern by hashing every match in the store (improvements:
    64,951 labels for no row; strategies-for-failure: every statement's mechanism), so required patterns come first."""
    assert _required_patterns_after_an_optional("{\n ?s a ?c .\n OPTIONAL { ?s ?p ?o }\n ?s <urn:q> ?x .\n}") == \
        ["?s <urn:q> ?x ."]
    assert _required_patterns_after_an_optional("{\n ?s a ?c .\n { OPTIONAL { ?s ?p ?o } }\n ?s <urn:q> ?x .\n}") == []
    offenders = {name: found for name, query in load_catalogue().items()
                 if (found := _required_patterns_after_an_optional(query.sparql))}
    assert offenders == {}


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    """A 10^4-triple synthetic graph (bench/generate.py, the benchmark's shape) built in memory."""
    import sys
    from pathlib import Path
    bench = Path(__file__).resolve().parents[1] / "bench"
    sys.path.insert(0, str(bench))
    try:
        from generate import write
        from run import PARAMS, loaders_for
    finally:
        sys.path.remove(str(bench))
    from kg.builder import build
    data = tmp_path_factory.mktemp("synthetic")
    write(10_000, data)
    selector = f"oxigraph:{data / 'store'}"
    build(selector, loaders_for(data), use_reasoner=False, validate=False)
    return open_store(selector, must_exist=True), PARAMS


@pytest.mark.parametrize("name", sorted(name for name, query in load_catalogue().items() if query.lateral))
def test_lateral_queries_answer_as_the_standard_text_does_on_the_synthetic_graph(synthetic_store, name):
    """The same rows with and without the per-row rewrite where one graph states everything (the benchmark's graphs)."""
    store, params = synthetic_store
    rewritten = run_query(store, name, params[name])
    store.plans_lateral_optionals = False
    try:
        standard = run_query(store, name, params[name])
    finally:
        del store.plans_lateral_optionals
    assert rewritten.rows == standard.rows
    assert rewritten.rows or name in {"benchmark-materials", "improvements"}  # the generator makes neither kind

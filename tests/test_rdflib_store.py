"""The rdflib baseline answers canned queries from a deep call stack, with pyparsing's packrat cache on (matplotlib
turns it on for the whole process when its mathtext is imported: a notebook that plots, then queries)."""
from __future__ import annotations

import sys

import pyparsing
import pytest
from rdflib import URIRef

from kg.catalogue import bound_sparql, load_catalogue
from kg.rdflib_store import RdflibStore


@pytest.fixture()
def packrat():
    pyparsing.ParserElement.enable_packrat()
    yield
    pyparsing.ParserElement.disable_memoization()


def _from_depth(frames: int, action):
    return _from_depth(frames - 1, action) if frames else action()


def test_a_canned_query_parses_from_a_deep_stack_with_packrat_on(packrat):
    query = load_catalogue()["evidence-for"]
    text = bound_sparql(query, {"subject": URIRef("https://w3id.org/sekg/resource/material/example")})
    limit = sys.getrecursionlimit()
    result = _from_depth(200, lambda: RdflibStore("rdflib:").select(text))  # failed from 50 frames deep before
    assert result.rows == [] and "statement_iri" in result.variables
    assert sys.getrecursionlimit() == limit  # put back afterwards

"""Parameter values as SPARQL terms, built and escaped by pyoxigraph: its `str()` of a term is the N-Triples form,
which is valid SPARQL. A canned query with numbers and strings only then never imports rdflib (~70 ms of every
`sekg query`, issue 15). Either library's terms are accepted wherever a query is bound."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

XSD_DOUBLE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def double(number: float) -> ox.Literal:
    """An xsd:double with Python's shortest round-tripping text, as rdflib writes a float ("0.001", "1e-05")."""
    return ox.Literal(repr(float(number)), datatype=XSD_DOUBLE)


def iri(text: str) -> ox.NamedNode:
    """An IRI; pyoxigraph refuses one that is not valid (e.g. with a space or '>'), so none reaches query text."""
    return ox.NamedNode(text)


def integer(number: int) -> ox.Literal:
    return ox.Literal(str(int(number)), datatype=XSD_INTEGER)


def string(text: str) -> ox.Literal:
    return ox.Literal(text)


def sparql_term(term: Any) -> str:
    """A term as SPARQL text: rdflib's by `n3()`, pyoxigraph's by its N-Triples form."""
    return term.n3() if hasattr(term, "n3") else str(term)


def lexical(term: Any) -> str:
    """A literal's lexical form or an IRI, from either library's term."""
    return term.value if isinstance(term, (ox.Literal, ox.NamedNode, ox.BlankNode)) else str(term)

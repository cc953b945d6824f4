"""A remote SPARQL 1.1 endpoint as a Store, and publishing a built store to one.

Queries go through SPARQLWrapper with the SPARQL 1.1 Protocol's dataset parameters: every named graph is named
both as a default graph (so the default graph is their union, as in the embedded store) and as a named graph
(so GRAPH patterns still see each one). That works the same on Oxigraph, Fuseki, GraphDB and Virtuoso without
server-side configuration. Publishing uses the Graph Store HTTP Protocol (PUT replaces one graph atomically),
falling back to SPARQL Update where a store only speaks that, and then verifies triple counts.
"""
from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import SekgError, StoreError
from kg.store import QueryResult, graph_to_ntriples

GRAPH_LIST_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class Credentials:
    """HTTP basic credentials or a bearer token, for endpoints that need them."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def headers(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user:
            raw = f"{self.user}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(raw).decode()}
        return {}


def _term(binding: dict) -> Node:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != str(XSD.string):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


class SparqlStore:
    """A SPARQL 1.1 query endpoint that answers like the embedded store (read-only)."""

    def __init__(self, endpoint: str, selector: str, credentials: Credentials | None = None, timeout_s: float = 60):
        self.endpoint = endpoint
        self.selector = selector
        self.credentials = credentials or Credentials()
        self.timeout_s = timeout_s
        self._graphs: list[URIRef] | None = None

    def _request(self, query: str, dataset: bool = True) -> dict:
        params = [("query", query)]
        if dataset:
            for graph in self.graph_names():
                params += [("default-graph-uri", str(graph)), ("named-graph-uri", str(graph))]
        body = urllib.parse.urlencode(params).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json", **self.credentials.headers()}
        request = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 - user endpoint
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise StoreError(f"{self.endpoint} answered HTTP {exc.code}: {detail}") from exc
        except urllib.error.URLError as exc:
            raise StoreError(f"Cannot reach the SPARQL endpoint {self.endpoint}: {exc.reason}") from exc

    def graph_names(self) -> list[URIRef]:
        if self._graphs is None:
            answer = self._request(GRAPH_LIST_QUERY, dataset=False)
            self._graphs = sorted(URIRef(b["g"]["value"]) for b in answer["results"]["bindings"])
        return self._graphs

    def select(self, query: str) -> QueryResult:
        answer = self._request(query)
        if "results" not in answer:
            raise StoreError("expected a SELECT query")
        variables = answer["head"]["vars"]
        rows = [{name: (_term(b[name]) if name in b else None) for name in variables}
                for b in answer["results"]["bindings"]]
        return QueryResult(variables, rows)

    def ask(self, query: str) -> bool:
        return bool(self._request(query)["boolean"])

    def construct(self, query: str) -> Graph:
        raise StoreError("CONSTRUCT over a remote endpoint is not supported by sekg; use SELECT")

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        raise StoreError("a sparql: store is read-only for queries; publish with `sekg push`")

    def triple_count(self, graph_iri: URIRef | None = None) -> int:
        pattern = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        answer = self._request(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", dataset=False)
        return int(answer["results"]["bindings"][0]["n"]["value"])

    def export_graph(self, graph_iri: URIRef) -> Graph:
        result = Graph()
        answer = self._request(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", dataset=False)
        for b in answer["results"]["bindings"]:
            result.add((_term(b["s"]), _term(b["p"]), _term(b["o"])))
        return result

    def close(self) -> None:
        self._graphs = None


# ---------------------------------------------------------------- publishing
@dataclass
class PushedGraph:
    """One named graph after a push: local and remote triple counts and the protocol used."""

    graph: str
    local: int
    remote: int
    method: str


def _send(url: str, method: str, body: bytes, content_type: str, credentials: Credentials, timeout_s: float) -> int:
    headers = {"Content-Type": content_type, **credentials.headers()}
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 - user endpoint
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def default_graph_store(endpoint: str) -> str:
    """The usual Graph Store endpoint beside a query endpoint (Oxigraph /store, Fuseki /data, Virtuoso crud)."""
    if endpoint.endswith("/query"):
        return endpoint[: -len("/query")] + "/store" if "/ds/" not in endpoint else endpoint[:-6] + "/data"
    if endpoint.endswith("/sparql"):
        return endpoint + "-graph-crud"
    return endpoint


def default_update_endpoint(endpoint: str) -> str:
    """The usual update endpoint beside a query endpoint (Oxigraph and Fuseki /update; Virtuoso the same URL)."""
    return endpoint[: -len("/query")] + "/update" if endpoint.endswith("/query") else endpoint


def push(store, endpoint: str, *, graph_store: str | None = None, update: str | None = None,
         credentials: Credentials | None = None, timeout_s: float = 300) -> list[PushedGraph]:
    """Upload every named graph of a store; replace each atomically where the protocol allows; verify counts."""
    credentials = credentials or Credentials()
    graph_store = graph_store or default_graph_store(endpoint)
    update = update or default_update_endpoint(endpoint)
    remote = SparqlStore(endpoint, f"sparql:{endpoint}", credentials, timeout_s)
    pushed = []
    for graph_iri in store.graph_names():
        graph = store.export_graph(graph_iri)
        body = graph_to_ntriples(graph)
        url = f"{graph_store}?{urllib.parse.urlencode({'graph': str(graph_iri)})}"
        status = _send(url, "PUT", body, "application/n-triples", credentials, timeout_s)
        method = "graph store protocol (PUT)"
        if status not in (200, 201, 204):
            method = "SPARQL Update (DROP + INSERT DATA)"
            statement = f"DROP SILENT GRAPH <{graph_iri}> ; INSERT DATA {{ GRAPH <{graph_iri}> {{\n" \
                        + body.decode("utf-8") + "\n} }"
            status = _send(update, "POST", urllib.parse.urlencode({"update": statement}).encode(),
                           "application/x-www-form-urlencoded", credentials, timeout_s)
            if status not in (200, 204):
                raise StoreError(f"{endpoint}: neither the graph store ({graph_store}) nor SPARQL Update ({update}) "
                                 f"accepted graph <{graph_iri}> (HTTP {status}). Check the URLs and credentials.")
        pushed.append(PushedGraph(str(graph_iri), len(graph), remote.triple_count(graph_iri), method))
    mismatched = [p for p in pushed if p.local != p.remote]
    if mismatched:
        lines = ", ".join(f"{p.graph}: local {p.local}, remote {p.remote}" for p in mismatched)
        raise PushVerificationError(f"triple counts differ after the push: {lines}")
    return pushed


class PushVerificationError(SekgError):
    """The endpoint holds a different number of triples than was sent."""

    exit_code = 1

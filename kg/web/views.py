"""What the workbench's pages need from the graph, computed where queries run (a pool worker, or a thread).

Each view takes the store and its label index plus keyword arguments that arrived as strings, and returns an
Outcome: JSON-able data for a page, or picture bytes. Entities arrive as IRIs and go into SPARQL only through a
VALUES block serialised by rdflib; nothing a person typed is pasted into query text.
"""
from __future__ import annotations

import io
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from rdflib import URIRef

from kg.catalogue import bind_parameters, bound_sparql, get_query, run_query, values_block
from kg.conflict_flags import conflicts_by_fact
from kg.errors import UsageError
from kg.kinds import KINDS
from kg.query_pool import Outcome

VIEWS: dict[str, Callable[..., Outcome]] = {}
MAX_COMPARED = 4
MAX_FACTS_PER_GROUP = 60


def view(function: Callable[..., Outcome]) -> Callable[..., Outcome]:
    """Register a view under its function name (the name a job asks for)."""
    VIEWS[function.__name__] = function
    return function


def _iri(value: str) -> URIRef:
    if not value or not value.startswith(("http://", "https://")) or any(c in value for c in ' <>"{}|\\^`'):
        raise UsageError(f"{value[:80]!r} is not an IRI of the graph")
    return URIRef(value)


def _select(store, sparql: str, **terms) -> list[dict[str, Any]]:
    """Run a SELECT whose parameters are bound by a VALUES block at the start of its WHERE group."""
    head, _, body = sparql.partition("WHERE {")
    return store.select(f"{head}WHERE {{\n  {values_block(terms)}{body}").text_rows()


# ----------------------------------------------------------------------------- questions and canned queries
@view
def ask(store, index, question: str = "") -> Outcome:
    """A question read by the router, and its answer; or why it cannot be read, with the closest questions."""
    from kg.ask import UnroutableQuestion, read_question
    try:
        reading = read_question(question, index)
    except UnroutableQuestion as refused:
        return Outcome(200, {"unroutable": refused.reason, "closest": refused.closest, "question": question})
    answer = run_query(store, reading.query, reading.params, index)
    return Outcome(200, {"reading": reading.as_json_object(),
                         "answer": answer.as_json_object(),
                         "sparql": _bound_text(reading.query, reading.params, index)})


def _bound_text(name: str, params: dict[str, str], index) -> str:
    query = get_query(name)
    return bound_sparql(query, bind_parameters(query, params, index.resolve).terms)


@view
def canned(store, index, name: str = "", params: dict[str, str] | None = None) -> Outcome:
    """A canned query's answer with conflict flags, and the SPARQL that produced it."""
    params = {key: value for key, value in (params or {}).items() if value not in ("", None)}
    answer = run_query(store, name, params, index)
    return Outcome(200, {"answer": answer.as_json_object(),
                         "sparql": _bound_text(name, params, index)})


@view
def labels(store, index, kind: str = "", prefix: str = "", limit: str = "20") -> Outcome:
    """Labels of one kind (or of every kind) that start with, then contain, what was typed: autocomplete."""
    from kg.resolve import normalise
    kinds = [kind] if kind in KINDS else [k for k in KINDS if k != "reference"]
    wanted = normalise(prefix)
    starts, contains = [], []
    for each in kinds:
        for label in index.labels(each):
            key = normalise(label)
            if key.startswith(wanted):
                starts.append(label)
            elif wanted and wanted in key:
                contains.append(label)
    chosen = list(dict.fromkeys(sorted(starts, key=len) + sorted(contains, key=len)))[:max(1, min(int(limit), 50))]
    return Outcome(200, chosen)


@view
def resolve(store, index, value: str = "", kinds: str = "") -> Outcome:
    """A typed name -> the entity IRI (404 with the closest terms when unknown)."""
    from kg.errors import UnknownTermError
    wanted = [k for k in kinds.split(",") if k in KINDS] or [k for k in KINDS]
    try:
        resolved = index.resolve(value, wanted)
    except UnknownTermError as error:
        return Outcome(404, {"error": str(error), "closest": error.suggestions})
    return Outcome(200, {"iri": str(resolved.iri), "label": resolved.label, "kind": resolved.kind})


# ----------------------------------------------------------------------------- entities
KIND_OF = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?kind WHERE {
  VALUES (?kind ?test ?root) { KIND_ROWS }
  { ?entity a ?root BIND("instance" AS ?how) } UNION { ?entity rdfs:subClassOf ?root BIND("subclass" AS ?how) }
  FILTER(?how = ?test)
}
"""
FACTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?direction ?predicate ?predicate_label ?other ?other_label WHERE {
  { ?entity ?predicate ?other BIND("out" AS ?direction) } UNION { ?other ?predicate ?entity BIND("in" AS ?direction) }
  FILTER(?predicate != rdfs:subClassOf || ?direction = "out")
  OPTIONAL { ?predicate rdfs:label ?predicate_label }
  OPTIONAL { ?other rdfs:label ?other_label }
} LIMIT 3000
"""
SKIPPED = {"http://www.w3.org/ns/prov#wasDerivedFrom", "http://purl.org/dc/terms/source",
           "https://w3id.org/sekg/ontology#citedIn"}


def entity_kind(store, iri: URIRef) -> str:
    """The kind a person would call it (material, family, failure ...), by the order of kg.kinds."""
    rows = " ".join(f'("{kind}" "{test}" <{root}>)' for kind, (test, root) in KINDS.items()
                    if test in ("instance", "subclass"))
    found = {row["kind"] for row in _select(store, KIND_OF.replace("KIND_ROWS", rows), entity=iri)}
    return next((kind for kind in KINDS if kind in found), "entity")


def _grouped_facts(rows: list[dict]) -> list[dict]:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if row["predicate"] in SKIPPED:
            continue
        label = row.get("predicate_label") or row["predicate"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        name = label if row["direction"] == "out" else f"{label} (of)"
        other = row["other"]
        is_iri = other.startswith(("http://", "https://"))
        groups[(row["direction"], name)].append({"value": row.get("other_label") or other,
                                                 "iri": other if is_iri else None})
    result = []
    for (direction, name), values in sorted(groups.items(), key=lambda item: (item[0][0] == "in", item[0][1])):
        values.sort(key=lambda v: v["value"].casefold())
        result.append({"relation": name, "direction": direction, "count": len(values),
                       "values": values[:MAX_FACTS_PER_GROUP]})
    return result


@view
def entity(store, index, iri: str = "") -> Outcome:
    """Everything the graph says about one entity, grouped by relation, and the canned answers about it."""
    node = _iri(iri)
    kind = entity_kind(store, node)
    facts = _grouped_facts(_select(store, FACTS, entity=node))
    if not facts:
        return Outcome(404, {"error": f"the graph says nothing about {iri}"})
    sections = []
    for name, parameter in ENTITY_QUERIES.get(kind, []) + [("evidence-for", "subject")]:
        try:
            answer = run_query(store, name, {parameter: iri}, index)
        except UsageError:
            continue
        sections.append({"query": name, "params": {parameter: index.label_of(node)},
                         "link_params": {parameter: iri}, "answer": answer.as_json_object()})
    has_fits = kind == "material" and store.ask(
        "PREFIX sse: <https://w3id.org/sekg/ontology#> ASK { ?fit a sse:ArrheniusFit ; sse:ofMaterial "
        f"{node.n3()} }}")
    return Outcome(200, {"iri": iri, "label": index.label_of(node), "kind": kind, "facts": facts,
                         "sections": sections, "has_fits": has_fits})


#: the canned queries an entity page shows per kind, with the parameter the entity fills
ENTITY_QUERIES: dict[str, list[tuple[str, str]]] = {
    "material": [("material-profile", "material"), ("stability", "material"), ("failures-of", "material"),
                 ("dopants-of", "material"), ("synthesis-methods-for", "material")],
    "family": [("family-summary", "family"), ("benchmark-materials", "family"), ("stability", "family"),
               ("failures-of", "family"), ("synthesis-methods-for", "family")],
    "failure": [("strategies-for-failure", "failure")],
    "method": [("materials-made-by", "method")],
}


@view
def neighbourhood(store, index, iri: str = "", show_folded: str = "", cap: str = "60") -> Outcome:
    """The readable neighbourhood drawing of an entity, as vis-network records (drawn first, and on click)."""
    from viz.readable import readable_view
    from viz.render import vis_records
    from viz.to_networkx import local_graph
    node = str(_iri(iri))
    graph = local_graph(store, [node], depth=2)
    shown = readable_view(graph, [node], cap=max(5, min(int(cap), 300)), show_folded=show_folded == "1")
    nodes, edges = vis_records(shown.shown, {node})
    hidden_nodes, hidden_edges = vis_records(shown.hidden, {node})
    return Outcome(200, {"nodes": nodes, "edges": edges, "summary": shown.summary,
                         "hidden": {"nodes": {n["id"]: n for n in hidden_nodes}, "edges": hidden_edges}})


# ----------------------------------------------------------------------------- evidence and references
STATEMENT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?label ?section ?location ?evidence ?note ?source ?source_label ?printed ?temperature WHERE {
  OPTIONAL { ?statement rdfs:label ?label }
  OPTIONAL { ?statement sse:reviewSection ?section }
  OPTIONAL { ?statement sse:sourceLocation ?location }
  OPTIONAL { ?statement sse:evidenceText ?evidence }
  OPTIONAL { ?statement sse:curationNote ?note }
  OPTIONAL { ?statement sse:valueAsPrinted ?printed }
  OPTIONAL { ?statement sse:temperatureAsPrinted ?temperature }
  OPTIONAL { { ?statement prov:wasDerivedFrom ?source } UNION { ?statement dcterms:source ?source }
             OPTIONAL { ?source rdfs:label ?source_label } }
} LIMIT 20
"""
REFERENCES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX bibo: <http://purl.org/ontology/bibo/>
SELECT ?reference ?number ?authors ?journal ?year ?volume ?pages ?doi ?citation ?label WHERE {
  ?statement sse:citesReference ?reference .
  OPTIONAL { ?reference sse:referenceNumber ?number }
  OPTIONAL { ?reference sse:authorList ?authors }
  OPTIONAL { ?reference sse:journalTitle ?journal }
  OPTIONAL { ?reference sse:publicationYear ?year }
  OPTIONAL { ?reference bibo:volume ?volume }
  OPTIONAL { ?reference bibo:pages ?pages }
  OPTIONAL { ?reference bibo:doi ?doi }
  OPTIONAL { ?reference sse:citationText ?citation }
  OPTIONAL { ?reference rdfs:label ?label }
}
"""


def _references(store, statement: URIRef) -> list[dict]:
    rows = _select(store, REFERENCES, statement=statement)
    unique = {row["reference"]: row for row in rows}
    return sorted(unique.values(), key=lambda r: (len(r.get("number") or "9999"), r.get("number") or "", r["reference"]))


@view
def evidence(store, index, iri: str = "") -> Outcome:
    """One fact's evidence: source, section, quoted sentence, note, the references resolved, conflicts naming it."""
    node = _iri(iri)
    rows = _select(store, STATEMENT, statement=node)
    if not rows or all(value is None for value in rows[0].values()):
        return Outcome(404, {"error": f"no statement {iri} in the graph"})
    merged: dict[str, Any] = {}
    for row in rows:
        for key, value in row.items():
            if value is not None:
                merged.setdefault(key, value)
    conflict = conflicts_by_fact(store).get(iri)
    return Outcome(200, {"iri": iri, **merged, "references": _references(store, node), "conflict": conflict})


@view
def reference(store, index, number: str = "") -> Outcome:
    """A bracketed reference of the review by its number: bibliographic data and what the graph rests on it."""
    entities = index.lookup(number.strip().lstrip("[").rstrip("]"), "reference")
    if len(entities) != 1:
        return Outcome(404, {"error": f"no reference [{number}] in the graph"})
    node = next(iter(entities))
    rows = _select(store, REFERENCES.replace("?statement sse:citesReference ?reference .",
                                             "BIND(?target AS ?reference)"), target=node)
    citing = run_query(store, "evidence-by-reference", {"reference": str(node)}, index).rows
    return Outcome(200, {"iri": str(node), "reference": rows[0] if rows else {},
                         "citing": [{"iri": row["statement_iri"], "label": row["statement"]} for row in citing]})


# ----------------------------------------------------------------------------- comparison and coverage
COMPARE_ORDER = ["family or role", "formula", "ionic conductivity", "stability window", "failure", "strategy",
                 "synthesis", "claim"]


@view
def compare(store, index, iris: list[str] | None = None) -> Outcome:
    """Two to four materials side by side: the compare query's rows pivoted into one column per material."""
    nodes = [_iri(iri) for iri in (iris or [])][:MAX_COMPARED]
    answer = run_query(store, "compare", {"materials": "; ".join(str(node) for node in nodes)}, index)
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in answer.rows:
        text = str(row["value"]) + (f" ({row['detail']})" if row.get("detail") else "")
        text += f" [{row['source']}]" if row.get("source") and row["source"] != "chan2024" else ""
        cells[(row["fact"], row["material_iri"])].append(text)
    columns = [{"iri": str(node), "label": index.label_of(node),
                "facts": {fact: sorted(set(values))[:30] for (fact, iri), values in cells.items() if iri == str(node)}}
               for node in nodes]
    seen = {fact for fact, _ in cells}
    rows = [fact for fact in COMPARE_ORDER if fact in seen] + sorted(seen - set(COMPARE_ORDER))
    return Outcome(200, {"columns": columns, "rows": rows, "params": {"materials": "; ".join(map(str, nodes))}})


@view
def coverage(store, index) -> Outcome:
    """The family x failure matrix: strategies stated per reported pair (0 = a gap), with the IRIs to link."""
    from viz.plots import coverage_matrix
    families, failures, counts = coverage_matrix(store)
    gaps = run_query(store, "research-gaps", {}, index).rows
    return Outcome(200, {"families": families, "failures": failures,
                         "counts": [[family, failure, count] for (family, failure), count in sorted(counts.items())],
                         "gaps": len(gaps)})


# ----------------------------------------------------------------------------- pictures
@view
def plot(store, index, name: str = "", fmt: str = "svg", iri: str = "", family: str = "") -> Outcome:
    """A picture as SVG or PNG bytes: conductivity (all, or one family), a material's conductivity vs temperature,
    its Arrhenius fits, or the coverage matrix."""
    from viz import plots
    from viz.arrhenius_plot import arrhenius_figure
    if fmt not in ("svg", "png"):
        raise UsageError(f"format {fmt!r}: valid are svg, png")
    if name == "conductivity":
        figure, _ = plots.conductivity_figure(store, [family] if family else None)
    elif name == "material-conductivity":
        node = _iri(iri)
        figure, _ = plots.material_conductivity_figure(store, node, index.label_of(node))
    elif name == "arrhenius":
        node = _iri(iri)
        figure, _ = arrhenius_figure(store, node, index.label_of(node))
    elif name == "coverage":
        figure, _ = plots.coverage_figure(store)
    else:
        raise UsageError(f"no picture {name!r}: valid are conductivity, material-conductivity, arrhenius, coverage")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=110)
    return Outcome(200, buffer.getvalue(), "image/svg+xml" if fmt == "svg" else "image/png")


# ----------------------------------------------------------------------------- curation (nothing is written)
@view
def curate(store, index, text: str = "", filename: str = "record.yaml") -> Outcome:
    """`curate check` and `curate diff` of a pasted or uploaded record, against this store, writing nothing."""
    from kg.curate.check import check_file, context_graph
    from kg.curate.diff import diff_record, first_column
    name = Path(filename or "record.yaml").name
    if not name.endswith((".yaml", ".yml")):
        name += ".yaml"
    with tempfile.TemporaryDirectory(prefix="sekg-curate-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        report = check_file(path, context_graph(store))
        result: dict[str, Any] = {"file": name, "problems": [str(p).replace(folder + "/", "") for p in report.problems],
                                  "notices": [n.replace(folder + "/", "") for n in report.notices],
                                  "unreadable": report.unreadable, "triples": report.triples,
                                  "exit_code": report.exit_code}
        if report.exit_code == 0:
            diff = diff_record(path, store)
            result["diff"] = {
                "new_entities": diff.new_entities, "new_statements": diff.new_statements, "linked": diff.linked,
                "changes": [{"query": c.query, "params": c.params, "column": first_column(c.query),
                             "added": [r.get(first_column(c.query), "") for r in c.added][:20],
                             "removed": [r.get(first_column(c.query), "") for r in c.removed][:20]}
                            for c in diff.changes]}
    return Outcome(200, result)


def run_view(store, index, name: str, arguments: dict[str, Any]) -> Outcome:
    """Dispatch one view job (the worker calls this)."""
    function = VIEWS.get(name)
    if function is None:
        return Outcome(404, {"error": f"no view {name!r}"})
    return function(store, index, **arguments)


__all__ = ["VIEWS", "run_view", "entity_kind"]

"""The canned-query catalogue: .rq files with a `#+` YAML header, typed parameters and safe binding.

Parameter values never become query text: entity values are resolved to IRIs through the label index,
numbers are parsed (with units) into xsd:double literals, strings become literals, and all of them are
bound through one VALUES block serialised by the RDF library (kg.sparql_terms), placed at the start of the query's
outermost WHERE group. Unset optional parameters are bound to UNDEF, so `!BOUND(?param)` means 'no
filter'. One mechanism on every engine gives the same rows on every engine.

A query may also keep author-written sections that apply only when a parameter is given:

    #if ?family
    { ?narrow rdfs:subClassOf ?family . ?statement sse:concernsFamily ?narrow }
    #endif

Such a section starts the join from the bound value (an index lookup) instead of filtering every row with
`FILTER(!BOUND(?family) || EXISTS {...})`, which at 10^6 triples is the difference between milliseconds and
seconds. Only the presence of a parameter selects a section; its value still travels in the VALUES block.
`#if !?name` keeps a section when the parameter is absent; `#else` and `#endif` close it. The markers are
SPARQL comments, so the file stays readable SPARQL.

A line `#decades ?threshold ?decade` binds ?decade to the conductivity decades a value of at least the
threshold parameter can be in (kg.query_index), so the query looks the candidates up by decade.

A line `#values` inside a group repeats the same VALUES block there. Engines evaluate each branch of a UNION on its
own before joining it with the outer bindings (Oxigraph does; 200 ms instead of 1 ms for one material at 10^6), so a
branch that should start from the parameters says so; the answer is the same, as the block joins with itself.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from kg import sparql_terms
from kg.conflict_flags import add_conflict_column
from kg.errors import SekgError, UsageError
from kg.lateral import for_store
from kg.paths import QUERIES_DIR
from kg.resolve import KINDS, LabelIndex, Resolved
from kg.store import QueryResult, Store
from kg.units import CONDUCTIVITY, parse_in_unit, parse_number_text, parse_temperature_c

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib.term import Node

    Term = Node | ox.NamedNode | ox.Literal  # a bound value (kg.sparql_terms; rdflib terms are accepted too)

#: list parameters: several entities of one kind, separated by ';' ('LGPS; LLZO'); the VALUES block gets one row each
LIST_TYPES = {"materials": "material"}
LIST_SEPARATOR = re.compile(r"\s*;\s*|\s+vs\.?\s+|\s+versus\s+")
MAX_LIST_ITEMS = 8
ENTITY_TYPES = set(KINDS) | {"entity", "family_or_material"} | set(LIST_TYPES)
NUMERIC_TYPES = {"conductivity_s_per_cm", "temperature_c", "number"}
SCALAR_TYPES = {"string"}
#: libyaml when installed (PyYAML wheels ship it): the headers of all queries parse in ~5 ms instead of ~60 ms per CLI call
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HEADER_LINE = re.compile(r"^#\+ ?(.*)$")
#: a query name that can only name a file of queries/ (no path separators, no dots)
QUERY_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
SECTION_LINE = re.compile(r"^\s*#(if|else|endif)\b\s*(.*)$")
SECTION_CONDITION = re.compile(r"^(!?)\?([A-Za-z_][A-Za-z0-9_]*)$")


@dataclass(frozen=True)
class Parameter:
    """A declared query parameter."""

    name: str
    type: str
    required: bool = False
    description: str = ""
    default: Any = None
    choices: tuple[str, ...] = ()  # the values a string parameter accepts (empty: any)

    @property
    def resolves_to(self) -> list[str]:
        """The entity kinds a value may resolve to."""
        if self.type == "family_or_material":
            return ["family", "material"]
        if self.type == "entity":
            return list(KINDS)
        return [LIST_TYPES.get(self.type, self.type)]


@dataclass(frozen=True)
class Column:
    """A declared output column: 'label', 'iri', 'number', 'list', 'text' or 'boolean'."""

    name: str
    type: str = "text"
    description: str = ""
    #: the SPARQL variable the column shows, when it differs from the name (a column `source` beside a parameter
    #: `source`, which binds ?source to an IRI)
    variable: str = ""

    @property
    def var(self) -> str:
        return self.variable or self.name


@dataclass
class CannedQuery:
    """One catalogue entry: its metadata and SPARQL text."""

    name: str
    summary: str
    path: Path
    sparql: str
    parameters: list[Parameter] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: words that suggest this query in a question (`sekg ask`), matched at word starts of the normalised question
    ask_cues: tuple[str, ...] = ()
    #: questions this query answers, as a person would type them (shown when a question cannot be routed)
    ask_examples: tuple[str, ...] = ()
    #: `#+ lateral: true`: on Oxigraph its OPTIONALs run as per-row lookups (kg.lateral), measured faster for it
    lateral: bool = False

    def parameter(self, name: str) -> Parameter:
        """A parameter by name (hyphens and underscores are the same)."""
        wanted = name.replace("-", "_")
        for parameter in self.parameters:
            if parameter.name == wanted:
                return parameter
        known = ", ".join(f"--{p.name.replace('_', '-')}" for p in self.parameters) or "none"
        raise UsageError(f"Query {self.name!r} has no parameter {name!r}. Its parameters: {known}.")


def parse_query_file(path: Path) -> CannedQuery:
    """Read one .rq file: the `#+` header as YAML, the rest as SPARQL."""
    text = path.read_text(encoding="utf-8")
    header_lines = [m.group(1) for m in map(HEADER_LINE.match, text.splitlines()) if m]
    try:
        meta = yaml.load("\n".join(header_lines), Loader=_YAML_LOADER) or {}  # libyaml: 10x faster per CLI call
    except yaml.YAMLError as exc:
        raise SekgError(f"{path}: the #+ header is not valid YAML: {exc}") from exc
    for key in ("name", "summary"):
        if key not in meta:
            raise SekgError(f"{path}: the #+ header lacks {key!r}")
    parameters = []
    for spec in meta.get("parameters") or []:
        parameter = Parameter(spec["name"], spec["type"], bool(spec.get("required", False)),
                              spec.get("description", ""), spec.get("default"),
                              tuple(str(choice) for choice in spec.get("choices") or ()))
        if parameter.type not in ENTITY_TYPES | NUMERIC_TYPES | SCALAR_TYPES:
            raise SekgError(f"{path}: parameter {parameter.name} has unknown type {parameter.type!r}")
        if f"?{parameter.name}" not in text:
            raise SekgError(f"{path}: parameter {parameter.name} is never used as ?{parameter.name}")
        parameters.append(parameter)
    if sum(parameter.type in LIST_TYPES for parameter in parameters) > 1:
        raise SekgError(f"{path}: at most one list parameter ({', '.join(LIST_TYPES)}) per query")
    columns = [Column(c["name"], c.get("type", "text"), c.get("description", ""), c.get("variable", ""))
               for c in meta.get("columns") or []]
    declared = {parameter.name for parameter in parameters}
    for name in _section_parameters(path, text):
        if name not in declared:
            raise SekgError(f"{path}: a section depends on ?{name}, which is not a declared parameter "
                            f"({', '.join(sorted(declared)) or 'none declared'})")
    ask = meta.get("ask") or {}
    return CannedQuery(meta["name"], meta["summary"], path, text, parameters, columns, meta.get("tags") or [],
                       tuple(str(cue) for cue in ask.get("cues") or ()),
                       tuple(str(example) for example in ask.get("examples") or ()), meta.get("lateral") is True)


def _section_markers(text: str):
    """(line number, keyword, condition match or None) for every `#if`/`#else`/`#endif` line; None for others."""
    for number, line in enumerate(text.splitlines(), start=1):
        marker = SECTION_LINE.match(line)
        if marker is None:
            yield number, line, None, None
        else:
            yield number, line, marker.group(1), SECTION_CONDITION.match(marker.group(2).strip())


def _section_parameters(path: Path, text: str) -> list[str]:
    """The parameters that `#if` sections depend on; malformed or unbalanced markers are an error."""
    names: list[str] = []
    open_at: int | None = None
    for number, _, keyword, condition in _section_markers(text):
        if keyword is None:
            continue
        if keyword == "if":
            if open_at is not None:
                raise SekgError(f"{path}, line {number}: '#if' sections cannot be nested (one is open since "
                                f"line {open_at})")
            if condition is None:
                raise SekgError(f"{path}, line {number}: '#if' needs one parameter, as '?name' or '!?name'")
            names.append(condition.group(2))
            open_at = number
        elif open_at is None:
            raise SekgError(f"{path}, line {number}: '#{keyword}' without an open '#if'")
        elif keyword == "endif":
            open_at = None
    if open_at is not None:
        raise SekgError(f"{path}, line {open_at}: '#if' is never closed with '#endif'")
    return names


def select_sections(sparql: str, given: set[str]) -> str:
    """The query text keeping the `#if` sections whose condition holds for the given parameter names
    (the markers were checked when the file was parsed)."""
    kept: list[str] = []
    keeping = condition_holds = True
    for _, line, keyword, condition in _section_markers(sparql):
        if keyword is None:
            if keeping:
                kept.append(line)
        elif keyword == "if":
            negated, name = condition.groups()
            condition_holds = keeping = (name in given) != bool(negated)
        elif keyword == "else":
            keeping = not condition_holds
        else:
            keeping = True
    return "\n".join(kept) + "\n"


@lru_cache(maxsize=64)
def _query_in_own_file(name: str, queries_dir: Path = QUERIES_DIR) -> CannedQuery | None:
    """The query of NAME.rq when that file declares the name: a CLI call reads one header, not the catalogue's
    twenty (25 of a query's ~300 ms). None sends the caller to the whole catalogue."""
    path = queries_dir / f"{name}.rq"
    if not QUERY_FILE_NAME.fullmatch(name) or not path.is_file():
        return None
    query = parse_query_file(path)
    return query if query.name == name else None


@lru_cache(maxsize=4)
def load_catalogue(queries_dir: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """Every canned query by name."""
    catalogue: dict[str, CannedQuery] = {}
    for path in sorted(queries_dir.glob("*.rq")):
        query = parse_query_file(path)
        if query.name in catalogue:
            raise SekgError(f"{path}: query name {query.name!r} is already used by {catalogue[query.name].path}")
        catalogue[query.name] = query
    return catalogue


def get_query(name: str, catalogue: dict[str, CannedQuery] | None = None) -> CannedQuery:
    """A canned query by name, or a UsageError listing the closest names."""
    if catalogue is None:
        single = _query_in_own_file(name)
        if single is not None:
            return single
        catalogue = load_catalogue()
    if name in catalogue:
        return catalogue[name]
    from difflib import get_close_matches
    close = get_close_matches(name, list(catalogue), n=3, cutoff=0.4)
    raise UsageError(f"Unknown query {name!r}." + (f" Did you mean: {', '.join(close)}?" if close else
                                                    " Run `sekg queries` for the list."))


@dataclass
class BoundParameters:
    """Parameter values as RDF terms, plus what to echo back to the user."""

    terms: dict[str, Term | None]
    echo: dict[str, Any]


def bind_parameters(query: CannedQuery, raw: dict[str, str],
                    resolve: Callable[[str, str | list[str]], Resolved]) -> BoundParameters:
    """Turn user strings into RDF terms: resolve entities (with `resolve`, e.g. a LabelIndex's), parse numbers with
    units, check required."""
    raw = {key.replace("-", "_"): value for key, value in raw.items()}
    for key in raw:
        query.parameter(key)
    terms: dict[str, Term | None] = {}
    echo: dict[str, Any] = {}
    for parameter in query.parameters:
        value = raw.get(parameter.name, parameter.default)
        if value is None or value == "":
            if parameter.required:
                raise UsageError(f"Query {query.name!r} needs --{parameter.name.replace('_', '-')} "
                                 f"({parameter.description or parameter.type}).")
            terms[parameter.name] = None
            continue
        value = str(value)
        what = f"--{parameter.name.replace('_', '-')}"
        if parameter.type in LIST_TYPES:
            items = [item for item in LIST_SEPARATOR.split(value.strip()) if item]
            if not 1 <= len(items) <= MAX_LIST_ITEMS:
                raise UsageError(f"{what}: give 1 to {MAX_LIST_ITEMS} {LIST_TYPES[parameter.type]}s separated by ';' "
                                 f"(got {len(items)}).")
            resolved_items = [resolve(item, parameter.resolves_to) for item in items]
            terms[parameter.name] = tuple(dict.fromkeys(sparql_terms.iri(r.iri_text) for r in resolved_items))
            echo[parameter.name] = [{"value": item, "resolved_iri": r.iri_text, "resolved_label": r.label}
                                    for item, r in zip(items, resolved_items)]
            continue
        if parameter.type in ENTITY_TYPES:
            resolved = resolve(value, parameter.resolves_to)
            terms[parameter.name] = sparql_terms.iri(resolved.iri_text)
            echo[parameter.name] = {"value": value, "resolved_iri": resolved.iri_text, "resolved_label": resolved.label,
                                    "kind": resolved.kind}
        elif parameter.type == "conductivity_s_per_cm":
            number = parse_in_unit(value, CONDUCTIVITY, what)
            if number < 0:
                raise UsageError(f"{what}: {value!r} is negative; a conductivity is >= 0 S/cm.")
            terms[parameter.name] = sparql_terms.double(number)
            echo[parameter.name] = number
        elif parameter.type == "temperature_c":
            number = parse_temperature_c(value, what)
            terms[parameter.name] = sparql_terms.double(number)
            echo[parameter.name] = number
        elif parameter.type == "number":
            number = parse_number_text(value, what)
            terms[parameter.name] = sparql_terms.double(number)
            echo[parameter.name] = number
        else:
            if parameter.choices and value not in parameter.choices:
                raise UsageError(f"{what}: {value[:80]!r} is not one of {', '.join(parameter.choices)}.")
            terms[parameter.name] = sparql_terms.string(value)
            echo[parameter.name] = value
    return BoundParameters(terms, echo)


def values_block(terms: dict[str, Term | tuple | None]) -> str:
    """A VALUES clause: one row, or one row per item of a list parameter (at most one per query); every term
    serialised by its RDF library (rdflib or pyoxigraph), absent values as UNDEF."""
    if not terms:
        return ""
    names = " ".join(f"?{name}" for name in terms)
    listed = [name for name, term in terms.items() if isinstance(term, tuple)]
    rows = []
    for item in (terms[listed[0]] if listed else (None,)):
        cells = []
        for name, term in terms.items():
            term = item if listed and name == listed[0] else term
            cells.append("UNDEF" if term is None else sparql_terms.sparql_term(term))
        rows.append(f"({' '.join(cells)})")
    return f"VALUES ({names}) {{ {' '.join(rows)} }}\n"


VALUES_MARKER = re.compile(r"^([ \t]*)#values[ \t]*$", flags=re.MULTILINE)
DECADES_MARKER = re.compile(r"^([ \t]*)#decades[ \t]+\?(\w+)[ \t]+\?(\w+)[ \t]*$", flags=re.MULTILINE)


def _decades_block(terms: dict[str, Term | None], marker: re.Match) -> str:
    """VALUES ?decade { ... } for the threshold parameter's value (integers serialised by pyoxigraph)."""
    from kg.decades import decades_from
    threshold = terms.get(marker.group(2))
    if threshold is None:
        return ""
    decades = " ".join(str(sparql_terms.integer(d)) for d in decades_from(float(sparql_terms.lexical(threshold))))
    return f"VALUES ?{marker.group(3)} {{ {decades} }}"


def bound_sparql(query: CannedQuery, terms: dict[str, Term | None]) -> str:
    """The query text for these parameters: its sections selected, the VALUES block at the start of the
    outermost WHERE group."""
    sparql = select_sections(query.sparql, {name for name, term in terms.items() if term is not None})
    match = re.search(r"\bWHERE\s*\{", sparql, flags=re.IGNORECASE)
    if match is None:
        raise SekgError(f"{query.path}: no WHERE clause to bind parameters in")
    block = values_block(terms)
    sparql = VALUES_MARKER.sub(lambda marker: marker.group(1) + block.rstrip("\n"), sparql)
    sparql = DECADES_MARKER.sub(lambda marker: marker.group(1) + _decades_block(terms, marker), sparql)
    return sparql[:match.end()] + "\n  " + block + sparql[match.end():]


RESULT_SET = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"


@dataclass
class Answer:
    """A query's answer in the JSON contract's shape; the engine's own terms are kept for to_rdf()."""

    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    result: QueryResult | None = field(default=None, repr=False)

    def as_json_object(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "columns": self.columns, "rows": self.rows}

    def to_pandas(self):
        """The rows as a pandas DataFrame (lists stay lists); pandas is optional: `pip install pandas`."""
        try:
            import pandas
        except ImportError as exc:
            raise SekgError("Answer.to_pandas() needs pandas: `pip install pandas`") from exc
        return pandas.DataFrame(self.rows, columns=self.columns)

    def to_rdf(self):
        """The answer as RDF in the W3C result-set vocabulary (rs:ResultSet, rs:solution, rs:binding), with
        the engine's own terms (IRIs, typed literals), so it can be merged with other graphs."""
        from rdflib import BNode, Graph, Literal, Namespace
        from rdflib.namespace import RDF
        rs = Namespace(RESULT_SET)
        graph = Graph()
        graph.bind("rs", rs)
        result_set = BNode()
        graph.add((result_set, RDF.type, rs.ResultSet))
        variables = self.result.variables if self.result else self.columns
        for variable in variables:
            graph.add((result_set, rs.resultVariable, Literal(variable)))
        for index, row in enumerate(self.result.rows if self.result else []):
            solution = BNode()
            graph.add((result_set, rs.solution, solution))
            graph.add((solution, rs["index"], Literal(index + 1)))
            for variable, term in row.items():
                if term is None:
                    continue
                binding = BNode()
                graph.add((solution, rs.binding, binding))
                graph.add((binding, rs.variable, Literal(variable)))
                graph.add((binding, rs.value, term))
        return graph


#: column types read from the literal's own text, so the engine's lexical form serves as well as rdflib's
LEXICAL_TYPES = {"number", "integer", "boolean"}


def _cell(column: Column, text: str | None) -> Any:
    if text is None:
        return [] if column.type == "list" else None
    if column.type == "list":
        return sorted({item for item in text.split("|") if item}, key=_natural_key)
    if column.type == "number":
        number = float(text)
        return number if math.isfinite(number) else None  # JSON has no NaN/inf; the graph should hold none
    if column.type == "integer":
        return int(float(text))
    if column.type == "boolean":
        return text.lower() in ("true", "1")  # Virtuoso writes computed booleans as 1/0
    return text


def _natural_key(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def shape_rows(query: CannedQuery, result: QueryResult) -> tuple[list[str], list[dict[str, Any]]]:
    """Order and type the columns as the header declares (undeclared projected columns are text)."""
    shown = [c for c in query.columns if c.var in result.variables]
    declared = {c.var for c in query.columns}
    shown += [Column(v) for v in result.variables if v not in declared]
    texts = result.text_rows(lexical=[c.var for c in shown if c.type in LEXICAL_TYPES])
    rows = [{c.name: _cell(c, row.get(c.var)) for c in shown} for row in texts]
    return [c.name for c in shown], rows


PAGING_PARAMETERS = ("limit", "offset")
MAX_LIMIT = 100_000
MAX_OFFSET = 10**9


@dataclass(frozen=True)
class Page:
    """A window of an answer: at most `limit` rows after skipping `offset` (None: the whole answer)."""

    limit: int | None = None
    offset: int = 0

    @property
    def whole(self) -> bool:
        return self.limit is None and self.offset == 0


def _paging_number(raw: str, name: str, low: int, high: int) -> int:
    text = str(raw).strip()
    if not re.fullmatch(r"\d{1,10}", text) or not low <= int(text) <= high:
        raise UsageError(f"--{name}: {text[:40]!r} is not a whole number from {low} to {high:,}.")
    return int(text)


def take_page(raw: dict[str, str]) -> tuple[dict[str, str], Page]:
    """Split `limit`/`offset` (accepted by every canned query) from the query's own parameters, validated."""
    params = {key: value for key, value in raw.items() if key not in PAGING_PARAMETERS}
    limit = _paging_number(raw["limit"], "limit", 1, MAX_LIMIT) if raw.get("limit") not in (None, "") else None
    offset = _paging_number(raw["offset"], "offset", 0, MAX_OFFSET) if raw.get("offset") not in (None, "") else 0
    return params, Page(limit, offset)


def paged_sparql(query: CannedQuery, sparql: str, page: Page) -> str:
    """The query with LIMIT/OFFSET from validated integers, its ORDER BY completed with every column so that pages
    are a stable partition of the answer (ties of the query's own order are broken by the remaining columns)."""
    if page.whole:
        return sparql
    match = list(re.finditer(r"\bORDER\s+BY\b", sparql, flags=re.IGNORECASE))
    if not match:
        raise SekgError(f"{query.path}: a paged query needs an ORDER BY")
    ordered = set(re.findall(r"\?(\w+)", sparql[match[-1].end():]))
    ties = " ".join(f"?{c.var}" for c in query.columns if c.var not in ordered)
    window = (f"LIMIT {page.limit} " if page.limit is not None else "") + (f"OFFSET {page.offset}" if page.offset else "")
    return f"{sparql.rstrip()} {ties}\n{window}\n"


def run_query(store: Store, name: str, raw_params: dict[str, str] | None = None,
              index: LabelIndex | None = None) -> Answer:
    """Run a canned query with user parameters on a store; `limit` and `offset` select a page of the answer."""
    query = get_query(name)
    labels = (lambda: index) if index is not None else lru_cache(maxsize=1)(lambda: LabelIndex(store))
    params, page = take_page({key.replace("-", "_"): value for key, value in (raw_params or {}).items()})
    # the label index is read only when a value names something
    bound = bind_parameters(query, params, lambda value, kinds: labels().resolve(value, kinds))
    result = store.select(for_store(store, paged_sparql(query, bound_sparql(query, bound.terms), page), query.lateral))
    columns, rows = shape_rows(query, result)
    columns = add_conflict_column(store, columns, rows)
    echo = bound.echo if page.whole else {**bound.echo, "limit": page.limit, "offset": page.offset}
    return Answer(query.name, echo, columns, rows, result)

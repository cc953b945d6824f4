"""OPTIONAL as a per-row lookup on Oxigraph: `OPTIONAL { X }` becomes
`LATERAL { OPTIONAL { SELECT DISTINCT * WHERE { X } } }` (issue 15).

Oxigraph evaluates most OPTIONALs as a hash left join: X is computed for the whole store once, then probed. At 10^6
triples that is a scan of every measurement or every reference citation for each OPTIONAL, whether the answer has
no row or five (benchmark-materials: 1.3 s for no row). With LATERAL (SPARQL SEP-0006, which pyoxigraph implements)
X is evaluated once per row with the row's bindings, i.e. an index lookup (0.7 ms). DISTINCT, because Oxigraph's
union default graph yields a triple once per named graph that states it: OBELiX and the Liverpool database state the
same label and formula of 535 shared materials, and every later lookup ran once per copy (materials-by-element on the
built review graph: 804 -> 63 ms, materials-by-conductivity 125 -> 74 ms, same rows).

Per row is not always cheaper: when the rows before an OPTIONAL are many and its pattern is broad, one hash join
wins (research-gaps: 1 s as a hash join, minutes row by row). So a canned query asks for it in its header
(`#+ lateral: true`) where it was measured faster, and an OPTIONAL around a UNION or a subquery is never rewritten.

For the canned queries the two forms give the same rows: every FILTER inside an OPTIONAL sits at the top of its
group (the left join's condition, which sees the row in both forms) and none of them binds a variable the row
already has. The cross-engine tests (Oxigraph with the rewrite, rdflib and Virtuoso without) hold the canned answers
equal.

A query may also mark a group with a `#per-row` line: on Oxigraph the group right after the marker, `{ X }`,
becomes `LATERAL { X }`, so a UNION of ways to select rows runs with the row's bindings instead of each branch over
the whole store first (strategies-for-failure at 10^6: selecting the sulfide ones of 894 dendrite statements 114 ->
44 ms; the whole query 223 -> 158 ms, median of 25 interleaved runs). Required patterns after a LATERAL are
hash-joined over the whole store (the same query with its group before them: 499 ms), so the group goes after them,
before the OPTIONALs. The standard text keeps the plain group, which joins the same way. Only the embedded Oxigraph
stores get either rewrite; text sent to other engines stays standard SPARQL 1.1, and a user's own SPARQL is never
rewritten.
"""
from __future__ import annotations

import re

from kg.errors import SekgError

#: what to step over whole: strings (short and long, either quote) and IRIs, so braces and '#' inside them are text
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'
                     r"'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: an OPTIONAL holding one of these stays a hash join: per row it would re-run a whole branch or subquery
#: (research-gaps' OPTIONAL of three UNION branches: 1 s as a hash join, 28 min row by row at 10^6)
_NOT_PER_ROW = {"UNION", "SELECT"}


def _scan(sparql: str) -> list[tuple[int, str]]:
    """(position, token) of the braces and keywords outside strings, IRIs and comments."""
    tokens: list[tuple[int, str]] = []
    position = 0
    while position < len(sparql):
        char = sparql[position]
        opaque = _OPAQUE.match(sparql, position) if char in "\"'<" else None
        if opaque:
            position = opaque.end()
        elif char == "#":
            end = sparql.find("\n", position)
            position = len(sparql) if end < 0 else end
        elif char in "{}":
            tokens.append((position, char))
            position += 1
        elif (char.isalpha() or char == "_") and not (position and (sparql[position - 1].isalnum()
                                                                   or sparql[position - 1] in "_:?$")):
            word = _WORD.match(sparql, position)
            tokens.append((position, word.group(0).upper()))
            position = word.end()
        else:
            position += 1
    return tokens


def lateral_optionals(sparql: str) -> str:
    """The query with every `OPTIONAL { X }` of plain patterns wrapped as
    `LATERAL { OPTIONAL { SELECT DISTINCT * WHERE { X } } }`."""
    tokens = _scan(sparql)
    opens: list[tuple[int, int | None]] = []  # per open brace: the OPTIONAL keyword's position, if it opens one
    wraps: list[tuple[int, int, int]] = []  # (OPTIONAL keyword position, its opening and closing brace positions)
    unsafe: set[int] = set()
    pending: int | None = None
    for position, token in tokens:
        if token == "OPTIONAL":
            pending = position
        elif token == "{":
            opens.append((position, pending))
            pending = None
        elif token == "}":
            opened, optional = opens.pop() if opens else (None, None)
            if optional is not None and optional not in unsafe:
                wraps.append((optional, opened, position))
        else:
            pending = None
            if token in _NOT_PER_ROW:  # every OPTIONAL still open around it stays a hash join
                unsafe.update(optional for _, optional in opens if optional is not None)
    # (position, rank, text); at one position a closing brace goes before an opening one, and an inner close
    # before the outer's (rank), so nested OPTIONALs stay nested
    inserts = [(start, 3, "LATERAL { ") for start, _, _ in wraps] + [(end + 1, 0, " }") for _, _, end in wraps]
    inserts += [(opened + 1, 2, " SELECT DISTINCT * WHERE { ") for _, opened, _ in wraps]
    inserts += [(end, 1, " } ") for _, _, end in wraps]
    inserts.sort()
    out, last = [], 0
    for position, _, text in inserts:
        out.append(sparql[last:position])
        out.append(text)
        last = position
    out.append(sparql[last:])
    return "".join(out)


_BLANK = re.compile(r"(?:\s|#[^\n]*)*")  # white space and comments
PER_ROW_MARKER = re.compile(r"^[ \t]*#per-row[ \t]*$", flags=re.MULTILINE)


def lateral_groups(sparql: str) -> str:
    """The query with the group after each `#per-row` line evaluated per row: `{ X }` -> `LATERAL { X }`."""
    markers = [marker.end() for marker in PER_ROW_MARKER.finditer(sparql)]
    if not markers:
        return sparql
    tokens = _scan(sparql)
    opens = []
    for end in markers:
        following = next(((position, token) for position, token in tokens if position > end), None)
        if following is None or following[1] != "{" or not _BLANK.fullmatch(sparql, end, following[0]):
            line = sparql.count("\n", 0, end) + 1
            raise SekgError(f"line {line}: a #per-row marker must stand right before a group '{{ ... }}'")
        opens.append(following[0])
    out, last = [], 0
    for position in opens:
        out += [sparql[last:position], "LATERAL "]
        last = position
    return "".join(out) + sparql[last:]


def for_store(store, sparql: str, wanted: bool) -> str:
    """The canned query's text as this store runs it best: lateral OPTIONALs and `#per-row` groups where the query
    asks for them (`#+ lateral: true`, set where measured faster) and the engine plans them so."""
    if not (wanted and getattr(store, "plans_lateral_optionals", False)):
        return sparql
    return lateral_groups(lateral_optionals(sparql))


__all__ = ["for_store", "lateral_groups", "lateral_optionals"]

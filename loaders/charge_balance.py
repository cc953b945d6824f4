"""Formulas that cannot be charge-balanced: a flag for a likely misprint, never a correction (issue 13).

The review prints Li1-xYxZr2-x(PO4)3 (with Li+, Y3+, Zr4+, P5+, O2- the charge is -2x: the known compound is
Li1+x...) and Li5TrP4 / Li7TrP4 (Li8SiP4 and Li9AlP4 balance; these do not). Such formulas are kept as printed; this
check adds a conflict next to them, with the oxidation states it tried, so `sekg query conflicts` and the material's
profile show the doubt.

The check reads a formula with variables (x, y, z, δ) as amounts linear in them and asks whether one common oxidation
state per element (pymatgen's `common_oxidation_states`) makes the charge zero for every value of the variables.
Only curated solid electrolytes with a concrete or generic formula are checked: electrode materials may be
intermetallic or mixed-valent, and cluster anions (closo-borates, B with H) and the polyanions of binary Zintl
phases (LiP5, Li3P7) have no per-atom oxidation states.
A placeholder symbol (Tr, M) is checked only where the record says what it stands for (`placeholders:`).
"""
from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.namespace import GRAPH, RESOURCE, SSE

#: a linear amount: variable name ('' for the constant) -> coefficient
Linear = dict[str, Fraction]
VARIABLES = "xyzδ"
TOKEN = re.compile(r"\s*(?:(?P<element>[A-Z][a-wyz]?)|(?P<open>[(\[])|(?P<close>[)\]])|(?P<amount>[\d.xyzδ/+\-]+))")
TERM = re.compile(r"([+\-]?)(\d+(?:\.\d+)?(?:/\d+)?)?([" + VARIABLES + r"])?")
CHECKED_KINDS = ("concrete", "generic")
TOLERANCE = Fraction(1, 20)  # printed amounts are rounded (Li6.4La3Zr1.4Ta0.6O12): a twentieth of a charge per unit


class FormulaNotLinear(ValueError):
    """A formula this reader cannot take apart (dots, charges, nested variables): it is not checked."""


def _number(text: str) -> Fraction:
    return Fraction(text) if "/" in text else Fraction(text).limit_denominator(1000)


def linear_amount(text: str) -> Linear:
    """'1-x' -> {'': 1, 'x': -1}; '2/3-x', '3x', '0.5', '1+x' alike."""
    amount: Linear = {}
    position = 0
    while position < len(text):
        term = TERM.match(text, position)
        if term is None or term.end() == position:
            raise FormulaNotLinear(f"cannot read the amount {text!r}")
        sign, number, variable = term.groups()
        value = (_number(number) if number else Fraction(1)) * (-1 if sign == "-" else 1)
        amount[variable or ""] = amount.get(variable or "", Fraction(0)) + value
        position = term.end()
    return amount


def element_amounts(formula: str) -> dict[str, Linear]:
    """Each element's amount, linear in the formula's variables: 'Li1-xYxZr2-x(PO4)3' -> Li: 1-x, Y: x, P: 3, O: 12."""
    stack: list[dict[str, Linear]] = [{}]
    position, last = 0, None  # last: what the next amount multiplies (an element name or a closed group)
    text = formula.strip()
    while position < len(text):
        token = TOKEN.match(text, position)
        if token is None or token.end() == position:
            raise FormulaNotLinear(f"unexpected {text[position]!r} at position {position + 1}")
        position = token.end()
        if token.group("element"):
            last = ("element", token.group("element"))
            _add(stack[-1], token.group("element"), {"": Fraction(1)})
        elif token.group("open"):
            stack.append({})
            last = None
        elif token.group("close"):
            if len(stack) == 1:
                raise FormulaNotLinear("unbalanced bracket")
            group = stack.pop()
            last = ("group", group)
            for element, amount in group.items():
                _add(stack[-1], element, amount)
        else:
            amount = linear_amount(token.group("amount"))
            if last is None:
                raise FormulaNotLinear("an amount before any element")
            _scale_last(stack[-1], last, amount)
            last = None
    if len(stack) != 1:
        raise FormulaNotLinear("unbalanced bracket")
    return {element: {v: c for v, c in amount.items() if c} for element, amount in stack[0].items()}


def _add(into: dict[str, Linear], element: str, amount: Linear) -> None:
    target = into.setdefault(element, {})
    for variable, coefficient in amount.items():
        target[variable] = target.get(variable, Fraction(0)) + coefficient


def _scale_last(into: dict[str, Linear], last: tuple, amount: Linear) -> None:
    """The amount after an element or a group multiplies it; its one unit was already counted, so add the rest."""
    kind, what = last
    parts = {what: {"": Fraction(1)}} if kind == "element" else what
    for element, unit in parts.items():
        _add(into, element, {variable: -coefficient for variable, coefficient in unit.items()})
        _add(into, element, _multiply(unit, amount))


def _multiply(a: Linear, b: Linear) -> Linear:
    product: Linear = {}
    for va, ca in a.items():
        for vb, cb in b.items():
            if va and vb:
                raise FormulaNotLinear("a variable multiplied by a variable")
            key = va or vb
            product[key] = product.get(key, Fraction(0)) + ca * cb
    return product


@dataclass(frozen=True)
class Imbalance:
    """The closest the common oxidation states come to a neutral formula unit."""

    states: tuple[tuple[str, int], ...]
    charge: Linear
    substitution: str = ""
    readings: str = ""

    def describe(self) -> str:
        states = ", ".join(f"{element} {state:+d}" for element, state in self.states)
        return (f"with {states}{self.substitution} the net charge per formula unit is {_linear_text(self.charge)}"
                + (f"; no reading of {self.readings} balances" if self.readings else ""))


def _linear_text(amount: Linear) -> str:
    """{'': 0, 'x': -2} -> '-2x'; {'': -3} -> '-3'; {'': 1, 'x': -1} -> '1 - x'."""
    terms = [(variable, coefficient) for variable, coefficient in sorted(amount.items()) if coefficient]
    text = ""
    for variable, coefficient in terms:
        number = "" if variable and abs(coefficient) == 1 else f"{abs(float(coefficient)):g}"
        sign = ("-" if coefficient < 0 else "") if not text else (" - " if coefficient < 0 else " + ")
        text += f"{sign}{number}{variable}"
    return text or "0"


def _size(charge: Linear) -> Fraction:
    return sum((abs(c) for c in charge.values()), Fraction(0))


def common_states(element: str) -> tuple[int, ...]:
    from pymatgen.core import Element
    return tuple(Element(element).common_oxidation_states)


def imbalance(amounts: dict[str, Linear], substitution: str = "") -> Imbalance | None:
    """None when some choice of one common oxidation state per element is neutral for every value of the variables;
    otherwise the choice that comes closest."""
    elements = sorted(amounts)
    choices = [common_states(element) for element in elements]
    if any(not states for states in choices):
        return None  # a noble gas or an unknown state: nothing to say
    best: Imbalance | None = None
    for states in itertools.product(*choices):
        charge: Linear = {}
        for element, state in zip(elements, states):
            for variable, coefficient in amounts[element].items():
                charge[variable] = charge.get(variable, Fraction(0)) + coefficient * state
        if all(abs(value) <= TOLERANCE for value in charge.values()):
            return None
        if best is None or _size(charge) < _size(best.charge):
            best = Imbalance(tuple(zip(elements, states)), {v: c for v, c in charge.items() if c}, substitution)
    return best


def _cluster_or_zintl(amounts: dict[str, Linear]) -> bool:
    """Formulas whose anions are clusters or homoatomic chains, so per-atom oxidation states do not apply: boranes
    (B with H), closo/nido-borates (six or more B: B12Cl12 2-, B10H10 2-) and binary Zintl phases (LiP5, Li3P7: P-P
    bonds; a binary compound of a metal is always balanced by its polyanion)."""
    boron = amounts.get("B", {}).get("", Fraction(0))
    return ("B" in amounts and "H" in amounts) or boron >= 6 or len(amounts) == 2


def check_formula(formula: str, placeholders: dict[str, list[str]] | None = None) -> Imbalance | None:
    """The imbalance of a printed formula, or None when it balances or cannot be judged (cluster anions, unknown
    placeholders, a shape this reader does not take apart)."""
    try:
        amounts = element_amounts(formula)
    except FormulaNotLinear:
        return None
    if _cluster_or_zintl(amounts):
        return None
    from pymatgen.core import Element
    unknown = [symbol for symbol in amounts if not Element.is_valid_symbol(symbol)]
    if not unknown:
        return imbalance(amounts)
    if any(symbol not in (placeholders or {}) for symbol in unknown):
        return None
    found: Imbalance | None = None
    readings = list(itertools.product(*(placeholders[symbol] for symbol in unknown)))
    for picks in readings:
        named = dict(zip(unknown, picks))
        substituted: dict[str, Linear] = {}
        for symbol, amount in amounts.items():
            _add(substituted, named.get(symbol, symbol), amount)
        result = imbalance(substituted, f" ({', '.join(f'{s} = {e}' for s, e in named.items())})")
        if result is None:
            return None  # one reading of the placeholder balances: not flagged
        found = found or result
    if found is not None and len(readings) > 1:
        tried = "; ".join(f"{s} = {', '.join(placeholders[s])}" for s in unknown)
        found = Imbalance(found.states, found.charge, found.substitution, tried)
    return found


def parse_placeholders(text: str) -> dict[str, list[str]]:
    """'Tr = Si, Ge, Sn; M = Y, Er' -> {'Tr': ['Si', 'Ge', 'Sn'], 'M': ['Y', 'Er']}."""
    meaning: dict[str, list[str]] = {}
    for part in text.split(";"):
        if "=" in part:
            symbol, elements = part.split("=", 1)
            meaning[symbol.strip()] = [e.strip() for e in elements.split(",") if e.strip()]
    return meaning


class ChargeBalanceLoader:
    """Conflicts for curated electrolyte formulas that no common oxidation states balance, into graph charge-balance."""

    name = "charge-balance check"
    graph_iri = GRAPH["charge-balance"]

    def __init__(self) -> None:
        self._context = Graph()
        self.flagged: list[tuple[str, Imbalance]] = []

    def use_context(self, graph: Graph) -> None:
        self._context = graph

    def load(self) -> Graph:
        return self.load_for(None)

    def load_for(self, materials: Iterable[URIRef] | None) -> Graph:
        """The flags of `materials` only (every curated electrolyte when None): a flag concerns one material, so an
        incremental build recomputes those of the materials its change touches."""
        graph = Graph()
        self.flagged = []
        for material, formula, kind, placeholders in self._candidates(materials):
            result = check_formula(formula, parse_placeholders(placeholders) if placeholders else None)
            if result is not None:
                self.flagged.append((formula, result))
                _add_conflict(graph, self._context, material, formula, result)
        return graph

    def _candidates(self, materials: Iterable[URIRef] | None) -> list[tuple[URIRef, str, str, str | None]]:
        """Curated (sourced) solid electrolytes with a concrete or generic formula."""
        from kg.ontology import subclasses_of
        electrolytes = set(subclasses_of(SSE.SolidElectrolyte))
        context, found = self._context, []
        formulas = context.subject_objects(SSE.formula) if materials is None else \
            ((material, formula) for material in materials for formula in context.objects(material, SSE.formula))
        for material, formula in formulas:
            kind = context.value(material, SSE.formulaKind)
            if str(kind) not in CHECKED_KINDS or context.value(material, DCTERMS.source) is None:
                continue
            if not any(family in electrolytes for family in context.objects(material, RDF.type)):
                continue
            placeholders = context.value(material, SSE.placeholderMeaning)
            found.append((material, str(formula), str(kind), str(placeholders) if placeholders is not None else None))
        return sorted(set(found), key=lambda candidate: str(candidate[0]))


def _add_conflict(graph: Graph, context: Graph, material: URIRef, formula: str, result: Imbalance) -> None:
    key = hashlib.sha1(str(material).encode()).hexdigest()[:12]
    node = RESOURCE[f"conflict/charge-balance/{key}"]
    label = context.value(material, RDFS.label) or formula
    section = context.value(material, SSE.reviewSection)
    location = context.value(material, SSE.sourceLocation)
    where = ", ".join(str(part) for part in (f"section {section}" if section else None, location) if part)
    graph.add((node, RDF.type, SSE.Conflict))
    graph.add((node, RDFS.label, Literal(f"charge balance of {formula}")))
    graph.add((node, SKOS.note, Literal(f"{formula} as printed cannot be charge-balanced with common oxidation states "
                                        f"({result.describe()}); kept as printed, possibly a misprint.")))
    graph.add((node, SSE.conflictAspect, Literal("charge balance")))
    graph.add((node, SSE.conflictConcerns, material))
    graph.add((node, SSE.isDerived, Literal(True)))
    for source in context.objects(material, DCTERMS.source):
        graph.add((node, DCTERMS.source, source))
    for reference in context.objects(material, SSE.citesReference):
        graph.add((node, SSE.citesReference, reference))
    claims = [(str(label) if str(label).startswith(formula) else f"{formula} ({label})", where or "as printed"),
              (result.describe(), "sekg charge-balance check (pymatgen common oxidation states)")]
    for index, (text, claim_location) in enumerate(claims):
        claim = RESOURCE[f"conflict/charge-balance/{key}/claim/{index}"]
        graph.add((node, SSE.hasClaim, claim))
        graph.add((claim, RDF.type, SSE.ConflictingClaim))
        graph.add((claim, RDFS.label, Literal(f"claim {index + 1} of the charge balance of {formula}")))
        graph.add((claim, SSE.claimText, Literal(text)))
        graph.add((claim, SSE.claimLocation, Literal(claim_location)))


__all__ = ["ChargeBalanceLoader", "check_formula", "element_amounts", "imbalance", "linear_amount",
           "parse_placeholders"]

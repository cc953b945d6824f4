"""Chemical formulas: parse concrete ones with pymatgen, recognise generic ones and systems.

The review prints concrete formulas (Li10GeP2S12), generic ones with variables (Li1+xAlxTi2-x(PO4)3,
La2/3-xLi3xTiO3), pseudo-binary systems (Li2S-P2S5), composites (LLZ-LiBH4) and polymers. Only concrete
formulas get a composition; the others are recorded as such, never dropped or forced into numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pymatgen.core import Composition, Element

GENERIC_MARKERS = re.compile(r"(?<![A-Z])[xyzδ](?![a-z])|δ")
PLACEHOLDER_SYMBOLS = {"M", "X", "A", "Tr", "R", "Ln", "Me"}
SYSTEM_SEPARATOR = re.compile(r"(?<=[\w)\]])\s*[-–]\s*(?=\d*[A-Z(\[])")


@dataclass(frozen=True)
class ParsedFormula:
    """The outcome of reading one formula: its kind and, for concrete formulas, the element amounts."""

    kind: str  # concrete | generic | system | unparsed
    reduced_formula: str | None = None
    amounts: tuple[tuple[str, float], ...] = ()
    problem: str | None = None


def parse_formula(formula: str) -> ParsedFormula:
    """Classify and, where concrete, parse a formula with pymatgen's Composition."""
    text = formula.strip()
    if SYSTEM_SEPARATOR.search(text):
        return ParsedFormula("system")
    if GENERIC_MARKERS.search(text):
        return ParsedFormula("generic")
    try:
        composition = Composition(text)
    except Exception as exc:  # pymatgen raises ValueError and others for bad tokens
        tokens = set(re.findall(r"[A-Z][a-z]?", text))
        if tokens & PLACEHOLDER_SYMBOLS:
            return ParsedFormula("generic")
        return ParsedFormula("unparsed", problem=str(exc))
    symbols = [str(getattr(el, "symbol", el)) for el in composition.elements]
    unknown = [sym for sym in symbols if not Element.is_valid_symbol(sym)]
    if unknown and all(sym in PLACEHOLDER_SYMBOLS for sym in unknown):
        return ParsedFormula("generic")
    if unknown:
        return ParsedFormula("unparsed", problem=f"unknown element symbol(s) {', '.join(unknown)}")
    amounts = tuple((str(el), float(amount)) for el, amount in composition.get_el_amt_dict().items())
    if not amounts or any(amount <= 0 for _, amount in amounts):  # 'A0', 'Li0': pymatgen reads nothing real
        return ParsedFormula("unparsed", problem="no element with a positive amount")
    return ParsedFormula("concrete", composition.reduced_formula, amounts)


TOKEN = re.compile(r"[A-Z][a-z]?|\d+(?:\.\d+)?|[()\[\]]|[xyzδ+\-/·.]")


def bad_token_position(formula: str) -> tuple[int, str] | None:
    """The 1-based position and text of the first token that is not part of a formula, if any."""
    from pymatgen.core import Element
    position = 0
    open_brackets: list[int] = []
    while position < len(formula):
        if formula[position].isspace():
            position += 1
            continue
        match = TOKEN.match(formula, position)
        if match is None:
            return position + 1, formula[position]
        token = match.group(0)
        if token in "([":
            open_brackets.append(position + 1)
        elif token in ")]":
            if not open_brackets:
                return position + 1, token
            open_brackets.pop()
        if token[0].isupper() and not (Element.is_valid_symbol(token) or token in PLACEHOLDER_SYMBOLS):
            if len(token) == 2 and Element.is_valid_symbol(token[0]):
                position += 1  # e.g. 'Co' read as C + o: let the next token decide
                continue
            return position + 1, token
        position = match.end()
    if open_brackets:
        return open_brackets[-1], "unclosed bracket"
    return None

"""Reading one table cell as a sekg value: formula, conductivity (point or limit), temperature, DOI, space group.

Each reader returns the value or raises CellError with what is wrong and what would be valid, so the loader can
reject the row with file, row, column and reason and go on with the next row.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kg.errors import UsageError
from kg.quantity import convert, parse_quantity
from kg.units import ABSOLUTE_ZERO_C, CONDUCTIVITY
from loaders.formula import ParsedFormula, parse_formula

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:")
MAX_CONDUCTIVITY_S_PER_CM = 1e3  # far above any electrolyte; a larger number is a unit or typing error
MAX_TEMPERATURE_C = 2000.0


class CellError(ValueError):
    """A cell that cannot be read: the problem and what would be valid."""

    def __init__(self, problem: str, valid: str):
        super().__init__(problem)
        self.problem, self.valid = problem, valid


@dataclass(frozen=True)
class Conductivity:
    """A conductivity in S/cm: a point value, or an upper ('<') or lower ('>') limit."""

    value_s_per_cm: float
    limit: str = ""  # '', '<' or '>'


def read_formula(text: str) -> ParsedFormula:
    """A concrete formula; quotes and spaces that tables put inside mixtures ('(Li2O)50 (P2O5)50') are dropped."""
    cleaned = text.replace('"', "").replace(" ", "")
    if not cleaned:
        raise CellError("empty formula", "a chemical formula such as Li7La3Zr2O12")
    parsed = parse_formula(cleaned)
    if parsed.kind != "concrete":
        detail = f" ({parsed.problem})" if parsed.problem else ""
        raise CellError(f"{text!r} is not a concrete formula: it reads as {parsed.kind}{detail}",
                        "a formula pymatgen reads, with numbers for every amount")
    return parsed


def read_conductivity(text: str, factor_s_per_cm: float) -> Conductivity:
    """A conductivity cell: '1.2e-3', '<1E-10', or a number with its own unit ('1.2 mS/cm')."""
    limit = text[0] if text[:1] in "<>" else ""
    body = text[1:].strip() if limit else text
    if not body:
        raise CellError("empty conductivity", "a number such as 1.2e-3, or '<1e-10' for an upper limit")
    try:
        quantity = parse_quantity(body, "conductivity")
    except UsageError as exc:
        raise CellError(f"{text!r} is not a number ({exc})", "a number such as 1.2e-3 or '1.2 mS/cm'") from None
    if quantity.unit_text:
        if not quantity.unit.same_dimension(CONDUCTIVITY.unit):
            raise CellError(f"{text!r} has a unit that is not a conductivity", CONDUCTIVITY.examples)
        value = convert(quantity.value, quantity.unit, CONDUCTIVITY.unit)
    else:
        value = float(f"{quantity.value * factor_s_per_cm:.12g}")  # 2.1 mS/cm is 0.0021, not 0.0021000000000000003
    if not math.isfinite(value) or value <= 0:
        raise CellError(f"{text!r} is not a positive finite conductivity", "a value > 0")
    if value > MAX_CONDUCTIVITY_S_PER_CM:
        raise CellError(f"{text!r} is {value:g} S/cm, implausibly high (check the unit)",
                        f"a value below {MAX_CONDUCTIVITY_S_PER_CM:g} S/cm")
    return Conductivity(value, limit)


def read_temperature_c(text: str, unit: str) -> float:
    """A temperature cell in the table's unit (degC or K), returned in degrees C."""
    try:
        quantity = parse_quantity(text, "temperature")
    except UsageError as exc:
        raise CellError(f"{text!r} is not a number ({exc})", "a temperature such as 25 or 298.15") from None
    if quantity.unit_text:
        raise CellError(f"{text!r} carries its own unit; the column's unit is {unit}", "a bare number")
    celsius = quantity.value if unit == "degC" else quantity.value + ABSOLUTE_ZERO_C
    if not math.isfinite(celsius) or celsius < ABSOLUTE_ZERO_C:
        raise CellError(f"{text!r} {unit} is below absolute zero", "a temperature above 0 K")
    if celsius > MAX_TEMPERATURE_C:
        raise CellError(f"{text!r} {unit} is implausibly hot for a measurement", f"below {MAX_TEMPERATURE_C:g} °C")
    return round(celsius, 4)


def read_doi(text: str) -> str:
    """A DOI without resolver prefix ('https://doi.org/10.1/x' and 'doi:10.1/x' are read as '10.1/x'), in lower case:
    DOIs are case-insensitive, and one paper printed in two cases must be one reference node."""
    doi = text.strip()
    for prefix in DOI_PREFIXES:
        if doi.startswith(prefix):
            doi = doi[len(prefix):]
    if not doi:
        raise CellError("empty DOI", "every row's DOI, e.g. 10.1021/ja1234567")
    if not DOI.match(doi):
        raise CellError(f"{text!r} is not a DOI", "10.NNNN/suffix, e.g. 10.1021/ja1234567")
    return doi.lower()


def read_space_group_number(text: str) -> int:
    """A space group number 1-230 ('225' or '225.0')."""
    try:
        number = float(text)
    except ValueError:
        raise CellError(f"{text!r} is not a space group number", "an integer from 1 to 230") from None
    if not number.is_integer() or not 1 <= number <= 230:
        raise CellError(f"{text!r} is not a space group number", "an integer from 1 to 230")
    return int(number)


__all__ = ["CellError", "Conductivity", "read_conductivity", "read_doi", "read_formula", "read_space_group_number",
           "read_temperature_c"]

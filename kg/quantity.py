"""A grammar for the numbers with units that the battery literature prints, parsed in microseconds.

Why not a general expression evaluator (pint): `10**10**8 S/cm` made pint compute a hundred-million-digit
integer, freezing the CLI, the API and the build; and PDFs print units pint does not read (`S cm−1`,
`Ω⁻¹ cm⁻¹`, `25 ℃`, the U+2212 minus). Here a value is a mantissa with an optional exponent in every printed
form (`1.2e-3`, `1.2 × 10⁻³`, `1.2 x 10^-3`, `1.2×10-3`, `10^-3`), bounded in length and exponent, then
a product of unit tokens with optional powers (`S cm-1`, `S·cm⁻¹`, `mS/cm`, `mA cm^-2`, `Ω-1 cm-1`).
Every symbol is looked up in an explicit table (case matters: `ms` is milliseconds, not millisiemens).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import UsageError

MAX_TEXT_LENGTH = 200
MAX_EXPONENT = 400

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")  # '10⁻³' is 10^-3, 'cm⁻¹' is cm^-1
_MINUS = "−–‐‑﹣－"  # U+2212 minus and the dashes PDFs print for it
_DIMENSIONS = ("A", "V", "m", "s", "kg", "cycle", "mol")


class QuantityError(UsageError):
    """Text that is not a number with a known unit; says what would be valid."""


@dataclass(frozen=True)
class Unit:
    """A unit as a factor to SI-like base units and powers of (A, V, m, s, kg, cycle, mol); temperatures are
    'K' or 'degC' apart, because they are not a plain factor."""

    factor: float
    powers: tuple[int, ...]
    temperature: str = ""

    def __mul__(self, other: "Unit") -> "Unit":
        return Unit(self.factor * other.factor, tuple(a + b for a, b in zip(self.powers, other.powers)))

    def __pow__(self, n: int) -> "Unit":
        return Unit(self.factor ** n, tuple(p * n for p in self.powers))

    def same_dimension(self, other: "Unit") -> bool:
        return self.powers == other.powers and self.temperature == other.temperature


def _u(factor: float, **powers: int) -> Unit:
    return Unit(factor, tuple(powers.get(d, 0) for d in _DIMENSIONS))


DIMENSIONLESS = _u(1.0)
_BASE: dict[str, Unit] = {
    "S": _u(1, A=1, V=-1), "Ω": _u(1, V=1, A=-1), "A": _u(1, A=1), "V": _u(1, V=1), "W": _u(1, V=1, A=1),
    "m": _u(1, m=1), "g": _u(1e-3, kg=1), "s": _u(1, s=1), "Ah": _u(3600, A=1, s=1), "Wh": _u(3600, V=1, A=1, s=1),
    "J": _u(1, V=1, A=1, s=1), "eV": _u(1.602176634e-19, V=1, A=1, s=1), "Pa": _u(1, kg=1, m=-1, s=-2),
    "mol": _u(1, mol=1),
}
_PREFIXES = {"k": 1e3, "c": 1e-2, "m": 1e-3, "µ": 1e-6, "μ": 1e-6, "u": 1e-6, "n": 1e-9, "M": 1e6, "G": 1e9}
_PREFIXABLE = {"S": "kmµμun", "Ω": "kmM", "A": "mµμun", "V": "kmµμ", "W": "kmµμ", "m": "kcmµμun",
               "g": "kmµμu", "s": "mµμn", "Ah": "mµμ", "Wh": "km", "J": "km", "eV": "km", "Pa": "kMG"}
UNITS: dict[str, Unit] = dict(_BASE)
for _symbol, _allowed in _PREFIXABLE.items():
    for _prefix in _allowed:
        UNITS[_prefix + _symbol] = Unit(_PREFIXES[_prefix] * _BASE[_symbol].factor, _BASE[_symbol].powers)
UNITS.update({
    "ohm": UNITS["Ω"], "Ohm": UNITS["Ω"], "ohms": UNITS["Ω"], "siemens": UNITS["S"], "min": _u(60, s=1),
    "h": _u(3600, s=1), "hr": _u(3600, s=1), "hrs": _u(3600, s=1), "hour": _u(3600, s=1), "hours": _u(3600, s=1),
    "d": _u(86400, s=1), "day": _u(86400, s=1), "days": _u(86400, s=1), "%": _u(0.01), "percent": _u(0.01),
    "cycle": _u(1, cycle=1), "cycles": _u(1, cycle=1), "L": _u(1e-3, m=3), "mL": _u(1e-6, m=3),
})
TEMPERATURE_UNITS = {"K": "K", "kelvin": "K", "°C": "degC", "℃": "degC", "degC": "degC", "C": "degC",
                     "° C": "degC", "oC": "degC"}
REFUSED_TEMPERATURES = {"°F", "℉", "F", "degF"}

_NUMBER = re.compile(r"""^\s*
    (?P<sign>[+\-])?\s*
    (?:
      10\s*(?:\^|\*\*)\s*\{?\s*(?P<bare>[+\-]?\d+)\s*\}?
    |
      (?P<mantissa>\d{1,60}(?:\.\d{0,60})?|\.\d{1,60})
      (?:[eE](?P<e>[+\-]?\d+))?
      (?:\s*[×xX*·⋅]\s*10\s*(?:\^|\*\*)?\s*\{?\s*(?P<times>[+\-]?\s*\d+)\s*\}?)?
    )""", re.VERBOSE)
_UNIT_TOKEN = re.compile(r"""\s*(?P<op>[/·⋅*.]?)\s*
    (?P<symbol>°\s?C|°F|℃|℉|%|[A-Za-zµμΩ]+)
    (?:\s*(?:\^|\*\*)?\s*\{?\s*(?P<power>[+\-]?\d{1,2})\s*\}?)?""", re.VERBOSE)


def normalise_text(text: str) -> str:
    """Superscripts become ^powers and the minus signs PDFs print become ASCII; nothing else changes."""
    cleaned = _SUPERSCRIPT_RUN.sub(lambda run: "^" + run.group(0).translate(_SUPERSCRIPT), text)
    for dash in _MINUS:
        cleaned = cleaned.replace(dash, "-")
    return cleaned.replace("\u00a0", " ").replace("\u2009", " ").strip()


@dataclass(frozen=True)
class Quantity:
    """A parsed value: the number as printed (exactly, via its decimal text) and its unit."""

    value: float
    unit: Unit
    unit_text: str


def _check_length(text: str, what: str) -> None:
    if len(text) > MAX_TEXT_LENGTH:
        raise QuantityError(f"{what}: a value of {len(text)} characters is too long to be a number with a unit "
                            f"(at most {MAX_TEXT_LENGTH}).")


def parse_number(text: str, what: str = "value") -> tuple[float, str]:
    """The leading number of text and the rest (the unit); finite, with |exponent| <= 400."""
    _check_length(text, what)
    cleaned = normalise_text(text)
    match = _NUMBER.match(cleaned)
    if match is None or not (match["mantissa"] or match["bare"]):
        raise QuantityError(f"{what}: {text!r} does not start with a number. Valid: 1e-3, 1.2 × 10⁻³, 10^-3, "
                            "optionally followed by a unit.")
    exponent = 0
    for part in (match["e"], match["times"], match["bare"]):
        if part:
            exponent += int(part.replace(" ", ""))
    if abs(exponent) > MAX_EXPONENT:
        raise QuantityError(f"{what}: the exponent {exponent} of {text!r} is out of range "
                            f"(|exponent| <= {MAX_EXPONENT}).")
    mantissa = match["mantissa"] or "1"
    value = float(f"{match['sign'] or ''}{mantissa}e{exponent}")
    if not math.isfinite(value):
        raise QuantityError(f"{what}: {text!r} is too large to be a measured value.")
    return value, cleaned[match.end():].strip()


@lru_cache(maxsize=2048)
def parse_unit(text: str, what: str = "unit") -> Unit:
    """A unit expression such as 'S cm-1', 'mS/cm', 'Ω⁻¹ cm⁻¹', '°C'; '' is dimensionless."""
    _check_length(text, what)
    cleaned = normalise_text(text)
    if not cleaned:
        return DIMENSIONLESS
    if cleaned in TEMPERATURE_UNITS:
        kind = TEMPERATURE_UNITS[cleaned]
        return Unit(1.0, DIMENSIONLESS.powers, kind)
    if cleaned in REFUSED_TEMPERATURES or cleaned.replace(" ", "") in REFUSED_TEMPERATURES:
        raise QuantityError(f"{what}: {text!r} (Fahrenheit) is not accepted; give °C or K.")
    result, position = DIMENSIONLESS, 0
    while position < len(cleaned):
        match = _UNIT_TOKEN.match(cleaned, position)
        if match is None or match.end() == position:
            raise QuantityError(f"{what}: cannot read {text!r} from {cleaned[position:]!r} on. Valid: products of "
                                "unit symbols with powers, e.g. S/cm, S cm-1, mS cm⁻¹, mA/cm2, Ω-1 cm-1, mAh g-1.")
        symbol = match["symbol"]
        if symbol not in UNITS:
            if symbol.replace(" ", "") in TEMPERATURE_UNITS or symbol in REFUSED_TEMPERATURES:
                raise QuantityError(f"{what}: a temperature unit cannot be combined with others in {text!r}.")
            raise QuantityError(f"{what}: unknown unit symbol {symbol!r} in {text!r} (symbols are case-sensitive: "
                                "mS is millisiemens, ms milliseconds).")
        power = int(match["power"]) if match["power"] else 1
        if match["op"] == "/":
            power = -power
        result = result * UNITS[symbol] ** power
        position = match.end()
    return result


def parse_quantity(text: str, what: str = "value") -> Quantity:
    """A number with an optional unit: '1.2 × 10⁻³ S cm⁻¹', '−20 °C', '25 ℃', '1 mS/cm', '300 K'."""
    value, rest = parse_number(text, what)
    return Quantity(value, parse_unit(rest, what), rest)


def convert(value: float, unit: Unit, target: Unit) -> float:
    """value in unit expressed in target (same dimension; temperatures handled by the caller)."""
    converted = value * unit.factor / target.factor
    return float(f"{converted:.12g}")  # drop the float noise of the scaling, keep the printed digits


__all__ = ["Quantity", "QuantityError", "Unit", "convert", "parse_number", "parse_quantity", "parse_unit"]

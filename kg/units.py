"""Units: the canonical unit of each measured property, and parsing of values people type.

pint does the arithmetic, so '1 mS/cm', '1e-3 S/cm' and '0.1 S/m' all become 1e-3 S/cm; QUDT unit IRIs
are what the graph stores. A wrong dimension ('1.2 ms/cm' - milliseconds) is an error that says which
spellings are accepted, never a silent guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pint

from kg.errors import UsageError


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared pint registry, with the battery field's spellings added."""
    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.define("battery_cycle = 1 = cycles")  # pint's own "cycle" is an angle
    return ureg


@dataclass(frozen=True)
class CanonicalUnit:
    """The unit sekg stores a property in: pint spelling, QUDT unit local name, and accepted examples."""

    pint_unit: str
    qudt: str
    examples: str


CONDUCTIVITY = CanonicalUnit("S/cm", "S-PER-CentiM", "S/cm, mS/cm, S/m, 'S cm^-1'")
CURRENT_DENSITY = CanonicalUnit("mA/cm**2", "MilliA-PER-CentiM2", "mA/cm2, A/m2")
VOLTAGE = CanonicalUnit("V", "V", "V, mV")
SPECIFIC_CAPACITY = CanonicalUnit("mAh/g", "MilliA-HR-PER-GM", "mAh/g, Ah/kg")
AREAL_CAPACITY = CanonicalUnit("mAh/cm**2", "MilliA-HR-PER-CentiM2", "mAh/cm2")
CELL_CAPACITY = CanonicalUnit("Ah", "A-HR", "Ah, mAh")
PERCENT = CanonicalUnit("percent", "PERCENT", "%, percent")
DURATION = CanonicalUnit("h", "HR", "h, min, day")
MASS_LOADING = CanonicalUnit("mg/cm**2", "MilliGM-PER-CentiM2", "mg/cm2")
ENERGY = CanonicalUnit("eV", "EV", "eV, meV")
COUNT = CanonicalUnit("battery_cycle", "NUM", "cycles")
RATIO = CanonicalUnit("dimensionless", "UNITLESS", "a plain number")

#: canonical unit per measured-property class (local names in the sse: namespace)
PROPERTY_UNITS: dict[str, CanonicalUnit] = {
    "IonicConductivity": CONDUCTIVITY,
    "BulkIonicConductivity": CONDUCTIVITY,
    "TotalIonicConductivity": CONDUCTIVITY,
    "GrainBoundaryIonicConductivity": CONDUCTIVITY,
    "ElectronicConductivity": CONDUCTIVITY,
    "ActivationEnergy": ENERGY,
    "TransferenceNumber": RATIO,
    "CriticalCurrentDensity": CURRENT_DENSITY,
    "CurrentDensity": CURRENT_DENSITY,
    "ElectrochemicalStabilityWindow": VOLTAGE,
    "OxidationStabilityLimit": VOLTAGE,
    "OperatingVoltage": VOLTAGE,
    "SpecificCapacity": SPECIFIC_CAPACITY,
    "InitialDischargeCapacity": SPECIFIC_CAPACITY,
    "TheoreticalCapacity": SPECIFIC_CAPACITY,
    "ArealCapacity": AREAL_CAPACITY,
    "CellCapacity": CELL_CAPACITY,
    "CapacityRetention": PERCENT,
    "CoulombicEfficiency": PERCENT,
    "InitialCoulombicEfficiency": PERCENT,
    "CycleLife": COUNT,
    "CyclingDuration": DURATION,
    "MassLoading": MASS_LOADING,
    "NegativePositiveRatio": RATIO,
    "ConductivityEnhancementFactor": RATIO,
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_UNIT_ALIASES = [
    (re.compile(r"\bS\s*cm\^?-1\b"), "S/cm"),
    (re.compile(r"\bmS\s*cm\^?-1\b"), "mS/cm"),
    (re.compile(r"\bcm2\b"), "cm**2"),
    (re.compile(r"\bcm\^?-2\b"), "1/cm**2"),
    (re.compile(r"°\s*C\b|\bdeg\s*C\b|(?<=\d)\s*C$"), " degC"),
    (re.compile(r"\bK$"), " K"),
]


def normalise_unit_text(text: str) -> str:
    """Turn the ways people write units into pint syntax ('mS cm⁻¹' -> 'mS/cm', '25 °C' -> '25 degC')."""
    cleaned = text.strip().translate(_SUPERSCRIPTS).replace("×", "*").replace("·", "*")
    cleaned = re.sub(r"(?<=\d)\s*[xX]\s*(?=10)", " * ", cleaned)
    cleaned = re.sub(r"10\^\{?(-?\d+)\}?", r"1e\1", cleaned)
    cleaned = re.sub(r"(?<![\d.e])10\s*(-\d+)", r"1e\1", cleaned)
    cleaned = re.sub(r"(\d(?:\.\d+)?)\s*\*\s*1e(-?\d+)", r"\1e\2", cleaned)
    for pattern, replacement in _UNIT_ALIASES:
        cleaned = pattern.sub(replacement, cleaned)
    return cleaned


def parse_quantity(text: str) -> pint.Quantity:
    """Parse '1 mS/cm', '1.4e-4 S/cm', '300 K' or '25 C' into a pint quantity."""
    normalised = normalise_unit_text(text)
    try:
        quantity = registry().Quantity(normalised)
    except Exception as exc:  # pint's expression parser raises many kinds (tokenize, syntax, dimension)
        raise UsageError(f"Cannot read {text!r} as a number with a unit ({exc}).") from exc
    if not isinstance(quantity, pint.Quantity):
        quantity = registry().Quantity(float(quantity), "dimensionless")
    return quantity


def to_canonical(value: float, unit: str, canonical: CanonicalUnit, what: str = "value") -> float:
    """Convert value in unit to the canonical unit; a wrong dimension raises with accepted spellings."""
    try:
        quantity = registry().Quantity(float(value), _parsed_unit(unit))
        return float(f"{quantity.to(canonical.pint_unit).magnitude:.12g}")  # drop float noise of unit scaling
    except pint.errors.DimensionalityError as exc:
        raise UsageError(f"{what}: unit {unit!r} is not a unit of this property; accepted: {canonical.examples}"
                         ) from exc
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError, AttributeError) as exc:
        raise UsageError(f"{what}: unknown unit {unit!r}; accepted: {canonical.examples}") from exc


@lru_cache(maxsize=1024)
def _parsed_unit(unit: str) -> pint.Unit:
    """A unit as printed, parsed once: curated files repeat a handful of spellings thousands of times."""
    return registry().Unit(normalise_unit_text(unit) if unit else "dimensionless")


def parse_in_unit(text: str, canonical: CanonicalUnit, what: str) -> float:
    """A user-typed value: a bare number means the canonical unit; a value with a unit is converted."""
    stripped = text.strip()
    try:
        return float(stripped)
    except ValueError:
        pass
    try:
        quantity = parse_quantity(stripped)
    except UsageError as exc:
        raise UsageError(f"{what}: {exc} Accepted: a number in {canonical.pint_unit} or one of {canonical.examples}."
                         ) from exc
    try:
        return float(quantity.to(canonical.pint_unit).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise UsageError(f"{what}: {text!r} has the wrong unit; accepted: {canonical.examples}") from exc


@lru_cache(maxsize=4096)
def parse_temperature_c(text: str, what: str = "temperature") -> float:
    """A temperature in degrees C from '25', '25 C', '25 °C' or '298 K' (a bare number means degrees C)."""
    stripped = text.strip()
    try:
        return float(stripped)
    except ValueError:
        pass
    quantity = parse_quantity(stripped)
    try:
        return float(quantity.to("degC").magnitude)
    except pint.errors.DimensionalityError as exc:
        raise UsageError(f"{what}: {text!r} is not a temperature; accepted: 25, 25 C, 25 °C, 298 K") from exc


def qudt_unit_iri(canonical: CanonicalUnit) -> str:
    """The QUDT unit IRI of a canonical unit."""
    return f"http://qudt.org/vocab/unit/{canonical.qudt}"

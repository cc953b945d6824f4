"""Units: the canonical unit of each measured property, and reading the values people type and print.

kg.quantity parses the text ('1 mS/cm', '1.2 × 10⁻³ S cm⁻¹', '−20 °C'); this module says which unit each
property is stored in (QUDT unit IRIs are what the graph stores) and converts. A wrong dimension
('1.2 ms/cm' - milliseconds) is an error that says which spellings are accepted, never a silent guess.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import UsageError
from kg.quantity import QuantityError, Unit, convert, parse_number, parse_quantity, parse_unit

ABSOLUTE_ZERO_C = -273.15


@dataclass(frozen=True)
class CanonicalUnit:
    """The unit sekg stores a property in: its symbol (kg.quantity grammar), QUDT unit local name, and accepted
    examples."""

    symbol: str
    qudt: str
    examples: str

    @property
    def unit(self) -> Unit:
        return parse_unit(self.symbol)


CONDUCTIVITY = CanonicalUnit("S/cm", "S-PER-CentiM", "S/cm, mS/cm, S/m, 'S cm^-1'")
CURRENT_DENSITY = CanonicalUnit("mA/cm2", "MilliA-PER-CentiM2", "mA/cm2, A/m2")
VOLTAGE = CanonicalUnit("V", "V", "V, mV")
SPECIFIC_CAPACITY = CanonicalUnit("mAh/g", "MilliA-HR-PER-GM", "mAh/g, Ah/kg")
AREAL_CAPACITY = CanonicalUnit("mAh/cm2", "MilliA-HR-PER-CentiM2", "mAh/cm2")
CELL_CAPACITY = CanonicalUnit("Ah", "A-HR", "Ah, mAh")
PERCENT = CanonicalUnit("percent", "PERCENT", "%, percent")
DURATION = CanonicalUnit("h", "HR", "h, min, day")
MASS_LOADING = CanonicalUnit("mg/cm2", "MilliGM-PER-CentiM2", "mg/cm2")
ENERGY = CanonicalUnit("eV", "EV", "eV, meV")
COUNT = CanonicalUnit("cycles", "NUM", "cycles")
RATIO = CanonicalUnit("", "UNITLESS", "a plain number")

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

def _finite(value: float, text: str, what: str) -> float:
    if not math.isfinite(value):
        raise UsageError(f"{what}: {text!r} is not a finite number; give a measured value such as 1e-3.")
    return value


def to_canonical(value: float, unit: str, canonical: CanonicalUnit, what: str = "value") -> float:
    """Convert value in unit to the canonical unit; a wrong dimension raises with accepted spellings."""
    value = _finite(float(value), str(value), what)
    try:
        parsed = parse_unit(unit or "", what)
    except QuantityError as exc:
        raise UsageError(f"{what}: unknown unit {unit!r}; accepted: {canonical.examples} ({exc})") from exc
    if not parsed.same_dimension(canonical.unit):
        raise UsageError(f"{what}: unit {unit!r} is not a unit of this property; accepted: {canonical.examples}")
    return convert(value, parsed, canonical.unit)


def parse_in_unit(text: str, canonical: CanonicalUnit, what: str) -> float:
    """A user-typed value: a bare number means the canonical unit; a value with a unit is converted."""
    try:
        quantity = parse_quantity(text, what)
    except QuantityError as exc:
        raise UsageError(f"{exc} Accepted: a number in {canonical.symbol or 'no unit'} or one of "
                         f"{canonical.examples}.") from exc
    if not quantity.unit_text:
        return quantity.value
    if not quantity.unit.same_dimension(canonical.unit):
        raise UsageError(f"{what}: {text!r} has the wrong unit; accepted: {canonical.examples}")
    return convert(quantity.value, quantity.unit, canonical.unit)


@lru_cache(maxsize=4096)
def parse_temperature_c(text: str, what: str = "temperature") -> float:
    """A temperature in degrees C from '25', '25 C', '25 °C', '25 ℃', '−20 °C' or '298 K' (a bare number means
    degrees C); below absolute zero is refused."""
    quantity = parse_quantity(text, what)
    kind = quantity.unit.temperature if quantity.unit_text else "degC"
    if not kind:
        raise UsageError(f"{what}: {text!r} is not a temperature; accepted: 25, 25 C, 25 °C, 25 ℃, 298 K")
    celsius = quantity.value if kind == "degC" else float(f"{quantity.value + ABSOLUTE_ZERO_C:.12g}")
    if celsius < ABSOLUTE_ZERO_C:
        raise UsageError(f"{what}: {text!r} is below absolute zero; valid: a temperature above 0 K (-273.15 °C)")
    return celsius


def parse_number_text(text: str, what: str) -> float:
    """A plain finite number (no unit): '0.5', '1e-3', '1.2 × 10⁻³'."""
    value, rest = parse_number(text, what)
    if rest:
        raise UsageError(f"{what}: {text!r} is not a plain number (found {rest!r} after it).")
    return value


def qudt_unit_iri(canonical: CanonicalUnit) -> str:
    """The QUDT unit IRI of a canonical unit."""
    return f"http://qudt.org/vocab/unit/{canonical.qudt}"

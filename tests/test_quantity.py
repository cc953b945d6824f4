"""Issue 17.1/17.2 and 11.2/11.7: numbers with units as the literature prints them, parsed by a bounded grammar.

Every spelling below is converted exactly; hostile or impossible values are refused with one message naming
the parameter, in microseconds (the old pint path evaluated `10**10**8` for minutes).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import UsageError
from kg.quantity import QuantityError, parse_quantity
from kg.units import CONDUCTIVITY, CURRENT_DENSITY, parse_in_unit, parse_temperature_c, to_canonical

#: every way the review and PDFs print 1.2 × 10⁻³ S/cm
CONDUCTIVITY_SPELLINGS = [
    "1.2 × 10⁻³ S cm⁻¹", "1.2×10⁻³ S cm⁻¹", "1.2 x 10^-3 S/cm", "1.2 X 10^-3 S cm^-1", "1.2 × 10−3 S cm−1",
    "1.2×10-3 S cm-1", "1.2e-3 S/cm", "1.2E-3 S·cm⁻¹", "1.2e−3 S⋅cm−1", "1.2 * 10**-3 S/cm", "1.2 · 10^{-3} S cm^{-1}",
    "1.2 mS/cm", "1.2 mS cm⁻¹", "1.2 mS cm-1", "0.12 S/m", "0.12 S m-1", "1.2e-3 Ω⁻¹ cm⁻¹", "1.2e-3 Ω-1 cm-1",
    "1.2e-3 ohm-1 cm-1", "1.2 mS.cm-1", "0.0012", "1.2e-3", "1200 µS/cm", "1200 uS cm-1",
]


@pytest.mark.parametrize("text", CONDUCTIVITY_SPELLINGS)
def test_every_printed_conductivity_spelling_is_converted_exactly(text):
    assert parse_in_unit(text, CONDUCTIVITY, "--min-conductivity") == 1.2e-3


TEMPERATURES = [
    ("−20 °C", -20.0), ("-20 °C", -20.0), ("–20 °C", -20.0), ("25 ℃", 25.0), ("25°C", 25.0), ("25 degC", 25.0),
    ("25 C", 25.0), ("25", 25.0), ("298.15 K", 25.0), ("0 K", -273.15), ("−273.15 °C", -273.15)]
HOSTILE_NUMBERS = ["10**10**7 S/cm", "10**10**8", "10**25000000 S/cm", "1e999", "1e400000", "9" * 60 + "e400", "NaN",
                   "nan", "inf", "-inf", "Infinity", "1e-3 S/cm" * 40, "1.2 ms/cm", "5 V", "1 mS/cm²x", "abc", ""]
FUZZ_TEXTS, FUZZ_NUMBERS = 400, 300


@pytest.mark.parametrize("text, celsius", TEMPERATURES)
def test_temperatures_keep_their_sign_and_convert_exactly(text, celsius):
    """The U+2212 minus used to be dropped: −20 °C became +20 °C."""
    assert parse_temperature_c(text) == celsius


@pytest.mark.parametrize("text, reason", [
    ("-500 K", "below absolute zero"), ("−300 °C", "below absolute zero"), ("77 °F", "Fahrenheit"),
    ("25 S/cm", "not a temperature"), ("abc K", "does not start with a number")])
def test_impossible_or_foreign_temperatures_are_refused(text, reason):
    with pytest.raises(UsageError, match=reason):
        parse_temperature_c(text, "--max-temperature")


@pytest.mark.parametrize("text", HOSTILE_NUMBERS)
def test_hostile_conductivities_are_refused_quickly_with_the_parameter_named(text):
    with pytest.raises(UsageError, match="--min-conductivity"):
        parse_in_unit(text, CONDUCTIVITY, "--min-conductivity")


def test_record_units_are_read_by_the_same_grammar():
    assert to_canonical(1.2, "S·cm⁻¹", CONDUCTIVITY) == 1.2
    assert to_canonical(2, "mA cm⁻²", CURRENT_DENSITY) == 2.0
    assert to_canonical(20, "A/m2", CURRENT_DENSITY) == 2.0
    with pytest.raises(UsageError, match="not a unit of this property"):
        to_canonical(1, "mA/cm", CURRENT_DENSITY)
    with pytest.raises(UsageError, match="finite"):
        to_canonical(float("nan"), "S/cm", CONDUCTIVITY)


@settings(max_examples=FUZZ_TEXTS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_fuzzed_text_gives_a_quantity_or_a_quantity_error(text):
    """Issue 11.7: the parser returns a finite value or its own error, never another exception or a hang."""
    try:
        quantity = parse_quantity(text)
    except QuantityError:
        return
    assert quantity.value == quantity.value and abs(quantity.value) != float("inf")


@settings(max_examples=FUZZ_NUMBERS, deadline=None)
@given(st.floats(min_value=1e-12, max_value=1e3, allow_nan=False), st.sampled_from(["e", " × 10^", "×10⁻"]))
def test_fuzzed_numbers_round_trip_through_their_printed_form(number, form):
    mantissa, exponent = f"{number:.6e}".split("e")
    exponent_value = int(exponent)
    if form == "×10⁻":
        if exponent_value >= 0:
            return
        sup = str(-exponent_value).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        text = f"{mantissa}×10⁻{sup} S/cm"
    else:
        text = f"{mantissa}{form}{exponent_value} S/cm"
    assert parse_in_unit(text, CONDUCTIVITY, "x") == float(f"{mantissa}e{exponent_value}")

"""When two printed formulas are one composition: a key that survives scaling and decimal notation.

pymatgen's reduced formula divides by a common integer factor only, so OBELiX's Li19.08Si3.48P2.88S23.4Cl0.6 and
the Liverpool table's Li9.54Si1.74P1.44S11.7Cl0.3 stay two formulas although they are one composition. The key
scales the amounts to integers (three decimals kept) and divides by their greatest common divisor, so both read
Cl5Li159P24S195Si29. It decides identity only; labels stay as printed by pymatgen.
"""
from __future__ import annotations

from functools import reduce
from math import gcd

DECIMALS = 3


def composition_key(amounts: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> str:
    """Elements in alphabetical order with integer amounts in lowest terms."""
    scaled = {symbol: round(amount * 10 ** DECIMALS) for symbol, amount in amounts if amount > 0}
    divisor = reduce(gcd, scaled.values()) if scaled else 1
    return "".join(f"{symbol}{value // divisor}" for symbol, value in sorted(scaled.items()))


def key_of_formula(formula: str) -> str | None:
    """The key of a concrete formula, None when it is not one."""
    from loaders.formula import parse_formula
    parsed = parse_formula(formula)
    return composition_key(parsed.amounts) if parsed.kind == "concrete" else None


__all__ = ["composition_key", "key_of_formula"]

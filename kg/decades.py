"""Conductivity decades: the key of the build-time threshold index (kg.query_index) and of a threshold query's
candidates (kg.catalogue's decades marker). A module of its own, with no rdflib, because every `sekg query` with a
threshold reads it."""
from __future__ import annotations

import math

#: the decade of a value <= 0 (an upper limit printed as "< 1e-10" is stored with its bound; zero has no logarithm)
NO_DECADE = -99
HIGHEST_DECADE = 3  # 1000 S/cm: above any solid electrolyte
LOWEST_DECADE = -40  # a threshold below 1e-40 S/cm reads every decade a value can be in


def decade(value: float) -> int:
    """floor(log10(value)) for a positive value, NO_DECADE otherwise; 1e-3 is decade -3 (not -4 by rounding)."""
    if not value > 0 or math.isinf(value):
        return NO_DECADE
    guess = math.floor(math.log10(value))
    return max(guess + 1 if 10.0 ** (guess + 1) <= value else guess, LOWEST_DECADE)


def decades_from(minimum: float) -> list[int]:
    """The decades a value reaching `minimum` or more can be in (NO_DECADE too when the minimum is <= 0)."""
    lowest = max(decade(minimum), LOWEST_DECADE) if minimum > 0 else LOWEST_DECADE
    return ([NO_DECADE] if minimum <= 0 else []) + list(range(lowest, HIGHEST_DECADE + 1))

"""Establishing a temperature column's unit from the data when the file does not state it (the Liverpool table).

Three independent checks, each computed from the rows themselves:
1. Arrhenius physics (review section 2: sigma = sigma0/T exp(-Ea/kT), ref [22]): fitting each temperature series
   as degC gives activation energies of a few tenths of an eV and straight lines; read as K, the same series give Ea
   of a few hundredths of an eV (below kT at room temperature, 0.026 eV) and worse fits.
2. Agreement with a table that is at room temperature by construction (OBELiX): rows at 20-30 read as degC agree with
   OBELiX's values for the same composition; read as K they would be at -253 to -243 degC, where no Li conductor
   keeps those conductivities.
3. Where the readings cluster: most rows at 20-30, the usual "room temperature" of a paper in degC.
"""
from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from loaders.arrhenius import KELVIN_OFFSET, MIN_POINTS, fit_arrhenius
from loaders.table_cells import CellError, read_formula
from loaders.table_rows import read_table

#: an Ea below this (about kT at 25 C) is not a thermally activated hop
IMPLAUSIBLE_EA_EV = 0.05


@dataclass(frozen=True)
class UnitEvidence:
    """The numbers behind the decision, for the test and the README."""

    decision: str
    series_fitted: int
    median_ea_ev_if_celsius: float
    median_ea_ev_if_kelvin: float
    median_r_squared_if_celsius: float
    median_r_squared_if_kelvin: float
    share_of_rows_at_20_to_30: float
    rows_compared_with_room_temperature_table: int
    median_abs_log10_difference: float


def _series(rows: list[dict[str, str]], formula: str, temperature: str, value: str, paper: str) -> dict:
    series: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        try:
            series[(row[formula], row[paper])].append((float(row[temperature]), float(row[value])))
        except (KeyError, ValueError):
            continue
    return {key: points for key, points in series.items() if len({t for t, _ in points}) >= MIN_POINTS}


def _reduced(text: str) -> str | None:
    try:
        return read_formula(text).reduced_formula
    except CellError:
        return None


def temperature_unit_evidence(table: Path, room_temperature_table: Path | None = None, *, formula: str = "composition",
                              temperature: str = "temperature", value: str = "target", paper: str = "source",
                              rt_formula: str = "True Composition",
                              rt_value: str = "Ionic conductivity (S cm-1)") -> UnitEvidence:
    """Compute the three checks and decide degC or K (or 'undecided' when they disagree)."""
    _, lines = read_table(table)
    rows = [cells for _, cells in lines]
    fits_c, fits_k = [], []
    for points in _series(rows, formula, temperature, value, paper).values():
        temperatures, sigmas = [t for t, _ in points], [s for _, s in points]
        fits_c.append(fit_arrhenius(temperatures, sigmas))
        fits_k.append(fit_arrhenius([t - KELVIN_OFFSET for t in temperatures], sigmas))
    readings = [float(r[temperature]) for r in rows if r.get(temperature)]
    at_room = sum(20.0 <= t <= 30.0 for t in readings) / len(readings)
    differences: list[float] = []
    if room_temperature_table is not None and room_temperature_table.is_file():
        _, rt_lines = read_table(room_temperature_table)
        room: dict[str, list[float]] = defaultdict(list)
        for _, cells in rt_lines:
            reduced, text = _reduced(cells.get(rt_formula, "")), cells.get(rt_value, "")
            if reduced and text and not text.startswith("<"):
                room[reduced].append(float(text))
        for row in rows:
            if not 20.0 <= float(row[temperature]) <= 30.0:
                continue
            reduced = _reduced(row[formula])
            if reduced in room:
                mine = math.log10(float(row[value]))
                differences.append(min(abs(mine - math.log10(other)) for other in room[reduced]))
    ea_c = statistics.median(f.activation_energy_ev for f in fits_c)
    ea_k = statistics.median(f.activation_energy_ev for f in fits_k)
    votes_celsius = [ea_c > IMPLAUSIBLE_EA_EV >= ea_k, at_room > 0.5,
                     bool(differences) and statistics.median(differences) < 0.3]
    decision = "degC" if all(votes_celsius) else ("K" if not any(votes_celsius) else "undecided")
    return UnitEvidence(decision, len(fits_c), ea_c, ea_k,
                        statistics.median(f.r_squared for f in fits_c), statistics.median(f.r_squared for f in fits_k),
                        at_room, len(differences), statistics.median(differences) if differences else float("nan"))


__all__ = ["UnitEvidence", "temperature_unit_evidence"]

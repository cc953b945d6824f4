"""Arrhenius fits of temperature-resolved conductivities (review section 2, ref [22]: sigma*T = A*exp(-Ea/kT)).

For one material from one paper (same DOI) with conductivities at three or more temperatures, ln(sigma*T) is fitted
linearly against 1/T by least squares. The fit stores Ea, ln A, the fitted conductivity at 25 C, R^2, the
temperature range and the point count, as derived facts on an ArrheniusFit node (never as a measurement). A poor fit
(R^2 < 0.9), a non-physical Ea (<= 0) and a 25 C value outside the fitted range are flagged.
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.namespace import QUDT, RESOURCE, SSE
from loaders.record_context import typed_double

if TYPE_CHECKING:
    from loaders.tabular import TableReport

BOLTZMANN_EV_PER_K = 8.617333262e-5
KELVIN_OFFSET = 273.15
MIN_POINTS = 3
POOR_FIT_R_SQUARED = 0.9


@dataclass(frozen=True)
class ArrheniusResult:
    """A fitted line ln(sigma*T) = ln A - Ea/(k T)."""

    activation_energy_ev: float
    log_prefactor: float
    r_squared: float
    points: int
    min_temperature_c: float
    max_temperature_c: float

    def conductivity_at(self, celsius: float) -> float:
        """The fitted conductivity in S/cm at a temperature in C."""
        kelvin = celsius + KELVIN_OFFSET
        return math.exp(self.log_prefactor - self.activation_energy_ev / (BOLTZMANN_EV_PER_K * kelvin)) / kelvin

    @property
    def flags(self) -> list[str]:
        """What a reader must know before trusting the fit."""
        flags = []
        if self.r_squared < POOR_FIT_R_SQUARED:
            flags.append("poor fit")
        if self.activation_energy_ev <= 0:
            flags.append("non-physical Ea")
        if not self.min_temperature_c - 0.5 <= 25.0 <= self.max_temperature_c + 0.5:
            flags.append("extrapolated")
        return flags


def fit_arrhenius(temperatures_c: Sequence[float], conductivities_s_per_cm: Sequence[float]) -> ArrheniusResult:
    """Least-squares Arrhenius fit; needs three or more distinct temperatures."""
    import numpy as np
    kelvin = np.asarray(temperatures_c, dtype=float) + KELVIN_OFFSET
    sigma = np.asarray(conductivities_s_per_cm, dtype=float)
    if len(set(kelvin.tolist())) < MIN_POINTS:
        raise ValueError(f"an Arrhenius fit needs {MIN_POINTS} or more distinct temperatures")
    x, y = 1.0 / kelvin, np.log(sigma * kelvin)
    slope, intercept = np.polyfit(x, y, 1)
    residual = float(np.sum((y - (slope * x + intercept)) ** 2))
    total = float(np.sum((y - y.mean()) ** 2))
    r_squared = 1.0 - residual / total if total > 0 else 0.0
    return ArrheniusResult(float(-slope * BOLTZMANN_EV_PER_K), float(intercept), r_squared, len(kelvin),
                           float(min(temperatures_c)), float(max(temperatures_c)))


def temperature_series(graph: Graph) -> dict[tuple[URIRef, URIRef | None], list[tuple[float, float, URIRef]]]:
    """Point conductivities with a stated temperature, by (material, cited paper)."""
    series: dict[tuple[URIRef, URIRef | None], list[tuple[float, float, URIRef]]] = defaultdict(list)
    for node in graph.subjects(RDF.type, SSE.DatasetRecord):
        value, celsius = graph.value(node, QUDT.numericValue), graph.value(node, SSE.temperatureC)
        material = graph.value(node, SSE.ofMaterial)
        if value is None or celsius is None or material is None:
            continue
        series[(material, graph.value(node, SSE.citesReference))].append((float(celsius), float(value), node))
    return series


def add_arrhenius_fits(graph: Graph, source: str, report: "TableReport | None" = None) -> int:
    """Fit every series with three or more temperatures and add the fits to the graph; returns how many."""
    count = 0
    for (material, reference), points in sorted(temperature_series(graph).items(), key=lambda item: str(item[0])):
        if len({celsius for celsius, _, _ in points}) < MIN_POINTS:
            continue
        result = fit_arrhenius([p[0] for p in points], [p[1] for p in points])
        key = hashlib.sha1(f"{material}|{reference}".encode()).hexdigest()[:12]
        node = RESOURCE[f"dataset/{source}/arrhenius/{key}"]
        graph.add((node, RDF.type, SSE.ArrheniusFit))
        name = graph.value(material, RDFS.label) or str(material).rsplit("/", 1)[-1]
        graph.add((node, RDFS.label, Literal(f"Arrhenius fit of {name} ({source}, {len(points)} points)")))
        graph.add((node, SSE.isDerived, Literal(True)))
        graph.add((node, DCTERMS.source, RESOURCE[f"dataset/{source}"]))
        graph.add((node, SSE.fitOfMaterial, material))
        if reference is not None:
            graph.add((node, SSE.citesReference, reference))
        for _, _, measurement in points:
            graph.add((node, SSE.fitsMeasurement, measurement))
            graph.add((node, PROV.wasDerivedFrom, measurement))
        graph.add((node, SSE.activationEnergyEV, typed_double(round(result.activation_energy_ev, 6))))
        graph.add((node, SSE.logPrefactor, typed_double(round(result.log_prefactor, 6))))
        graph.add((node, SSE.fittedConductivityAt25C, typed_double(float(f"{result.conductivity_at(25.0):.6g}"))))
        graph.add((node, SSE.rSquared, typed_double(round(result.r_squared, 6))))
        graph.add((node, SSE.fitMinTemperatureC, typed_double(result.min_temperature_c)))
        graph.add((node, SSE.fitMaxTemperatureC, typed_double(result.max_temperature_c)))
        graph.add((node, SSE.fitPointCount, Literal(result.points, datatype=XSD.integer)))
        for flag in result.flags:
            graph.add((node, SSE.fitFlag, Literal(flag)))
        count += 1
        if report is not None:
            report.arrhenius_fits += 1
            report.fit_r_squared.append(result.r_squared)
            report.fit_flags.update(result.flags or ["ok"])
    return count


__all__ = ["ArrheniusResult", "add_arrhenius_fits", "fit_arrhenius", "temperature_series"]

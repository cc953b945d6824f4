"""Arrhenius plot of one material: every stated-temperature conductivity from every source, and the fitted lines.

log10(sigma) against 1000/T, the way papers draw it; points coloured by source and marked by the paper (DOI or
reference) they come from; each ArrheniusFit of the graph drawn as a line over its fitted range with its Ea.
Room-temperature values without a number are drawn at 25 °C with an open marker and said so in the legend.
"""
from __future__ import annotations

import math
from pathlib import Path

from rdflib import URIRef

from kg.store import Store
from viz.plots import SOURCE_COLOURS, PlotResult, _save

POINTS_QUERY = """
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?measurement ?sigma ?celsius ?room ?source ?ref WHERE {
  ?measurement sse:ofMaterial ?material ; a sse:IonicConductivity ; qudt:numericValue ?sigma .
  OPTIONAL { ?measurement sse:temperatureC ?celsius }
  OPTIONAL { ?measurement sse:atRoomTemperature ?room }
  FILTER(BOUND(?celsius) || BOUND(?room))
  OPTIONAL { ?measurement dcterms:source/sse:sourceName ?source }
  OPTIONAL { ?measurement sse:citesReference/sse:referenceNumber ?ref }
}
"""
FITS_QUERY = """
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT ?fit ?ea ?lna ?tmin ?tmax ?r2 WHERE {
  ?fit sse:fitOfMaterial ?material ; sse:activationEnergyEV ?ea ; sse:logPrefactor ?lna ;
       sse:fitMinTemperatureC ?tmin ; sse:fitMaxTemperatureC ?tmax ; sse:rSquared ?r2 .
}
"""
BOLTZMANN_EV_PER_K = 8.617333262e-5


def _bound(query: str, material: URIRef) -> str:
    """The query with ?material bound by a VALUES block rdflib serialises (never pasted text)."""
    from kg.catalogue import values_block
    head, brace, body = query.partition("WHERE {")
    return head + brace + "\n  " + values_block({"material": material}) + body


def arrhenius_data(store: Store, material: URIRef) -> tuple[list[dict], list[dict]]:
    """The material's points (S/cm, °C, source, reference, room-temperature flag) and fits."""
    points = {}
    for row in store.select(_bound(POINTS_QUERY, material)).rows:
        key = str(row["measurement"])
        point = points.setdefault(key, {"sigma": float(row["sigma"]), "source": str(row.get("source") or "unknown"),
                                        "room": row.get("celsius") is None,
                                        "celsius": float(row["celsius"]) if row.get("celsius") is not None else 25.0,
                                        "refs": set()})
        if row.get("ref") is not None:
            point["refs"].add(str(row["ref"]))
    fits = [{"ea": float(r["ea"]), "lna": float(r["lna"]), "tmin": float(r["tmin"]), "tmax": float(r["tmax"]),
             "r2": float(r["r2"])} for r in store.select(_bound(FITS_QUERY, material)).rows]
    return list(points.values()), fits


def arrhenius_figure(store: Store, material: URIRef, label: str):
    """Returns (matplotlib Figure, points drawn)."""
    from matplotlib.figure import Figure
    points, fits = arrhenius_data(store, material)
    figure = Figure(figsize=(7.5, 5.5))
    axis = figure.subplots()
    sources = sorted({p["source"] for p in points}, key=lambda name: (name != "chan2024", name))
    for index, source in enumerate(sources):
        colour = SOURCE_COLOURS[index % len(SOURCE_COLOURS)]
        for room in (False, True):
            subset = [p for p in points if p["source"] == source and p["room"] == room]
            if not subset:
                continue
            axis.scatter([1000.0 / (p["celsius"] + 273.15) for p in subset], [p["sigma"] for p in subset],
                         s=36, zorder=3, label=f"{source}{' (room temperature, drawn at 25 °C)' if room else ''} "
                         f"({len(subset)})", **({"facecolors": "none", "edgecolors": colour} if room else {"color": colour}))
    for fit in fits:
        inverse = [1000.0 / (t + 273.15) for t in (fit["tmin"], fit["tmax"])]
        sigma = [math.exp(fit["lna"] - fit["ea"] * x / (1000.0 * BOLTZMANN_EV_PER_K)) / (1000.0 / x) for x in inverse]
        axis.plot(inverse, sigma, color="#444444", linewidth=1,
                  label=f"fit Ea {fit['ea']:.2f} eV, R² {fit['r2']:.3f} ({fit['tmin']:g}-{fit['tmax']:g} °C)")
    axis.set_yscale("log")
    axis.set_xlabel("1000 / T (1/K)")
    axis.set_ylabel("ionic conductivity (S/cm)")
    axis.set_title(f"Arrhenius plot of {label}")
    axis.grid(alpha=0.3)
    if points or fits:
        axis.legend(fontsize=7)
    figure.tight_layout()
    return figure, len(points)


def plot_arrhenius(store: Store, material: URIRef, label: str, output: Path) -> PlotResult:
    """The Arrhenius figure written to a PNG or SVG file."""
    figure, drawn = arrhenius_figure(store, material, label)
    _save(figure, output)
    return PlotResult(output, drawn)


__all__ = ["arrhenius_data", "arrhenius_figure", "plot_arrhenius"]

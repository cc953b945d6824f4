"""Plots researchers read at a glance: conductivity per family, and the family x failure coverage matrix.

Both read the store through SPARQL, so they show exactly what the queries answer. Matplotlib renders to PNG
or SVG (chosen by the output suffix) without a display.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from kg.store import Store
from viz.labels import place_labels

MAIN_FAMILIES = ["OxideElectrolyte", "SulfideElectrolyte", "HalideElectrolyte", "HydroborateElectrolyte",
                 "PhosphideElectrolyte", "PolymerElectrolyte", "CompositeElectrolyte"]
SHORT = {"OxideElectrolyte": "oxide", "SulfideElectrolyte": "sulfide", "HalideElectrolyte": "halide",
         "HydroborateElectrolyte": "hydroborate", "PhosphideElectrolyte": "phosphide",
         "PolymerElectrolyte": "polymer", "CompositeElectrolyte": "composite"}

POINTS_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?measurement ?family ?material ?sigma ?low ?celsius ?room ?computed ?source ?dataset_row WHERE {  # DISTINCT: a triple two dataset graphs both state comes back once per graph
  VALUES ?family { FAMILIES }
  ?measurement a sse:IonicConductivity ; sse:ofMaterial ?m ; qudt:lowerBound ?low .
  OPTIONAL { ?measurement qudt:upperBound ?high }
  BIND(COALESCE(?high, ?low) AS ?sigma)
  ?m a ?family ; rdfs:label ?material .
  OPTIONAL { ?measurement sse:temperatureC ?celsius }
  OPTIONAL { ?measurement sse:atRoomTemperature ?room }
  OPTIONAL { ?measurement sse:isComputed ?computed }
  OPTIONAL { ?measurement dcterms:source/sse:sourceName ?source }
  OPTIONAL { ?measurement sse:datasetRowId ?dataset_row }
}
"""
BANDS_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
SELECT DISTINCT ?family ?low ?high WHERE {
  VALUES ?family { FAMILIES }
  ?range a sse:IonicConductivity ; sse:sourceLocation "Table 1" ; sse:concernsFamily ?family ;
         qudt:lowerBound ?low ; qudt:upperBound ?high .
}
"""
COVERAGE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT ?family ?failure_label (COUNT(DISTINCT ?application) AS ?strategies) WHERE {
  VALUES ?family { FAMILIES }
  GRAPH ?g { ?occurrence a ?failure } FILTER(?g != <https://w3id.org/sekg/graph/inferred>)
  ?failure rdfs:subClassOf sse:FailureMode ; rdfs:label ?failure_label .
  { ?occurrence sse:concernsFamily ?stated . ?stated rdfs:subClassOf ?family }
  UNION { ?occurrence sse:concernsMaterial ?member . ?member a ?family }
  OPTIONAL {
    ?application sse:addressesFailure ?addressed . ?failure rdfs:subClassOf ?addressed .
    { ?application sse:concernsFamily ?scope . ?scope rdfs:subClassOf ?family }
    UNION { ?application sse:concernsMaterial ?treated . ?treated a ?family }
  }
} GROUP BY ?family ?failure_label
"""


def _with_families(query: str) -> str:
    return query.replace("FAMILIES", " ".join(f"sse:{f}" for f in MAIN_FAMILIES))


def _short(iri) -> str:
    return SHORT[str(iri).rsplit("#", 1)[-1]]


@dataclass(frozen=True)
class PlotResult:
    """What was drawn: the file and how many data points or cells."""

    path: Path
    points: int


def conductivity_points(store: Store, families: list[str] | None = None) -> list[dict]:
    """(family, material, S/cm, temperature class) for every material ionic-conductivity value."""
    rows = []
    for row in store.select(_with_families(POINTS_QUERY)).rows:
        family = _short(row["family"])
        if families and family not in families:
            continue
        if row.get("celsius") is not None:
            celsius = float(row["celsius"])
            temperature = "25-30 °C" if celsius <= 30 else "> 30 °C"
        elif row.get("room") is not None:
            temperature = "room temperature"
        else:
            temperature = "not stated"
        rows.append({"family": family, "material": str(row["material"]), "sigma": float(row["sigma"]),
                     "low": float(row["low"]),
                     "temperature": temperature, "computed": row.get("computed") is not None,
                     "source": str(row.get("source") or "unknown"), "from_dataset": row.get("dataset_row") is not None})
    return rows


COLOUR_BY = ("temperature", "source")
SOURCE_COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def conductivity_figure(store: Store, families: list[str] | None = None, colour_by: str = "temperature"):
    """Ionic conductivity on a log axis per family: Table 1 ranges as bands, materials as points (a printed range as a
    vertical bar from its low to its high end, an upper limit as an arrow down), marked by the
    temperature class (default) or coloured by source. Curated points are labelled; dataset rows (hundreds) are not.
    Returns (matplotlib Figure, points drawn); a notebook shows the figure, the CLI saves it."""
    from matplotlib.figure import Figure

    points = conductivity_points(store, families)
    shown = [SHORT[f] for f in MAIN_FAMILIES if not families or SHORT[f] in families]
    x_of = {family: index for index, family in enumerate(shown)}
    figure = Figure(figsize=(max(7, 1.9 * len(shown)), 7))
    axis = figure.subplots()
    for row in store.select(_with_families(BANDS_QUERY)).rows:
        family = _short(row["family"])
        if family in x_of:
            axis.fill_between([x_of[family] - 0.4, x_of[family] + 0.4], float(row["low"]), float(row["high"]),
                              color="#1f77b4", alpha=0.12, linewidth=0)
    markers = {"room temperature": "o", "25-30 °C": "s", "> 30 °C": "^", "not stated": "x"}
    if colour_by == "source":
        sources = sorted({p["source"] for p in points}, key=lambda name: (name != "chan2024", name))
        groups = [(name, [p for p in points if p["source"] == name], "o",
                   {"color": SOURCE_COLOURS[i % len(SOURCE_COLOURS)], "alpha": 0.7}) for i, name in enumerate(sources)]
    else:
        groups = [(temperature, [p for p in points if p["temperature"] == temperature], marker,
                   {"facecolors": "none", "edgecolors": "#d62728"} if marker in "os^" else {"color": "#d62728"})
                  for temperature, marker in markers.items()]
    drawn = 0
    labelled: list[tuple[float, float, str]] = []
    for name, subset, marker, style in groups:
        if not subset:
            continue
        xs = [x_of[p["family"]] + ((zlib.crc32(p["material"].encode()) % 7) - 3) * 0.05 for p in subset]
        axis.scatter(xs, [p["sigma"] for p in subset], marker=marker, s=30, label=f"{name} ({len(subset)})",
                     zorder=3, **style)
        colour = style.get("color") or style.get("edgecolors")
        for x, p in zip(xs, subset):  # a printed range is drawn as a range, an upper limit as an arrow down
            if p["low"] > 0 and p["sigma"] > p["low"]:
                axis.vlines(x, p["low"], p["sigma"], colors=colour, linewidth=1.2, zorder=2)
                axis.scatter([x], [p["low"]], marker="_", s=40, color=colour, zorder=3)
            elif p["low"] == 0:
                axis.annotate("", (x, p["sigma"] / 8), (x, p["sigma"]), zorder=2,
                              arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 0.8})
        labelled += [(x, p["sigma"], p["material"][:22]) for x, p in zip(xs, subset) if not p["from_dataset"]]
        drawn += len(subset)
    axis.set_yscale("log")
    axis.set_xticks(range(len(shown)), shown)
    axis.set_ylabel("ionic conductivity (S/cm)")
    axis.set_title("Ionic conductivity by family\n(bands: Table 1 ranges at 25 °C; points: "
                   + ("values by source; bars: printed ranges)" if colour_by == "source"
                      else "values; bars: printed ranges)"), fontsize=10)
    axis.legend(title=colour_by, fontsize=8)
    axis.grid(axis="y", which="major", alpha=0.3)
    figure.tight_layout()
    placement = place_labels(figure, axis, labelled)  # after the layout: boxes are measured where they will be drawn
    if placement.omitted:
        axis.text(0.99, 0.005, f"{placement.omitted} of {len(labelled)} labels left out where they would overlap",
                  transform=axis.transAxes, ha="right", va="bottom", fontsize=7, color="#555555")
    figure.sekg_labels = placement
    return figure, drawn


def _save(figure, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output, dpi=150)


def plot_conductivity(store: Store, output: Path, families: list[str] | None = None,
                      colour_by: str = "temperature") -> PlotResult:
    """The conductivity figure written to a PNG or SVG file."""
    figure, drawn = conductivity_figure(store, families, colour_by)
    _save(figure, output)
    return PlotResult(output, drawn)


def coverage_matrix(store: Store) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Families, failure modes, and the number of strategies stated for each reported (family, failure) pair."""
    counts: dict[tuple[str, str], int] = {}
    for row in store.select(_with_families(COVERAGE_QUERY)).rows:
        counts[(_short(row["family"]), str(row["failure_label"]))] = int(row["strategies"])
    families = [SHORT[f] for f in MAIN_FAMILIES]
    failures = sorted({failure for _, failure in counts})
    return families, failures, counts


def coverage_figure(store: Store):
    """Family x failure matrix: how many strategies address each reported pair; 0 marks a gap.
    Returns (matplotlib Figure, pairs drawn)."""
    import numpy as np
    from matplotlib.figure import Figure

    families, failures, counts = coverage_matrix(store)
    matrix = np.full((len(failures), len(families)), np.nan)
    for (family, failure), count in counts.items():
        matrix[failures.index(failure), families.index(family)] = count
    figure = Figure(figsize=(9, max(6, 0.35 * len(failures))))
    axis = figure.subplots()
    image = axis.imshow(matrix, cmap="YlGn", aspect="auto")
    for (row, column), value in np.ndenumerate(matrix):
        if not np.isnan(value):
            axis.text(column, row, int(value), ha="center", va="center", fontsize=8,
                      color="#d62728" if value == 0 else "black", fontweight="bold" if value == 0 else "normal")
    axis.set_xticks(range(len(families)), families, rotation=30, ha="right")
    axis.set_yticks(range(len(failures)), failures, fontsize=8)
    axis.set_title("Strategies per (family, failure) reported in the review; red 0 = gap, blank = not reported")
    figure.colorbar(image, ax=axis, label="strategy statements")
    figure.tight_layout()
    return figure, len(counts)


def plot_coverage(store: Store, output: Path) -> PlotResult:
    """The coverage figure written to a PNG or SVG file."""
    figure, pairs = coverage_figure(store)
    _save(figure, output)
    return PlotResult(output, pairs)


MATERIAL_POINTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?measurement ?low ?high ?celsius ?room ?source WHERE {
  ?measurement a sse:IonicConductivity ; sse:ofMaterial ?material ; qudt:lowerBound ?low .
  OPTIONAL { ?measurement qudt:upperBound ?high }
  OPTIONAL { ?measurement sse:temperatureC ?celsius }
  OPTIONAL { ?measurement sse:atRoomTemperature ?room }
  OPTIONAL { ?measurement dcterms:source/sse:sourceName ?source }
}
"""
UNSTATED_X = "not stated"


def material_conductivity_figure(store: Store, material, label: str):
    """One material's ionic conductivity against temperature, coloured by source: a printed range as a bar, values
    without a temperature in a column of their own (never placed at an invented temperature), room temperature at
    25 °C as the review counts it. Returns (Figure, points drawn)."""
    from matplotlib.figure import Figure

    from kg.catalogue import values_block
    sparql = MATERIAL_POINTS.replace("WHERE {", "WHERE {\n  " + values_block({"material": material}), 1)
    rows = store.select(sparql).rows
    figure = Figure(figsize=(7, 4.6))
    axis = figure.subplots()
    sources = sorted({str(r.get("source") or "unknown") for r in rows}, key=lambda s: (s != "chan2024", s))
    stated = [float(r["celsius"]) if r.get("celsius") is not None else 25.0 for r in rows
              if r.get("celsius") is not None or r.get("room") is not None]
    unstated_x = (max(stated) if stated else 25.0) + 25.0
    drawn = 0
    for number, source in enumerate(sources):
        colour = SOURCE_COLOURS[number % len(SOURCE_COLOURS)]
        xs, ys = [], []
        for row in rows:
            if str(row.get("source") or "unknown") != source:
                continue
            low = float(row["low"])
            high = float(row["high"]) if row.get("high") is not None else low
            x = (float(row["celsius"]) if row.get("celsius") is not None else
                 25.0 if row.get("room") is not None else unstated_x)
            if high <= 0:
                continue
            xs.append(x)
            ys.append(high)
            if low > 0 and high > low:
                axis.vlines(x, low, high, colors=colour, linewidth=1.4)
        if xs:
            axis.scatter(xs, ys, color=colour, s=28, alpha=0.8, label=f"{source} ({len(xs)})", zorder=3)
            drawn += len(xs)
    axis.set_yscale("log")
    axis.set_xlabel("temperature (°C)")
    axis.set_ylabel("ionic conductivity (S/cm)")
    if any(r.get("celsius") is None and r.get("room") is None for r in rows):
        axis.axvline(unstated_x - 8, color="#999999", linewidth=0.8, linestyle=":")
        axis.text(unstated_x, axis.get_ylim()[0], UNSTATED_X, ha="center", va="bottom", fontsize=8, color="#555555")
    axis.set_title(f"{label}: ionic conductivity vs temperature ({drawn} values)", fontsize=10)
    if drawn:
        axis.legend(title="source", fontsize=8)
    axis.grid(alpha=0.3)
    figure.tight_layout()
    return figure, drawn

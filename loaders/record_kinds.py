"""One handler per kind of curated record: materials, measurements, failures, strategies, synthesis links,
substitutions, benchmarks, family summaries, table rows, cells, method milestones and conflicts.

Each handler validates its record (raising RecordError that names file, record and field) and adds
triples to the context graph. Handlers run in the order of HANDLERS so that later kinds can refer to
materials, cells and statements declared by earlier ones.
"""
from __future__ import annotations

import math

from typing import Any, Callable

from rdflib import OWL, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.errors import UsageError
from kg.namespace import QUDT, RESOURCE, SSE, UNIT
from kg.units import PROPERTY_UNITS, parse_temperature_c, to_canonical
from loaders.composition_rdf import add_composition, add_element
from loaders.formula import parse_formula
from loaders.record_context import RecordContext, typed_double

Record = dict[str, Any]
FAMILY_ROOT = SSE.SolidElectrolyte
ROOM_TEMPERATURE_WORDS = {"room temperature", "rt", "ambient", "ambient temperature", "ambient condition"}


def _families(ctx: RecordContext, record: Record, field: str = "family") -> list[URIRef]:
    return [ctx.ontology_class(record, field, name, FAMILY_ROOT) for name in ctx.as_list(record, field)]


def _materials(ctx: RecordContext, record: Record, field: str = "material") -> list[URIRef]:
    return [ctx.material(record, field, material_id) for material_id in ctx.as_list(record, field)]


def _about(ctx: RecordContext, node: URIRef, record: Record) -> None:
    """Link a statement to the families, materials and interface it concerns."""
    for family in _families(ctx, record):
        ctx.graph.add((node, SSE.concernsFamily, family))
    for material in _materials(ctx, record):
        ctx.graph.add((node, SSE.concernsMaterial, material))
    if record.get("interface"):
        ctx.graph.add((node, SSE.concernsInterface, ctx.interface(record, record["interface"])))


# ------------------------------------------------------------------ materials
def material(ctx: RecordContext, record: Record) -> None:
    """A material: labels, synonyms, formula (parsed when concrete), family classes, components."""
    record_id = ctx.claim_id(record, "material")
    if record_id in ctx.external_materials:
        raise ctx.fail(record, "id", f"material id {record_id!r} already exists in the graph",
                       "refer to it by this id in your facts instead of declaring it again, or choose a new id")
    if _link_duplicate_material(ctx, record, record_id):
        return
    node = RESOURCE[f"material/{record_id}"]
    ctx.materials[record_id] = node
    g = ctx.graph
    label = ctx.required(record, "label", (str, int))
    ctx.label(node, str(label))
    g.add((node, SKOS.prefLabel, Literal(str(label))))
    for synonym in ctx.as_list(record, "synonyms"):
        g.add((node, SKOS.altLabel, Literal(str(synonym))))
    types = ctx.as_list(record, "family")
    if not types:
        raise ctx.fail(record, "family", "missing required field",
                       "an electrolyte family class (e.g. GarnetTypeElectrolyte) or a material role (CathodeMaterial)")
    for name in types:
        g.add((node, RDF.type, ctx.ontology_class(record, "family", name, SSE.Material)))
    formula = ctx.typed(record, "formula", str)
    kind = ctx.typed(record, "formula_kind", str)
    if formula:
        g.add((node, SSE.formula, Literal(formula)))
        parsed = parse_formula(formula)
        if parsed.kind == "unparsed" and kind is None:
            from loaders.formula import bad_token_position
            bad = bad_token_position(formula)
            where = f" at position {bad[0]} ({bad[1]!r})" if bad else ""
            raise ctx.fail(record, "formula", f"cannot parse {formula!r}{where}: {parsed.problem}",
                           "a formula pymatgen reads, or set formula_kind: unparsed|generic|system|composite")
        if kind == "concrete" and parsed.kind != "concrete":
            raise ctx.fail(record, "formula", f"formula_kind is concrete, but {formula!r} reads as {parsed.kind}"
                           + (f" ({parsed.problem})" if parsed.problem else ""),
                           "a formula pymatgen reads, or the formula_kind it is (unparsed, generic, system, composite)")
        kind = kind or parsed.kind
        if parsed.kind == "concrete" and kind == "concrete":  # an 'unparsed' misprint gets no composition
            _composition(ctx, node, record_id, parsed)
    allowed_kinds = {"concrete", "generic", "system", "composite", "polymer", "unparsed", "named"}
    kind = kind or "named"
    if kind not in allowed_kinds:
        raise ctx.fail(record, "formula_kind", f"unknown formula kind {kind!r}", ", ".join(sorted(allowed_kinds)))
    g.add((node, SSE.formulaKind, Literal(kind)))
    for component in ctx.as_list(record, "components"):
        g.add((node, SSE.hasComponent, ctx.material(record, "components", component)))
    if record.get("variant_of"):
        g.add((node, SSE.variantOf, ctx.material(record, "variant_of", record["variant_of"])))
    ctx.add_literal(node, SSE.crystalStructureNote, record.get("structure"))
    ctx.add_literal(node, SSE.placeholderMeaning, record.get("placeholders"))
    if "section" in record:
        ctx.provenance(node, record, statement=False)


def _link_duplicate_material(ctx: RecordContext, record: Record, record_id: str) -> bool:
    """A material whose reduced composition is already in the graph: link the id to it, add the new names."""
    formula = record.get("formula")
    if not isinstance(formula, str) or not ctx.known_reduced:
        return False
    parsed = parse_formula(formula)
    existing = ctx.known_reduced.get(parsed.reduced_formula) if parsed.kind == "concrete" else None
    if existing is None:
        return False
    ctx.materials[record_id] = existing
    for name in [record.get("label"), *ctx.as_list(record, "synonyms")]:
        if name:
            ctx.graph.add((existing, SKOS.altLabel, Literal(str(name))))
    ctx.notices.append(f"{ctx.file}:{record.get('__line__', '?')}: material {record_id!r} has the reduced "
                       f"composition {parsed.reduced_formula} of existing <{existing}>: linked to it, not duplicated")
    return True


def _composition(ctx: RecordContext, node: URIRef, record_id: str, parsed) -> None:
    add_composition(ctx.graph, node, RESOURCE[f"composition/{record_id}"], parsed.reduced_formula, parsed.amounts)


# ------------------------------------------------------------------ cells
def cell(ctx: RecordContext, record: Record) -> None:
    """A tested cell: anode | electrolyte | cathode, as printed and as material links."""
    record_id = ctx.claim_id(record, "cell")
    node = ctx.node("cell", record_id)
    ctx.cells[record_id] = node
    kind = ctx.ontology_class(record, "kind", record.get("kind", "Cell"), SSE.Cell)
    ctx.graph.add((node, RDF.type, kind))
    notation = ctx.required(record, "notation")
    ctx.label(node, f"cell {notation}")
    ctx.graph.add((node, SSE.cellNotation, Literal(notation)))
    for field, predicate in (("anode", SSE.hasAnode), ("electrolyte", SSE.hasElectrolyte), ("cathode", SSE.hasCathode)):
        for material_id in ctx.as_list(record, field):
            ctx.graph.add((node, predicate, ctx.material(record, field, material_id)))
    ctx.provenance(node, record)


# ------------------------------------------------------------------ measurements
def measurement(ctx: RecordContext, record: Record) -> None:
    """A value with canonical unit (QUDT), bounds, temperature in C and K, conditions and source."""
    record_id, node = ctx.start_statement(record, "measurement")
    g = ctx.graph
    property_name = ctx.required(record, "property")
    property_class = ctx.ontology_class(record, "property", property_name, SSE.MeasuredProperty)
    local = str(property_class).split("#")[-1]
    canonical = PROPERTY_UNITS.get(local)
    if canonical is None:
        raise ctx.fail(record, "property", f"no canonical unit is defined for {local}", ", ".join(PROPERTY_UNITS))
    g.add((node, RDF.type, property_class))
    unit = ctx.typed(record, "unit", str) or ""
    value, low, high = (ctx.typed(record, key, (int, float)) for key in ("value", "low", "high"))
    if value is None and low is None:
        raise ctx.fail(record, "value", "missing value", "value: NUMBER, or low: (and high:) for a range or bound")
    for key, number in (("value", value), ("low", low), ("high", high)):
        if number is not None and not math.isfinite(float(number)):
            raise ctx.fail(record, key, f"{number!r} is not a finite number", "a measured value such as 1.2e-3")
    try:
        numbers = {key: to_canonical(number, unit, canonical, f"unit of {record_id}")
                   for key, number in (("value", value), ("low", low), ("high", high)) if number is not None}
    except UsageError as exc:
        raise ctx.fail(record, "unit", str(exc), canonical.examples) from exc
    for key, number in numbers.items():
        if number < 0:
            raise ctx.fail(record, key, f"negative value {number}", "a value >= 0")
        if number > 1e12:
            raise ctx.fail(record, key, f"implausibly large value {number}", f"a value in {canonical.examples}")
    if "value" in numbers:
        g.add((node, QUDT.numericValue, typed_double(numbers["value"])))
    g.add((node, QUDT.lowerBound, typed_double(numbers.get("low", numbers.get("value")))))
    if "high" in numbers or "value" in numbers:
        g.add((node, QUDT.upperBound, typed_double(numbers.get("high", numbers.get("value")))))
    if numbers.get("low", 0) > numbers.get("high", float("inf")):
        raise ctx.fail(record, "low", "low is greater than high", "low <= high")
    g.add((node, QUDT.unit, UNIT[canonical.qudt]))
    ctx.add_literal(node, SSE.valueAsPrinted, record.get("printed"))
    _temperature(ctx, node, record)
    ctx.add_literal(node, SSE.conditions, record.get("conditions"))
    for key, predicate, datatype in (("c_rate", SSE.cRate, XSD.double), ("cycles", SSE.cycleNumber, XSD.integer),
                                     ("rh_percent", SSE.relativeHumidityPercent, XSD.double),
                                     ("exposure_min", SSE.exposureMinutes, XSD.double),
                                     ("pressure_mpa", SSE.pressureMPa, XSD.double)):
        if record.get(key) is not None:
            g.add((node, predicate, Literal(ctx.typed(record, key, (int, float)), datatype=datatype)))
    for flag, predicate in (("approximate", SSE.isApproximate), ("computed", SSE.isComputed)):
        if record.get(flag):
            g.add((node, predicate, Literal(True)))
    subject_label = None
    for material_node in _materials(ctx, record):
        g.add((node, SSE.ofMaterial, material_node))
        subject_label = subject_label or str(ctx.graph.value(material_node, RDFS.label))
    for cell_id in ctx.as_list(record, "cell"):
        if str(cell_id) not in ctx.cells:
            raise ctx.fail(record, "cell", f"unknown cell id {cell_id!r}", ", ".join(ctx.cells) or "a cells: record id")
        g.add((node, SSE.ofCell, ctx.cells[str(cell_id)]))
        subject_label = subject_label or f"cell {cell_id}"
    for family in _families(ctx, record):
        g.add((node, SSE.concernsFamily, family))
    if subject_label is None and not record.get("family"):
        raise ctx.fail(record, "material", "a measurement needs a material, a cell or a family", "material: ID")
    printed = record.get("printed") or f"{value if value is not None else f'{low}-{high}'} {unit}"
    ctx.label(node, f"{_class_label(property_class)} of {subject_label or record.get('family')}: {printed}")
    if record.get("relative_to"):
        g.add((node, SSE.relativeTo, ctx.material(record, "relative_to", record["relative_to"])))
    ctx.provenance(node, record)
    _link_duplicate_measurement(ctx, record, node, property_class)


def _link_duplicate_statement(ctx: RecordContext, record: Record, node: URIRef, root: URIRef, kind: str) -> None:
    """If the graph the record joins already states this (same class and links), keep only a link to it."""
    if ctx.context_graph is None:
        return
    from loaders.duplicates import find_duplicate_statement
    duplicate = find_duplicate_statement(ctx.graph, node, ctx.context_graph, root)
    if duplicate is None:
        return
    ctx.graph.remove((node, None, None))
    ctx.graph.add((duplicate, SSE.alsoReportedBy, ctx.source_iri))
    if ctx.agent is not None:
        ctx.graph.add((duplicate, PROV.wasAttributedTo, ctx.agent))
    ctx.statements[str(record.get("id"))] = duplicate
    ctx.notices.append(f"{ctx.file}:{record.get('__line__', '?')}: {kind} {record.get('id')!r} repeats <{duplicate}>: "
                       "linked, not duplicated")


def _link_duplicate_measurement(ctx: RecordContext, record: Record, node: URIRef, property_class: URIRef) -> None:
    """If the graph already holds this measurement from another source, keep only a link to it."""
    from loaders.duplicates import KnownMeasurement, find_duplicate
    g = ctx.graph
    low, high = g.value(node, QUDT.lowerBound), g.value(node, QUDT.upperBound)
    celsius = g.value(node, SSE.temperatureC)
    for material in list(g.objects(node, SSE.ofMaterial)):
        candidate = KnownMeasurement(node, property_class, material, float(low), None if high is None else float(high),
                                     None if celsius is None else float(celsius),
                                     g.value(node, SSE.atRoomTemperature) is not None)
        duplicate = find_duplicate(candidate, ctx.known_measurements.of_material(material))
        if duplicate is None:
            continue
        g.remove((node, None, None))
        g.add((duplicate.iri, SSE.alsoReportedBy, ctx.source_iri))
        if ctx.agent is not None:
            g.add((duplicate.iri, PROV.wasAttributedTo, ctx.agent))
        ctx.statements[str(record.get("id"))] = duplicate.iri
        ctx.notices.append(f"{ctx.file}:{record.get('__line__', '?')}: measurement {record.get('id')!r} repeats "
                           f"<{duplicate.iri}> (same property, material, value and temperature): linked, not duplicated")
        return


def _temperature(ctx: RecordContext, node: URIRef, record: Record) -> None:
    text = record.get("temperature")
    if text is None:
        return
    text = str(text)
    ctx.graph.add((node, SSE.temperatureAsPrinted, Literal(text)))
    if text.strip().casefold() in ROOM_TEMPERATURE_WORDS:
        ctx.graph.add((node, SSE.atRoomTemperature, Literal(True)))
        return
    try:
        celsius = parse_temperature_c(text, f"temperature of {record.get('id')}")
    except UsageError as exc:
        raise ctx.fail(record, "temperature", str(exc), "'room temperature', '25 °C', '354 K'") from exc
    if celsius < -273.15:
        raise ctx.fail(record, "temperature", f"{text!r} is below absolute zero", "a temperature above 0 K")
    if celsius > 2000:
        raise ctx.fail(record, "temperature", f"{text!r} is implausibly hot for a measurement",
                       "a temperature below 2000 °C (a degree sign after a C-rate is a rate, not a temperature)")
    ctx.graph.add((node, SSE.temperatureC, typed_double(round(celsius, 4))))
    ctx.graph.add((node, SSE.temperatureK, typed_double(round(celsius + 273.15, 4))))


# ------------------------------------------------------------------ failures and strategies
def failure(ctx: RecordContext, record: Record) -> None:
    """A failure occurrence: this failure mode affects these families/materials at this interface."""
    _, node = ctx.start_statement(record, "failure")
    failure_class = ctx.ontology_class(record, "failure", ctx.required(record, "failure"), SSE.Challenge)
    ctx.graph.add((node, RDF.type, failure_class))
    if not record.get("interface"):
        typical = ctx_ontology_value(failure_class, SSE.typicalInterface)
        if typical is not None:
            ctx.graph.add((node, SSE.concernsInterface, typical))
    _about(ctx, node, record)
    ctx.add_literal(node, SSE.effectDescription, record.get("description"))
    ctx.label(node, f"{_class_label(failure_class)} in {_subject_text(ctx, record)}")
    ctx.provenance(node, record)
    _link_duplicate_statement(ctx, record, node, SSE.Challenge, "failure")


def strategy(ctx: RecordContext, record: Record) -> None:
    """A strategy application: which failures it addresses, for what, how, and its side effects."""
    _, node = ctx.start_statement(record, "strategy")
    strategy_class = ctx.ontology_class(record, "strategy", ctx.required(record, "strategy"), SSE.MitigationStrategy)
    g = ctx.graph
    g.add((node, RDF.type, strategy_class))
    addresses = ctx.as_list(record, "addresses")
    if not addresses:
        raise ctx.fail(record, "addresses", "missing required field", "one or more failure-mode class names")
    for name in addresses:
        g.add((node, SSE.addressesFailure, ctx.ontology_class(record, "addresses", name, SSE.Challenge)))
    for name in ctx.as_list(record, "side_effects"):
        g.add((node, SSE.hasSideEffect, ctx.ontology_class(record, "side_effects", name, SSE.Challenge)))
    ctx.add_literal(node, SSE.sideEffectDescription, record.get("side_effect_text"))
    g.add((node, SSE.mechanism, Literal(ctx.required(record, "mechanism"))))
    for material_id in ctx.as_list(record, "uses"):
        g.add((node, SSE.usesMaterial, ctx.material(record, "uses", material_id)))
    _about(ctx, node, record)
    ctx.label(node, f"{_class_label(strategy_class)} for {_subject_text(ctx, record)}")
    ctx.provenance(node, record)
    _link_duplicate_statement(ctx, record, node, SSE.MitigationStrategy, "strategy")


#: advantage and explanation speak to failure modes (`about` required); structure and context may not
CLAIM_POLARITIES = ("advantage", "explanation", "structure", "context")


def claim(ctx: RecordContext, record: Record) -> None:
    """A qualitative claim: an advantage of a family or material, or an explanation of a property, tied to the failure
    modes it speaks to (so a stability question finds the positive and the negative side together); or a structural
    fact or the context the review gives, which need not speak to a failure mode."""
    _, node = ctx.start_statement(record, "claim")
    g = ctx.graph
    g.add((node, RDF.type, SSE.PropertyClaim))
    polarity = ctx.required(record, "polarity")
    if polarity not in CLAIM_POLARITIES:
        raise ctx.fail(record, "polarity", f"unknown polarity {polarity!r}", " or ".join(CLAIM_POLARITIES))
    g.add((node, SSE.claimPolarity, Literal(polarity)))
    about = ctx.as_list(record, "about")
    if not about and polarity in ("advantage", "explanation"):
        raise ctx.fail(record, "about", f"a claim of polarity {polarity} needs the failure modes it speaks to",
                       "one or more failure-mode class names")
    for name in about:
        g.add((node, SSE.claimAbout, ctx.ontology_class(record, "about", name, SSE.Challenge)))
    text = ctx.required(record, "claim")
    g.add((node, SSE.claimStatement, Literal(text)))
    ctx.add_literal(node, SSE.stableAgainst, record.get("against"))
    _about(ctx, node, record)
    ctx.label(node, f"{polarity} of {_subject_text(ctx, record)}: {text[:80]}")
    ctx.provenance(node, record)


def synthesis(ctx: RecordContext, record: Record) -> None:
    """A synthesis link: this method made this material (or is used for this family)."""
    _, node = ctx.start_statement(record, "synthesis")
    method = ctx.ontology_class(record, "method", ctx.required(record, "method"), SSE.ProcessingMethod)
    ctx.graph.add((node, RDF.type, method))
    for material_node in _materials(ctx, record):
        ctx.graph.add((node, SSE.produces, material_node))
    for material_node in _materials(ctx, record, "with"):  # an existing material processed together (co-sintering)
        ctx.graph.add((node, SSE.processedWith, material_node))
    for family in _families(ctx, record):
        ctx.graph.add((node, SSE.concernsFamily, family))
    if not record.get("material") and not record.get("family"):
        raise ctx.fail(record, "material", "a synthesis link needs a material or a family", "material: ID")
    ctx.add_literal(node, SSE.processConditions, record.get("conditions"))
    ctx.label(node, f"{_class_label(method)} of {_subject_text(ctx, record)}")
    ctx.provenance(node, record)
    _link_duplicate_statement(ctx, record, node, SSE.ProcessingMethod, "synthesis link")


def substitution(ctx: RecordContext, record: Record) -> None:
    """A dopant on a site of a host, with its charge and effect."""
    _, node = ctx.start_statement(record, "substitution")
    g = ctx.graph
    g.add((node, RDF.type, SSE.Substitution))
    dopant = record.get("dopant")
    if dopant:
        from pymatgen.core import Element
        if not Element.is_valid_symbol(str(dopant)):
            raise ctx.fail(record, "dopant", f"{dopant!r} is not an element symbol", "e.g. Y, Al, Zr, Nb, F")
        g.add((node, SSE.dopantElement, add_element(g, str(dopant))))
    ctx.add_literal(node, SSE.dopantSpecies, record.get("dopant_text"))
    if not dopant and not record.get("dopant_text"):
        raise ctx.fail(record, "dopant", "missing dopant", "dopant: SYMBOL or dopant_text: TEXT")
    if record.get("charge") is not None:
        g.add((node, SSE.dopantCharge, Literal(ctx.typed(record, "charge", int), datatype=XSD.integer)))
    ctx.add_literal(node, SSE.hostSite, record.get("site"))
    for material_id in ctx.as_list(record, "host"):
        g.add((node, SSE.hostMaterial, ctx.material(record, "host", material_id)))
    for material_id in ctx.as_list(record, "result"):
        g.add((node, SSE.resultingMaterial, ctx.material(record, "result", material_id)))
    g.add((node, SSE.effectDescription, Literal(ctx.required(record, "effect"))))
    for name in ctx.as_list(record, "affects"):
        g.add((node, SSE.affectsProperty, ctx.ontology_class(record, "affects", name, SSE.MeasuredProperty)))
    for family in _families(ctx, record):
        g.add((node, SSE.concernsFamily, family))
    host = ", ".join(str(h) for h in ctx.as_list(record, "host")) or record.get("family", "?")
    ctx.label(node, f"{dopant or record.get('dopant_text')} substitution in {host}")
    ctx.provenance(node, record)


# ------------------------------------------------------------------ review-level summaries
def benchmark(ctx: RecordContext, record: Record) -> None:
    """The source names a material as the benchmark or a representative of a family."""
    _, node = ctx.start_statement(record, "benchmark")
    ctx.graph.add((node, RDF.type, SSE.BenchmarkDesignation))
    kind = record.get("kind", "benchmark")
    if kind not in ("benchmark", "representative"):
        raise ctx.fail(record, "kind", f"unknown designation {kind!r}", "benchmark, representative")
    ctx.graph.add((node, SSE.designationKind, Literal(kind)))
    ctx.required(record, "material", (str, list))
    ctx.required(record, "family", (str, list))
    _about(ctx, node, record)
    ctx.label(node, f"{kind}: {_subject_text(ctx, record)}")
    ctx.provenance(node, record)


def family_summary(ctx: RecordContext, record: Record) -> None:
    """A Table 1 row: examples, conductivity range at 25 C, advantages and drawbacks."""
    _, node = ctx.start_statement(record, "family_summary", "family-summary")
    g = ctx.graph
    g.add((node, RDF.type, SSE.FamilySummary))
    families = _families(ctx, record)
    if not families:
        raise ctx.fail(record, "family", "missing required field", "a family class")
    for family in families:
        g.add((node, SSE.concernsFamily, family))
    g.add((node, SSE.exampleText, Literal(ctx.required(record, "examples_text"))))
    for material_id in ctx.as_list(record, "examples"):
        g.add((node, SSE.exampleMaterial, ctx.material(record, "examples", material_id)))
    for text in ctx.as_list(record, "advantages"):
        g.add((node, SSE.advantage, Literal(str(text))))
    for text in ctx.as_list(record, "drawbacks"):
        g.add((node, SSE.drawback, Literal(str(text))))
    for measurement_id in ctx.as_list(record, "conductivity"):
        g.add((node, SSE.conductivityRange, ctx.statement(record, "conductivity", measurement_id)))
    ctx.label(node, f"Table 1 row: {record.get('type_text', record['family'])}")
    ctx.provenance(node, record)


def table_row(ctx: RecordContext, record: Record) -> None:
    """A Table 2 row (recent advance) with the measurements it prints."""
    record_id, node = ctx.start_statement(record, "table_row", "advance")
    g = ctx.graph
    g.add((node, RDF.type, SSE.TableRow))
    g.add((node, SSE.rowCells, Literal(ctx.required(record, "cells"))))
    _about(ctx, node, record)
    for measurement_id in ctx.as_list(record, "measurements"):
        g.add((node, SSE.reportsMeasurement, ctx.statement(record, "measurements", measurement_id)))
    ctx.label(node, f"Table 2 row: {record['cells'].split(' | ')[2] if record['cells'].count(' | ') >= 2 else record_id}")
    ctx.provenance(node, record)


def milestone(ctx: RecordContext, record: Record) -> None:
    """A dated history fact of a method, also written as a history note on the method class."""
    record_id = ctx.claim_id(record, "milestone")
    node = ctx.node("milestone", record_id)
    g = ctx.graph
    method = ctx.ontology_class(record, "method", ctx.required(record, "method"), SSE.ProcessingMethod)
    g.add((node, RDF.type, SSE.MethodMilestone))
    g.add((node, SSE.aboutMethod, method))
    year = ctx.required(record, "year", int)
    g.add((node, SSE.milestoneYear, Literal(year, datatype=XSD.integer)))
    ctx.add_literal(node, SSE.milestonePeriod, record.get("period"))
    text = ctx.required(record, "text")
    ctx.label(node, f"{record.get('period', year)}: {text}")
    refs = "".join(f"[{r}]" for r in ctx.as_list(record, "refs"))
    g.add((method, SSE.historyNote, Literal(f"{record.get('period', year)}: {text} {refs}".strip())))
    ctx.provenance(node, record)


def conflict(ctx: RecordContext, record: Record) -> None:
    """Statements of the source that disagree, each side with its location; nothing is chosen."""
    record_id = ctx.claim_id(record, "conflict")
    node = ctx.node("conflict", record_id)
    g = ctx.graph
    g.add((node, RDF.type, SSE.Conflict))
    aspect = ctx.required(record, "aspect")
    allowed = {"value", "unit", "formula", "family", "conditions", "material identity", "reference", "wording"}
    if aspect not in allowed:
        raise ctx.fail(record, "aspect", f"unknown aspect {aspect!r}", ", ".join(sorted(allowed)))
    g.add((node, SSE.conflictAspect, Literal(aspect)))
    for material_node in _materials(ctx, record):
        g.add((node, SSE.conflictConcerns, material_node))
    claims = ctx.required(record, "claims", list)
    if len(claims) < 2:
        raise ctx.fail(record, "claims", "a conflict needs at least two claims", "a list of {text, location}")
    for index, claim in enumerate(claims, start=1):
        if not isinstance(claim, dict) or not claim.get("text") or not claim.get("location"):
            raise ctx.fail(record, f"claims[{index}]", "each claim needs text and location", "{text: ..., location: ...}")
        claim_node = RESOURCE[f"conflict/{ctx.source_key}/{record_id}/claim{index}"]
        g.add((node, SSE.hasClaim, claim_node))
        g.add((claim_node, RDF.type, SSE.ConflictingClaim))
        g.add((claim_node, SSE.claimText, Literal(str(claim["text"]))))
        g.add((claim_node, SSE.claimLocation, Literal(str(claim["location"]))))
        g.add((claim_node, RDFS.label, Literal(f"{claim['location']}: {claim['text']}")))
        if claim.get("statement"):
            g.add((claim_node, SSE.aboutStatement, ctx.statement(record, f"claims[{index}].statement", claim["statement"])))
    ctx.label(node, f"conflict ({aspect}): {ctx.required(record, 'note')}")
    g.add((node, SKOS.note, Literal(record["note"])))
    ctx.provenance(node, record)


# ------------------------------------------------------------------ helpers
def _class_label(cls: URIRef) -> str:
    from kg.ontology import load_ontology
    return str(load_ontology().value(cls, RDFS.label) or str(cls).rsplit("#", 1)[-1])


def _subject_text(ctx: RecordContext, record: Record) -> str:
    labels = [str(ctx.graph.value(ctx.material(record, "material", m), RDFS.label) or m)
              for m in ctx.as_list(record, "material")]
    labels += [_class_label(ctx.ontology_class(record, "family", f, FAMILY_ROOT)) for f in ctx.as_list(record, "family")]
    return ", ".join(labels) or "unspecified"


def ctx_ontology_value(subject: URIRef, predicate: URIRef) -> URIRef | None:
    """A value the ontology asserts for a class, looking up the superclass chain."""
    from kg.ontology import load_ontology
    ontology = load_ontology()
    for cls in [subject, *ontology.transitive_objects(subject, RDFS.subClassOf)]:
        value = ontology.value(cls, predicate)
        if value is not None:
            return value
    return None


def new_term(ctx: RecordContext, record: Record) -> None:
    """A class the curator proposes (new_terms:), usable by the record's facts under its name."""
    record_id = ctx.claim_id(record, "new_term")
    parent = ctx.ontology_class(record, "parent", ctx.required(record, "parent"), SSE.DomainEntity)
    node = URIRef(f"https://w3id.org/sekg/proposed#{record_id}")
    g = ctx.graph
    g.add((node, RDF.type, OWL.Class))
    g.add((node, RDF.type, SSE.ProposedTerm))
    g.add((node, RDFS.subClassOf, parent))
    g.add((node, RDFS.label, Literal(ctx.required(record, "label"))))
    g.add((node, SKOS.definition, Literal(ctx.required(record, "definition"))))
    for synonym in ctx.as_list(record, "synonyms"):
        g.add((node, SKOS.altLabel, Literal(str(synonym))))
    if ctx.agent is not None:
        g.add((node, PROV.wasAttributedTo, ctx.agent))
    ctx.proposed[record_id] = (node, parent)
    ctx.notices.append(f"{ctx.file}:{record.get('__line__', '?')}: proposes new term {record_id!r} under <{parent}>")


#: record lists a curated file may hold, in the order they are processed
HANDLERS: list[tuple[str, Callable[[RecordContext, Record], None]]] = [
    ("new_terms", new_term),
    ("materials", material),
    ("cells", cell),
    ("measurements", measurement),
    ("failures", failure),
    ("strategies", strategy),
    ("claims", claim),
    ("synthesis", synthesis),
    ("substitutions", substitution),
    ("benchmarks", benchmark),
    ("family_summaries", family_summary),
    ("advances", table_row),
    ("milestones", milestone),
    ("conflicts", conflict),
]

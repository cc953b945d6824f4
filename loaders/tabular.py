"""Any table of measured conductivities (CSV/XLSX) into its own named graph, one material node per composition.

A TableMapping says which column is what and carries the dataset's licence, citation and version. Every row is
checked like a curated record (formula, conductivity and its unit, temperature and its unit, family, DOI); a row
that fails is rejected with file, row, column and reason and the rest load. Materials are resolved by pymatgen
reduced formula: a composition the review (or another dataset) already has is the same node, so each source's
measurements meet on one material. Where the table has CIFs or temperature series, the derived structure facts
and Arrhenius fits are added, marked as derived.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.lean_graph import lean_graph
from kg.namespace import BIBO, GRAPH, QUDT, RESOURCE, SSE, UNIT
from kg.units import CONDUCTIVITY
from loaders.composition_rdf import add_composition
from loaders.duplicates import reduced_formulas
from loaders.material_identity import composition_key, key_of_formula
from loaders.family_mapping import FamilyDecision, decide_families
from loaders.formula import ParsedFormula
from loaders.record_context import typed_double
from loaders.table_cells import (CellError, Conductivity, read_conductivity, read_doi, read_formula,
                                 read_space_group_number, read_temperature_c)
from loaders.table_mapping import TableMapping
from loaders.table_rows import check_columns, read_table
from loaders.variants import link_variants

ROOM_TEMPERATURE_WORDS = {"room temperature", "rt", "ambient"}


@dataclass(frozen=True)
class Rejection:
    """A row that was not loaded: where it is and why."""

    file: str
    row: int
    row_id: str
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: row {self.row_id!r}, column {self.column!r}: {self.reason}"


@dataclass
class TableReport:
    """What loading one table did: rows read, accepted and rejected (with reasons), family mapping outcomes."""

    source: str
    file: str
    rows_read: int = 0
    accepted: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    labels_seen: Counter = field(default_factory=Counter)  # family labels as printed -> rows
    unmapped_families: Counter = field(default_factory=Counter)
    refused_families: Counter = field(default_factory=Counter)  # (label, class local name, why) -> rows
    mapped_rows: int = 0
    inferred_family_rows: int = 0
    no_family_rows: int = 0
    materials: set[str] = field(default_factory=set)
    materials_shared_with_context: set[str] = field(default_factory=set)
    curated_material_rows: int = 0  # rows on a material the review or a paper already classifies
    variant_links: int = 0  # compositions linked by variantOf to a curated material
    structures_from_cif: int = 0
    cif_problems: list[str] = field(default_factory=list)
    arrhenius_fits: int = 0
    fit_r_squared: list[float] = field(default_factory=list)
    fit_flags: Counter = field(default_factory=Counter)

    @property
    def label_mapping_coverage(self) -> tuple[int, int, int, int]:
        """(distinct labels mapped, distinct labels, label occurrences mapped, label occurrences)."""
        distinct, occurrences = len(self.labels_seen), sum(self.labels_seen.values())
        return (distinct - len(self.unmapped_families), distinct,
                occurrences - sum(self.unmapped_families.values()), occurrences)

    def rejection_reasons(self) -> Counter:
        """Rejected rows per (column, problem), for a short summary."""
        return Counter((r.column, r.reason.split(" (valid:")[0]) for r in self.rejected)


@dataclass
class RowFacts:
    """One accepted row, read and checked."""

    line: int
    row_id: str
    formula_text: str
    formula: ParsedFormula
    conductivity: Conductivity
    conductivity_text: str
    temperature_c: float | None
    at_room_temperature: bool
    doi: str | None
    family_labels: list[str]
    space_group: str | None
    space_group_number: int | None


def dataset_iri(source: str) -> URIRef:
    """The dataset as a node (its licence, citation, version)."""
    return RESOURCE[f"dataset/{source}"]


def dataset_graph_iri(source: str) -> URIRef:
    """Each dataset lives in its own named graph."""
    return GRAPH[f"dataset/{source}"]


def composition_material_iri(key: str) -> URIRef:
    """The material node of a composition no curated source has named yet, by its composition key (the same IRI
    whichever dataset prints it, however scaled)."""
    return RESOURCE[f"material/composition/{quote(key, safe='')}"]


def curated_parents(graph: Graph) -> dict[URIRef, dict[str, float]]:
    """Curated materials (review, papers) with a concrete composition, as element amounts."""
    from loaders.formula import parse_formula
    parents = {}
    for reduced, node in reduced_formulas(graph).items():
        if not str(node).startswith(str(RESOURCE["material/composition/"])):
            parsed = parse_formula(reduced)
            if parsed.kind == "concrete":
                parents[node] = dict(parsed.amounts)
    return parents


def known_compositions(graph: Graph) -> dict[str, URIRef]:
    """Materials already in the graph by composition key (from their pymatgen reduced formulas)."""
    known: dict[str, URIRef] = {}
    for reduced, node in reduced_formulas(graph).items():
        key = key_of_formula(reduced)
        if key is not None:
            known.setdefault(key, node)
    return known


def doi_iri(doi: str) -> URIRef:
    """A cited paper by its DOI (the resolver IRI, so it is the same node wherever it is cited)."""
    return URIRef("https://doi.org/" + quote(doi, safe="/:;()._-"))


class TableLoader:
    """One table with its mapping into graph dataset/SOURCE; `report` tells what was accepted and rejected."""

    def __init__(self, mapping: TableMapping, table_path: Path, cif_archive: Path | None = None):
        self.mapping = mapping
        self.table_path = table_path
        self.cif_archive = cif_archive
        self.name = f"dataset/{mapping.source}"
        self.graph_iri = dataset_graph_iri(mapping.source)
        self.report = TableReport(mapping.source, str(table_path))
        self._context = Graph()
        self._created: set[str] = set()
        self._created_amounts: dict[URIRef, dict[str, float]] = {}

    def use_context(self, graph: Graph) -> None:
        """The graph loaded so far (review, papers, earlier datasets): its materials are resolved by composition."""
        self._context = graph

    def inputs(self) -> list[Path | str]:
        """What the graph is made from: the table, its CIF archive and the mapping (an incremental build reuses the
        graph while these are unchanged and nothing loaded before it changed)."""
        import json
        from loaders.table_mapping import mapping_to_dict
        return [self.table_path, *([self.cif_archive] if self.cif_archive else []),
                json.dumps(mapping_to_dict(self.mapping), sort_keys=True, default=str)]

    # ------------------------------------------------------------------ reading
    def read_rows(self) -> list[RowFacts]:
        """Every row checked; rejected ones go to the report."""
        header, rows = read_table(self.table_path)
        check_columns(self.table_path, header, self.mapping.columns, self.mapping.source)
        self.report = TableReport(self.mapping.source, str(self.table_path), rows_read=len(rows))
        accepted, seen_ids = [], set()
        for line, cells in rows:
            facts = self._read_row(line, cells, seen_ids)
            if facts is not None:
                accepted.append(facts)
                seen_ids.add(facts.row_id)
        self.report.accepted = len(accepted)
        return accepted

    def _read_row(self, line: int, cells: dict[str, str], seen_ids: set[str]) -> RowFacts | None:
        columns = self.mapping.columns
        row_id = cells.get(columns["id"], "") if "id" in columns else str(line)
        current = "id"

        def cell(field_name: str) -> str:
            nonlocal current
            current = field_name
            return cells.get(columns[field_name], "") if field_name in columns else ""

        try:
            if not row_id:
                raise CellError("empty row id", "a unique identifier in every row")
            if row_id in seen_ids:
                raise CellError(f"duplicate row id {row_id!r}", "a unique identifier in every row")
            formula_text = cell("formula")
            formula = read_formula(formula_text)
            conductivity_text = cell("conductivity")
            conductivity = read_conductivity(conductivity_text, self.mapping.conductivity_factor)
            temperature_c, at_room = self._temperature(cell("temperature") if "temperature" in columns else None)
            doi = read_doi(cell("doi")) if "doi" in columns else None
            number_text = cell("space_group_number") if "space_group_number" in columns else ""
            space_group_number = read_space_group_number(number_text) if number_text else None
            space_group = (cell("space_group") or None) if "space_group" in columns else None
        except CellError as error:
            column = columns.get(current, current)
            self.report.rejected.append(Rejection(str(self.table_path), line, row_id, column,
                                                  f"{error.problem} (valid: {error.valid})"))
            return None
        labels = [cells.get(columns[name], "") for name in ("family", "chemical_family") if name in columns]
        return RowFacts(line, row_id, formula_text, formula, conductivity, conductivity_text, temperature_c, at_room,
                        doi, labels, space_group, space_group_number)

    def _temperature(self, text: str | None) -> tuple[float | None, bool]:
        fixed = self.mapping.temperature_fixed
        if text is None and fixed is not None:
            if fixed.strip().casefold() in ROOM_TEMPERATURE_WORDS:
                return None, True
            return read_temperature_c(fixed, self.mapping.temperature_unit), False
        if not text:
            return None, False
        return read_temperature_c(text, self.mapping.temperature_unit), False

    # ------------------------------------------------------------------ triples
    def load(self) -> Graph:
        """The dataset's named graph: its description, one measurement per accepted row, materials, structures,
        CIF-derived structure facts and Arrhenius fits."""
        rows = self.read_rows()
        graph = lean_graph()
        dataset = self._describe_dataset(graph)
        known = known_compositions(self._context)
        for facts in rows:
            self._add_row(graph, dataset, facts, known)
        self.report.variant_links = link_variants(graph, self._created_amounts, curated_parents(self._context))
        if self.cif_archive is not None:
            from loaders.structures import add_cif_structures
            add_cif_structures(graph, self, rows)
        from loaders.arrhenius import add_arrhenius_fits
        add_arrhenius_fits(graph, self.mapping.source, self.report)
        return graph

    def _describe_dataset(self, graph: Graph) -> URIRef:
        mapping, node = self.mapping, dataset_iri(self.mapping.source)
        graph.add((node, RDF.type, SSE.ExternalDataset))
        graph.add((node, RDFS.label, Literal(mapping.title or mapping.source)))
        graph.add((node, SSE.sourceName, Literal(mapping.source)))
        graph.add((node, SSE.redistributable, Literal(mapping.redistributable)))
        for value, predicate in ((mapping.title, DCTERMS.title), (mapping.citation, DCTERMS.bibliographicCitation),
                                 (mapping.version, OWL.versionInfo), (mapping.doi, BIBO.doi)):
            if value:
                graph.add((node, predicate, Literal(value)))
        if mapping.licence:
            graph.add((node, DCTERMS.rights, Literal(mapping.licence)))
        if mapping.licence_url:
            graph.add((node, DCTERMS.license, URIRef(mapping.licence_url)))
        if mapping.homepage:
            graph.add((node, RDFS.seeAlso, URIRef(mapping.homepage)))
        for note in mapping.notes:
            graph.add((node, SKOS.note, Literal(note)))
        return node

    def material_for(self, graph: Graph, facts: RowFacts, known: dict[str, URIRef]) -> URIRef:
        """The one node of this composition: a curated material of the same reduced formula, else the composition's
        own node (the same IRI in every dataset)."""
        reduced, key = facts.formula.reduced_formula, composition_key(facts.formula.amounts)
        self.report.materials.add(key)
        if key in known:
            if key not in self._created:
                self.report.materials_shared_with_context.add(key)
                self._created.add(key)
                if known[key] == composition_material_iri(key):  # another dataset's node: describe it here too,
                    self._copy_description(graph, known[key])    # so each dataset graph stands alone in a release
            if known[key] == composition_material_iri(key) and Literal(reduced) not in self._context.objects(
                    known[key], RDFS.label):  # the same composition printed at another scale finds it too
                graph.add((known[key], SKOS.hiddenLabel, Literal(reduced)))
            return known[key]
        node = composition_material_iri(key)
        known[key] = node
        self._created.add(key)
        self._created_amounts[node] = dict(facts.formula.amounts)
        graph.add((node, RDFS.label, Literal(reduced)))
        graph.add((node, SSE.formula, Literal(reduced)))
        graph.add((node, SSE.formulaKind, Literal("concrete")))
        add_composition(graph, node, RESOURCE[f"composition/key/{quote(key, safe='')}"], reduced, facts.formula.amounts)
        return node

    def _copy_description(self, graph: Graph, node: URIRef) -> None:
        """The label, formula and composition another dataset gave this composition node, stated again here."""
        for predicate in (RDFS.label, SSE.formula, SSE.reducedFormula, SSE.formulaKind, SSE.containsElement):
            for value in self._context.objects(node, predicate):
                graph.add((node, predicate, value))
        for composition in self._context.objects(node, SSE.hasComposition):
            graph.add((node, SSE.hasComposition, composition))
            for triple in self._context.triples((composition, None, None)):
                graph.add(triple)
            for share in self._context.objects(composition, SSE.hasElementAmount):
                for triple in self._context.triples((share, None, None)):
                    graph.add(triple)

    def _add_row(self, graph: Graph, dataset: URIRef, facts: RowFacts, known: dict[str, URIRef]) -> None:
        source = self.mapping.source
        material = self.material_for(graph, facts, known)
        node = RESOURCE[f"dataset/{source}/row/{quote(facts.row_id, safe='')}"]
        value = facts.conductivity.value_s_per_cm
        graph.add((node, RDF.type, SSE.IonicConductivity))
        graph.add((node, RDF.type, SSE.DatasetRecord))
        graph.add((node, SSE.ofMaterial, material))
        graph.add((node, QUDT.unit, UNIT[CONDUCTIVITY.qudt]))
        if facts.conductivity.limit == "<":
            graph.add((node, QUDT.lowerBound, typed_double(0.0)))
            graph.add((node, QUDT.upperBound, typed_double(value)))
            graph.add((node, SSE.isUpperLimit, Literal(True)))
        elif facts.conductivity.limit == ">":
            graph.add((node, QUDT.lowerBound, typed_double(value)))
        else:
            graph.add((node, QUDT.numericValue, typed_double(value)))
            graph.add((node, QUDT.lowerBound, typed_double(value)))
            graph.add((node, QUDT.upperBound, typed_double(value)))
        graph.add((node, SSE.valueAsPrinted, Literal(facts.conductivity_text)))
        if facts.at_room_temperature:
            graph.add((node, SSE.atRoomTemperature, Literal(True)))
            graph.add((node, SSE.temperatureAsPrinted, Literal(self.mapping.temperature_fixed or "room temperature")))
        elif facts.temperature_c is not None:
            graph.add((node, SSE.temperatureC, typed_double(facts.temperature_c)))
            graph.add((node, SSE.temperatureK, typed_double(round(facts.temperature_c + 273.15, 4))))
        graph.add((node, SSE.fromDataset, dataset))
        graph.add((node, SSE.datasetRowId, Literal(facts.row_id)))
        graph.add((node, SSE.formulaAsPrinted, Literal(facts.formula_text)))
        graph.add((node, DCTERMS.source, dataset))
        graph.add((node, PROV.wasDerivedFrom, dataset))
        label = f"ionic conductivity of {facts.formula.reduced_formula}: {facts.conductivity_text} S/cm ({source} " \
                f"row {facts.row_id})"
        graph.add((node, RDFS.label, Literal(label)))
        if facts.doi:
            reference = doi_iri(facts.doi)
            graph.add((node, SSE.citesReference, reference))
            graph.add((reference, RDF.type, SSE.BibliographicReference))
            graph.add((reference, BIBO.doi, Literal(facts.doi)))
            graph.add((reference, RDFS.label, Literal(f"doi:{facts.doi}")))
            graph.add((reference, SSE.referenceNumber, Literal(f"doi:{facts.doi}")))
        self._add_families(graph, node, material, facts)
        if facts.space_group_number is not None or facts.space_group:
            structure = polymorph_iri(composition_key(facts.formula.amounts), facts.space_group_number,
                                      facts.space_group)
            graph.add((structure, RDF.type, SSE.CrystalStructure))
            graph.add((structure, RDFS.label, Literal(
                f"{facts.formula.reduced_formula} in {facts.space_group or ''} "
                f"{'(' + str(facts.space_group_number) + ')' if facts.space_group_number else ''}".strip())))
            if facts.space_group:
                graph.add((structure, SSE.spaceGroupSymbol, Literal(facts.space_group)))
            if facts.space_group_number is not None:
                graph.add((structure, SSE.spaceGroupNumber, Literal(facts.space_group_number, datatype=XSD.integer)))
            graph.add((material, SSE.hasStructure, structure))
            graph.add((node, SSE.measuredOnStructure, structure))

    def _add_families(self, graph: Graph, node: URIRef, material: URIRef, facts: RowFacts) -> None:
        elements = frozenset(symbol for symbol, _ in facts.formula.amounts)
        decision: FamilyDecision = decide_families(facts.family_labels, elements)
        for label in facts.family_labels:
            if label.strip():
                graph.add((node, SSE.familyAsPrinted, Literal(label.strip())))
                self.report.labels_seen[label.strip()] += 1
        for label in decision.unmapped:
            self.report.unmapped_families[label] += 1
        for label, target, why in decision.refused:
            self.report.refused_families[(label, str(target).split("#")[-1], why)] += 1
        curated = not str(material).startswith(str(RESOURCE["material/composition/"]))
        if curated:  # the review or a paper classifies this material: a dataset label does not reclassify it
            self.report.curated_material_rows += 1
            return
        for cls in decision.classes:
            graph.add((material, RDF.type, cls))
        if decision.inferred_from:
            graph.add((node, SSE.familyInferredFrom, Literal(decision.inferred_from)))
            self.report.inferred_family_rows += 1
        elif decision.classes:
            self.report.mapped_rows += 1
        if not decision.classes:
            graph.add((material, RDF.type, SSE.InorganicSolidElectrolyte))
            self.report.no_family_rows += 1


def polymorph_iri(key: str, number: int | None, symbol: str | None) -> URIRef:
    """One node per composition (by key) and space group (the same in every source)."""
    group = f"sg{number}" if number is not None else quote((symbol or "").replace(" ", ""), safe="")
    return RESOURCE[f"structure/{quote(key, safe='')}/{group}"]


__all__ = ["Rejection", "TableLoader", "TableReport", "composition_material_iri", "dataset_graph_iri", "dataset_iri",
           "doi_iri", "polymorph_iri"]

"""The kinds of things a user can name (family, material, failure ...): a light module, so help texts and the CLI
can list them without importing the store or rdflib."""
from __future__ import annotations

SSE_NS = "https://w3id.org/sekg/ontology#"

#: kind -> (how membership is tested, root IRI)
KINDS: dict[str, tuple[str, str]] = {
    "family": ("subclass", SSE_NS + "SolidElectrolyte"),
    "material": ("instance", SSE_NS + "Material"),
    "failure": ("subclass", SSE_NS + "Challenge"),
    "strategy": ("subclass", SSE_NS + "MitigationStrategy"),
    "method": ("subclass", SSE_NS + "ProcessingMethod"),
    "property": ("subclass", SSE_NS + "MeasuredProperty"),
    "interface": ("instance", SSE_NS + "InterfaceLocation"),
    "reference": ("instance", SSE_NS + "BibliographicReference"),
    "cell": ("instance", SSE_NS + "Cell"),
    "element": ("instance", SSE_NS + "ChemicalElement"),  # by symbol or name: 'Ge', 'germanium'
    "source": ("named", SSE_NS + "sourceName"),  # the review, a dataset or a paper record, by its short name
}

__all__ = ["KINDS", "SSE_NS"]

"""Resolving what users type (labels, synonyms, formulas, IRIs) to the graph's IRIs.

'Li dendrites', 'lithium dendrite', 'sulfides', 'LGPS', 'Li₁₀GeP₂S₁₂' and 'sse:SulfideElectrolyte' all
resolve; case, unicode subscripts, hyphens and simple plurals do not matter, and 'Li' means 'lithium'.
A value that matches nothing of the expected kind raises UnknownTermError with the closest terms.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import get_close_matches
from typing import TYPE_CHECKING

from kg.errors import UnknownTermError, UsageError

if TYPE_CHECKING:  # kept light: `kg.resolve` is also the name of the public function, imported with the package
    from rdflib import URIRef

    from kg.store import Store

from kg.kinds import KINDS, SSE_NS  # noqa: F401  (KINDS re-exported: kg.resolve.KINDS)
PREFIXES = {"sse": SSE_NS, "sekg": "https://w3id.org/sekg/resource/"}

MAX_TERM_LENGTH = 300  # the longest label is under 200 characters; longer input is not a term, and is not echoed
#: kinds whose labels are phrases people shorten or elaborate (formulas and names of materials are not guessed)
WORD_MATCH_KINDS = {"family", "failure", "strategy", "method", "property"}
#: words that carry no meaning when a phrase is matched word by word
FILLER_WORDS = {"the", "a", "an", "of", "at", "in", "on", "for", "and", "or", "with", "to", "by", "based", "type", "se",
                "electrolyte"}
WORD_SYNONYMS = {"li": "lithium", "sulphide": "sulfide", "sulphides": "sulfide", "na": "sodium"}

INDEX_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT DISTINCT ?entity ?label ?pref ?kind WHERE {
  {  # the label properties are joined inside each branch: after the branch's own pattern, they are per-entity lookups
     # (one VALUES after the UNION made Oxigraph scan every label of the graph: 7x slower at 2x10^5 triples)
    VALUES (?kind ?root) {
      ("family" sse:SolidElectrolyte) ("failure" sse:Challenge) ("strategy" sse:MitigationStrategy)
      ("method" sse:ProcessingMethod) ("property" sse:MeasuredProperty)
    }
    ?entity rdfs:subClassOf ?root .
    LABELS_OF_ENTITY
  }
  UNION
  {
    VALUES (?kind ?root) {
      ("material" sse:Material) ("interface" sse:InterfaceLocation) ("reference" sse:BibliographicReference)
      ("cell" sse:Cell) ("element" sse:ChemicalElement)
    }
    ?entity a ?root .
    LABELS_OF_ENTITY
  }
  UNION
  {  # sources by their short name (chan2024, obelix, liverpool, a paper record key) and their title
    ?entity sse:sourceName ?name .
    { ?entity sse:sourceName ?label BIND(true AS ?pref) } UNION { ?entity rdfs:label ?label BIND(false AS ?pref) }
    BIND("source" AS ?kind)
  }
}
""".replace("LABELS_OF_ENTITY", """VALUES (?labelProperty ?pref) { (rdfs:label true) (skos:prefLabel true) (skos:altLabel false)
                                    (skos:hiddenLabel false) (sse:formula false) (sse:referenceNumber false) }
    ?entity ?labelProperty ?label .""")


LABEL_INDEX_FILE = "sekg-label-index.json"
LABEL_INDEX_VERSION = 2  # 2: chemical elements are a kind


def index_rows(store: Store) -> list[tuple[str, str, bool, str, str]]:
    """(entity, label, preferred, kind, lookup key) for every label of the graph: one query, keys normalised."""
    rows = []
    for row in store.select(INDEX_QUERY).rows:
        label = str(row["label"])
        rows.append((str(row["entity"]), label, str(row["pref"]) == "true", str(row["kind"]), normalise(label)))
    rows.sort()
    return rows


def write_label_index(store: Store, directory) -> None:
    """Persist the label index beside a build being published, so readers load it instead of re-querying (the
    index query and normalising every label took ~0.5 s per CLI call on the merged graph)."""
    import json
    from pathlib import Path
    data = {"version": LABEL_INDEX_VERSION, "rows": index_rows(store)}
    (Path(directory) / LABEL_INDEX_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _index_rows(store: Store) -> list:
    """The persisted rows of a published build when it has them (immutable with the build), else the query's."""
    import json
    directory = getattr(store, "build_directory", None)
    if directory is not None and getattr(store, "read_only", False):
        path = directory / LABEL_INDEX_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == LABEL_INDEX_VERSION:
                return data["rows"]
        except (OSError, ValueError, AttributeError):
            pass  # an older build without the file: build the index from the store
    return index_rows(store)


def _singular(word: str) -> str:
    if not word.isalpha() or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise(text: str) -> str:
    """The lookup key of a label: NFKC (subscripts to digits), casefold, hyphens and spaces folded,
    'Li' expanded to 'lithium', simple plurals singularised."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[\s_\-–—/,()\[\]]+", " ", folded).strip()
    words = [WORD_SYNONYMS.get(word, word) for word in folded.split(" ") if word]
    return " ".join(_singular(word) for word in words)


@dataclass(frozen=True)
class Resolved:
    """A resolved parameter value: the IRI, its preferred label and its kind. The IRI is kept as text and made an
    rdflib term on first use of `iri`: binding it into a query needs no rdflib (kg.sparql_terms; ~70 ms of a CLI
    call)."""

    iri_text: str
    label: str
    kind: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "iri_text", str(self.iri_text))

    @property
    def iri(self) -> URIRef:
        from rdflib import URIRef
        return URIRef(self.iri_text)


class LabelIndex:
    """An index of every label and synonym of the graph, by kind, built with one query."""

    def __init__(self, store: Store):
        # entities as IRI text: rdflib terms only where a caller asks for them (lookup)
        self._by_key: dict[str, dict[str, set[str]]] = {}
        self._labels: dict[str, str] = {}
        self._display: dict[str, dict[str, str]] = {}
        self._preferred_keys: dict[str, dict[str, set[str]]] = {}
        for entity, label, preferred, kind, key in _index_rows(store):
            self._add(entity, label, preferred, kind, key)

    def _add(self, entity: str, label: str, preferred: bool, kind: str, key: str) -> None:
        self._by_key.setdefault(kind, {}).setdefault(key, set()).add(entity)
        if preferred:
            self._preferred_keys.setdefault(kind, {}).setdefault(key, set()).add(entity)
        self._display.setdefault(kind, {}).setdefault(key, label)
        if preferred:
            self._labels[entity] = label
        else:
            self._labels.setdefault(entity, label)

    def lookup(self, key: str, kind: str) -> set[URIRef]:
        """The entities of a kind whose label, synonym or formula has this lookup key (see normalise())."""
        from rdflib import URIRef
        return {URIRef(entity) for entity in self._by_key.get(kind, {}).get(key, ())}

    def keys(self, kind: str) -> list[str]:
        """Every lookup key of a kind (for fuzzy matching and autocomplete)."""
        return list(self._by_key.get(kind, {}))

    def display(self, key: str, kind: str) -> str:
        """The label as written for a lookup key of a kind."""
        return self._display.get(kind, {}).get(key, key)

    def labels(self, kind: str) -> list[str]:
        """Every label and synonym of a kind, as written (autocomplete asks on every keystroke: sorted once)."""
        cache = self.__dict__.setdefault("_sorted_labels", {})
        if kind not in cache:
            cache[kind] = sorted(self._display.get(kind, {}).values(), key=str.casefold)
        return cache[kind]

    def label_of(self, iri: URIRef | str) -> str:
        """The preferred label of an entity (its IRI's local name when it has none)."""
        return self._labels.get(str(iri), re.split(r"[#/]", str(iri))[-1])

    def resolve(self, value: str, kinds: str | list[str]) -> Resolved:
        """Resolve one user value to an entity of one of the kinds, or raise with suggestions."""
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not value or not value.strip():
            raise UsageError(f"An empty value cannot name a {' or '.join(kinds)}.")
        if len(value) > MAX_TERM_LENGTH:
            raise UsageError(f"A value of {len(value):,} characters is too long to name a {' or '.join(kinds)} "
                             f"(at most {MAX_TERM_LENGTH}).")
        iri = self._as_iri(value.strip())
        for kind in kinds:
            table = self._by_key.get(kind, {})
            if iri is not None:
                if any(iri in entities for entities in table.values()):
                    return Resolved(iri, self.label_of(iri), kind)
                continue
            key = normalise(value)
            entities = table.get(key)
            if entities and len(entities) > 1:  # a preferred label beats synonyms and formulas
                preferred = self._preferred_keys.get(kind, {}).get(key, set()) & entities
                entities = preferred if len(preferred) == 1 else entities
            if entities:
                if len(entities) > 1:
                    names = ", ".join(sorted(self.label_of(e) for e in entities))
                    raise UsageError(f"{value!r} is ambiguous among {kind}s: {names}. Use one of these labels or an IRI.")
                entity = next(iter(entities))
                return Resolved(entity, self.label_of(entity), kind)
        partial = self._by_words(value, kinds)
        if partial is not None:
            return partial
        raise UnknownTermError(value, " or ".join(kinds), self.suggest(value, kinds))

    def _by_words(self, value: str, kinds: list[str]) -> Resolved | None:
        """What people type for families and failures is often a shortening ('solid polymer') or an elaboration
        ('volume change at the cathode') of a label: a unique entity whose label holds every word typed, else the
        entities whose longest label is wholly inside what was typed. Several candidates: ambiguous, listed."""
        words = {w for w in normalise(value).split(" ") if w not in FILLER_WORDS}
        if not words or not set(kinds) & WORD_MATCH_KINDS:
            return None
        for covering in (True, False):
            found: dict[tuple[str, str], int] = {}
            for kind in kinds:
                if kind not in WORD_MATCH_KINDS:
                    continue
                for key, entities in self._by_key.get(kind, {}).items():
                    label_words = set(key.split(" ")) - FILLER_WORDS
                    if not label_words:
                        continue
                    fits = words <= label_words if covering else (label_words <= words and len(label_words) >= 2)
                    if fits:
                        for entity in entities:
                            found[(kind, entity)] = max(found.get((kind, entity), 0), len(label_words))
            if not covering and found:  # the most specific labels inside the phrase
                best = max(found.values())
                found = {candidate: size for candidate, size in found.items() if size == best}
            if len(found) == 1:
                kind, entity = next(iter(found))
                return Resolved(entity, self.label_of(entity), kind)
            if found:
                names = ", ".join(sorted({self.label_of(entity) for _, entity in found})[:8])
                raise UsageError(f"{value!r} could mean several {' or '.join(kinds)} terms: {names}. Use one of these "
                                 "labels.")
        return None

    def suggest(self, value: str, kinds: list[str], limit: int = 5) -> list[str]:
        """The closest known labels of these kinds."""
        candidates: dict[str, str] = {}
        for kind in kinds:
            candidates.update(self._display.get(kind, {}))
        close = get_close_matches(normalise(value), list(candidates), n=limit, cutoff=0.55)
        return [candidates[key] for key in close]

    @staticmethod
    def _as_iri(value: str) -> str | None:
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        if re.match(r"^https?://\S+$", value):
            return value
        prefix, _, local = value.partition(":")
        if prefix in PREFIXES and local and re.match(r"^[\w.\-/@+]+$", local):
            return PREFIXES[prefix] + local
        return None

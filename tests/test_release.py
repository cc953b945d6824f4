"""Issue 12.3/12.4: `sekg release` writes a versioned, self-describing release; loaded into a fresh store it gives
the same catalogue answers; the merged ontology opens offline in rdflib and owlready2; the SSSOM mappings are
well-formed and every mapped IRI exists on both sides."""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, VOID

from kg.catalogue import load_catalogue, run_query
from kg.paths import ONTOLOGY_DIR, shared_dir
from kg.store import OxigraphStore, open_store
from kg.version import __version__
from loaders.mappings import mapping_files, read_mapping_set
from test_remote import PARAMS

EMMO = shared_dir() / "ontologies" / "emmo"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    from kg.release import write_release
    from test_concurrency import _build
    link = tmp_path_factory.mktemp("release") / "store"
    _build(link, 1)
    out = link.parent / "dist"
    report = write_release(open_store(f"oxigraph:{link}"), out)
    return link, out, report


def test_release_files_and_checksums(release):
    _, out, report = release
    stem = f"sekg-{__version__}"
    for name in (f"{stem}-ontology.ttl", f"{stem}-ontology.rdf", f"{stem}-ontology.html", f"{stem}.nq.gz",
                 f"{stem}-context.jsonld", f"{stem}-mappings.ttl", "void.ttl", "graphs/review.ttl", "SHA256SUMS"):
        assert (out / name).stat().st_size > 0, name
    for line in (out / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name


def test_release_loaded_into_a_fresh_store_gives_the_same_answers(release):
    link, out, _ = release
    fresh = OxigraphStore(None, "memory:")
    fresh._store.load(gzip.decompress((out / f"sekg-{__version__}.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS)
    original = open_store(f"oxigraph:{link}")
    assert fresh.triple_count() == original.triple_count()
    for name in load_catalogue():
        assert run_query(fresh, name, PARAMS[name]).rows == run_query(original, name, PARAMS[name]).rows, name


def test_void_counts_and_version(release):
    _, out, report = release
    void = Graph().parse(out / "void.ttl")
    dataset = URIRef("https://w3id.org/sekg/dataset")
    assert int(void.value(dataset, VOID.triples)) == sum(report.graph_triples.values())
    assert len(list(void.objects(dataset, VOID.subset))) == len(report.graph_triples)
    assert str(void.value(dataset, OWL.versionInfo)) == __version__


def test_merged_ontology_opens_offline_with_the_version_iri(release, tmp_path):
    _, out, _ = release
    merged = Graph().parse(out / f"sekg-{__version__}-ontology.ttl")
    ontology = URIRef("https://w3id.org/sekg/ontology")
    assert merged.value(ontology, OWL.versionIRI) == URIRef(f"https://w3id.org/sekg/ontology/{__version__}")
    assert not list(merged.triples((None, OWL.imports, None))), "merged: nothing left to download"
    assert len(merged) > 2000
    import owlready2
    world = owlready2.World()
    world.get_ontology((out / f"sekg-{__version__}-ontology.rdf").as_uri()).load()
    sse_classes = {str(c) for c in merged.subjects(RDF.type, OWL.Class) if str(c).startswith("https://w3id.org/sekg/")}
    loaded = {c.iri for c in world.classes() if c.iri.startswith("https://w3id.org/sekg/")}
    assert loaded == sse_classes and len(loaded) > 200


def test_ontology_version_iris_follow_the_package_version():
    for path in [ONTOLOGY_DIR / "sse.ttl", *sorted((ONTOLOGY_DIR / "modules").glob("*.ttl"))]:
        graph = Graph().parse(path)
        for _, iri in graph.subject_objects(OWL.versionIRI):
            assert str(iri).endswith(f"/{__version__}"), (path, iri)


def test_jsonld_context_expands_sse_terms(release):
    _, out, _ = release
    context = json.loads((out / f"sekg-{__version__}-context.jsonld").read_text())["@context"]
    assert context["sse"] == "https://w3id.org/sekg/ontology#"
    assert context["concernsMaterial"] == {"@id": "sse:concernsMaterial", "@type": "@id"}


# ---------------------------------------------------------------- mappings
def test_mapping_sets_are_well_formed_and_subjects_exist_in_sse():
    from kg.ontology import load_ontology
    sse = load_ontology()
    files = mapping_files(ONTOLOGY_DIR / "mappings")
    assert len(files) >= 2
    for path in files:
        mapping_set = read_mapping_set(path)
        assert mapping_set.mappings and mapping_set.metadata["license"]
        for mapping in mapping_set.mappings:
            assert (mapping.subject, None, None) in sse, (path, mapping.line)
            assert mapping.justification == "semapv:ManualMappingCuration" and mapping.comment


@pytest.mark.skipif(not EMMO.is_dir(), reason="the EMMO copies (../shared/ontologies/emmo) are not beside this clone")
def test_every_mapped_iri_exists_in_the_target_ontology_file():
    for path in mapping_files(ONTOLOGY_DIR / "mappings"):
        mapping_set = read_mapping_set(path)
        target = "battery" if "battery" in path.name else "electrochemistry"
        emmo = Graph()
        for ttl in (EMMO / target).rglob("*.ttl"):
            if "dependencies" not in ttl.name:
                emmo.parse(ttl)
        for mapping in mapping_set.mappings:
            assert (mapping.object, None, None) in emmo, (path.name, mapping.line, mapping.object)


@pytest.mark.skipif(shutil.which("sssom") is None, reason="the sssom package is not installed (it pulls in linkml; "
                    "`pip install sssom` to run this check)")
def test_the_sssom_package_validates_each_set():
    import subprocess
    for path in mapping_files(ONTOLOGY_DIR / "mappings"):
        done = subprocess.run(["sssom", "validate", str(path)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_bad_mapping_row_names_file_line_and_column(tmp_path):
    from kg.errors import RecordError
    source = (ONTOLOGY_DIR / "mappings" / "sse-emmo-battery.sssom.tsv").read_text(encoding="utf-8")
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text(source.replace("skos:closeMatch", "owl:sameAs"), encoding="utf-8")
    with pytest.raises(RecordError, match=r"bad.sssom.tsv:\d+.*predicate_id"):
        read_mapping_set(bad)


def test_mappings_are_queryable_beside_the_graph(store):
    rows = store.select("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?emmo WHERE { <https://w3id.org/sekg/ontology#SolidElectrolyte> skos:broadMatch ?emmo }""").rows
    assert rows and "emmo/domain/electrochemistry" in str(rows[0]["emmo"])


@pytest.mark.skipif(not EMMO.is_dir(), reason="the EMMO copies (../shared/ontologies/emmo) are not beside this clone")
def test_readme_query_across_sekg_and_emmo(release):
    """The README's example: the release loaded beside EMMO electrochemistry answers across both."""
    import re
    _, out, _ = release
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", readme[readme.index("## Releases and mappings"):], re.DOTALL).group(1)
    both = ox.Store()
    both.load(gzip.decompress((out / f"sekg-{__version__}.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS)
    for ttl in (EMMO / "electrochemistry").rglob("*.ttl"):
        if "dependencies" not in ttl.name:
            both.load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:emmo"))
    rows = {str(r["emmoLabel"].value): int(r["measurements"].value)
            for r in both.query(query, use_default_graph_as_union=True)}
    assert rows.get("IonicConductivity", 0) > 20, rows

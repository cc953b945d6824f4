"""Issue 11.5: the bad-input corpus (tests/data/bad/, expectations in expected.yaml). Every broken input gives one
line naming the file, line and field and what would be valid, the documented exit code, no traceback, and
leaves the published store byte-identical; the well-formed spellings are accepted and converted exactly."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from kg.cli import main
from kg.errors import SekgError

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
RECORDS = sorted(EXPECTED["records"].items())


def store_bytes(link: Path) -> str:
    """A hash of every file of the published build, and of which build is published."""
    digest = hashlib.sha256(str(link.resolve()).encode())
    for path in sorted(link.resolve().rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _record_path(name: str, tmp_path: Path) -> Path:
    if name == "generated-50mb.yaml":
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.write((BAD / "records" / "crlf-ok.yaml").read_bytes())
            handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
        return path
    return BAD / "records" / name


def _assert_one_line(stderr: str, says: str | None) -> list[str]:
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in stderr
    if says is not None:
        assert errors and says in errors[0], stderr
    return errors


def test_the_corpus_has_thirty_or_more_inputs():
    files = {p.name for p in (BAD / "records").iterdir()} | {p.name for p in (BAD / "ontology").iterdir()}
    assert files | {"generated-50mb.yaml"} == set(EXPECTED["records"]) | set(EXPECTED["ontology"])
    assert len(EXPECTED["records"]) + len(EXPECTED["ontology"]) + len(EXPECTED["cli"]) >= 30


@pytest.mark.parametrize("name, expect", RECORDS, ids=[n for n, _ in RECORDS])
def test_curate_check_on_each_record(name, expect, tmp_path, capsys):
    path = _record_path(name, tmp_path)
    assert main(["curate", "check", str(path), "--store", f"oxigraph:{tmp_path / 'none'}"]) == expect["exit"]
    stderr = capsys.readouterr().err
    errors = _assert_one_line(stderr, expect.get("says"))
    if expect["exit"]:
        assert str(path) in errors[0], "the message names the file"
        if "field" in expect:
            assert f"field '{expect['field']}'" in errors[0] and f"{path}:" in errors[0], "and the line and field"
    else:
        assert errors == []


@pytest.mark.parametrize("name, expect", RECORDS, ids=[n for n, _ in RECORDS])
def test_build_with_each_record(name, expect, records, tmp_path):
    data, link = records
    source = _record_path(name, tmp_path)
    shutil.copyfile(source, data / "curation" / ("test-record" + source.suffix))
    from kg.builder import build
    before = store_bytes(link)
    if expect["exit"] == 0:
        build(f"oxigraph:{link}", use_reasoner=False)
        _assert_converted(link, expect)
        return
    with pytest.raises(SekgError) as refused:
        build(f"oxigraph:{link}", use_reasoner=False)
    assert refused.value.exit_code == expect.get("build", expect["exit"])
    assert expect.get("says", "") in str(refused.value)
    assert store_bytes(link) == before, "a refused build leaves the store byte-identical"


def _assert_converted(link: Path, expect: dict) -> None:
    from kg.store import open_store
    store = open_store(f"oxigraph:{link}")
    rows = store.select("""SELECT ?v ?t WHERE { GRAPH <https://w3id.org/sekg/graph/curation/test-record> {
        ?m <https://w3id.org/sekg/ontology#temperatureAsPrinted>? ?x .
        OPTIONAL { ?m <http://qudt.org/schema/qudt/numericValue> ?v }
        OPTIONAL { ?m <https://w3id.org/sekg/ontology#temperatureC> ?t } } }""").rows
    if "value_s_per_cm" in expect:
        assert expect["value_s_per_cm"] in {float(r["v"]) for r in rows if r["v"] is not None}
    if "temperature_c" in expect:
        assert expect["temperature_c"] in {float(r["t"]) for r in rows if r["t"] is not None}
    store.close()


@pytest.fixture()
def patched_ontology(monkeypatch):
    """Add one module to the ontology for a test, with the ontology caches cleared before and after."""
    import kg.ontology as ontology
    original = ontology.ontology_files

    def add(module: Path) -> None:
        monkeypatch.setattr(ontology, "ontology_files", lambda *a, **k: [*original(*a, **k), module])
        ontology.load_ontology.cache_clear()
        ontology._ontology_subclasses.cache_clear()

    yield add
    monkeypatch.setattr(ontology, "ontology_files", original)
    ontology.load_ontology.cache_clear()
    ontology._ontology_subclasses.cache_clear()


ONTOLOGY = sorted(EXPECTED["ontology"].items())


@pytest.mark.parametrize("name, expect", ONTOLOGY, ids=[n for n, _ in ONTOLOGY])
def test_build_with_each_ontology_edit(name, expect, records, patched_ontology, capsys):
    _, link = records
    before = store_bytes(link)
    patched_ontology(BAD / "ontology" / name)
    reasoner = [] if expect.get("reasoner") else ["--no-reasoner"]
    assert main(["build", *reasoner, "--store", f"oxigraph:{link}"]) == expect["exit"]
    errors = _assert_one_line(capsys.readouterr().err, expect["says"])
    if expect["exit"] == 2:
        assert name in errors[0] and "line" in errors[0], "the message names the module and the line"
    assert store_bytes(link) == before


CLI = EXPECTED["cli"]


@pytest.mark.parametrize("case", CLI, ids=[" ".join(c["args"])[:50] for c in CLI])
def test_cli_arguments(case, records, capsys):
    _, link = records
    before = store_bytes(link)
    args = list(case["args"]) + ([] if case.get("own_store") else ["--store", f"oxigraph:{link}"])
    assert main(args) == case["exit"]
    _assert_one_line(capsys.readouterr().err, case["says"])
    assert store_bytes(link) == before

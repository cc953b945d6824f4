"""Issue 11: many readers, one store. Readers never block each other, keep reading while builds publish,
and every answer is the old graph or the new one, never a mix; two builds at once never corrupt."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.builder import build, default_loaders
from kg.catalogue import run_query
from kg.errors import StoreError
from kg.namespace import GRAPH
from kg.store import open_store

TESTS_DIR = Path(__file__).parent


class MarkerLoader:
    """One extra named graph with n triples, so that two builds give graphs a reader can tell apart."""

    name = "marker"
    graph_iri = GRAPH["test-marker"]

    def __init__(self, n: int):
        self.n = n

    def load(self) -> Graph:
        graph = Graph()
        for i in range(self.n):
            graph.add((URIRef(f"https://example.org/marker/{i}"), RDFS.comment, Literal(f"marker {i}")))
        return graph


def _build(link: Path, marker: int) -> None:
    build(f"oxigraph:{link}", [*default_loaders(), MarkerLoader(marker)], use_reasoner=False)


def _count(link: Path) -> int:
    store = open_store(f"oxigraph:{link}", must_exist=True)
    try:
        return store.triple_count()
    finally:
        store.close()


@pytest.fixture()
def link(tmp_path) -> Path:
    path = tmp_path / "store"
    _build(path, 1)
    return path


def test_a_reader_holding_the_store_open_survives_three_rebuilds_and_reloads(link):
    reader = open_store(f"oxigraph:{link}", must_exist=True)
    first_count, first_rows = reader.triple_count(), run_query(reader, "conflicts").rows
    first_build = reader.build_directory
    for marker in (2, 3, 4):
        _build(link, marker)
        assert reader.triple_count() == first_count, "a pinned reader keeps answering from its own build"
        assert run_query(reader, "conflicts").rows == first_rows
    assert first_build.exists(), "a build never deletes the store a running reader has open"
    assert not reader.is_current()
    assert reader.reload() is True
    assert reader.triple_count() == first_count + 3, "after reload the reader sees the newest graph"
    reader.close()
    _build(link, 5)
    assert not first_build.exists(), "once released, old builds are collected by the next build"


def test_eight_readers_and_a_reader_loop_during_three_rebuilds_never_fail(link, tmp_path):
    counts = {_count(link)}
    stop_file = tmp_path / "stop"
    env = {**os.environ, "PYTHONPATH": f"{TESTS_DIR}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    outputs = [tmp_path / f"reader-{i}.json" for i in range(8)]
    readers = [subprocess.Popen([sys.executable, "-m", "helpers.reader_loop", f"oxigraph:{link}", str(stop_file),
                                 str(out)], env=env) for out in outputs]
    in_process: list[int] = []
    failures: list[str] = []

    def loop() -> None:  # a reader in this process too, opening and closing as fast as it can
        while not stop_file.exists():
            try:
                in_process.append(_count(link))
            except Exception as error:
                failures.append(repr(error))

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        for marker in (2, 3, 4):
            _build(link, marker)
            counts.add(_count(link))
    finally:
        stop_file.touch()
        thread.join()
        for process in readers:
            process.wait(timeout=120)
    results = [json.loads(out.read_text()) for out in outputs]
    assert failures == [] and all(r["failures"] == [] for r in results), (failures, [r["failures"] for r in results])
    answers = [count for r in results for count, _ in r["answers"]] + in_process
    assert len(answers) >= 9, "every reader answered at least once"
    assert set(answers) <= counts, "every answer is one published graph, never a mix"
    assert len({rows for r in results for _, rows in r["answers"]}) == 1


def test_a_second_build_at_the_same_time_stops_with_a_clear_message(link):
    from kg.published import BuildLock
    before = link.resolve()
    with BuildLock(link):  # as if another build were running
        with pytest.raises(StoreError, match="Another build of this store is running") as raised:
            _build(link, 9)
    assert raised.value.exit_code == 2
    assert link.resolve() == before
    assert _count(link) > 0


def test_reading_never_writes_into_the_published_store(link):
    """Issue 17.6: each query used to leave a RocksDB log and rewrite CURRENT/MANIFEST/OPTIONS."""
    build_dir = link.resolve()

    def snapshot():
        return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in build_dir.iterdir())

    before = snapshot()
    for _ in range(5):
        store = open_store(f"oxigraph:{link}", must_exist=True)
        run_query(store, "conflicts")
        store.close()
    assert snapshot() == before

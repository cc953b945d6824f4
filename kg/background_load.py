"""Bulk-loading a build's large graphs on a thread of its own while the build goes on.

Oxigraph's bulk loader releases the GIL, so on a machine with two cores the review's graph can be loaded into the
new build directory while Python reasons, indexes and writes the next graph: at 10^6 triples writing the store was
a third of the build, most of it the bulk load, waited for after every other stage. Graphs are handed over once
complete (a loader's graph, the closure, the index); the build's atomicity is unchanged, since nothing is published
before every stage succeeded.
"""
from __future__ import annotations

import queue
import threading
from pathlib import Path
from types import TracebackType

from rdflib import Graph, URIRef

from kg.store import OxigraphStore


class BackgroundGraphLoader:
    """Takes complete graphs bound for a fresh on-disk build, writes each large one to an N-Triples file at once and
    bulk-loads the files in order on one worker thread; small graphs are left to the caller. Use as a context
    manager: `finish()` waits for the loads and raises the first error; leaving the block on an error stops after
    the current chunk and deletes the files not loaded."""

    def __init__(self, store: OxigraphStore):
        self.store = store
        #: the graphs handed over, in order: the caller must not write them again
        self.taken: list[URIRef] = []
        self._files: queue.Queue[tuple[URIRef, Path] | None] = queue.Queue()
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._load_files, name="sekg-bulk-load", daemon=True)

    def wants(self, graph: Graph) -> bool:
        """Whether the graph is large enough to be loaded here (small ones cost more as a file than they save)."""
        return self.store.spills(graph)

    def offer(self, graph_iri: URIRef, graph: Graph) -> bool:
        """Start loading the graph if it is large enough; whether it was taken."""
        spilled = self.store.spill(graph)
        if spilled is None:
            return False
        self.taken.append(graph_iri)
        self._files.put((graph_iri, spilled))
        if not self._worker.is_alive():
            self._worker.start()
        return True

    def finish(self) -> None:
        """Wait until every file is loaded; raise what stopped a load."""
        self._close()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> BackgroundGraphLoader:
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if kind is not None:
            self._stop.set()
        self._close()

    def _close(self) -> None:
        self._files.put(None)
        if self._worker.is_alive():
            self._worker.join()

    def _load_files(self) -> None:
        while (job := self._files.get()) is not None:
            graph_iri, spilled = job
            if self._stop.is_set() or self._error is not None:
                spilled.unlink(missing_ok=True)
                continue
            try:
                self.store.load_spilled(graph_iri, spilled, stop=self._stop)
            except BaseException as error:  # re-raised in the build's thread by finish()
                self._error = error

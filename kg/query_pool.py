"""A bounded pool of worker processes that answer queries for the HTTP servers (`sekg api`, `sekg serve`).

Why processes: a SPARQL evaluation cannot be interrupted from Python, so a runaway cross product in a
thread keeps a core busy and its memory long after the client got its 504. A worker over the time limit is
killed and replaced; CPU and memory come back at once, and the other workers answer meanwhile. Every worker
opens the published store read-only (pinned) and reloads it when a build publishes a new one, so the server
never answers from a deleted build and never blocks other readers. The whole request (parameter parsing
included) runs in the worker, so the time limit covers all of it.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from kg.errors import SekgError, UnknownTermError

# ---------------------------------------------------------------- what a worker answers
@dataclass
class Outcome:
    """A worker's answer: an HTTP status, a JSON-able body or bytes, and the media type of bytes."""

    status: int
    body: Any
    media_type: str = "application/json"


class ResultTooLarge(Exception):
    """The answer would exceed the configured result-size limit."""


class _CappedBuffer:
    """A write-only buffer that refuses to grow past its limit (pyoxigraph serialises into it)."""

    def __init__(self, limit: int):
        self.limit, self.data = limit, bytearray()

    def write(self, chunk: bytes) -> int:
        self.data += chunk
        if len(self.data) > self.limit:
            raise ResultTooLarge()
        return len(chunk)

    def flush(self) -> None:
        pass


class _Worker:
    """State inside one worker process: the store, its label index, the limits."""

    def __init__(self, store, *, max_rows: int, max_bytes: int, in_memory: bool = False):
        self.published = store  # what reload() follows
        self.in_memory = in_memory
        self.store = store.in_memory_copy() if in_memory else store
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self._index = None

    @classmethod
    def open(cls, selector: str, **limits) -> "_Worker":
        from kg.store import open_store
        return cls(open_store(selector, must_exist=True), **limits)

    def index(self):
        from kg.resolve import LabelIndex
        if self._index is None:
            self._index = LabelIndex(self.store)
        return self._index

    def refresh(self) -> None:
        """Follow a publish: reopen the newest build (a warm copy is re-made from it)."""
        reload = getattr(self.published, "reload", None)
        if reload is not None and reload():
            self.store = self.published.in_memory_copy() if self.in_memory else self.published
            self._index = None

    def canned(self, name: str, params: dict[str, str]) -> Outcome:
        from kg.catalogue import run_query
        answer = run_query(self.store, name, params, self.index())
        if len(answer.rows) > self.max_rows:
            return Outcome(413, {"error": f"query {name!r} returned {len(answer.rows)} rows, over the limit of "
                                          f"{self.max_rows}; narrow the parameters or use limit/offset"})
        return Outcome(200, answer.as_json_object())

    def sparql(self, query: str, media_type: str) -> Outcome:
        import pyoxigraph as ox
        results = self.store.raw_query(query)
        buffer = _CappedBuffer(self.max_bytes)
        if isinstance(results, ox.QueryTriples):
            rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
            results.serialize(buffer, rdf_format)
            return Outcome(200, bytes(buffer.data), rdf_format.media_type)
        results_format = ox.QueryResultsFormat.from_media_type(media_type) or ox.QueryResultsFormat.JSON
        results.serialize(buffer, results_format)
        return Outcome(200, bytes(buffer.data), results_format.media_type)

    def view(self, name: str, arguments: dict) -> Outcome:
        """A workbench view (kg.web.views): page data or a picture, computed beside the store."""
        from kg.web.views import run_view
        return run_view(self.store, self.index(), name, arguments)

    def handle(self, job: tuple) -> Outcome:
        kind, *args = job
        try:
            self.refresh()
            if kind == "view":
                return self.view(*args)
            return self.canned(*args) if kind == "canned" else self.sparql(*args)
        except UnknownTermError as error:
            return Outcome(400, {"error": str(error), "closest": error.suggestions})
        except SekgError as error:
            return Outcome(400 if error.exit_code == 2 else 500, {"error": str(error)})
        except SyntaxError as error:
            return Outcome(400, {"error": f"SPARQL syntax error: {error}"})
        except ResultTooLarge:
            return Outcome(413, {"error": f"the answer is larger than the limit of {self.max_bytes:,} bytes"})


def _worker_main(connection, selector: str, in_memory: bool, max_rows: int, max_bytes: int) -> None:
    try:
        worker = _Worker.open(selector, in_memory=in_memory, max_rows=max_rows, max_bytes=max_bytes)
    except SekgError as error:
        connection.send(Outcome(503, {"error": str(error)}))
        return
    connection.send(Outcome(200, "ready"))
    while True:
        try:
            job = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        connection.send(worker.handle(job))


# ---------------------------------------------------------------- the pool, in the server process
@dataclass
class _Process:
    process: multiprocessing.process.BaseProcess
    connection: Any
    ready: bool = False


class QueryPool:
    """N worker processes; a job waits for an idle worker, runs within the time limit, or its worker is
    killed and replaced."""

    def __init__(self, selector: str, *, workers: int = 2, timeout_s: float = 10.0, in_memory: bool = False,
                 max_rows: int = 100_000, max_bytes: int = 64 * 1024 * 1024, start_timeout_s: float = 120.0):
        self.selector, self.timeout_s, self.in_memory = selector, timeout_s, in_memory
        self.max_rows, self.max_bytes, self.start_timeout_s = max_rows, max_bytes, start_timeout_s
        self._context = multiprocessing.get_context("spawn")  # no inherited threads or open stores
        self._threads = ThreadPoolExecutor(max_workers=max(4, workers * 2), thread_name_prefix="sekg-pool")
        self._processes = [self._spawn() for _ in range(max(1, workers))]
        self._idle: asyncio.Queue[_Process] | None = None

    def _spawn(self) -> _Process:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, daemon=True,
                                        args=(child, self.selector, self.in_memory, self.max_rows, self.max_bytes))
        process.start()
        child.close()
        return _Process(process, parent)

    def wait_ready(self) -> None:
        """Block until every worker opened the store; raise the first worker's error (e.g. no store built)."""
        for worker in self._processes:
            self._await_ready(worker)

    def _await_ready(self, worker: _Process) -> None:
        if worker.ready:
            return
        if not worker.connection.poll(self.start_timeout_s):
            raise SekgError(f"a query worker did not start within {self.start_timeout_s:g} s")
        outcome: Outcome = worker.connection.recv()
        if outcome.status != 200:
            raise SekgError(outcome.body["error"])
        worker.ready = True

    async def run(self, job: tuple, timeout_s: float | None = None) -> Outcome:
        """Run one job on an idle worker; 504 after the time limit (the worker is replaced). A job that is known to
        be long (a curation diff) may be given its own limit."""
        limit = timeout_s or self.timeout_s
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in self._processes:
                self._idle.put_nowait(worker)
        loop = asyncio.get_running_loop()
        worker = await self._idle.get()
        try:
            await loop.run_in_executor(self._threads, self._await_ready, worker)
            worker.connection.send(job)
            answered = await loop.run_in_executor(self._threads, worker.connection.poll, limit)
            if not answered:
                worker = self._replace(worker)
                return Outcome(504, {"error": f"the query exceeded the {limit:g} s time limit and was stopped"})
            return worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker = self._replace(worker)
            return Outcome(500, {"error": "the query worker stopped unexpectedly; it was restarted"})
        finally:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Process) -> _Process:
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        fresh = self._spawn()
        self._processes[self._processes.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        """Stop every worker."""
        for worker in self._processes:
            worker.process.kill()
            worker.process.join(5)
        self._threads.shutdown(wait=False)

    @property
    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in self._processes if w.process.pid is not None]


class InProcessRunner:
    """The same jobs in a thread of this process, for stores a worker process cannot reopen (memory:, rdflib:,
    a remote endpoint) and for tests. A timed-out query answers 504 but runs on in its thread."""

    def __init__(self, store, *, timeout_s: float = 10.0, max_rows: int = 100_000,
                 max_bytes: int = 64 * 1024 * 1024):
        self.timeout_s = timeout_s
        self._worker = _Worker(store, max_rows=max_rows, max_bytes=max_bytes)

    async def run(self, job: tuple, timeout_s: float | None = None) -> Outcome:
        limit = timeout_s or self.timeout_s
        try:
            return await asyncio.wait_for(asyncio.to_thread(self._worker.handle, job), limit)
        except asyncio.TimeoutError:
            return Outcome(504, {"error": f"the query exceeded the {limit:g} s time limit"})

    def close(self) -> None:
        pass


def default_workers() -> int:
    """One worker per core (at least two, so a runaway query never stalls every client)."""
    return max(2, os.cpu_count() or 2)

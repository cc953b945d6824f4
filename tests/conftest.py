"""Shared fixtures: one built review graph per session (in memory), per-backend stores, a network guard."""
from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile

import pytest

# Builds in tests read the review graph only, unless a test names its datasets (tests/test_datasets.py does):
# the measured datasets beside the checkout would otherwise join every build a test makes.
os.environ["SEKG_DATASETS"] = tempfile.mkdtemp(prefix="sekg-no-datasets-")

from kg.builder import build, default_loaders
from kg.paths import LOADER_DATA_DIR
from kg.resolve import LabelIndex
from kg.store import open_store

SELECTOR = "memory:"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests never leave the machine: connecting anywhere but loopback fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")):
            raise RuntimeError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


class BuiltGraph:
    """A store built from the real review data, with its build report and label index."""

    def __init__(self):
        from kg.builder import assemble, populate
        self.graphs, self.report = assemble(default_loaders(), use_reasoner=True, validate=True)
        self.store = open_store(SELECTOR)
        populate(self.store, self.graphs, self.report)
        self.index = LabelIndex(self.store)


@pytest.fixture(scope="session")
def built() -> BuiltGraph:
    """The review graph, built once per test session with HermiT, SHACL and quality checks."""
    return BuiltGraph()


@pytest.fixture(scope="session")
def store(built):
    return built.store


@pytest.fixture(scope="session")
def rdflib_store(built):
    """The same graph in rdflib's in-memory Dataset, to compare engines."""
    from kg.builder import fill_store
    other = open_store("rdflib:")
    fill_store(other, built.graphs, type(built.report)())
    return other


@pytest.fixture()
def records(tmp_path, monkeypatch):
    """A copy of the curated data the build reads, and a published store built from it."""
    data = tmp_path / "data"
    shutil.copytree(LOADER_DATA_DIR / "review", data / "review")
    (data / "curation").mkdir()
    monkeypatch.setattr(sys.modules["kg.builder"], "LOADER_DATA_DIR", data)
    link = tmp_path / "store"
    build(f"oxigraph:{link}", use_reasoner=False)
    return data, link


__all__ = ["build"]


@pytest.fixture(scope="session")
def disk_selector(tmp_path_factory) -> str:
    """An on-disk Oxigraph store built through the real `build` path (atomic publish)."""
    path = tmp_path_factory.mktemp("sekg") / "store"
    selector = f"oxigraph:{path}"
    build(selector)
    return selector

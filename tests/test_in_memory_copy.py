"""A warm in-memory copy of the built store (`sekg api --in-memory`) holds the same graphs and answers alike."""
from __future__ import annotations

from kg.catalogue import run_query
from kg.store import open_store


def test_in_memory_copy_has_every_graph_and_the_same_answers(disk_selector):
    disk = open_store(disk_selector, must_exist=True)
    memory = disk.in_memory_copy()
    assert memory.path is None
    assert memory.graph_names() == disk.graph_names()
    assert memory.triple_count() == disk.triple_count() > 10_000
    params = {"failure": "lithium dendrite", "family": "sulfide"}
    assert run_query(memory, "strategies-for-failure", params).rows == run_query(disk, "strategies-for-failure", params).rows
    disk.close()

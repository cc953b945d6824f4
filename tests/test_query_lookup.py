"""A canned query is found by its own file (one header read per CLI call, not the catalogue's), and the label index
is read only when a parameter names something: the costs of `sekg query` the latency bench showed."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.catalogue
from kg.catalogue import _query_in_own_file, get_query, load_catalogue, run_query
from kg.errors import UsageError

HEADER = "#+ name: {name}\n#+ summary: a demo\nSELECT ?s WHERE {{ ?s ?p ?o }}\n"


def test_every_catalogue_query_is_found_in_its_own_file_as_the_catalogue_reads_it():
    catalogue = load_catalogue()
    assert len(catalogue) >= 13
    for name, query in catalogue.items():
        assert _query_in_own_file(name) == query


def test_a_file_declaring_another_name_or_a_name_that_is_no_file_name_goes_to_the_catalogue(tmp_path: Path):
    (tmp_path / "alias.rq").write_text(HEADER.format(name="real-name"), encoding="utf-8")
    assert _query_in_own_file("alias", tmp_path) is None
    assert _query_in_own_file("real-name", tmp_path) is None  # no file of that name
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.rq").write_text(HEADER.format(name="sub/x"), encoding="utf-8")
    assert _query_in_own_file("sub/x", tmp_path) is None and _query_in_own_file("../x", tmp_path) is None


def test_an_unknown_name_still_lists_the_closest_names():
    with pytest.raises(UsageError, match="Did you mean: materials-by-conductivity"):
        get_query("materials-by-conductivty")


def test_numeric_parameters_never_read_the_label_index(store, monkeypatch):
    def refuse(_store):
        raise AssertionError("the label index was built for a query with no entity parameter")
    monkeypatch.setattr(kg.catalogue, "LabelIndex", refuse)
    answer = run_query(store, "materials-by-conductivity", {"min_conductivity": "1e-3", "max_temperature": "30"})
    assert answer.rows
    with pytest.raises(AssertionError, match="label index was built"):
        run_query(store, "failures-of", {"family": "sulfide"})

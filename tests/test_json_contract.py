"""`--format json` prints exactly one object: query, params, columns, rows, with typed cells."""
from __future__ import annotations

import json

import pytest

from kg.catalogue import load_catalogue


def run_json(capsys, *args):
    from kg.cli import main
    code = main(["query", *args, "--format", "json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_object_shape(disk_selector, capsys):
    code, answer = run_json(capsys, "strategies-for-failure", "--failure", "lithium dendrite",
                            "--family", "sulfide", "--store", disk_selector)
    assert code == 0
    assert set(answer) == {"query", "params", "columns", "rows"}
    assert answer["query"] == "strategies-for-failure"
    assert answer["columns"][0] == "strategy"
    assert answer["params"]["failure"]["resolved_label"] == "lithium dendrite growth"
    for row in answer["rows"]:
        assert list(row) == answer["columns"]
        assert isinstance(row["refs"], list)
        assert row["strategy_iri"].startswith("https://")


def test_numbers_are_json_numbers_in_the_unit_the_column_names(disk_selector, capsys):
    code, answer = run_json(capsys, "materials-by-conductivity", "--min-conductivity", "1 mS/cm",
                            "--store", disk_selector)
    assert code == 0
    assert answer["params"]["min_conductivity"] == pytest.approx(1e-3)
    assert answer["rows"]
    for row in answer["rows"]:
        assert isinstance(row["conductivity_s_per_cm"], float)
        high = row["conductivity_high_s_per_cm"]
        assert (high if high is not None else row["conductivity_s_per_cm"]) >= 1e-3


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_query_declares_its_columns_and_first_column(name):
    query = load_catalogue()[name]
    assert query.columns, f"{name} declares no columns"
    assert not query.columns[0].name.endswith("_iri")
    assert query.summary


def test_csv_and_table_formats(disk_selector, capsys):
    from kg.cli import main
    assert main(["query", "failures-of", "--family", "sulfide", "--store", disk_selector, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("failure,inherited,interface,scope")
    assert main(["query", "failures-of", "--family", "sulfide", "--store", disk_selector, "--format", "xml"]) == 2

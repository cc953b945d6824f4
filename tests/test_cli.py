"""CLI plumbing: exit codes for usage errors, help, listing queries, ad-hoc SPARQL, stats and checks."""
from __future__ import annotations

import json

from kg.cli import main


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "build" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 2


def test_unknown_query_name_suggests(disk_selector, capsys):
    assert main(["query", "strategies-for-failur", "--store", disk_selector]) == 2
    assert "strategies-for-failure" in capsys.readouterr().err


def test_unknown_parameter_lists_the_valid_ones(disk_selector, capsys):
    assert main(["query", "failures-of", "--colour", "red", "--store", disk_selector]) == 2
    assert "--family" in capsys.readouterr().err


def test_missing_required_parameter(disk_selector, capsys):
    assert main(["query", "strategies-for-failure", "--store", disk_selector]) == 2
    assert "--failure" in capsys.readouterr().err


def test_queries_lists_the_catalogue(capsys):
    assert main(["queries", "--format", "json"]) == 0
    names = {row["name"] for row in json.loads(capsys.readouterr().out)["rows"]}
    assert {"strategies-for-failure", "failures-of", "materials-by-conductivity", "dopants-of",
            "synthesis-methods-for", "materials-made-by", "family-summary", "benchmark-materials",
            "material-profile", "evidence-for", "research-gaps", "conflicts", "cells"} <= names


def test_sparql_is_read_only(disk_selector, capsys):
    assert main(["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", disk_selector,
                 "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)["rows"][0]["n"]
    assert main(["sparql", "DROP ALL", "--store", disk_selector]) == 2
    capsys.readouterr()
    assert main(["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", disk_selector,
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["n"] == before


def test_stats_and_check(disk_selector, capsys):
    assert main(["stats", "--store", disk_selector, "--format", "json"]) == 0
    graphs = {row["graph"].rsplit("/", 1)[-1] for row in json.loads(capsys.readouterr().out)["rows"]}
    assert {"ontology", "references", "review", "inferred"} <= graphs
    assert main(["check", "--store", disk_selector]) == 0

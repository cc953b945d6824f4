"""`sekg ask`: questions in words read as one canned query (issue 16). Every phrasing in
tests/data/ask_phrasings.yaml must be read as its query with its parameters; questions no query fits are
refused with the closest canned questions; quantities are parsed with their units and comparators."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kg.ask import UnroutableQuestion, extract_quantities, read_question
from kg.catalogue import LIST_SEPARATOR, LIST_TYPES, load_catalogue
from kg.cli import main

PHRASINGS = yaml.safe_load((Path(__file__).parent / "data" / "ask_phrasings.yaml").read_text(encoding="utf-8"))
NUMERIC = {"conductivity_s_per_cm", "temperature_c", "number"}
CATALOGUE = load_catalogue()


def _expected(item: dict, index) -> dict:
    query = CATALOGUE[item["query"]]
    expected = {}
    for name, value in (item.get("params") or {}).items():
        parameter = query.parameter(name)
        if parameter.type in NUMERIC:
            expected[name] = pytest.approx(float(value))
        elif parameter.type in LIST_TYPES:
            expected[name] = "; ".join(str(index.resolve(item, parameter.resolves_to).iri)
                                       for item in LIST_SEPARATOR.split(str(value)))
        else:
            if parameter.type == "source" and not index.lookup(str(value), "source"):
                pytest.skip(f"the source {value!r} is not loaded in the test graph (datasets are built only where present)")
            expected[name] = str(index.resolve(str(value), parameter.resolves_to).iri)
    return expected


def test_there_are_60_phrasings_covering_every_query():
    assert len(PHRASINGS) >= 60
    assert {item["query"] for item in PHRASINGS} == set(CATALOGUE)


@pytest.mark.parametrize("item", PHRASINGS, ids=[item["q"][:60] for item in PHRASINGS])
def test_phrasing_is_read_as_its_query(item, built):
    expected = _expected(item, built.index)
    reading = read_question(item["q"], built.index, CATALOGUE)
    got = {name: (float(value) if CATALOGUE[reading.query].parameter(name).type in NUMERIC else value)
           for name, value in reading.params.items()}
    assert (reading.query, got) == (item["query"], expected), reading.read_as()


def test_a_misspelling_is_reported_in_the_reading(built):
    reading = read_question("stratgies against dendrits in sulfdes", built.index, CATALOGUE)
    assert any("dendrits" in note for note in reading.notes)
    assert reading.read_as().startswith("strategies-for-failure failure=")


@pytest.mark.parametrize("question", ["what is the price of gold", "hello", "Which strategies exist?"])
def test_a_question_no_query_fits_is_refused_with_the_closest_questions(question, built):
    with pytest.raises(UnroutableQuestion) as refused:
        read_question(question, built.index, CATALOGUE)
    assert refused.value.closest and all(name in CATALOGUE for name, _ in refused.value.closest)
    assert refused.value.exit_code == 2


@pytest.mark.parametrize("text, kind, value, bound", [
    ("above 1 mS/cm", "conductivity", 1e-3, "min"), ("> 1e-4 S cm-1", "conductivity", 1e-4, "min"),
    ("at least 10^-3 S/cm", "conductivity", 1e-3, "min"), ("over 2.5 x 10^-4 S/cm", "conductivity", 2.5e-4, "min"),
    ("below 30 °C", "temperature", 30.0, "max"), ("at 300 K", "temperature", 26.85, "at"),
    ("below 300 meV", "energy", 0.3, "max"), ("0.1 S/m", "conductivity", 1e-3, "at"),
])
def test_quantities_are_read_with_unit_and_comparator(text, kind, value, bound):
    quantities, rest = extract_quantities(f"materials {text} please")
    assert [(q.kind, q.bound) for q in quantities] == [(kind, bound)]
    assert quantities[0].value == pytest.approx(value)
    assert text not in rest


def test_room_temperature_is_read_as_a_window_and_said(built):
    reading = read_question("sulfides above 1 mS/cm at room temperature", built.index, CATALOGUE)
    assert reading.params["min_temperature"] == "20" and reading.params["max_temperature"] == "30"
    assert "max_temperature=" in reading.read_as()


def test_question_text_never_reaches_sparql(built):
    """Only IRIs from the label index and numbers become parameters, whatever the question holds."""
    reading = read_question('sulfides above 1 mS/cm" } ; DROP ALL ; SELECT * { ?s ?p "', built.index, CATALOGUE)
    for name, value in reading.params.items():
        assert value.startswith("https://w3id.org/sekg/") or float(value) == float(value), (name, value)


def test_cli_prints_the_reading_then_the_answer(disk_selector, capsys):
    assert main(["ask", "which strategies address Li dendrites in sulfides?", "--store", disk_selector]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ('read as: strategies-for-failure failure="lithium dendrite growth" '
                                   'family="sulfide solid electrolyte"')
    assert "same as: sekg query strategies-for-failure --failure 'lithium dendrite growth'" in out
    assert "row(s)" in out


def test_cli_json_carries_reading_and_rows(disk_selector, capsys):
    assert main(["ask", "Which dopants are used in LLZO?", "--store", disk_selector, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["query"] == "dopants-of" and answer["read_as"].startswith("dopants-of material=")
    assert answer["rows"] and all("dopant" in row for row in answer["rows"])


def test_cli_refuses_an_unroutable_question_with_exit_2(disk_selector, capsys):
    assert main(["ask", "what is the price of gold", "--store", disk_selector]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot map this question") and "Closest canned questions" in err
    assert len(err.strip().splitlines()) == 1

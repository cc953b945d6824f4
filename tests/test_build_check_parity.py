"""Issue 17.4/17.5: one validation path. What `sekg curate check` reports, `sekg build` refuses (naming the
file, line, record and field); files the build does not read are named; plausible curator mistakes give one
line each instead of a traceback."""
from __future__ import annotations

import pytest

from kg.builder import build
from kg.curate.check import check_file
from kg.errors import RecordError, RecordProblems
from kg.store import open_store
from test_curation import VALID, context, write  # noqa: F401  (context is a fixture)

def _build_refuses(link, match: str) -> RecordProblems:
    before = open_store(f"oxigraph:{link}").triple_count()
    target = link.resolve()
    with pytest.raises(RecordProblems, match=match) as refused:
        build(f"oxigraph:{link}", use_reasoner=False)
    assert link.resolve() == target and open_store(f"oxigraph:{link}").triple_count() == before
    return refused.value


@pytest.mark.parametrize("case, text, message", [
    ("misspelt field", VALID.replace("    unit: cycles\n", "    unit: cycles\n    temprature: 25 °C\n"),
     "temprature"),
    ("C-rate printed with a degree sign", VALID.replace("    unit: cycles\n",
                                                         "    unit: cycles\n    temperature: 1 °C\n"),
     "C-rate"),
    ("NaN value", VALID.replace("value: 450", "value: .nan"), "finite"),
])
def test_build_refuses_what_check_reports(records, tmp_path, context, case, text, message):
    data, link = records
    path = write(data / "curation", text)
    report = check_file(path, context)
    assert report.exit_code == 1 and any(message in str(p) for p in report.problems), [str(p) for p in report.problems]
    refused = _build_refuses(link, message)
    assert refused.exit_code == 1
    assert f"{path}:" in str(refused), "the message names the file and line"


def test_a_misspelt_field_in_a_review_record_is_refused_with_a_suggestion(records):
    data, link = records
    oxide = data / "review" / "oxide.yaml"
    text = oxide.read_text(encoding="utf-8")
    oxide.write_text(text.replace("    unit: S/cm\n", "    unit: S/cm\n    temprature: 25 °C\n", 1), encoding="utf-8")
    with pytest.raises(RecordError, match="did you mean 'temperature'"):
        build(f"oxigraph:{link}", use_reasoner=False)


def test_yml_records_are_built_and_other_files_are_named(records):
    data, link = records
    write(data / "curation", VALID, name="test-paper.YML")
    (data / "curation" / "notes.txt").write_text("not a record", encoding="utf-8")
    messages: list[str] = []
    build(f"oxigraph:{link}", use_reasoner=False, progress=messages.append)
    assert any("curation/test-paper" in str(g) for g in open_store(f"oxigraph:{link}").graph_names())
    assert any("notes.txt" in m and "skipping" in m for m in messages)


@pytest.mark.parametrize("case, text, message", [
    ("unit S·cm⁻¹ is read", None, None),
    ("impossible date", VALID.replace("curated_on: 2026-11-25", "curated_on: 2026-13-45"), "not a valid date"),
    ("alias bomb", VALID + "description: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"d{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 9)}]\n" for i in range(9)), "alias bomb"),
])
def test_plausible_curator_mistakes_give_one_line_each(tmp_path, context, case, text, message):
    if text is None:  # the spelling that used to raise a pint TypeError
        text = VALID.replace("property: CycleLife\n    value: 450\n    unit: cycles",
                             "property: IonicConductivity\n    value: 1.2\n    unit: \"S·cm⁻¹\"")
        assert "S·cm⁻¹" in text
    report = check_file(write(tmp_path, text), context)  # the alias bomb is refused before it is expanded
    if message is None:
        assert report.exit_code == 0, [str(p) for p in report.problems]
        return
    assert report.exit_code == 2
    assert len(report.problems) == 1 and message in str(report.problems[0])
    assert "\n" not in str(report.problems[0])


def test_an_oversized_record_file_is_refused_before_parsing(tmp_path, context):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(VALID.encode())
        handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    report = check_file(path, context)
    assert report.exit_code == 2 and "over the limit" in str(report.problems[0])

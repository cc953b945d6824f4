"""`sekg coverage` (issue 13): per section of the review, fact sentences against curated statements, and the
references cited against those that back a statement."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.coverage import coverage, plain
from kg.paths import review_text_path


def test_plain_text_reads_latex_and_unicode_formulas():
    assert plain(r"$\text{Li}_{10}\text{GeP}_{2}\text{S}_{12}$ and LiTi₂(PO₄)₃") == "Li10GeP2S12 and LiTi2(PO4)3"


@pytest.fixture(scope="module")
def report(store):
    if not review_text_path().is_file():
        pytest.skip(f"the review's text is not at {review_text_path()} (it is read from ../shared, never copied)")
    return coverage(review_text_path(), store)


def test_every_body_section_is_reported_with_its_curated_statements(report):
    numbers = [section.number for section in report.sections]
    assert numbers[0] == "1" and "6.3.4.2" in numbers and numbers[-1] == "7"
    by_number = {section.number: section for section in report.sections}
    assert by_number["2.1"].sentences > by_number["2.1"].fact_sentences >= 20 and by_number["2.1"].statements >= 50
    assert by_number["2.1"].cited >= {"36", "39"}  # LLZO benchmark, low-temperature sintering


def test_reference_totals_are_consistent(report):
    totals = report.totals()
    assert totals["references_in_list"] == 212
    assert totals["references_backing_a_statement"] <= totals["references_cited_in_body"] >= 200
    assert totals["references_backing_any_statement"] >= 150
    unused = report.refs_cited_in_body - report.refs_used_anywhere
    assert set(totals["cited_for_a_fact_but_unused"]) | set(totals["cited_for_context_only"]) == unused
    assert not set(totals["cited_for_a_fact_but_unused"]) & set(totals["cited_for_context_only"])


def test_every_body_reference_cited_for_a_fact_backs_a_statement(report):
    """Issue 13's target: what the body cites for a fact about solid electrolytes, a statement rests on; the rest is
    listed with a curator's reason in loaders/data/references/chan2024-context-refs.yaml."""
    totals = report.totals()
    assert totals["cited_for_a_fact_but_unused"] == []
    assert all(report.context_only[ref] for ref in totals["cited_for_context_only"])


def test_context_only_references_are_cited_and_not_used(report):
    """A reference marked context-only that a statement now rests on, or that the body never cites, is a stale mark."""
    for ref in report.context_only:
        assert ref in report.refs_cited_in_body, f"[{ref}] is marked context-only but the body never cites it"
        assert ref not in report.refs_used_anywhere, f"[{ref}] is marked context-only but a statement rests on it"


def test_uncovered_fact_sentences_are_listed_and_few(report):
    totals = report.totals()
    uncovered = [text for section in report.sections for text in section.uncovered]
    assert totals["fact_sentences_covered"] == totals["fact_sentences"] - len(uncovered)
    assert len(uncovered) <= 0.05 * totals["fact_sentences"], uncovered


def test_cli_prints_the_sections_and_totals(disk_selector, capsys):
    if not review_text_path().is_file():
        pytest.skip("the review's text is not in ../shared")
    assert main(["coverage", "--store", disk_selector, "--format", "json"]) == 0
    import json
    answer = json.loads(capsys.readouterr().out)
    assert answer["sections"][0]["section"] == "1" and "references_backing_any_statement" in answer["totals"]
    assert main(["coverage", "--store", disk_selector, "--review", "/no/such/review.txt"]) == 2

"""Issue 11.9: tests/RELIABILITY.md is generated from the reliability tests and must be current."""
from reliability_report import REPORT, render


def test_reliability_report_is_current():
    assert REPORT.read_text(encoding="utf-8") == render(), "run `python tests/reliability_report.py`"

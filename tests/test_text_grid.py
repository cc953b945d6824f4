"""The text grid answers are printed in: every cell's text is there, folded within its column, within the width."""
from __future__ import annotations

from kg.cli.text_grid import fit_widths, render_grid


def test_widths_fit_the_terminal_by_cutting_the_widest_first():
    assert fit_widths([5, 40, 80], [5, 6, 6], 200) == [5, 40, 80]  # room for all: natural widths
    widths = fit_widths([5, 40, 80], [5, 6, 6], 70)
    assert sum(widths) <= 70 and widths[0] == 5 and widths[1] == widths[2]  # both long ones cut to one cap
    assert fit_widths([30, 30], [6, 6], 4) == [6, 6]  # never below the floors


def test_long_text_is_folded_inside_its_column_and_nothing_is_lost():
    text = "Doping 30 mol% LiI into Li2S-P2S5 glass raised the critical current density to 3.9 mA/cm2 at 100 °C."
    grid = render_grid(["strategy", "mechanism"], [["lithium halide doping", text], ["coating", ""]], 50, "title")
    lines = grid.splitlines()
    assert lines[0].strip() == "title"
    assert all(len(line) <= 50 for line in lines)
    assert {len(line) for line in lines[1:]} == {len(lines[1])}  # a closed box: every line as wide as the top rule
    body = " ".join(line.split("│")[2].strip() for line in lines if line.startswith("│"))
    assert " ".join(body.split()) == text  # the folded cell reads back as the text
    assert sum(1 for line in lines if line.startswith("├")) == 1  # one rule between the two rows

"""Answers as a boxed text grid, drawn in one pass.

rich measured and wrapped every cell through its renderables: a 189-row, 19-column answer took 0.75-0.8 s to print
as a table against 0.33 s as JSON, longer than the query (issue 15). This draws the same kind of grid (heavy header, a line between rows,
long text folded inside its column) with textwrap, in milliseconds.
"""
from __future__ import annotations

import textwrap

MIN_COLUMN_WIDTH = 6


def fit_widths(natural: list[int], floors: list[int], available: int) -> list[int]:
    """Column widths within `available` characters: each column its natural width, the widest cut first down to a
    common cap (never below its floor); wider than `available` only when the floors alone are."""
    if sum(natural) <= available:
        return natural
    low, high = 1, max(natural)
    while low < high:  # the largest cap whose widths fit
        cap = (low + high + 1) // 2
        if sum(min(n, max(cap, f)) for n, f in zip(natural, floors)) <= available:
            low = cap
        else:
            high = cap - 1
    return [min(n, max(low, f)) for n, f in zip(natural, floors)]


def _lines(text: str, width: int) -> list[str]:
    folded: list[str] = []
    for paragraph in text.split("\n"):
        folded += textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False,
                                replace_whitespace=False, drop_whitespace=True) or [""]
    return folded


def render_grid(columns: list[str], rows: list[list[str]], width: int, title: str | None = None) -> str:
    """The grid as text: `columns` as the header, one block per row, at most `width` characters wide where the
    columns fit."""
    natural = [max([len(name)] + [max(map(len, row[i].split("\n"))) for row in rows]) for i, name in enumerate(columns)]
    floors = [min(n, MIN_COLUMN_WIDTH) for n in natural]
    widths = fit_widths(natural, floors, width - (3 * len(columns) + 1))

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + right

    def block(cells: list[str], edge: str) -> list[str]:
        folded = [[cell] if len(cell) <= w and "\n" not in cell and "\t" not in cell else _lines(cell, w)
                  for cell, w in zip(cells, widths)]  # most cells fit: textwrap only for those that do not
        height = max(len(lines) for lines in folded)
        padded = [[line.ljust(w) for line in lines] + [" " * w] * (height - len(lines))
                  for lines, w in zip(folded, widths)]
        inner = f" {edge} "
        return [f"{edge} {inner.join(parts)} {edge}" for parts in zip(*padded)]
    total = sum(widths) + 3 * len(widths) + 1
    out = [title.center(total).rstrip()] if title else []
    out += [rule("┏", "━", "┳", "┓"), *block(columns, "┃"), rule("┡", "━", "╇", "┩")]
    for number, row in enumerate(rows):
        if number:
            out.append(rule("├", "─", "┼", "┤"))
        out += block(row, "│")
    out.append(rule("└", "─", "┴", "┘"))
    return "\n".join(out)


__all__ = ["fit_widths", "render_grid"]

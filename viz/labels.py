"""Point labels that never overlap: each label tries a few places beside its point and is left out when all of
them collide with a label already placed (the figure says how many were left out).

Labels crowded within a family made the conductivity plot unreadable; thinning is honest where numbering
every point would need a side table longer than the plot.
"""
from __future__ import annotations

from dataclasses import dataclass

OFFSETS = [((4, 2), "left", "bottom"), ((4, -3), "left", "top"), ((-4, 2), "right", "bottom"),
           ((-4, -3), "right", "top"), ((0, 7), "center", "bottom"), ((0, -8), "center", "top")]


@dataclass
class LabelPlacement:
    """Where labels went: their boxes in display pixels, and how many were left out."""

    boxes: list
    omitted: int


def place_labels(figure, axis, points: list[tuple[float, float, str]], fontsize: float = 6) -> LabelPlacement:
    """Annotate each (x, y, text) at the first offset whose box overlaps no placed label; skip it otherwise."""
    if not hasattr(figure.canvas, "get_renderer"):  # a bare Figure: measure text with the Agg renderer
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(figure)
    renderer = figure.canvas.get_renderer()
    boxes: list = []
    omitted = 0
    for x, y, text in points:
        for (dx, dy), horizontal, vertical in OFFSETS:
            label = axis.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                                  ha=horizontal, va=vertical)
            box = label.get_window_extent(renderer).expanded(1.04, 1.1)
            if not any(box.overlaps(other) for other in boxes):
                boxes.append(box)
                break
            label.remove()
        else:
            omitted += 1
    return LabelPlacement(boxes, omitted)

"""The pictures of the web pages, drawn on the server as inline SVG: pure geometry, no I/O.

Each function takes figures and returns where every shape goes (in the SVG's own units; the picture
scales with its viewBox) and the template (`_charts.html`) draws it. Words come from the page, in its
language; the figures always stand in a table beside the picture, which is the data a screen reader
reads (the SVG itself is one image with a title and a description).
"""
from dataclasses import dataclass

# heat map: a cell's side, the room left of the grid (likelihood) and under it (consequence)
CELL, AXIS = 48, 40
# columns and bars: the plot's height, a column's width and the gap between columns
PLOT_HEIGHT, COLUMN, GAP, LEFT, BOTTOM, TOP = 180, 26, 10, 40, 28, 16
BAR_WIDTH, BAR_HEIGHT, BAR_ROW, LABEL_ROOM = 480, 18, 46, 20
LABEL_CHARS = 48  # longer names are cut in the picture; the table beside it has them whole


def nice_maximum(value: float) -> float:
    """The top of an axis: the smallest 1, 2, 5 or 10 times a power of ten at or above `value` (1 for none)."""
    if value <= 0:
        return 1
    step = 1
    while step * 10 <= value:
        step *= 10
    while step > value:  # a fraction (a share below 1)
        step /= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10


def ticks(maximum: float, count: int = 4) -> list[float]:
    """Evenly spaced values from 0 to the axis' top, whole numbers where the top allows."""
    values = [maximum * i / count for i in range(count + 1)]
    return [int(v) if float(v).is_integer() else round(v, 2) for v in values]


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    consequence: int
    level: str
    count: int
    x: int
    y: int


def heat_map(cells: list[list[str]], counts: list[list[int]]) -> dict:
    """The risk matrix as a grid: likelihood 1..n from the bottom up, consequence 1..m from left to right,
    as a matrix is printed (Oslo kommune's criteria); each cell with its level (its colour) and count."""
    rows, columns = len(cells), len(cells[0]) if cells else 0
    placed = [HeatCell(likelihood=row + 1, consequence=column + 1, level=cells[row][column],
                       count=counts[row][column] if row < len(counts) and column < len(counts[row]) else 0,
                       x=AXIS + column * CELL, y=(rows - 1 - row) * CELL)
              for row in range(rows) for column in range(columns)]
    return {"width": AXIS + columns * CELL, "height": rows * CELL + AXIS, "cell": CELL, "cells": placed,
            "row_labels": [{"value": row + 1, "x": AXIS - 8, "y": (rows - 1 - row) * CELL + CELL / 2}
                           for row in range(rows)],
            "column_labels": [{"value": column + 1, "x": AXIS + column * CELL + CELL / 2, "y": rows * CELL + 16}
                              for column in range(columns)],
            "x_title": {"x": AXIS + columns * CELL / 2, "y": rows * CELL + AXIS - 4},
            "y_title": {"x": 12, "y": rows * CELL / 2},
            "total": sum(cell.count for cell in placed)}


def stacked_columns(labels: list[str], series: list[tuple[str, list[int]]]) -> dict:
    """One column per label (a month), stacked from the bottom by series (a kind) in the order given."""
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    top = nice_maximum(max(totals, default=0))
    scale = PLOT_HEIGHT / top
    columns = []
    for i, label in enumerate(labels):
        x = LEFT + GAP + i * (COLUMN + GAP)
        base = TOP + PLOT_HEIGHT
        segments = []
        for name, values in series:
            height = values[i] * scale
            if values[i]:
                segments.append({"series": name, "value": values[i], "y": base - height, "height": height})
            base -= height
        columns.append({"label": label, "x": x, "label_x": x + COLUMN / 2, "total": totals[i],
                        "total_y": base - 4, "segments": segments})
    return {"width": LEFT + GAP + len(labels) * (COLUMN + GAP), "height": TOP + PLOT_HEIGHT + BOTTOM,
            "column": COLUMN, "left": LEFT, "baseline": TOP + PLOT_HEIGHT, "label_y": TOP + PLOT_HEIGHT + 18,
            "columns": columns, "ticks": [{"value": v, "y": TOP + PLOT_HEIGHT - v * scale} for v in ticks(top)],
            "right": LEFT + GAP + len(labels) * (COLUMN + GAP)}


def bars(rows: list[tuple[str, float | None]], maximum: float | None = None,
         marks: list[float | None] | None = None) -> dict:
    """Horizontal bars, one row each with its name above it: a value (None: nothing to count, no bar)
    against `maximum` (100 for a rate in per cent; otherwise the largest value's nice top), and an
    optional mark per row (a campaign's target)."""
    top = maximum or nice_maximum(max((value or 0 for _, value in rows), default=0))
    scale = BAR_WIDTH / top
    placed = []
    for i, (label, value) in enumerate(rows):
        y = i * BAR_ROW + LABEL_ROOM
        mark = (marks or [None] * len(rows))[i]
        length = min(value, top) * scale if value else 0
        placed.append({"label": short(label), "value": value, "label_y": y - 6, "y": y, "length": length,
                       "value_x": length + 6, "mark_x": None if mark is None else min(mark, top) * scale})
    return {"width": BAR_WIDTH + 60, "height": len(rows) * BAR_ROW + 4, "bar": BAR_HEIGHT, "bars": placed,
            "maximum": top}

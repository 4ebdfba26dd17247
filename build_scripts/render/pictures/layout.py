"""Laying out boxes and labelled links on a grid, without overlaps.

The algorithm (measured in benchmarks/pictures.py):

1. Place: each box gets a cell of a grid of `columns` columns. A local search swaps
   boxes between cells while that lowers the cost: links crossing (the most costly),
   links running over another box, long links, and on a narrow drawing links running
   sideways (their labels need the width a phone does not have). It starts from the
   most connected box in the middle and its neighbours around it: the same result in
   every build, whatever order the notes are in.
2. Size: the gaps between columns and rows are as wide as the labels that go there.
3. Route: a link is a straight line between the boxes' borders, or a curve bent to one
   side where the line would run over another box or cross a link already routed.
4. Label: each label goes on its link where it overlaps no box, no other label and no
   other link; the link's own line is cut around it. Where one does not fit, the rows
   move apart and the links are routed and labelled again.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from build_scripts.render.pictures import geometry
from build_scripts.render.pictures.geometry import Point, Rect

PAD = 6.0  # the least room between a label and anything else
LINE = 16.0  # the least length of a link visible on either side of its label
LEAST = 36.0  # the least gap between two boxes


@dataclass(frozen=True)
class Edge:
    a: int  # the boxes it links, by index
    b: int
    label: tuple[float, float]  # the label's width and height
    spread: float = 2.0  # how far its lines reach either side of its route


@dataclass
class Placement:
    boxes: list[Rect]
    routes: list[list[Point]]
    labels: list[Rect]
    height: float
    width: float
    unplaced: list[int] = field(default_factory=list)  # links whose label found no free place
    crossings: int = 0  # links crossing links
    hits: int = 0  # links running over a box
    cells: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return len(self.unplaced)


def _cost(cells: dict[int, tuple[int, int]], edges: list[Edge], narrow: bool) -> float:
    cost = 0.0
    segments = []
    for edge in edges:
        (c1, r1), (c2, r2) = cells[edge.a], cells[edge.b]
        a, b = (float(c1), float(r1)), (float(c2), float(r2))
        segments.append((edge, a, b))
        cost += math.dist(a, b) + (2.0 * abs(c1 - c2) if narrow else 0.0)
        for other, (c, r) in cells.items():
            if other not in (edge.a, edge.b) and _near_segment((c, r), a, b) < 0.45:
                cost += 12
    for (e1, a1, b1), (e2, a2, b2) in itertools.combinations(segments, 2):
        if {e1.a, e1.b} & {e2.a, e2.b}:
            continue
        if geometry.segments_cross(a1, b1, a2, b2):
            cost += 20
    return cost


def _near_segment(point: tuple[float, float], a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def place(count: int, edges: list[Edge], columns: int, narrow: bool) -> dict[int, tuple[int, int]]:
    """Each box's (column, row): few crossings, short links, no link over a box."""
    columns = max(1, min(columns, count))
    rows = math.ceil(count / columns)
    cells_free = [(c, r) for r in range(rows) for c in range(columns)]
    middle = ((columns - 1) / 2, (rows - 1) / 2)
    cells_free.sort(key=lambda cell: (math.dist(cell, middle), cell[1], cell[0]))
    degree = [0] * count
    neighbours: list[list[int]] = [[] for _ in range(count)]
    for edge in edges:
        degree[edge.a] += 1
        degree[edge.b] += 1
        neighbours[edge.a].append(edge.b)
        neighbours[edge.b].append(edge.a)
    # Breadth first from the most connected box: neighbours get the cells nearest the middle.
    order: list[int] = []
    for start in sorted(range(count), key=lambda box: (-degree[box], box)):
        queue = [start]
        while queue:
            box = queue.pop(0)
            if box in order:
                continue
            order.append(box)
            queue += sorted(neighbours[box], key=lambda other: (-degree[other], other))
    cells = {box: cells_free[index] for index, box in enumerate(order)}
    every = [(c, r) for r in range(rows) for c in range(columns)]
    best = _cost(cells, edges, narrow)
    improved = True
    while improved:
        improved = False
        for box in range(count):
            for cell in every:
                if cell == cells[box]:
                    continue
                other = next((o for o, place_ in cells.items() if place_ == cell), None)
                trial = dict(cells)
                trial[box] = cell
                if other is not None:
                    trial[other] = cells[box]
                cost = _cost(trial, edges, narrow)
                if cost < best - 1e-9:
                    cells, best, improved = trial, cost, True
    # Rows left empty by the search are dropped.
    used = sorted({row for _, row in cells.values()})
    return {box: (column, used.index(row)) for box, (column, row) in cells.items()}


def arrange(sizes: Callable[[int, float], float], count: int, edges: list[Edge], *, width: float,
            columns: int, narrow: bool, widest: float, narrowest: float) -> Placement:
    """Boxes (their heights from `sizes(box, box_width)`) and links laid out in `width`."""
    cells = place(count, edges, columns, narrow)
    columns = max(column for column, _ in cells.values()) + 1
    rows = max(row for _, row in cells.values()) + 1
    col_gaps = [0.0] * max(columns - 1, 0)
    row_gaps = [0.0] * max(rows - 1, 0)
    for edge in edges:
        (c1, r1), (c2, r2) = cells[edge.a], cells[edge.b]
        for gap in range(min(c1, c2), max(c1, c2)):
            col_gaps[gap] = max(col_gaps[gap], edge.label[0] + 2 * PAD)
        for gap in range(min(r1, r2), max(r1, r2)):
            row_gaps[gap] = max(row_gaps[gap], edge.label[1] + 2 * PAD)
    col_gaps = [max(gap + 2 * LINE, LEAST) for gap in col_gaps]
    room = width - 2 * PAD
    box_width = min(widest, (room - sum(col_gaps)) / columns)
    if box_width < narrowest:  # the labels would squeeze the boxes: they get less room
        box_width = min(narrowest, room / columns)
        spare = room - box_width * columns
        total = sum(col_gaps) or 1
        col_gaps = [spare * gap / total for gap in col_gaps]
    spare = room - box_width * columns - sum(col_gaps)
    col_gaps = [gap + spare / len(col_gaps) for gap in col_gaps] if col_gaps else []
    heights = [sizes(box, box_width) for box in range(count)]
    row_heights = [max((heights[box] for box, (_, row) in cells.items() if row == r), default=0)
                   for r in range(rows)]
    row_gaps = [max(gap + 2 * LINE, LEAST) for gap in row_gaps]
    best: Placement | None = None
    for attempt in range(4):
        placement = _route_and_label(cells, heights, edges, box_width, col_gaps, row_gaps, row_heights,
                                     width)
        placement.cells = cells
        if best is None or placement.failed < best.failed:
            best = placement
        if placement.failed == 0:
            break
        # Room for the labels that did not fit: the rows move apart.
        row_gaps = [gap * 1.35 + 12 for gap in row_gaps]
        if not row_gaps:
            row_heights = [height + 24 * (attempt + 1) for height in row_heights]
    assert best is not None
    return best


def _route_and_label(cells: dict[int, tuple[int, int]], heights: list[float], edges: list[Edge],
                     box_width: float, col_gaps: list[float], row_gaps: list[float],
                     row_heights: list[float], width: float) -> Placement:
    xs = [PAD + column * box_width + sum(col_gaps[:column]) for column in range(len(col_gaps) + 1)]
    ys = [PAD + sum(row_heights[:row]) + sum(row_gaps[:row]) for row in range(len(row_heights))]
    boxes = []
    for box in range(len(heights)):
        column, row = cells[box]
        boxes.append(Rect(xs[column], ys[row] + (row_heights[row] - heights[box]) / 2, box_width,
                          heights[box]))
    height = ys[-1] + row_heights[-1] + PAD
    routes: list[list[Point]] = []
    for edge in edges:
        routes.append(_route(edge, boxes, routes, width, height))
    labels: list[Rect] = []
    unplaced = []
    for index, edge in enumerate(edges):
        found = _label(index, edges, routes, boxes, labels, width, height)
        if found is None:
            unplaced.append(index)
            centre, _ = geometry.point_at(routes[index], 0.5)
            found = Rect(centre[0] - edge.label[0] / 2, centre[1] - edge.label[1] / 2, *edge.label)
        labels.append(found)
    crossed = sum(geometry.crossings(first, second) for first, second in itertools.combinations(routes, 2))
    hits = sum(geometry.polyline_hits_rect(route, box.grown(-1))
               for route, edge in zip(routes, edges, strict=True)
               for index, box in enumerate(boxes) if index not in (edge.a, edge.b))
    return Placement(boxes, routes, labels, height, width, unplaced, crossed, hits)


def best(sizes: Callable[[int, float], float], count: int, edges: list[Edge], *, width: float,
         columns: tuple[int, ...], narrow: bool, widest: float, narrowest: float) -> Placement:
    """The best of the layouts in so many columns: every label placed, fewest crossings, lowest."""
    found = [arrange(sizes, count, edges, width=width, columns=number, narrow=narrow, widest=widest,
                     narrowest=narrowest) for number in columns]
    return min(found, key=lambda placement: (placement.failed, placement.hits, placement.crossings,
                                             placement.height))


def _route(edge: Edge, boxes: list[Rect], routed: list[list[Point]], width: float,
           height: float) -> list[Point]:
    first, second = boxes[edge.a], boxes[edge.b]
    best: tuple[float, list[Point]] | None = None
    span = math.dist(first.centre, second.centre)
    for bend in (0.0, 0.18, -0.18, 0.32, -0.32, 0.5, -0.5, 0.7, -0.7):
        (x1, y1), (x2, y2) = first.centre, second.centre
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        nx, ny = -(y2 - y1) / (span or 1), (x2 - x1) / (span or 1)
        control = (mx + nx * bend * span, my + ny * bend * span)
        start = first.border_towards(control)
        end = second.border_towards(control)
        points = [start, end] if bend == 0 else geometry.quadratic(start, control, end)
        cost = abs(bend) * 4
        for index, other in enumerate(boxes):
            if index not in (edge.a, edge.b) \
                    and geometry.polyline_hits_rect(points, other.grown(PAD + edge.spread)):
                cost += 100
        cost += 10 * sum(geometry.crossings(points, other) for other in routed)
        if any(not (0 <= x <= width and 0 <= y <= height) for x, y in points):
            cost += 50
        if best is None or cost < best[0]:
            best = (cost, points)
    assert best is not None
    return best[1]


def _label(index: int, edges: list[Edge], routes: list[list[Point]], boxes: list[Rect], labels: list[Rect],
           width: float, height: float) -> Rect | None:
    edge = edges[index]
    w, h = edge.label
    route = routes[index]
    # Nearest the middle first; on the line (which is then cut around it), or beside it.
    fractions = sorted((step / 40 for step in range(4, 37)), key=lambda fraction: abs(fraction - 0.5))
    for fraction in fractions:
        (x, y), (dx, dy) = geometry.point_at(route, fraction)
        for shift in (0.0, 1.0, -1.0, 2.0, -2.0):
            away = abs(dy) * w / 2 + abs(dx) * h / 2 + PAD + edge.spread
            sx, sy = -dy * shift * away, dx * shift * away
            rect = Rect(x + sx - w / 2, y + sy - h / 2, w, h)
            if rect.x < 0 or rect.y < 0 or rect.right > width or rect.bottom > height:
                continue
            room = rect.grown(PAD / 2)
            if any(room.overlaps(box) for box in boxes) or any(room.overlaps(other) for other in labels):
                continue
            if any(geometry.polyline_hits_rect(other, room.grown(edges[number].spread))
                   for number, other in enumerate(routes) if number != index):
                continue
            if shift and geometry.polyline_hits_rect(route, room.grown(edge.spread)):
                continue
            return rect
    return None

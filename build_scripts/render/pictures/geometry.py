"""Plane geometry for laying out pictures: rectangles, segments and polylines."""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> Point:
        return self.x + self.w / 2, self.y + self.h / 2

    def grown(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom \
            and other.y < self.bottom

    def contains(self, point: Point) -> bool:
        return self.x <= point[0] <= self.right and self.y <= point[1] <= self.bottom

    def border_towards(self, point: Point) -> Point:
        """Where the line from the centre to `point` leaves the rectangle."""
        cx, cy = self.centre
        dx, dy = point[0] - cx, point[1] - cy
        if dx == 0 and dy == 0:
            return cx, cy
        scale = min(self.w / 2 / abs(dx) if dx else math.inf, self.h / 2 / abs(dy) if dy else math.inf)
        return cx + dx * scale, cy + dy * scale


def _orientation(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True when segment ab properly crosses segment cd."""
    d1, d2 = _orientation(c, d, a), _orientation(c, d, b)
    d3, d4 = _orientation(a, b, c), _orientation(a, b, d)
    return ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 * d2 != 0 and d3 * d4 != 0


def segment_hits_rect(a: Point, b: Point, rect: Rect) -> bool:
    """True when segment ab runs through (or inside) the rectangle (Liang-Barsky clipping)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    sides = ((-dx, a[0] - rect.x), (dx, rect.right - a[0]), (-dy, a[1] - rect.y), (dy, rect.bottom - a[1]))
    for p, q in sides:
        if p == 0:
            if q < 0:
                return False
            continue
        ratio = q / p
        if p < 0:
            if ratio > high:
                return False
            low = max(low, ratio)
        else:
            if ratio < low:
                return False
            high = min(high, ratio)
    return True


def _bounds(points: list[Point]) -> Rect:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def polyline_hits_rect(points: list[Point], rect: Rect) -> bool:
    if not _bounds(points).grown(0.01).overlaps(rect):
        return False
    return any(segment_hits_rect(points[i], points[i + 1], rect) for i in range(len(points) - 1))


def crossings(first: list[Point], second: list[Point]) -> int:
    if not _bounds(first).grown(0.01).overlaps(_bounds(second).grown(0.01)):
        return 0
    return sum(segments_cross(first[i], first[i + 1], second[j], second[j + 1])
               for i in range(len(first) - 1) for j in range(len(second) - 1))


def quadratic(start: Point, control: Point, end: Point, steps: int = 16) -> list[Point]:
    """A quadratic Bézier curve as a polyline."""
    return [((1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t ** 2 * end[0],
             (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t ** 2 * end[1])
            for t in (step / steps for step in range(steps + 1))]


def length(points: list[Point]) -> float:
    return sum(math.dist(points[i], points[i + 1]) for i in range(len(points) - 1))


def point_at(points: list[Point], fraction: float) -> tuple[Point, Point]:
    """The point a `fraction` of the way along, and the unit direction there."""
    goal = length(points) * fraction
    for i in range(len(points) - 1):
        step = math.dist(points[i], points[i + 1])
        if goal <= step or i == len(points) - 2:
            t = goal / step if step else 0
            (x1, y1), (x2, y2) = points[i], points[i + 1]
            direction = ((x2 - x1) / (step or 1), (y2 - y1) / (step or 1))
            return (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t), direction
        goal -= step
    return points[-1], (1.0, 0.0)


def offset(points: list[Point], distance: float) -> list[Point]:
    """The polyline moved sideways by `distance` (to the right of its direction)."""
    moved = []
    for i, (x, y) in enumerate(points):
        a, b = points[max(i - 1, 0)], points[min(i + 1, len(points) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        norm = math.hypot(dx, dy) or 1
        moved.append((x - dy / norm * distance, y + dx / norm * distance))
    return moved


def trim(points: list[Point], start: float, end: float) -> list[Point]:
    """The polyline without its first `start` and last `end` units."""
    total = length(points)
    if total <= start + end:
        return points
    kept, walked = [], 0.0
    for i in range(len(points) - 1):
        a, b = points[i], points[i + 1]
        step = math.dist(a, b)
        lo, hi = walked, walked + step
        if hi >= start and lo <= total - end and step:
            t0 = max(0.0, (start - lo) / step)
            t1 = min(1.0, (total - end - lo) / step)
            p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
            p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
            if not kept:
                kept.append(p0)
            kept.append(p1)
        walked = hi
    return kept


def cut(points: list[Point], holes: list[Rect], steps: float = 2.0) -> list[list[Point]]:
    """The pieces of a polyline outside every rectangle in `holes` (a label on its own line)."""
    dense: list[Point] = [points[0]]
    for i in range(len(points) - 1):
        a, b = points[i], points[i + 1]
        count = max(1, int(math.dist(a, b) / steps))
        dense += [(a[0] + (b[0] - a[0]) * k / count, a[1] + (b[1] - a[1]) * k / count)
                  for k in range(1, count + 1)]
    pieces: list[list[Point]] = [[]]
    for point in dense:
        if any(hole.contains(point) for hole in holes):
            if pieces[-1]:
                pieces.append([])
        else:
            pieces[-1].append(point)
    return [_simplify(piece) for piece in pieces if len(piece) > 1]


def _simplify(points: list[Point]) -> list[Point]:
    """Drop points on a straight run (the dense points `cut` made)."""
    kept = [points[0]]
    for i in range(1, len(points) - 1):
        if abs(_orientation(kept[-1], points[i], points[i + 1])) > 0.5:
            kept.append(points[i])
    kept.append(points[-1])
    return kept


def path(points: list[Point]) -> str:
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def area(ring: list[Point]) -> float:
    """The signed area of a polygon (shoelace)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def centroid(ring: list[Point]) -> Point:
    surface = area(ring)
    if abs(surface) < 1e-6:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        product = x1 * y2 - x2 * y1
        cx, cy = cx + (x1 + x2) * product, cy + (y1 + y2) * product
    return cx / (6 * surface), cy / (6 * surface)


def inside(point: Point, rings: list[list[Point]]) -> bool:
    """True when `point` lies inside the shape of `rings` (even-odd: holes are outside)."""
    x, y = point
    count = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                count = not count
    return count


class Shape:
    """Rings (a country in view), with each ring's bounds kept for quick tests."""

    def __init__(self, rings: list[list[Point]]) -> None:
        self.rings = rings
        self.bounds = [_bounds(ring) for ring in rings]

    def outline_hits(self, rect: Rect) -> bool:
        """True when an edge of one of the rings runs through the rectangle."""
        for ring, bounds in zip(self.rings, self.bounds, strict=True):
            if not bounds.grown(0.01).overlaps(rect):
                continue
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                if max(a[0], b[0]) >= rect.x and min(a[0], b[0]) <= rect.right \
                        and max(a[1], b[1]) >= rect.y and min(a[1], b[1]) <= rect.bottom \
                        and segment_hits_rect(a, b, rect):
                    return True
        return False

    def holds(self, rect: Rect) -> bool:
        """True when the whole rectangle lies inside: no edge crosses it, and its centre is in."""
        return not self.outline_hits(rect) and inside(rect.centre, self.rings)

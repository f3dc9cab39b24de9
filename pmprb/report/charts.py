"""Chart geometry for the report's SVG: coordinates only. The templates draw the SVG, so every label
still goes through Jinja's autoescaping."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field


@dataclass(slots=True)
class Bar:
    y: float
    lines: list[str]  # the label, wrapped
    width: float
    value: str  # printed beside the bar
    band: int  # how many threshold lines the bar reaches (colours the bar)


@dataclass(slots=True)
class Guide:
    x: float
    label: str


@dataclass(slots=True)
class BarChart:
    width: float
    height: float
    left: float  # where bars start
    scale: float  # px per percent
    row: float
    bars: list[Bar]
    guides: list[Guide]
    ticks: list[Guide]


@dataclass(slots=True)
class Spoke:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label: str


@dataclass(slots=True)
class Radar:
    size: float
    center: float
    spokes: list[Spoke]
    rings: list[str]  # polygon points at 25/50/75/100 %
    guides: list[tuple[str, str]]  # (points, label) at threshold percents
    shape: str  # the unit's polygon
    points: list[tuple[float, float]] = field(default_factory=list)


def bar_chart(
    items: list[tuple[str, float, str]],
    guides: list[tuple[float, str]],
    width: float = 640,
    label_width: float = 240,
) -> BarChart:
    """Horizontal bars of % of weight (0..100) with threshold lines; items: (label, percent, value text)."""
    row = 30.0
    top = 18.0
    plot = width - label_width - 70
    scale = plot / 100
    bars = []
    for i, (label, percent, text) in enumerate(items):
        lines = textwrap.wrap(label, 42)[:2] or [""]
        band = sum(1 for g, _ in guides if percent >= g)
        bars.append(Bar(top + i * row, lines, round(max(0.0, min(percent, 100.0)) * scale, 1), text, band))
    height = top + len(items) * row + 18
    return BarChart(
        width=width,
        height=height,
        left=label_width,
        scale=scale,
        row=row,
        bars=bars,
        guides=[Guide(round(label_width + p * scale, 1), text) for p, text in guides],
        ticks=[Guide(round(label_width + p * scale, 1), str(p)) for p in (0, 25, 50, 75, 100)],
    )


def radar(items: list[tuple[str, float]], guides: list[tuple[float, str]], size: float = 300) -> Radar | None:
    """A radar of % of weight; None where it would not read well (fewer than 3 or more than 12 axes)."""
    n = len(items)
    if not 3 <= n <= 12:
        return None
    center = size / 2
    radius = size / 2 - 34

    def point(i: int, percent: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(percent, 100.0)) / 100
        return round(center + r * math.cos(angle), 1), round(center + r * math.sin(angle), 1)

    def polygon(percent: float) -> str:
        return " ".join(f"{x},{y}" for x, y in (point(i, percent) for i in range(n)))

    spokes = []
    for i, (label, _) in enumerate(items):
        x, y = point(i, 100)
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx = round(center + (radius + 16) * math.cos(angle), 1)
        ly = round(center + (radius + 16) * math.sin(angle) + 4, 1)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        spokes.append(Spoke(x, y, lx, ly, anchor, label))
    points = [point(i, p) for i, (_, p) in enumerate(items)]
    return Radar(
        size=size,
        center=center,
        spokes=spokes,
        rings=[polygon(p) for p in (25, 50, 75, 100)],
        guides=[(polygon(p), text) for p, text in guides],
        shape=" ".join(f"{x},{y}" for x, y in points),
        points=points,
    )

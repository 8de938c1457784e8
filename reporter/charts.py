"""Chart geometry: numbers in, shapes out. Templates draw the SVG elements from these shapes.

Everything is in the chart's own user units (its viewBox); nothing here knows about pages. Every chart
carries its title and an alternate text that says what the chart says, numbers included (the PDF's tags
give it to a screen reader in place of the drawing).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Sequence

# Print-safe series colours (distinguishable in greyscale by lightness order as well as hue).
PALETTE = ("#1f4e79", "#c0504d", "#4f9a6b", "#d9a43b", "#7a5ea8", "#3b9fb5", "#8c6d46", "#5c5c5c")


@dataclass(frozen=True)
class Ink:
    """The colours and faces a chart's text and scaffolding are drawn in: the theme's, never fixed in a template."""

    text: str = "#1d2430"
    muted: str = "#5b6470"
    grid: str = "#d0d4da"
    track: str = "#eef1f5"
    light: str = "#ffffff"  # a label on a dark slice, and the line between slices
    font: str = "Inter,Noto Emoji,Noto Sans Symbols 2,Noto Sans Math"  # SVG text takes no CSS variables


INK = Ink()


def luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb, 0 (black) to 1 (white): also how light it prints in grey."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


grey = luminance


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21: body text needs 4.5, large type 3."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def label_colour(fill: str, ink: Ink = INK) -> str:
    """The one of the chart's dark and light text colours that reads better on ``fill``."""
    return max((ink.text, ink.light), key=lambda c: contrast(c, fill))


@dataclass(frozen=True)
class Bar:
    label: str
    label_lines: tuple[tuple[float, str], ...]  # (y, text): long labels wrap instead of running under the bar
    note_y: float
    value_label: str  # e.g. "62%"
    note: str  # e.g. "weight 40%"
    y: float
    height: float
    width: float  # filled part
    full_width: float  # the track (100 %)
    target_x: float | None  # a marker line, e.g. a threshold
    text_y: float
    color: str


@dataclass(frozen=True)
class BarChart:
    title: str
    alt: str  # the title and every bar's label, figure and note
    width: float
    height: float
    label_width: float
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]  # (x, label); empty: no grid
    axis_y: float
    label_size: float  # text sizes in chart units
    note_size: float
    value_size: float
    value_x: float  # where each bar's figure is drawn...
    value_anchor: str  # ...and how it is anchored there ("start" after the track, "end" at the right edge)
    grid_bottom: float  # grid lines run from 0 down to here
    tick_label_y: float
    ink: Ink = INK


def bar_chart(rows: Sequence[tuple[str, float, str]], *, title: str, width: float = 640, bar_height: float = 26,
              gap: float = 16, label_width: float = 210, label_chars: int = 24, line_height: float = 15,
              target: float | None = None, colors: Sequence[str] = PALETTE, font_size: float = 13,
              note_size: float | None = None, value_size: float | None = None, value_width: float = 70,
              value_at_edge: bool = False, grid: bool = True, ink: Ink = INK) -> BarChart:
    """Horizontal bars for fractions 0..1: rows are (label, fraction, note).

    A label longer than ``label_chars`` wraps onto more lines and its row grows to hold them, so
    labels never run under the bars (label_chars suits bold 13-unit text in ``label_width``).
    ``font_size`` is the label text's size in chart units: baselines and row heights follow it; the
    note and the figure default to a little smaller and a little larger. The figure sits just after the
    track, or right-aligned at the chart's edge (``value_at_edge``); ``grid`` draws quarter lines.
    """
    track = width - label_width - value_width
    bars = []
    y = 8.0
    for index, (label, fraction, note) in enumerate(rows):
        fraction = min(max(fraction, 0.0), 1.0)
        lines = textwrap.wrap(label, label_chars, break_long_words=True) or [""]
        height = max(bar_height, line_height * len(lines) + font_size + 1)
        top = y + (height - bar_height) / 2
        label_lines = tuple((y + font_size + line_height * i, text) for i, text in enumerate(lines))
        bars.append(Bar(label=label, label_lines=label_lines, note_y=label_lines[-1][0] + font_size, value_label=f"{round(fraction * 100)}%", note=note,
                        y=top, height=bar_height, width=track * fraction, full_width=track,
                        target_x=None if target is None else label_width + track * target,
                        text_y=top + bar_height * 0.68, color=colors[index % len(colors)]))
        y += height + gap
    ticks = tuple((label_width + track * t, f"{int(t * 100)}%") for t in (0, 0.25, 0.5, 0.75, 1.0)) if grid else ()
    note_size = note_size if note_size is not None else round(font_size * 0.85, 1)
    alt = _alt(title, (f"{bar.label} {bar.value_label}" + (f" ({bar.note})" if bar.note else "") for bar in bars))
    return BarChart(title=title, alt=alt, width=width, height=y + 18 if grid else y, label_width=label_width, bars=tuple(bars),
                    ticks=ticks, axis_y=y + 12, label_size=font_size, note_size=note_size,
                    value_size=value_size if value_size is not None else round(font_size * 1.08, 1),
                    value_x=width if value_at_edge else label_width + track + 8,
                    value_anchor="end" if value_at_edge else "start", grid_bottom=y + 4, tick_label_y=y + 16,
                    ink=ink)


@dataclass(frozen=True)
class Slice:
    label: str
    value_label: str
    path: str  # SVG path data of the wedge
    color: str
    label_x: float  # where the percentage sits, inside the wedge
    label_y: float
    show_label: bool  # too thin a wedge gets its figure only in the legend
    label_color: str = INK.text  # dark or light, whichever reads on the wedge's colour


@dataclass(frozen=True)
class PieChart:
    title: str
    alt: str  # the title and every slice's label and figure
    size: float
    slices: tuple[Slice, ...]
    ink: Ink = INK
    label_size: float = 12  # the figure on each wedge, in chart units


def pie_chart(parts: Sequence[tuple[str, float, str]], *, title: str, size: float = 220,
              colors: Sequence[str] = PALETTE, ink: Ink = INK, label_size: float = 12,
              labels: bool = True) -> PieChart:
    """A pie of (label, value, value_label); starts at 12 o'clock and runs clockwise.

    labels=False: no figures on the wedges (a pie too small for them, whose legend beside it has them).
    """
    total = sum(max(v, 0.0) for _, v, _ in parts)
    radius = size / 2 - 2
    cx = cy = size / 2
    slices = []
    angle = -math.pi / 2
    for index, (label, value, value_label) in enumerate(parts):
        share = max(value, 0.0) / total if total > 0 else 0.0
        sweep = 2 * math.pi * share
        end = angle + sweep
        color = colors[index % len(colors)]
        if share >= 0.9999:
            # A full circle cannot be drawn as one arc: two half arcs.
            path = (f"M {cx:.2f} {cy - radius:.2f} A {radius:.2f} {radius:.2f} 0 1 1 {cx:.2f} {cy + radius:.2f} "
                    f"A {radius:.2f} {radius:.2f} 0 1 1 {cx:.2f} {cy - radius:.2f} Z")
        elif share <= 0:
            path = ""
        else:
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
            large = 1 if sweep > math.pi else 0
            path = (f"M {cx:.2f} {cy:.2f} L {x1:.2f} {y1:.2f} "
                    f"A {radius:.2f} {radius:.2f} 0 {large} 1 {x2:.2f} {y2:.2f} Z")
        middle = angle + sweep / 2
        slices.append(Slice(label=label, value_label=value_label, path=path, color=color,
                            label_x=cx + radius * 0.62 * math.cos(middle),
                            label_y=cy + radius * 0.62 * math.sin(middle) + label_size / 3,
                            show_label=labels and share >= 0.07, label_color=label_colour(color, ink)))
        angle = end
    alt = _alt(title, (f"{part.label} {part.value_label}" for part in slices))
    return PieChart(title=title, alt=alt, size=size, slices=tuple(slices), ink=ink, label_size=label_size)


@dataclass(frozen=True)
class Meter:
    """One horizontal bar on a 0..1 scale: a track and its filled part, in the meter's own units."""

    alt: str  # what it measures and the figure, e.g. "Leadership Excellence: weight 30%"
    width: float
    height: float
    filled: float
    color: str
    track: str = INK.track

    @property
    def unfilled(self) -> float:
        """The track's length beyond the filled part, in the meter's units."""
        return round(self.width - self.filled, 2)


def meter(fraction: float, *, alt: str, width: float = 100, height: float = 8, color: str = PALETTE[0],
          ink: Ink = INK) -> Meter:
    fraction = min(max(fraction, 0.0), 1.0)
    return Meter(alt=alt, width=width, height=height, filled=round(width * fraction, 2), color=color,
                 track=ink.track)


def _alt(title: str, parts) -> str:
    """"Title: part, part, …": one sentence a screen reader reads in place of the chart."""
    listed = ", ".join(parts)
    return f"{title}: {listed}" if listed else title


@dataclass(frozen=True)
class PairedBar:
    label_lines: tuple[tuple[float, str], ...]  # (y, text)
    then_y: float
    now_y: float
    then_width: float
    now_width: float
    value_label: str  # e.g. "62% → 71%"
    change_label: str  # e.g. "+9 pts"
    value_y: float  # baseline of value_label; change_label sits one line below
    change_y: float


@dataclass(frozen=True)
class PairedBarChart:
    """Two bars per row, then and now, on one 0..100 % track; a legend row on top."""

    width: float
    height: float
    label_width: float
    track: float
    bar_height: float
    bars: tuple[PairedBar, ...]
    label_size: float
    value_size: float
    value_x: float
    legend_y: float  # baseline of the legend's words
    legend_top: float  # top of its swatches
    legend: tuple[tuple[float, float, str, str], ...]  # (swatch x, text x, colour, text)
    swatch: float
    then_color: str
    now_color: str
    alt: str  # the title and every row's then and now figures, for the PDF's tags


def paired_bar_chart(rows: Sequence[tuple[str, float, float]], *, then_label: str, now_label: str,
                     title: str = "Readiness by framework area, then and now",
                     width: float = 640, bar_height: float = 11, pair_gap: float = 2, row_gap: float = 12,
                     label_width: float = 200, label_chars: int = 24, line_height: float = 15,
                     font_size: float = 13, value_size: float | None = None, value_width: float = 130,
                     one_line: bool = False, then_color: str = "#9aa3ad",
                     now_color: str = PALETTE[0]) -> PairedBarChart:
    """Rows of (label, then, now), fractions 0..1: a lighter bar for then above a coloured one for now.

    The figures ("62% → 71%", and the change in points below it, or beside it with ``one_line``) sit
    right-aligned at the chart's edge.
    """
    value_size = value_size if value_size is not None else round(font_size * 0.92, 1)
    track = width - label_width - value_width
    swatch = font_size * 0.8
    legend_y = max(font_size, value_size)
    # The second entry starts after the first one's words (their width estimated at 0.6 em a character).
    # It starts over the bars, or at the left edge when it would not fit there.
    def entry_width(words: str) -> float:
        return swatch * 1.4 + len(words) * value_size * 0.6

    start = label_width
    if start + entry_width(then_label) + swatch * 2 + entry_width(now_label) > width:
        start = 0.0
    second = start + entry_width(then_label) + swatch * 2
    legend = tuple((round(x, 2), round(x + swatch * 1.4, 2), color, words)
                   for x, color, words in ((start, then_color, then_label), (second, now_color, now_label)))
    y = legend_y * 2
    bars = []
    for label, then, now in rows:
        then, now = min(max(then, 0.0), 1.0), min(max(now, 0.0), 1.0)
        lines = textwrap.wrap(label, label_chars, break_long_words=True) or [""]
        pair = bar_height * 2 + pair_gap
        height = max(pair, line_height * (len(lines) - 1) + font_size * 1.2,
                     value_size * 1.3 if one_line else value_size * 2.3)
        top = y + (height - pair) / 2
        first_line = y + (height - line_height * (len(lines) - 1)) / 2 + font_size * 0.35
        change = round(now * 100) - round(then * 100)
        if one_line:
            change_words = f"{change:+d}" if change else "±0"
        else:
            change_words = f"{change:+d} pts" if change else "no change"
        middle = top + pair / 2
        bars.append(PairedBar(
            label_lines=tuple((first_line + line_height * i, text) for i, text in enumerate(lines)),
            then_y=top, now_y=top + bar_height + pair_gap,
            then_width=round(track * then, 2), now_width=round(track * now, 2),
            value_label=f"{round(then * 100)}% → {round(now * 100)}%" + (f" ({change_words})" if one_line else ""),
            change_label="" if one_line else change_words,
            value_y=round(middle + value_size * 0.35 if one_line else middle - 1, 2),
            change_y=round(middle - 1 + value_size, 2)))
        y += height + row_gap
    return PairedBarChart(width=width, height=y, label_width=label_width, track=track, bar_height=bar_height,
                          bars=tuple(bars), label_size=font_size, value_size=value_size,
                          value_x=width, legend_y=legend_y, legend_top=legend_y - swatch, legend=legend, swatch=swatch,
                          then_color=then_color, now_color=now_color,
                          alt=_alt(f"{title} ({then_label} → {now_label})",
                                   (f"{label} {bar.value_label}" + (f" ({bar.change_label})" if bar.change_label else "")
                                    for (label, _, _), bar in zip(rows, bars))))

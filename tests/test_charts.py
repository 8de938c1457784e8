import math
import re

from reporter.charts import bar_chart, meter, pie_chart


def test_bars_scale_with_fractions_and_clamp():
    chart = bar_chart([("A", 0.5, ""), ("B", 1.2, ""), ("C", -1, "")], title="T", width=600, label_width=200)
    track = chart.bars[0].full_width
    assert chart.bars[0].width == track / 2
    assert chart.bars[1].width == track and chart.bars[1].value_label == "100%"
    assert chart.bars[2].width == 0 and chart.bars[2].value_label == "0%"
    # Bars never overlap and stay inside the chart.
    for upper, lower in zip(chart.bars, chart.bars[1:]):
        assert upper.y + upper.height < lower.y
    assert chart.bars[-1].y + chart.bars[-1].height < chart.height


def _arc_angles(path):
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d+", path)]
    return numbers


def test_pie_slices_follow_values_and_close_the_circle():
    chart = pie_chart([("a", 35, ""), ("b", 30, ""), ("c", 25, ""), ("d", 10, "")], title="T", size=200)
    assert len(chart.slices) == 4
    # The last wedge ends where the first began (12 o'clock).
    last = _arc_angles(chart.slices[-1].path)
    assert math.isclose(last[-2], 100, abs_tol=0.01) and math.isclose(last[-1], 2, abs_tol=0.01)
    # Large-arc flag only for wedges over half the pie.
    assert " 0 0 1 " in chart.slices[0].path
    big = pie_chart([("a", 70, ""), ("b", 30, "")], title="T")
    assert " 0 1 1 " in big.slices[0].path


def test_pie_handles_a_single_full_slice_and_empty_values():
    chart = pie_chart([("all", 10, ""), ("none", 0, "")], title="T")
    assert chart.slices[0].path.count(" A ") == 2
    assert chart.slices[1].path == ""
    assert pie_chart([("x", 0, "")], title="T").slices[0].path == ""


def test_long_labels_wrap_and_the_row_grows_to_hold_them():
    chart = bar_chart([("Leadership & Strategic Impact of an unusually long area name", 0.3, "weight 50%"),
                       ("Short", 0.5, "")], title="T", label_chars=24)
    first, second = chart.bars
    assert len(first.label_lines) == 3 and all(len(text) <= 24 for _, text in first.label_lines)
    # The note sits under the last label line, and the next row starts below both.
    assert first.note_y > first.label_lines[-1][0]
    assert second.label_lines[0][0] > first.note_y


def test_figures_sit_after_the_track_or_at_the_edge_and_the_grid_is_optional():
    after = bar_chart([("A", 0.5, "")], title="T", width=600, label_width=200, value_width=70)
    assert after.value_anchor == "start" and after.value_x == 200 + after.bars[0].full_width + 8
    assert len(after.ticks) == 5 and after.grid_bottom < after.tick_label_y < after.height
    edge = bar_chart([("A", 0.5, "")], title="T", width=720, value_at_edge=True, grid=False, font_size=22, note_size=20,
                     value_size=24)
    assert edge.value_anchor == "end" and edge.value_x == 720 and edge.ticks == ()
    assert (edge.label_size, edge.note_size, edge.value_size) == (22, 20, 24)


def test_alternate_text_says_what_the_chart_says_numbers_included():
    bars = bar_chart([("Leadership Excellence", 0.75, "weight 30%"), ("Coding", 0.5, "")], title="Readiness")
    assert bars.alt == "Readiness: Leadership Excellence 75% (weight 30%), Coding 50%"
    pie = pie_chart([("Coding", 40, "40 h"), ("System design", 0, "0 h")], title="Planned hours")
    assert pie.alt == "Planned hours: Coding 40 h, System design 0 h"
    assert meter(0.3, alt="L6 Leadership Excellence: weight 30%").alt == "L6 Leadership Excellence: weight 30%"
    assert bar_chart([], title="Empty").alt == "Empty"

"""The progress a build shows: elapsed time from the first second, every input in flight."""

from __future__ import annotations

import io

from reporter.progress import Progress, clock_text, in_flight_text


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def last_frame(stream: io.StringIO) -> str:
    return stream.getvalue().split("\r\x1b[K")[-1]


def test_clock_text_reads_as_minutes_and_seconds_with_hours_only_when_needed():
    assert clock_text(0) == "0:00"
    assert clock_text(7.9) == "0:07"
    assert clock_text(750) == "12:30"
    assert clock_text(3723) == "1:02:03"


def test_the_bar_shows_elapsed_time_from_its_first_second_before_anything_finishes():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(3, stream, "bar", clock=clock)
    assert "0/3  0:00" in last_frame(stream)
    progress.started("a.yaml")
    clock.now += 1.2
    progress.tick()
    assert "0/3  0:01" in last_frame(stream)
    frames = stream.getvalue().count("\r\x1b[K")
    clock.now += 0.3  # the same second: nothing is redrawn
    progress.tick()
    assert stream.getvalue().count("\r\x1b[K") == frames


def test_the_bar_names_every_input_being_rendered_and_drops_each_as_it_finishes():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(3, stream, "bar", clock=clock)
    progress.started("clients/ana.yaml")
    progress.started("clients/bo.yaml")
    assert "rendering clients/ana.yaml, clients/bo.yaml" in progress.line(200)
    clock.now += 2
    progress.finished("clients/ana.yaml", "built", 2.0)
    line = progress.line(200)
    assert "rendering clients/bo.yaml" in line and "ana" not in line
    assert "1/3  0:02  ETA" in line


def test_names_that_do_not_fit_are_counted_never_cut():
    names = ["clients/a-long-name.yaml", "clients/b.yaml", "clients/c.yaml"]
    assert in_flight_text(names, 200) == "rendering " + ", ".join(names)
    short = in_flight_text(names, 45)
    assert short == "rendering clients/a-long-name.yaml +2 more"
    assert len(short) <= 45
    assert in_flight_text(names, 20).endswith("+2 more")
    assert in_flight_text([], 80) == ""


def test_the_bar_fits_the_terminal_width():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(40, stream, "bar", clock=clock)
    for number in range(12):
        progress.started(f"clients/candidate-{number:02d}.yaml")
    for columns in (60, 80, 120):
        assert len(progress.line(columns)) <= columns - 1


def test_log_lines_carry_the_elapsed_time():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(2, stream, "lines", clock=clock)
    progress.started("a.yaml")
    clock.now += 65
    progress.finished("a.yaml", "built", 65.0)
    progress.finished("b.yaml", "skipped")
    assert stream.getvalue().splitlines() == ["[1/2] 1:05 built a.yaml (65.00 s)", "[2/2] 1:05 skipped b.yaml"]


def test_quiet_writes_nothing():
    stream = io.StringIO()
    progress = Progress(1, stream, "quiet", clock=FakeClock())
    progress.started("a.yaml")
    progress.tick()
    progress.finished("a.yaml", "built", 1.0)
    progress.close()
    assert stream.getvalue() == ""

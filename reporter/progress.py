"""What a build shows while it runs: a redrawn bar on a terminal, one line per input elsewhere.

The bar shows the time since the build started from its first second (the pool ticks it while
nothing finishes) and every input a worker is rendering at that moment, not just the newest one.
"""

from __future__ import annotations

import shutil
import time
from typing import Callable, TextIO

BAR_WIDTH = 24


def clock_text(seconds: float) -> str:
    """0:07, 12:30, 1:02:03: minutes and seconds, hours only when there are some."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def in_flight_text(sources: list[str], room: int) -> str:
    """As many of the inputs being rendered as fit in ``room`` characters, then how many more."""
    if not sources or room <= 0:
        return ""
    shown: list[str] = []
    for index, source in enumerate(sources):
        rest = len(sources) - index - 1
        more = f" +{rest} more" if rest else ""
        candidate = ", ".join([*shown, source])
        if len("rendering " + candidate + more) <= room:
            shown.append(source)
            continue
        break
    if not shown:  # not even one whole name fits: its end, which tells inputs apart
        first = sources[0]
        more = f" +{len(sources) - 1} more" if len(sources) > 1 else ""
        keep = room - len("rendering …" + more)
        return f"rendering …{first[-keep:]}{more}" if keep > 0 else ""
    rest = len(sources) - len(shown)
    return "rendering " + ", ".join(shown) + (f" +{rest} more" if rest else "")


class Progress:
    """``mode``: 'bar' (terminal), 'lines' (logs, CI) or 'quiet'. ``clock`` is injectable for tests."""

    def __init__(self, total: int, stream: TextIO, mode: str, clock: Callable[[], float] = time.monotonic):
        self.total, self.stream, self.mode, self.clock = total, stream, mode, clock
        self.began = clock()
        self.done = 0
        self.rendered = 0  # inputs that went through a worker: the rate the ETA is measured by
        self.to_render = total
        self.in_flight: dict[str, None] = {}  # ordered: the longest-running input first
        self.first_start: float | None = None
        self._drawn = False
        self._drawn_second = -1
        self._draw()

    def elapsed(self) -> float:
        return self.clock() - self.began

    def started(self, source: str) -> None:
        if self.first_start is None:
            self.first_start = self.clock()
        self.in_flight[source] = None
        self._draw()

    def finished(self, source: str, status: str, seconds: float | None = None) -> None:
        self.done += 1
        self.in_flight.pop(source, None)
        if seconds is None:
            self.to_render -= 1
        else:
            self.rendered += 1
        if self.mode == "lines":
            timing = f" ({seconds:.2f} s)" if seconds is not None else ""
            print(f"[{self.done}/{self.total}] {clock_text(self.elapsed())} {status} {source}{timing}",
                  file=self.stream, flush=True)
        self._draw()

    def tick(self) -> None:
        """Called while the workers are busy: redraw when the elapsed second has changed."""
        if int(self.elapsed()) != self._drawn_second:
            self._draw()

    def eta(self) -> float | None:
        if not self.rendered or self.first_start is None:
            return None
        per_input = (self.clock() - self.first_start) / self.rendered
        return per_input * max(0, self.to_render - self.rendered)

    def line(self, columns: int) -> str:
        """The bar as it is drawn on a terminal ``columns`` wide."""
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        eta = self.eta()
        eta_text = "" if eta is None else f"  ETA {clock_text(eta)}"
        head = (f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total}"
                f"  {clock_text(self.elapsed())}{eta_text}  ")
        return head + in_flight_text(list(self.in_flight), columns - len(head) - 1)

    def _draw(self) -> None:
        if self.mode != "bar" or not self.total:
            return
        self._drawn_second = int(self.elapsed())
        columns = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r\x1b[K" + self.line(columns))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

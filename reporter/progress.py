"""What a build shows while it runs: a redrawn bar on a terminal, one line per input elsewhere."""

from __future__ import annotations

import shutil
import time
from typing import TextIO

BAR_WIDTH = 24


class Progress:
    """``mode``: 'bar' (terminal), 'lines' (logs, CI) or 'quiet'."""

    def __init__(self, total: int, stream: TextIO, mode: str):
        self.total, self.stream, self.mode = total, stream, mode
        self.done = 0
        self.rendered = 0  # inputs that went through a worker: the rate the ETA is measured by
        self.to_render = total
        self.current = ""
        self.first_start: float | None = None
        self._drawn = False

    def started(self, source: str) -> None:
        if self.first_start is None:
            self.first_start = time.monotonic()
        self.current = source
        self._draw()

    def finished(self, source: str, status: str, seconds: float | None = None) -> None:
        self.done += 1
        if seconds is None:
            self.to_render -= 1
        else:
            self.rendered += 1
        if self.mode == "lines":
            timing = f" ({seconds:.2f} s)" if seconds is not None else ""
            print(f"[{self.done}/{self.total}] {status} {source}{timing}", file=self.stream, flush=True)
        self._draw()

    def eta(self) -> float | None:
        if not self.rendered or self.first_start is None:
            return None
        per_input = (time.monotonic() - self.first_start) / self.rendered
        return per_input * max(0, self.to_render - self.rendered)

    def _draw(self) -> None:
        if self.mode != "bar" or not self.total:
            return
        filled = BAR_WIDTH * self.done // self.total
        eta = self.eta()
        eta_text = "" if eta is None else f"  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        head = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total}{eta_text}  "
        room = shutil.get_terminal_size((80, 20)).columns - len(head) - 1
        current = self.current if len(self.current) <= room else "…" + self.current[-max(0, room - 1):]
        self.stream.write("\r\x1b[K" + head + (current if room > 0 else ""))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

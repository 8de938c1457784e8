"""The coach's roster: one row per client, read from the plan.json files of a build, most urgent first.

It never plans or lays out a prep plan: ``collect`` reads OUT/manifest.json (who was built, who
failed and why) and each client's plan.json; ``rows`` and ``order`` are pure. The PDF is a document
kind like the others (documents.ROSTER); the CSV has the same columns as plain values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from . import checkin
from . import manifest as manifests
from .errors import InputError
from .plan import CLOSE_INTERVIEW_DAYS

# Flags: a short word each (a row stays one line, so 200 clients lay out in seconds) and its meaning,
# printed as the key under the table. The planner's warning codes, except "close", which is judged on
# the roster's own day.
FLAG_WORDS = {"close": f"the interview is within {CLOSE_INTERVIEW_DAYS} days",
              "hours": "fewer hours available than the playbook recommends",
              "stories": "fewer stories than the playbook's target",
              "principles": "Leadership Principles without a story",
              "scope": "a story at the wrong scope for the level",
              "passed": "the interview date has passed"}
FLAGS = {"too_few_hours": "hours", "few_stories": "stories", "missing_principles": "principles",
         "story_scope": "scope"}
CLOSE_FLAG = "close"
PASSED_FLAG = "passed"

ORDER_RULE = ("Ordered by urgency: fewest days to the interview first; at equal days, lowest overall readiness "
              "first; then by name. Clients whose interview date has passed come last.")


@dataclass(frozen=True)
class Row:
    name: str
    level: str
    interview_date: dt.date
    days_left: int  # from the roster's day; negative once the interview has passed
    readiness: float  # overall, 0..1
    readiness_points: int
    hours_available: int
    hours_recommended: int
    top_gap: str  # "" when none
    flags: tuple[str, ...]
    trend: str  # "" without a check-in; "+9 pts since 1 Nov 2026", or the check-in's note
    trend_points: int | None

    @property
    def days_shown(self) -> str:
        count = abs(self.days_left)
        words = f"{count} day{'' if count == 1 else 's'}"
        return f"{words} ago" if self.days_left < 0 else ("today" if count == 0 else words)

    @property
    def interview_shown(self) -> str:
        return _short(self.interview_date)

    @property
    def flags_shown(self) -> str:
        return " · ".join(self.flags) or "none"

    @property
    def hours_shown(self) -> str:
        return f"{self.hours_available} of {self.hours_recommended}"


@dataclass(frozen=True)
class Failure:
    source: str
    lines: tuple[str, ...]  # located messages, file:line:col: field: message


@dataclass(frozen=True)
class Roster:
    day: dt.date
    rows: tuple[Row, ...]
    failures: tuple[Failure, ...]
    order_rule: str = ORDER_RULE

    @property
    def flag_key(self) -> tuple[tuple[str, str], ...]:
        """(flag, what it means) for the flags this roster shows, in FLAG_WORDS order."""
        shown = {flag for row in self.rows for flag in row.flags}
        return tuple((flag, words) for flag, words in FLAG_WORDS.items() if flag in shown)

    @property
    def has_trend(self) -> bool:
        return any(row.trend for row in self.rows)

    @property
    def clients(self) -> int:
        return len(self.rows) + len(self.failures)

    @property
    def facts(self) -> tuple[str, ...]:
        """The title block's line: how many clients, and how many could not be read."""
        out = [f"{self.clients} client{'' if self.clients == 1 else 's'}"]
        if self.failures:
            out.append(f"{len(self.failures)} could not be read")
        return tuple(out)


def row_of(snapshot: checkin.Snapshot, day: dt.date) -> Row:
    days_left = (snapshot.interview_date - day).days
    flags = []
    if days_left < 0:
        flags.append(PASSED_FLAG)
    elif days_left < CLOSE_INTERVIEW_DAYS:
        flags.append(CLOSE_FLAG)
    flags += [FLAGS[code] for code in FLAGS if code in snapshot.warnings]
    trend, trend_points = "", None
    since = snapshot.since
    if since is not None:
        if since.get("note"):
            trend = str(since["note"])
        elif isinstance(since.get("change_points"), int) and isinstance(since.get("date"), str):
            trend_points = since["change_points"]
            trend = f"{trend_points:+d} pts since {_short(dt.date.fromisoformat(since['date']))}"
    return Row(name=snapshot.candidate, level=snapshot.level, interview_date=snapshot.interview_date,
               days_left=days_left, readiness=snapshot.overall, readiness_points=checkin.points(snapshot.overall),
               hours_available=snapshot.hours_available, hours_recommended=snapshot.hours_recommended,
               top_gap=snapshot.top_gap, flags=tuple(flags), trend=trend, trend_points=trend_points)


def _short(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def urgency(row: Row) -> tuple:
    """The sort key ORDER_RULE states."""
    passed = row.days_left < 0
    return (passed, abs(row.days_left), row.readiness, row.name.casefold(), row.name)


def order(rows: list[Row]) -> tuple[Row, ...]:
    return tuple(sorted(rows, key=urgency))


def make(snapshots: list[checkin.Snapshot], failures: list[Failure], day: dt.date) -> Roster:
    return Roster(day=day, rows=order([row_of(s, day) for s in snapshots]), failures=tuple(failures))


# ---------------------------------------------------------------------------------------------
# Reading a build's output


def collect(out_dir: Path, day: dt.date) -> Roster:
    """Every input the manifest of ``out_dir`` names: its plan.json read back, or why it is missing.

    Without a manifest (plan.json files copied by hand), every OUT/*/plan.json is read.
    """
    entries = manifests.read(out_dir / manifests.FILENAME)["inputs"]
    snapshots: list[checkin.Snapshot] = []
    failures: list[Failure] = []
    if not entries:
        for path in sorted(out_dir.glob(f"*/{checkin.FILENAME}")):
            _read(path, path.relative_to(out_dir).as_posix(), snapshots, failures)
        return make(snapshots, failures, day)
    for source, entry in sorted(entries.items()):
        if not isinstance(entry, dict):
            continue
        if entry.get("status") == "failed":
            errors = [str(line) for line in entry.get("errors") or []] or [f"{source}: failed"]
            failures.append(Failure(source, tuple(errors)))
            continue
        found = [name for name in (entry.get("outputs") or {}) if name.endswith(f"/{checkin.FILENAME}")]
        if not found:
            failures.append(Failure(source, (f"{source}: no {checkin.FILENAME} in {out_dir}; "
                                             "build it with --formats json",)))
            continue
        _read(out_dir / found[0], source, snapshots, failures)
    return make(snapshots, failures, day)


def _read(path: Path, source: str, snapshots: list, failures: list) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        failures.append(Failure(source, (f"{path}: cannot read: {getattr(error, 'strerror', None) or error}",)))
        return
    try:
        snapshots.append(checkin.parse(text, str(path)))
    except InputError as error:
        failures.append(Failure(source, tuple(error.lines())))


# ---------------------------------------------------------------------------------------------
# The CSV: the PDF's columns as plain values

CSV_HEADER = ("Client", "Level", "Interview date", "Days left", "Readiness (%)", "Hours available",
              "Hours recommended", "Top gap", "Flags", "Trend (points)", "Check-in")


def csv_bytes(roster: Roster) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in roster.rows:
        writer.writerow((row.name, row.level, row.interview_date.isoformat(), row.days_left, row.readiness_points,
                         row.hours_available, row.hours_recommended, row.top_gap, "; ".join(row.flags),
                         "" if row.trend_points is None else row.trend_points, row.trend))
    for failure in roster.failures:
        writer.writerow((failure.source, "", "", "", "", "", "", "", "failed: " + " | ".join(failure.lines), "", ""))
    return buffer.getvalue().encode("utf-8")

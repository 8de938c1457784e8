"""The plan as data (plan.json), and progress between two of them: pure functions, typed.

``plan_record`` is what ``reporter plan`` prints and ``--formats json`` writes: the computed plan
with a ``schema_version``, the assessment's sha256 and the day it was planned for. A check-in
(``--since PREVIOUS_OUT``) reads the previous build's record of the same input back as a
:class:`Snapshot` and compares it with today's, which is turned into a Snapshot the same way, so
every number of a "Since" section is a difference of the two files' values.

Nothing here reads a file or a clock: text and dates come in, values go out.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from .assessment import Assessment
from .content import Playbook
from .errors import InputError, Problem
from .plan import Plan, plan_to_json, practice_counts

SCHEMA_VERSION = 1
FILENAME = "plan.json"
# Practice counts a check-in compares, with the words used when the playbook sets no target for them.
PRACTICE_METRICS = {"leetcode_solved": "LeetCode problems solved",
                    "system_design_problems": "design problems practised",
                    "mock_interviews": "mock interviews done",
                    "stories": "STAR stories written"}
STATUS_RANK = {"no": 0, "partial": 1, "yes": 2}
NO_EARLIER = "no earlier check-in"


# ---------------------------------------------------------------------------------------------
# The record


def plan_record(plan: Plan, assessment: Assessment, playbook: Playbook) -> dict[str, Any]:
    """The plan as JSON-ready data, with what a later check-in needs to compare against it."""
    counts = {**practice_counts(assessment), "mock_interviews": assessment.practice.mock_interviews}
    targets = playbook.practice_targets
    return {
        "schema_version": SCHEMA_VERSION,
        "assessment_sha256": assessment.sha256,
        "planned_for": plan.today.isoformat(),
        **plan_to_json(plan),
        "practice": {metric: {"label": targets[metric].label if metric in targets else label,
                              "count": counts[metric]}
                     for metric, label in PRACTICE_METRICS.items()},
    }


def with_since(record: dict[str, Any], since: "Since") -> dict[str, Any]:
    """The record with the check-in's summary, which the roster's trend column reads."""
    progress = since.progress
    summary: dict[str, Any] = {"note": since.note}
    if progress is not None:
        summary.update({"date": progress.since.isoformat(), "overall_then": progress.overall_then,
                        "overall_now": progress.overall_now, "change_points": progress.overall_change,
                        "points_per_week": progress.pace.points_per_week if progress.pace else None,
                        "projected": progress.pace.projected if progress.pace else None})
    return {**record, "since": summary}


def dumps(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Reading a record back


@dataclass(frozen=True)
class AreaValue:
    id: str
    name: str
    readiness: float  # 0..1, as the record rounds it


@dataclass(frozen=True)
class ItemValue:
    id: str
    text: str
    status: str


@dataclass(frozen=True)
class PracticeValue:
    metric: str
    label: str
    count: int


@dataclass(frozen=True)
class Snapshot:
    """What a plan.json says, as far as a check-in or the roster needs."""

    level: str
    candidate: str
    planned_for: dt.date
    interview_date: dt.date
    overall: float
    areas: tuple[AreaValue, ...]
    items: tuple[ItemValue, ...]
    stories: tuple[str, ...]
    principles_covered: tuple[str, ...]
    practice: tuple[PracticeValue, ...]
    hours_available: int
    hours_recommended: int
    top_gap: str  # "" when there is none
    warnings: tuple[str, ...]  # warning codes
    since: dict[str, Any] | None  # the record's own check-in summary, when it was built with --since


def parse(text: str, source: str) -> Snapshot:
    """A plan.json's text as a Snapshot. Raises InputError located at ``source``:line:col."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([Problem(source, error.lineno, error.colno, "", f"not valid JSON: {error.msg}")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(source, 1, 1, "", "not a plan.json: expected an object")])
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        line, col = _position(text, "schema_version")
        shown = "missing" if version is None else json.dumps(version)
        raise InputError([Problem(source, line, col, "schema_version",
                                  f"{shown} is not a schema_version this reporter reads ({SCHEMA_VERSION})",
                                  "rebuild that output with --formats json")])
    return snapshot_of(data, source, text)


def snapshot_of(data: dict[str, Any], source: str = "plan.json", text: str = "") -> Snapshot:
    """A record (from plan_record, or parsed) as a Snapshot; a missing or mistyped field is a located error."""
    field = ""
    try:
        field = "level"
        level = _str(data["level"])
        field = "candidate"
        candidate = _str(data["candidate"])
        field = "planned_for"
        planned_for = dt.date.fromisoformat(_str(data["planned_for"]))
        field = "interview_date"
        interview = dt.date.fromisoformat(_str(data["interview_date"]))
        field = "overall_readiness"
        overall = _fraction(data["overall_readiness"])
        field = "readiness"
        areas = tuple(AreaValue(_str(key), _str(value["name"]), _fraction(value["readiness"]))
                      for key, value in _dict(data["readiness"]).items())
        field = "checklist"
        items = tuple(ItemValue(_str(i["id"]), _str(i["text"]), _status(i["status"]))
                      for c in _list(data["checklist"]) for i in _list(c["items"]))
        field = "story_scope"
        stories = tuple(_str(s["title"]) for s in _list(data["story_scope"]))
        field = "principles"
        covered = tuple(_str(p) for p in _dict(data["principles"]["covered"]))
        field = "practice"
        practice = tuple(PracticeValue(_str(metric), _str(value["label"]), _count(value["count"]))
                         for metric, value in _dict(data["practice"]).items())
        field = "hours"
        hours = _dict(data["hours"])
        available, recommended = _count(hours["available"]), _count(hours["recommended"])
        field = "gaps"
        gaps = _list(data["gaps"])
        top_gap = _str(gaps[0]["name"]) if gaps else ""
        field = "warnings"
        warnings = tuple(_str(w["code"]) for w in _list(data["warnings"]))
        field = "since"
        since = data.get("since")
        if since is not None:
            since = _dict(since)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        line, col = _position(text, field) if text else (1, 1)
        detail = f"missing {error.args[0]!r}" if isinstance(error, KeyError) else str(error) or "malformed"
        raise InputError([Problem(source, line, col, field, f"not a readable plan.json field: {detail}")]) from None
    return Snapshot(level=level, candidate=candidate, planned_for=planned_for, interview_date=interview,
                    overall=overall, areas=areas, items=items, stories=stories, principles_covered=covered,
                    practice=practice, hours_available=available, hours_recommended=recommended,
                    top_gap=top_gap, warnings=warnings, since=since)


def _position(text: str, key: str) -> tuple[int, int]:
    """Line and column of a top-level key of a plan.json as we write it (indented by two); else 1:1."""
    found = re.search(rf'^ {{0,2}}("{re.escape(key)}")\s*:', text, re.M)
    if not found:
        return 1, 1
    at = found.start(1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _dict(value: Any) -> dict:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {type(value).__name__}")
    return value


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return value


def _fraction(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"expected a number from 0 to 1, found {value!r}")
    return float(value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number, found {value!r}")
    return value


def _status(value: Any) -> str:
    if value not in STATUS_RANK:
        raise ValueError(f"expected yes, partial or no, found {value!r}")
    return value


# ---------------------------------------------------------------------------------------------
# Progress between two snapshots


def points(fraction: float) -> int:
    """A readiness as the whole percent the documents print."""
    return round(fraction * 100)


@dataclass(frozen=True)
class AreaChange:
    id: str
    name: str
    then: float
    now: float
    change: int  # percentage points, points(now) - points(then)


@dataclass(frozen=True)
class ItemMove:
    id: str
    text: str
    then: str
    now: str


@dataclass(frozen=True)
class PracticeChange:
    metric: str
    label: str
    then: int
    now: int
    change: int


@dataclass(frozen=True)
class Pace:
    """Readiness gained per week so far, carried forward to the interview: a projection, not a promise."""

    weeks_so_far: float  # between the two plans
    weeks_left: float  # from now to the interview
    points_per_week: float  # percentage points of overall readiness a week, to one decimal
    projected: int  # overall readiness in points at the interview at this pace, 0..100
    weeks_to_full: int | None  # whole weeks until 100 % at this pace, rounded up; None when it is not positive
    reaches_full: bool  # 100 % before the interview at this pace


@dataclass(frozen=True)
class CheckIn:
    since: dt.date
    now: dt.date
    days: int
    overall_then: int  # points
    overall_now: int
    overall_change: int
    areas: tuple[AreaChange, ...]
    raised: tuple[ItemMove, ...]  # no → partial → yes
    lowered: tuple[ItemMove, ...]  # any that went back
    stories_added: tuple[str, ...]
    stories_removed: tuple[str, ...]
    principles_new: tuple[str, ...]
    principles_lost: tuple[str, ...]
    practice: tuple[PracticeChange, ...]
    pace: Pace | None  # None when both plans are of the same day


@dataclass(frozen=True)
class Since:
    """What a check-in found: the progress, or why there is none ("no earlier check-in", ...)."""

    note: str  # "" when compared
    progress: CheckIn | None


def compare(previous: Snapshot | None, current: Snapshot) -> Since:
    if previous is None:
        return Since(NO_EARLIER, None)
    if previous.level != current.level:
        return Since(f"level changed from {previous.level} to {current.level}", None)
    return Since("", progress(previous, current))


def progress(then: Snapshot, now: Snapshot) -> CheckIn:
    """Every number is a difference of the two snapshots' values (readiness in printed points)."""
    before = {a.id: a for a in then.areas}
    areas = tuple(AreaChange(a.id, a.name, before[a.id].readiness if a.id in before else 0.0, a.readiness,
                             points(a.readiness) - points(before[a.id].readiness if a.id in before else 0.0))
                  for a in now.areas)
    statuses = {i.id: i.status for i in then.items}
    moves = [ItemMove(i.id, i.text, statuses.get(i.id, "no"), i.status) for i in now.items
             if statuses.get(i.id, "no") != i.status]
    raised = tuple(m for m in moves if STATUS_RANK[m.now] > STATUS_RANK[m.then])
    lowered = tuple(m for m in moves if STATUS_RANK[m.now] < STATUS_RANK[m.then])
    counts = {p.metric: p.count for p in then.practice}
    practice = tuple(PracticeChange(p.metric, p.label, counts.get(p.metric, 0), p.count,
                                    p.count - counts.get(p.metric, 0)) for p in now.practice)
    days = (now.planned_for - then.planned_for).days
    overall_then, overall_now = points(then.overall), points(now.overall)
    return CheckIn(
        since=then.planned_for, now=now.planned_for, days=days,
        overall_then=overall_then, overall_now=overall_now, overall_change=overall_now - overall_then,
        areas=areas, raised=raised, lowered=lowered,
        stories_added=_minus(now.stories, then.stories), stories_removed=_minus(then.stories, now.stories),
        principles_new=_minus(now.principles_covered, then.principles_covered),
        principles_lost=_minus(then.principles_covered, now.principles_covered),
        practice=practice,
        pace=pace(overall_then, overall_now, days, (now.interview_date - now.planned_for).days))


def _minus(these: tuple[str, ...], those: tuple[str, ...]) -> tuple[str, ...]:
    """These without those, in order, counting repeats (two stories may share a title)."""
    left = list(those)
    out = []
    for value in these:
        if value in left:
            left.remove(value)
        else:
            out.append(value)
    return tuple(out)


DAYS_PER_WEEK = 7


def pace(then_points: int, now_points: int, days: int, days_left: int) -> Pace | None:
    """The rule METHOD states as "Progress since a check-in"."""
    if days <= 0:
        return None
    weeks_so_far = days / DAYS_PER_WEEK
    weeks_left = max(days_left, 0) / DAYS_PER_WEEK
    per_week = (now_points - then_points) / weeks_so_far
    projected = min(100, max(0, math.floor(now_points + per_week * weeks_left + 1e-9)))
    to_full = None if per_week <= 0 else max(0.0, (100 - now_points) / per_week)
    return Pace(weeks_so_far=round(weeks_so_far, 1), weeks_left=round(weeks_left, 1),
                points_per_week=round(per_week, 1), projected=projected,
                weeks_to_full=None if to_full is None else math.ceil(to_full - 1e-9),
                reaches_full=now_points >= 100 or (to_full is not None and to_full <= weeks_left))

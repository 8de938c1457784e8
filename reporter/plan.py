"""The planner: pure functions from (assessment, playbook, today) to a :class:`Plan`.

No I/O, no clock, no globals: `today` is passed in. Every rule here is also stated once, in plain
words, in METHOD, which the prep-plan PDF prints as "How this plan was computed".

(Types first: the implementation follows.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemStatus:
    id: str
    text: str
    status: str  # "yes" | "partial" | "no" ("no" when the assessment omits it)
    evidence: str  # Markdown from the candidate ("" when none)
    category_id: str
    area_id: str


@dataclass(frozen=True)
class CategoryStatus:
    id: str
    name: str
    group: str
    area_id: str
    items: tuple[ItemStatus, ...]


@dataclass(frozen=True)
class AreaReadiness:
    id: str
    name: str
    weight: int  # the level's framework weight, percent
    readiness: float  # 0..1
    basis: str  # "checklist" | "practice"
    met: float  # checklist points (yes 1, partial 0.5) or the practice count
    possible: float  # number of items, or the practice target
    detail: str  # e.g. "5.5 of 8 items" or "120 of 200 LeetCode problems solved"


@dataclass(frozen=True)
class Gap:
    area_id: str
    name: str
    weight: int
    shortfall: float  # 1 - readiness
    priority: float  # weight × shortfall / 100, what gaps are ordered by
    missing: tuple[ItemStatus, ...]  # items not at "yes", in checklist order
    actions: tuple[str, ...]  # the page's advice: bullets of the preparation areas that build this area


@dataclass(frozen=True)
class Hours:
    available: int  # hours_per_week × weeks to the interview, rounded
    recommended: int  # the page's total for the level (285 L6, 320 L7)
    per_week: float
    days: int  # from plan_start to interview_date
    weeks: float  # days / 7
    coverage: float  # available / recommended


@dataclass(frozen=True)
class Allocation:
    id: str  # preparation area id
    name: str
    page_percent: int  # the page's split
    page_hours: int  # the page's hours
    gap: float  # 0..1, shortfall this preparation area addresses
    percent: float  # planned share of available hours
    hours: int  # planned hours; all allocations sum to Hours.available


@dataclass(frozen=True)
class WeekTask:
    area_id: str  # preparation area id
    area: str
    hours: float
    text: str


@dataclass(frozen=True)
class Week:
    number: int  # 1-based
    start: dt.date
    end: dt.date  # inclusive
    hours: float
    focus: str  # the preparation area with the most hours this week
    phase: str  # "build" | "practice" | "mock"
    tasks: tuple[WeekTask, ...]
    mock_interviews: int  # mock interviews scheduled this week


@dataclass(frozen=True)
class PrincipleUse:
    principle: str
    stories: tuple[str, ...]  # titles of the stories that evidence it


@dataclass(frozen=True)
class Principles:
    covered: tuple[PrincipleUse, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class DimensionPlacement:
    dimension: str  # "engineers" | "teams" | "duration_months" | "budget_usd"
    label: str  # e.g. "Engineers"
    value: float | None  # None when the story does not say
    shown: str  # the value formatted for print, e.g. "$1.5M", "18 months", "—"
    l6_band: str  # e.g. "10–25"
    l7_band: str
    place: str  # "below L6" | "L6" | "L6–L7" | "L7" | "above L7" | "unknown"


@dataclass(frozen=True)
class StoryPlacement:
    title: str
    principles: tuple[str, ...]
    dimensions: tuple[DimensionPlacement, ...]
    fits: str  # "L6" | "L7" | "below L6" | "between" | "unknown"
    warning: str  # "" or the page's "don't fake a higher level" advice applied to this story


@dataclass(frozen=True)
class Warning:
    code: str  # "too_few_hours" | "interview_close" | "few_stories" | ...
    message: str


@dataclass(frozen=True)
class Plan:
    level: str
    candidate: str
    today: dt.date
    plan_start: dt.date
    interview_date: dt.date
    checklist: tuple[CategoryStatus, ...]
    readiness: tuple[AreaReadiness, ...]
    overall_readiness: float  # 0..1, weighted by the level's framework
    gaps: tuple[Gap, ...]  # ordered by priority, highest first; only areas with a shortfall
    hours: Hours
    allocation: tuple[Allocation, ...]
    weeks: tuple[Week, ...]
    principles: Principles
    story_scope: tuple[StoryPlacement, ...]
    warnings: tuple[Warning, ...]
    method: tuple[tuple[str, str], ...]  # (rule title, the rule in plain words)

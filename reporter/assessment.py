"""A candidate's self-assessment: YAML → frozen :class:`Assessment`, or an InputError listing every problem.

(Types first; the loader, the starter file and the JSON Schema follow below.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = ("yes", "partial", "no")


@dataclass(frozen=True)
class Candidate:
    name: str
    target_level: str  # "L6" | "L7"
    interview_date: dt.date
    hours_per_week: float
    plan_start: dt.date | None  # None: the planner starts on `today`
    current_title: str = ""


@dataclass(frozen=True)
class Competency:
    status: str  # one of STATUSES
    evidence: str = ""  # Markdown, untrusted


@dataclass(frozen=True)
class Practice:
    leetcode_solved: int = 0
    system_design_problems: int = 0
    mock_interviews: int = 0


@dataclass(frozen=True)
class StoryScope:
    engineers: int | None = None
    teams: int | None = None
    duration_months: float | None = None
    budget_usd: int | None = None


@dataclass(frozen=True)
class Story:
    title: str
    principles: tuple[str, ...] = ()
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    scope: StoryScope = field(default_factory=StoryScope)


@dataclass(frozen=True)
class Assessment:
    source: str  # the path as the user gave it, for messages
    stem: str  # output folder name
    sha256: str  # of the file's bytes
    candidate: Candidate
    competencies: dict[str, Competency]  # checklist item id -> status; missing items count as "no"
    practice: Practice
    stories: tuple[Story, ...]
    notes: str = ""  # Markdown, untrusted

"""The planner: pure functions from (assessment, playbook, today) to a :class:`Plan`.

No I/O, no clock, no globals: `today` is passed in. Every rule here is also stated once, in plain
words, in METHOD, which the prep-plan PDF prints as "How this plan was computed".

(Types first: the implementation follows.)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from . import config
from .assessment import Assessment, Story
from .content import BAND_DIMENSIONS, Band, Level, Playbook, PracticeTarget, PrepArea


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
    shortfall: int = 0  # recommended - available, when positive
    per_week_needed: float = 0.0  # hours a week that would reach `recommended` (0 when not short)


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
    days: int = 7  # study days in this week (the last week may be shorter)
    focus_id: str = ""  # preparation area id of `focus`


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
    place: str  # "below L6" | "L6" | "L6–L7" | "between" | "L7" | "above L7" | "unknown"


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


# ---------------------------------------------------------------------------------------------
# The rules' numbers. METHOD below is written from these same constants, so the printed
# explanation cannot drift from what the code does.

STATUS_POINTS: dict[str, Fraction] = {"yes": Fraction(1), "partial": Fraction(1, 2), "no": Fraction(0)}
ALLOCATION_MIN_FACTOR = Fraction(1, 2)  # an area never gets less than half the page's share...
ALLOCATION_MAX_FACTOR = Fraction(3, 2)  # ...nor more than one and a half times it
FRONT_LOAD = Fraction(1)  # build weeks tilt each area by 1 + FRONT_LOAD × gap
CLOSE_INTERVIEW_DAYS = 28  # under 4 weeks: one mock week and an "interview close" warning
MOCK_WEEKS_LONG = 2  # mock weeks when the interview is at least CLOSE_INTERVIEW_DAYS away
MOCK_WEEKS_SHORT = 1
MOCK_SESSION_HOURS = 2  # one mock interview with its debrief
MAX_MOCKS_PER_WEEK = 3
LEETCODE_PER_HOUR = Fraction(3, 2)  # mediums solved per hour of coding practice
DESIGN_HOURS_PER_PROBLEM = 2
STORY_HOURS = 2  # hours to draft one STAR story
DAYS_PER_WEEK = 7

PHASES = ("build", "practice", "mock")
PLACES = ("below L6", "L6", "L6–L7", "between", "L7", "above L7", "unknown")
# Ties in a story's overall fit go to the earlier (more modest) entry: a story evidences no more than it shows.
FITS_ORDER = ("below L6", "L6", "between", "L7")
DIMENSION_LABELS = {"engineers": "Engineers", "teams": "Teams", "duration_months": "Duration",
                    "budget_usd": "Budget"}


def _pct(x: Fraction | float) -> str:
    return f"{float(x) * 100:g}%"


METHOD: tuple[tuple[str, str], ...] = (
    ("Readiness per area",
     "Each framework area of your target level is measured by the checklist items of the categories that "
     f"evidence it: yes counts {STATUS_POINTS['yes']}, partial {float(STATUS_POINTS['partial']):g}, no or not "
     "answered 0; readiness is points divided by the number of items. An area with no checklist items (such as "
     "coding) is measured by practice instead: your count divided by the playbook's target, at most 100%. "
     "Stories are counted as the number of stories you listed."),
    ("Overall readiness",
     "The sum over areas of the area's framework weight times its readiness, divided by 100."),
    ("Gaps",
     "Every area below 100% is a gap. Gaps are ordered by weight × (1 − readiness), largest first; ties go to "
     "the heavier area, then to the framework's order. Each gap lists the checklist items not yet at yes and, "
     "as actions, the playbook's advice for the preparation areas that build it."),
    ("Hours available",
     "The plan starts on your plan_start, or on the day the plan is made. Study days run from the start up to "
     "the day before the interview. Hours available = hours per week × study days ÷ "
     f"{DAYS_PER_WEEK}, rounded half up. They are compared with the playbook's recommended total for the level. "
     f"A schedule covers at most {config.MAX_PLAN_WEEKS} weeks; for an interview further away the plan starts "
     f"{config.MAX_PLAN_WEEKS} weeks before it."),
    ("Allocation of hours",
     "Each preparation area starts from the playbook's percentage. Its gap is the mean shortfall (1 − readiness) of "
     "the framework areas it builds; if it also has a practice target, the gap is the mean of that and the "
     "practice shortfall. The playbook's share is multiplied by "
     f"{float(ALLOCATION_MIN_FACTOR):g} + {float(ALLOCATION_MAX_FACTOR - ALLOCATION_MIN_FACTOR):g} × gap, and the "
     f"shares are scaled back to 100% while each stays between {float(ALLOCATION_MIN_FACTOR):g} and "
     f"{float(ALLOCATION_MAX_FACTOR):g} times the playbook's share (areas at a bound are held there, the rest "
     "rescaled). With equal gaps everywhere the playbook's split is kept. Hours are whole numbers, shared by largest "
     "remainder (ties to the playbook's order) so that they add up exactly to the hours available."),
    ("Weeks",
     f"The schedule is cut into weeks of {DAYS_PER_WEEK} days from the start; the last week may be shorter and "
     "ends the day before the interview. Each week's hours are the hours available shared in proportion to its "
     "days, in whole hours by largest remainder (ties to the earlier week). "
     f"The final {MOCK_WEEKS_LONG} weeks are mock weeks, or the final {MOCK_WEEKS_SHORT} when the interview is "
     f"less than {CLOSE_INTERVIEW_DAYS} days away; of the weeks before, the first half (rounded up) are build "
     "weeks and the rest practice weeks."),
    ("What a week holds",
     "Week by week, each preparation area gets a share of the week's hours in proportion to the hours it still "
     f"has left; in build weeks that share is tilted by 1 + {float(FRONT_LOAD):g} × the area's gap, so the "
     "largest gaps are worked on first. Shares are whole hours by largest remainder, never more than an area has "
     "left, so each area's weekly hours add up exactly to its allocation. The focus of a week is the area with "
     "the most hours (ties to the playbook's order)."),
    ("Tasks",
     f"Coding: about {float(LEETCODE_PER_HOUR):g} LeetCode mediums per hour. System design: one design problem "
     f"per {DESIGN_HOURS_PER_PROBLEM} hours. Stories: one STAR story per {STORY_HOURS} hours, written for your "
     "missing checklist items of the largest gaps first (items at no before items at partial), then for "
     "Leadership Principles no story covers yet. Every task also names one of the playbook's bullets for that area, "
     "in turn. Each mock week schedules one mock interview "
     f"({MOCK_SESSION_HOURS} hours with its debrief) in each area that has at least {MOCK_SESSION_HOURS} hours "
     f"that week, largest first, at most {MAX_MOCKS_PER_WEEK}, and at least one."),
    ("Leadership Principles",
     "A principle is covered when at least one of your stories names it; the others are listed as missing."),
    ("Story scope",
     "Each number a story gives (engineers, teams, duration in months, budget) is placed against the playbook's L6 "
     "and L7 bands: below L6, L6, L6–L7 (inside both), between (above L6, below L7), L7, above L7, or unknown "
     "when not given. A story fits the level most of its known numbers place it at (L6–L7 counts half to each, "
     "above L7 counts as L7); a tie goes to the more modest level. A story for an L6 interview that fits L7 is "
     "flagged (the playbook: don't fake a higher level), and so is a story for an L7 interview that fits below L7."),
    ("Warnings",
     "You are warned when the hours available are fewer than the playbook recommends (with the hours per week that "
     f"would cover it), when the interview is less than {CLOSE_INTERVIEW_DAYS} days away, when you have fewer "
     "stories than the playbook's target, when principles have no story, when stories miss the level's scope, and "
     "when the interview is beyond the schedule's length."),
    ("Progress since a check-in",
     "Built with --since, a plan is compared with the previous build's plan.json of the same file. Readiness "
     "gained per week = (overall readiness now − then, in percentage points) ÷ the weeks between the two plans. "
     "Projected readiness at the interview = readiness now + that pace × the weeks left to the interview, rounded "
     "down and kept between 0% and 100%. It is a projection: it assumes the pace so far holds. With no earlier "
     "plan, or one for another level, nothing is compared."),
)


# ---------------------------------------------------------------------------------------------
# Building a plan


def build_plan(assessment: Assessment, playbook: Playbook, today: dt.date) -> Plan:
    """Compute the prep plan for ``assessment`` as of ``today`` (no clock is read)."""
    candidate = assessment.candidate
    if candidate.target_level not in playbook.levels:
        raise ValueError(f"target level {candidate.target_level!r} is not in the content pack")
    level = playbook.level(candidate.target_level)
    start = candidate.plan_start or today
    interview = candidate.interview_date
    if interview < start:
        raise ValueError(f"interview date {interview.isoformat()} is before the plan start {start.isoformat()}")
    requested_start = start
    earliest = interview - dt.timedelta(days=DAYS_PER_WEEK * config.MAX_PLAN_WEEKS)
    start = max(start, earliest)

    checklist = checklist_status(assessment, level)
    counts = practice_counts(assessment)
    readiness = readiness_by_area(level, checklist, counts)
    overall = overall_readiness(readiness)
    gaps = gaps_by_priority(level, readiness, checklist)
    hours = hours_available(candidate.hours_per_week, start, interview, level.recommended_hours)
    prep_gaps = preparation_gaps(level, readiness, counts)
    allocation = allocate_hours(level, prep_gaps, hours.available)
    principles = principle_coverage(assessment, playbook)
    weeks = schedule_weeks(level, allocation, prep_gaps, gaps, principles, start, interview)
    stories = tuple(place_story(story, playbook, level.id) for story in assessment.stories)
    warnings = plan_warnings(level, playbook, assessment, hours, gaps, principles, stories,
                             requested_start, start)
    return Plan(level=level.id, candidate=candidate.name, today=today, plan_start=start, interview_date=interview,
                checklist=checklist, readiness=readiness, overall_readiness=float(overall), gaps=gaps,
                hours=hours, allocation=allocation, weeks=weeks, principles=principles, story_scope=stories,
                warnings=warnings, method=METHOD)


# Readiness ----------------------------------------------------------------------------------


def checklist_status(assessment: Assessment, level: Level) -> tuple[CategoryStatus, ...]:
    out = []
    for group in level.checklist:
        for category in group.categories:
            items = []
            for item in category.items:
                answer = assessment.competencies.get(item.id)
                status = answer.status if answer is not None and answer.status in STATUS_POINTS else "no"
                items.append(ItemStatus(item.id, item.text, status, answer.evidence if answer else "",
                                        category.id, category.area))
            out.append(CategoryStatus(category.id, category.name, group.name, category.area, tuple(items)))
    return tuple(out)


def practice_counts(assessment: Assessment) -> dict[str, int]:
    return {"leetcode_solved": assessment.practice.leetcode_solved,
            "system_design_problems": assessment.practice.system_design_problems,
            "stories": len(assessment.stories)}


def _practice_ratio(target: PracticeTarget, counts: dict[str, int]) -> Fraction:
    return min(Fraction(1), Fraction(counts.get(target.metric, 0), max(target.target, 1)))


def _area_fraction(area: AreaReadiness) -> Fraction:
    if area.possible == 0:
        return Fraction(0)
    if area.basis == "practice":
        return min(Fraction(1), Fraction(int(area.met), int(area.possible)))
    return Fraction(int(area.met * 2), int(area.possible) * 2)


def readiness_by_area(level: Level, checklist: tuple[CategoryStatus, ...],
                      counts: dict[str, int]) -> tuple[AreaReadiness, ...]:
    out = []
    for area in level.framework:
        items = [i for c in checklist if c.area_id == area.id for i in c.items]
        if items or area.practice is None:
            points = sum((STATUS_POINTS[i.status] for i in items), Fraction(0))
            value = points / len(items) if items else Fraction(0)
            out.append(AreaReadiness(area.id, area.name, area.weight, float(value), "checklist", float(points),
                                     float(len(items)), f"{float(points):g} of {len(items)} items"))
        else:
            count = counts.get(area.practice.metric, 0)
            value = _practice_ratio(area.practice, counts)
            out.append(AreaReadiness(area.id, area.name, area.weight, float(value), "practice", float(count),
                                     float(area.practice.target),
                                     f"{count} of {area.practice.target} {area.practice.label}"))
    return tuple(out)


def overall_readiness(readiness: tuple[AreaReadiness, ...]) -> Fraction:
    return sum((a.weight * _area_fraction(a) for a in readiness), Fraction(0)) / 100


def gaps_by_priority(level: Level, readiness: tuple[AreaReadiness, ...],
                     checklist: tuple[CategoryStatus, ...]) -> tuple[Gap, ...]:
    order = {a.id: n for n, a in enumerate(level.framework)}
    gaps = []
    for area in readiness:
        shortfall = 1 - _area_fraction(area)
        if shortfall <= 0:
            continue
        missing = tuple(i for c in checklist if c.area_id == area.id for i in c.items if i.status != "yes")
        actions = _unique(b for p in level.preparation if area.id in p.areas for b in p.bullets)
        gaps.append((-(area.weight * shortfall), -area.weight, order[area.id],
                     Gap(area.id, area.name, area.weight, float(shortfall), float(area.weight * shortfall / 100),
                         missing, actions)))
    return tuple(g for *_, g in sorted(gaps, key=lambda t: t[:3]))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


# Hours and allocation ------------------------------------------------------------------------


def _half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def hours_available(hours_per_week: float, start: dt.date, interview: dt.date, recommended: int) -> Hours:
    days = (interview - start).days
    per_week = Fraction(str(hours_per_week))
    available = _half_up(per_week * days / DAYS_PER_WEEK)
    shortfall = max(0, recommended - available)
    needed = Fraction(0)
    if shortfall and days:
        needed = Fraction(math.ceil(Fraction(recommended * DAYS_PER_WEEK, days) * 10), 10)
    return Hours(available=available, recommended=recommended, per_week=float(per_week), days=days,
                 weeks=days / DAYS_PER_WEEK, coverage=available / recommended if recommended else 1.0,
                 shortfall=shortfall, per_week_needed=float(needed))


def preparation_gaps(level: Level, readiness: tuple[AreaReadiness, ...],
                     counts: dict[str, int]) -> dict[str, Fraction]:
    """Each preparation area's gap in [0, 1]: the shortfall of what it builds (and of its practice)."""
    by_id = {a.id: a for a in readiness}
    out = {}
    for prep in level.preparation:
        shortfalls = [1 - _area_fraction(by_id[a]) for a in prep.areas if a in by_id]
        gap = sum(shortfalls, Fraction(0)) / len(shortfalls) if shortfalls else Fraction(0)
        if prep.practice is not None:
            gap = (gap + 1 - _practice_ratio(prep.practice, counts)) / 2
        out[prep.id] = gap
    return out


def scale_within(weights: list[Fraction], lows: list[Fraction], highs: list[Fraction],
                 total: Fraction) -> list[Fraction]:
    """Shares clamp(c × weight, low, high) summing exactly to ``total``, for the one c that does so.

    The sum is piecewise linear and non-decreasing in c, so it is solved exactly between breakpoints.
    """
    def shares(c: Fraction) -> list[Fraction]:
        return [min(max(c * w, lo), hi) for w, lo, hi in zip(weights, lows, highs)]

    points = sorted({Fraction(0)} | {b / w for w, lo, hi in zip(weights, lows, highs) if w > 0 for b in (lo, hi)})
    previous = points[0]
    if sum(shares(previous)) >= total:
        return shares(previous)
    for point in points[1:]:
        here, there = sum(shares(previous)), sum(shares(point))
        if there >= total:
            c = previous + (total - here) * (point - previous) / (there - here)
            return shares(c)
        previous = point
    raise ValueError("the bounds cannot reach the total")  # callers keep sum(highs) >= total


def largest_remainder(quotas: list[Fraction], total: int) -> list[int]:
    """Whole numbers summing to ``total`` from quotas summing to it: floors, then +1 by largest remainder.

    Ties go to the earlier quota. A quota that is already whole never gets the extra unit.
    """
    floors = [math.floor(q) for q in quotas]
    left = total - sum(floors)
    ranked = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in ranked[:left]:
        floors[i] += 1
    return floors


def allocate_hours(level: Level, prep_gaps: dict[str, Fraction], available: int) -> tuple[Allocation, ...]:
    preps = level.preparation
    percents = [Fraction(p.percent) for p in preps]
    weights = [pc * (ALLOCATION_MIN_FACTOR + (ALLOCATION_MAX_FACTOR - ALLOCATION_MIN_FACTOR) * prep_gaps[p.id])
               for pc, p in zip(percents, preps)]
    shares = scale_within(weights, [ALLOCATION_MIN_FACTOR * pc for pc in percents],
                          [ALLOCATION_MAX_FACTOR * pc for pc in percents], Fraction(100))
    hours = largest_remainder([available * s / 100 for s in shares], available)
    return tuple(Allocation(p.id, p.name, p.percent, p.hours, float(prep_gaps[p.id]), float(s), h)
                 for p, s, h in zip(preps, shares, hours))


# Weeks ---------------------------------------------------------------------------------------


def _week_spans(start: dt.date, interview: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans = []
    day = start
    while day < interview:
        end = min(day + dt.timedelta(days=DAYS_PER_WEEK - 1), interview - dt.timedelta(days=1))
        spans.append((day, end))
        day = end + dt.timedelta(days=1)
    return spans


def _phases(count: int, days: int) -> list[str]:
    mock = min(count, MOCK_WEEKS_LONG if days >= CLOSE_INTERVIEW_DAYS else MOCK_WEEKS_SHORT)
    earlier = count - mock
    build = math.ceil(earlier / 2)
    return ["build"] * build + ["practice"] * (earlier - build) + ["mock"] * mock


class _Prompts:
    """What each preparation area works on, handed out in turn across the weeks."""

    def __init__(self, level: Level, gaps: tuple[Gap, ...], principles: Principles):
        self.level = level
        gap_rank = {g.area_id: n for n, g in enumerate(gaps)}
        self.items: dict[str, list[str]] = {}
        self.bullets: dict[str, list[str]] = {}
        self.cursor: dict[str, int] = {}
        for prep in level.preparation:
            built = sorted((g for g in gaps if g.area_id in prep.areas), key=lambda g: gap_rank[g.area_id])
            items = [i.text for g in built for status in ("no", "partial") for i in g.missing if i.status == status]
            if prep.practice is not None and prep.practice.metric == "stories":
                items += [f"the principle {p}" for p in principles.missing]
            self.items[prep.id] = items
            source = prep.practice.source if prep.practice else None
            self.bullets[prep.id] = [b for b in prep.bullets if b != source] or list(prep.bullets)
            self.cursor[prep.id] = 0

    def bullet(self, prep: PrepArea, week: int) -> str:
        bullets = self.bullets[prep.id]
        return bullets[(week - 1) % len(bullets)] if bullets else ""

    def task(self, prep: PrepArea, hours: int, week: int) -> str:
        metric = prep.practice.metric if prep.practice else None
        bullet = self.bullet(prep, week)
        items = self.items[prep.id]
        if metric == "leetcode_solved":
            main = f"Solve ~{max(1, _half_up(hours * LEETCODE_PER_HOUR))} LeetCode mediums"
        elif metric == "system_design_problems":
            n = max(1, hours // DESIGN_HOURS_PER_PROBLEM)
            main = f"Design problem practice: {n} problem{'s' if n > 1 else ''}"
        elif metric == "stories":
            n = max(1, hours // STORY_HOURS)
            start = self.cursor[prep.id]
            chosen = items[start:start + n]
            self.cursor[prep.id] = start + len(chosen)
            if not chosen:
                return bullet
            if len(chosen) == 1:
                main = f"Write a STAR story that evidences: {chosen[0]}"
            else:
                main = f"Write {len(chosen)} STAR stories that evidence: " + "; ".join(chosen)
            return main
        else:
            if items:
                item = items[self.cursor[prep.id] % len(items)]
                self.cursor[prep.id] += 1
                return f"{bullet} (tie it to your gap: {item})" if bullet else f"Work on: {item}"
            return bullet
        return f"{main}; {bullet}" if bullet else main


def schedule_weeks(level: Level, allocation: tuple[Allocation, ...], prep_gaps: dict[str, Fraction],
                   gaps: tuple[Gap, ...], principles: Principles, start: dt.date,
                   interview: dt.date) -> tuple[Week, ...]:
    spans = _week_spans(start, interview)
    if not spans:
        return ()
    days = (interview - start).days
    available = sum(a.hours for a in allocation)
    capacities = largest_remainder([Fraction(available * ((end - begin).days + 1), days) for begin, end in spans],
                                   available)
    phases = _phases(len(spans), days)
    preps = level.preparation
    left = [Fraction(a.hours) for a in allocation]
    prompts = _Prompts(level, gaps, principles)
    weeks = []
    for number, ((begin, end), capacity, phase) in enumerate(zip(spans, capacities, phases), 1):
        tilt = [1 + FRONT_LOAD * prep_gaps[p.id] if phase == "build" else Fraction(1) for p in preps]
        if capacity:
            targets = scale_within([r * t for r, t in zip(left, tilt)], [Fraction(0)] * len(preps), left,
                                   Fraction(capacity))
            cells = largest_remainder(targets, capacity)
        else:
            cells = [0] * len(preps)
        left = [r - c for r, c in zip(left, cells)]
        ranked = sorted((i for i in range(len(preps)) if cells[i] > 0), key=lambda i: (-cells[i], i))
        mocks: set[int] = set()
        if phase == "mock" and ranked:
            mocks = {i for i in ranked if cells[i] >= MOCK_SESSION_HOURS}
            mocks = set(sorted(mocks, key=ranked.index)[:MAX_MOCKS_PER_WEEK]) or {ranked[0]}
        tasks = []
        for i in ranked:
            prep = preps[i]
            if i in mocks:
                rest = cells[i] - MOCK_SESSION_HOURS
                text = f"Mock interview: {prep.name} (~{MOCK_SESSION_HOURS} h with debrief)"
                if rest > 0:
                    text += f", then: {prompts.task(prep, rest, number)}"
            else:
                text = prompts.task(prep, cells[i], number)
            tasks.append(WeekTask(prep.id, prep.name, float(cells[i]), text))
        weeks.append(Week(number=number, start=begin, end=end, hours=float(capacity),
                          focus=preps[ranked[0]].name if ranked else "", phase=phase, tasks=tuple(tasks),
                          mock_interviews=len(mocks), days=(end - begin).days + 1,
                          focus_id=preps[ranked[0]].id if ranked else ""))
    return tuple(weeks)


# Principles and story scope ------------------------------------------------------------------


def _principle_key(name: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


def principle_coverage(assessment: Assessment, playbook: Playbook) -> Principles:
    covered, missing = [], []
    for principle in playbook.principles:
        key = _principle_key(principle)
        titles = tuple(s.title for s in assessment.stories if key in {_principle_key(p) for p in s.principles})
        if titles:
            covered.append(PrincipleUse(principle, titles))
        else:
            missing.append(principle)
    return Principles(tuple(covered), tuple(missing))


def _money(value: float) -> str:
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if value >= size:
            return f"${value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"${value:g}"


def _shown(dimension: str, value: float | None) -> str:
    if value is None:
        return "—"
    if dimension == "budget_usd":
        return _money(value)
    if dimension == "duration_months":
        return f"{value:g} month{'' if value == 1 else 's'}"
    return f"{value:g}"


def _band_text(dimension: str, band: Band | None) -> str:
    if band is None:
        return "—"
    fmt = _money if dimension == "budget_usd" else (lambda v: f"{v:g}")
    text = f"{fmt(band.low)}+" if band.high is None else f"{fmt(band.low)}–{fmt(band.high)}"
    return text + (" months" if dimension == "duration_months" else "")


def place_value(value: float | None, l6: Band | None, l7: Band | None) -> str:
    if value is None or l6 is None or l7 is None:
        return "unknown"
    in6, in7 = l6.contains(value), l7.contains(value)
    if in6 and in7:
        return "L6–L7"
    if in6:
        return "L6"
    if in7:
        return "L7"
    if value < l6.low:
        return "below L6"
    if l7.high is not None and value > l7.high:
        return "above L7"
    return "between"


_VOTES = {"below L6": {"below L6": 1.0}, "L6": {"L6": 1.0}, "L6–L7": {"L6": 0.5, "L7": 0.5},
          "between": {"between": 1.0}, "L7": {"L7": 1.0}, "above L7": {"L7": 1.0}}


def story_fit(places: Iterable[str]) -> str:
    score = dict.fromkeys(FITS_ORDER, 0.0)
    for place in places:
        for fit, vote in _VOTES.get(place, {}).items():
            score[fit] += vote
    best = max(score.values())
    return "unknown" if best == 0 else next(f for f in FITS_ORDER if score[f] == best)


def place_story(story: Story, playbook: Playbook, target: str) -> StoryPlacement:
    dims = []
    for dimension in BAND_DIMENSIONS:
        value = getattr(story.scope, dimension)
        l6, l7 = playbook.bands.get("L6", {}).get(dimension), playbook.bands.get("L7", {}).get(dimension)
        dims.append(DimensionPlacement(dimension, DIMENSION_LABELS[dimension],
                                       None if value is None else float(value), _shown(dimension, value),
                                       _band_text(dimension, l6), _band_text(dimension, l7),
                                       place_value(value, l6, l7)))
    fits = story_fit(d.place for d in dims)
    return StoryPlacement(story.title, story.principles, tuple(dims), fits,
                          _scope_warning(fits, tuple(dims), playbook, target))


def _scope_warning(fits: str, dims: tuple[DimensionPlacement, ...], playbook: Playbook, target: str) -> str:
    known = ", ".join(f"{d.label.lower()} {d.shown} ({d.place})" for d in dims if d.place != "unknown")
    if target == "L6" and fits == "L7":
        question = playbook.level("L6").question if "L6" in playbook.levels else None
        advice = (f" Tell it as {question.right_label}, not {question.wrong_label}: say what you owned and what "
                  "you learned about the larger scale.") if question else ""
        return f"This story reads at L7 scope ({known}). {playbook.closing_warning}{advice}"
    if target == "L7" and fits in ("below L6", "L6", "between"):
        rows = {r.id: r for r in playbook.scope_rows}
        expected = "; ".join(f"{rows[r].dimension}: {rows[r].l7}" for r in _unique(playbook.band_rows.values())
                             if r in rows)
        return (f"This story reads below L7 scope ({known}). The playbook expects L7 stories at {expected}. "
                "Lead with stories of impact beyond your immediate scope, or show how this one grew.")
    return ""


# Warnings ------------------------------------------------------------------------------------


def plan_warnings(level: Level, playbook: Playbook, assessment: Assessment, hours: Hours, gaps: tuple[Gap, ...],
                  principles: Principles, stories: tuple[StoryPlacement, ...], requested_start: dt.date,
                  start: dt.date) -> tuple[Warning, ...]:
    out = []
    if start != requested_start:
        out.append(Warning("far_interview",
                           f"The interview is more than {config.MAX_PLAN_WEEKS} weeks away; this plan starts on "
                           f"{start.isoformat()}, {config.MAX_PLAN_WEEKS} weeks before it."))
    if hours.days == 0:
        out.append(Warning("interview_today", "The interview is today: there are no study days left to plan."))
    elif hours.shortfall:
        out.append(Warning("too_few_hours",
                           f"{hours.available} hours available against the {hours.recommended} the playbook recommends "
                           f"for {level.id}: {hours.shortfall} hours short. About {hours.per_week_needed:g} hours a "
                           "week would cover it."))
    if 0 < hours.days < CLOSE_INTERVIEW_DAYS:
        top = ", ".join(g.name for g in gaps[:2])
        out.append(Warning("interview_close",
                           f"The interview is {hours.days} days away: prioritise mock interviews"
                           + (f" and your top gaps ({top})." if top else ".")))
    target = playbook.practice_targets.get("stories")
    if target is not None and len(assessment.stories) < target.target:
        out.append(Warning("few_stories",
                           f"{len(assessment.stories)} of {target.target} stories written; the playbook says: "
                           f"{target.source}."))
    if principles.missing:
        out.append(Warning("missing_principles",
                           f"{len(principles.missing)} of {len(playbook.principles)} Leadership Principles have no "
                           f"story: {', '.join(principles.missing)}."))
    off = [s.title for s in stories if s.warning]
    if off:
        out.append(Warning("story_scope", f"{len(off)} stor{'y' if len(off) == 1 else 'ies'} "
                                          f"not at {level.id} scope: {', '.join(off)}."))
    return tuple(out)


# JSON ----------------------------------------------------------------------------------------


def _r(x: float, places: int = 3) -> float:
    return round(x, places)


def _item_json(item: ItemStatus) -> dict[str, Any]:
    return {"id": item.id, "text": item.text, "status": item.status, "evidence": item.evidence,
            "category_id": item.category_id, "area_id": item.area_id}


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data: ISO dates, rounded floats, lists; mappings keyed by id in page order."""
    return {
        "level": plan.level,
        "candidate": plan.candidate,
        "today": plan.today.isoformat(),
        "plan_start": plan.plan_start.isoformat(),
        "interview_date": plan.interview_date.isoformat(),
        "readiness": {a.id: {"name": a.name, "weight": a.weight, "readiness": _r(a.readiness), "basis": a.basis,
                             "met": _r(a.met, 1), "possible": _r(a.possible, 1), "detail": a.detail}
                      for a in plan.readiness},
        "overall_readiness": _r(plan.overall_readiness),
        "gaps": [{"area_id": g.area_id, "name": g.name, "weight": g.weight, "shortfall": _r(g.shortfall),
                  "priority": _r(g.priority), "missing": [_item_json(i) for i in g.missing],
                  "actions": list(g.actions)} for g in plan.gaps],
        "hours": {"available": plan.hours.available, "recommended": plan.hours.recommended,
                  "per_week": _r(plan.hours.per_week, 2), "days": plan.hours.days, "weeks": _r(plan.hours.weeks, 2),
                  "coverage": _r(plan.hours.coverage), "shortfall": plan.hours.shortfall,
                  "per_week_needed": _r(plan.hours.per_week_needed, 1)},
        "allocation": {a.id: {"name": a.name, "hours": a.hours, "percent": _r(a.percent, 1),
                              "page_percent": a.page_percent, "page_hours": a.page_hours, "gap": _r(a.gap)}
                       for a in plan.allocation},
        "weeks": [{"number": w.number, "start": w.start.isoformat(), "end": w.end.isoformat(), "days": w.days,
                   "hours": _r(w.hours, 1), "focus": w.focus, "focus_id": w.focus_id, "phase": w.phase,
                   "mock_interviews": w.mock_interviews,
                   "tasks": [{"area_id": t.area_id, "area": t.area, "hours": _r(t.hours, 1), "text": t.text}
                             for t in w.tasks]} for w in plan.weeks],
        "principles": {"covered": {p.principle: list(p.stories) for p in plan.principles.covered},
                       "missing": list(plan.principles.missing)},
        "story_scope": [{"title": s.title, "principles": list(s.principles), "fits": s.fits, "warning": s.warning,
                         "dimensions": {d.dimension: {"label": d.label, "value": d.value, "shown": d.shown,
                                                      "l6_band": d.l6_band, "l7_band": d.l7_band, "place": d.place}
                                        for d in s.dimensions}} for s in plan.story_scope],
        "warnings": [{"code": w.code, "message": w.message} for w in plan.warnings],
        "checklist": [{"id": c.id, "name": c.name, "group": c.group, "area_id": c.area_id,
                       "items": [_item_json(i) for i in c.items]} for c in plan.checklist],
        "method": [{"title": title, "text": text} for title, text in plan.method],
    }

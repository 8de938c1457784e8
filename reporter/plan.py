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
from .assessment import WEEKDAYS, Assessment, Story, Unavailable
from .content import BAND_DIMENSIONS, Band, Level, Playbook, PracticeTarget, PrepArea
from .typography import RANGE_DASH, number_range


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
    available: int  # hours per study day × study days (taper days at half), rounded
    recommended: int  # the page's total for the level (285 L6, 320 L7)
    per_week: float
    days: int  # from plan_start to interview_date
    weeks: float  # days / 7
    coverage: float  # available / recommended
    shortfall: int = 0  # recommended - available, when positive
    per_week_needed: float = 0.0  # hours a week that would reach `recommended` (0 when not short)
    study_days: int = 0  # days with study time (taper days included)
    unavailable_days: int = 0  # study days lost to `unavailable`
    unavailable_hours: int = 0  # the hours those days would have held, rounded
    basis: str = ""  # ready words: how `available` comes about, e.g. "10 h a week over 80 study days"


@dataclass(frozen=True)
class StudyDay:
    date: dt.date
    kind: str  # "study" | "taper" | "free" (the day before the interview) | "off" | "unavailable"
    share: float  # of a study day's hours: 1, TAPER_SHARE or 0
    reason: str = ""  # why it is unavailable


@dataclass(frozen=True)
class SessionPart:
    area_id: str
    area: str
    hours: float
    text: str  # the week's task for the area, or the review of a taper day
    week_hours: float = 0.0  # the area's hours in the whole week, which `text` describes


@dataclass(frozen=True)
class Session:
    """One sitting on one day: what the calendar holds."""

    date: dt.date
    week: int
    kind: str  # "study" | "review" (taper day) | "mock" | "diagnostic"
    hours: float  # in half hours
    title: str  # ready words: the session's focus, or the mock interview
    parts: tuple[SessionPart, ...]
    slot: int = 0  # order on its day, 0 first


@dataclass(frozen=True)
class MonthFocus:
    label: str  # "December 2026"
    weeks: tuple[int, ...]  # week numbers starting in the month
    hours: float
    focus: str  # the area with the most hours in the month
    focus_id: str
    share: float  # of the month's hours the focus has
    note: str  # "" or, when the focus repeats the previous month's, why: the plan says so
    short_note: str = ""  # the same in a few words, for a slide


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
    days: int = 7  # calendar days in this week (the last week may be shorter)
    focus_id: str = ""  # preparation area id of `focus`
    notes: tuple[str, ...] = ()  # ready words: unavailable ranges, taper days, the free day


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
    sessions: tuple[Session, ...] = ()  # day by day, in date order
    months: tuple[MonthFocus, ...] = ()
    schedule_notes: tuple[str, ...] = ()  # ready words for the schedule's lead: study days, unavailable ranges
    study_time: dt.time | None = None  # when sessions start; None: all-day
    timezone: str = ""  # IANA name, or "" for floating times


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
ONE_DAY = dt.timedelta(days=1)
TAPER_DAYS = 2  # the last study days before the interview: half days, review only
TAPER_SHARE = Fraction(1, 2)
FOCUS_SHARE = Fraction(2, 3)  # the focus takes at least this share of its week's hours
FOCUS_ROTATION_WEEKS = 6  # from this many weeks with study time, every sizeable area is the focus once...
FOCUS_ROTATION_SHARE_INV = 10  # ...where sizeable means at least a tenth of the hours
DIAGNOSTIC_WEEK = 2  # the early diagnostic mock interview's week (or the first with study time)
UPKEEP_FACTOR = Fraction(1, 4)  # an area with nothing left to do keeps this share of the playbook's for upkeep
ITEM_HOURS = 2  # hours on one checklist item in an area without a practice count
REWORK_HOURS = 1  # reworking one story's scope, or adding evidence to one
REHEARSE_HOURS = 1  # rehearsing one story in a 2-minute and a 5-minute version
PRINCIPLES_PER_NEW_STORY = 2
SESSION_UNIT = Fraction(1, 2)  # sessions are laid out in half hours
PIECE_PLURALS = {"new story": "new stories", "story to rework": "stories to rework",
                 "checklist item": "checklist items", "story to rehearse": "stories to rehearse"}

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
     "The plan starts on your plan_start, or on the day the plan is made, and runs to the day before the "
     "interview. A study day is a day of your study_days (every day unless you say otherwise) outside your "
     "unavailable ranges, and holds hours per week ÷ the number of study days a week. The day before the "
     f"interview is free, and the last {TAPER_DAYS} study days before it are taper days at "
     f"{float(TAPER_SHARE):g} of a study day. Hours available = the sum over the study days, rounded half up. "
     "They are compared with the playbook's recommended total for the level. "
     f"A schedule covers at most {config.MAX_PLAN_WEEKS} weeks; for an interview further away the plan starts "
     f"{config.MAX_PLAN_WEEKS} weeks before it."),
    ("Allocation of hours",
     "Each preparation area starts from the playbook's percentage. Its gap is the mean shortfall (1 − readiness) of "
     "the framework areas it builds; if it also has a practice target, the gap is the mean of that and the "
     "practice shortfall. The playbook's share is multiplied by "
     f"{float(ALLOCATION_MIN_FACTOR):g} + {float(ALLOCATION_MAX_FACTOR - ALLOCATION_MIN_FACTOR):g} × gap, and the "
     f"shares are scaled back to 100% while each stays between {float(ALLOCATION_MIN_FACTOR):g} and "
     f"{float(ALLOCATION_MAX_FACTOR):g} times the playbook's share (areas at a bound are held there, the rest "
     "rescaled). An area with no gap left is upkeep: it is held at "
     f"{float(UPKEEP_FACTOR):g} times the playbook's share (unless the other areas' upper bounds cannot take the "
     "rest), so the hours it frees go to the gaps. With "
     "equal gaps everywhere the playbook's split is kept. Hours are whole numbers, shared by largest "
     "remainder (ties to the playbook's order) so that they add up exactly to the hours available."),
    ("Weeks",
     f"The schedule is cut into weeks of {DAYS_PER_WEEK} days from the start; the last week may be shorter and "
     "ends the day before the interview. Each week's hours are the hours available shared in proportion to its "
     "study days (taper days at their share), in whole hours by largest remainder (ties to the earlier week; a week of "
     "taper days only takes no rounding hour); a week with no study day has none. "
     f"The final {MOCK_WEEKS_LONG} weeks are mock weeks, or the final {MOCK_WEEKS_SHORT} when the interview is "
     f"less than {CLOSE_INTERVIEW_DAYS} days away; of the weeks before, the first half (rounded up) are build "
     "weeks and the rest practice weeks."),
    ("Focus follows need",
     "Each week's focus is the preparation area with the largest remaining need: its gap × the playbook's "
     "percentage × the share of its hours it still has left, and none once its new work is done (ties to the area "
     "with more hours left, then the playbook's "
     f"order). The focus gets at least {float(FOCUS_SHARE):g} of the week's hours (or all it has left), so its "
     "need falls and the focus moves on. The other hours go to each area in proportion to the hours it still "
     f"has left, in build weeks tilted by 1 + {float(FRONT_LOAD):g} × the area's gap. Over a plan with "
     f"{FOCUS_ROTATION_WEEKS} or more weeks of study, an area with at least a 1/{FOCUS_ROTATION_SHARE_INV} of "
     "the hours that has not been the focus yet takes it when the weeks before the mock weeks would otherwise "
     "run out. Shares are whole hours by largest remainder, never more than an area has left, so each area's "
     "weekly hours add up exactly to its allocation."),
    ("Tasks",
     "Targets count down from where you are, and nothing already done is assigned again. Coding: from your "
     f"LeetCode count to the playbook's target at about {float(LEETCODE_PER_HOUR):g} mediums per hour. System "
     f"design: from your count to the playbook's target at one problem per {DESIGN_HOURS_PER_PROBLEM} hours, at "
     "your level's scope from the playbook's scope table. Stories: first each of your stories whose scope "
     f"misses the level, by name ({REWORK_HOURS} hour each); then new STAR stories until you have the playbook's "
     f"number and every Leadership Principle is covered ({PRINCIPLES_PER_NEW_STORY} missing principles per new "
     "story, each evidencing one of your checklist items at no, then at partial, largest gaps first; "
     f"{STORY_HOURS} hours each); then evidence for the remaining checklist items added to your stories "
     f"({REWORK_HOURS} hour each); then each of your stories rehearsed in a 2-minute and a 5-minute version "
     f"({REHEARSE_HOURS} hour each); when the interview is less than {CLOSE_INTERVIEW_DAYS} days away the "
     "rehearsals come right after the reworks, before new stories. An area without a practice count works through its checklist items not "
     f"at yes, {ITEM_HOURS} hours each with one of the playbook's bullets in turn. A met target or finished "
     "list becomes upkeep (timed problems, rehearsals, going deeper into the playbook's bullets); work longer "
     "than a week's slot continues the next week."),
    ("Mock interviews",
     f"A plan longer than {CLOSE_INTERVIEW_DAYS} days holds one diagnostic mock interview early: in week "
     f"{DIAGNOSTIC_WEEK} (or the first week with at least {MOCK_SESSION_HOURS} hours), within the first third "
     "of the plan, in the area with the largest gap × percentage that week. Each mock week schedules one "
     f"mock interview ({MOCK_SESSION_HOURS} hours with its debrief) in each area that has at least "
     f"{MOCK_SESSION_HOURS} hours that week, largest first, at most {MAX_MOCKS_PER_WEEK}, and at least one "
     "(none in a week of taper days only)."),
    ("Sessions and taper",
     "Each mock interview opens one of the week's first full study days. The week's other hours are laid out "
     "on its study days in half hours, in proportion to each day's share (a taper day never takes a rounding "
     "half hour), and filled by the areas in the week's order. A taper day's session is review of the areas' "
     "notes and past work, with no new material; the day before the interview holds nothing. The calendar "
     "holds one entry per session at your study_time (an all-day entry without one), each mock interview, and "
     "the interview."),
    ("Months",
     "A month's focus is the area that is the focus of most of the weeks starting in it (ties to an area that was "
     "not the previous month's focus, then to more hours). When it is the previous month's focus too, the plan "
     "says so, with the weeks it leads and its share of the month's hours."),
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
     "stories than the playbook's target, when principles have no story, when stories miss the level's scope, "
     "when the interview is beyond the schedule's length, and when the hours do not reach all the work your gaps "
     "need: the warning names what is not covered and the hours your unavailable days take."),
    ("Progress since a check-in",
     "Built with --since, a plan is compared with the previous build's plan.json of the same file. Readiness "
     "gained per week = (overall readiness now − then, in percentage points) ÷ the weeks between the two plans. "
     "Projected readiness at the interview = readiness now + that pace × the weeks left to the interview, rounded "
     "down and kept between 0% and 100%. When that stops short of 100%, the weeks 100% would take = (100 − "
     "readiness now) ÷ that pace, in whole weeks rounded up. It is a projection: it assumes the pace so far "
     "holds. With no earlier plan, or one for another level, nothing is compared."),
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
    calendar = study_calendar(start, interview, candidate.study_days, candidate.unavailable)
    hours = hours_available(candidate.hours_per_week, start, interview, level.recommended_hours,
                            len(candidate.study_days), calendar)
    prep_gaps = preparation_gaps(level, readiness, counts)
    allocation = allocate_hours(level, prep_gaps, hours.available)
    principles = principle_coverage(assessment, playbook)
    stories = tuple(place_story(story, playbook, level.id) for story in assessment.stories)
    work = _Work(level, playbook, assessment, gaps, principles, stories,
                 close=(interview - start).days < CLOSE_INTERVIEW_DAYS)
    weeks, sessions = schedule_weeks(level, allocation, prep_gaps, work, calendar, start, interview)
    warnings = plan_warnings(level, playbook, assessment, hours, gaps, principles, stories,
                             requested_start, start, work.not_covered())
    return Plan(level=level.id, candidate=candidate.name, today=today, plan_start=start, interview_date=interview,
                checklist=checklist, readiness=readiness, overall_readiness=float(overall), gaps=gaps,
                hours=hours, allocation=allocation, weeks=weeks, principles=principles, story_scope=stories,
                warnings=warnings, method=METHOD, sessions=sessions, months=month_focus(weeks),
                schedule_notes=schedule_notes(candidate.study_days, candidate.unavailable, start, interview),
                study_time=candidate.study_time, timezone=candidate.timezone)


def schedule_notes(study_days: tuple[int, ...], unavailable: tuple[Unavailable, ...], start: dt.date,
                   interview: dt.date) -> tuple[str, ...]:
    """Ready words for the schedule's lead: which days are study days, which ranges are not available."""
    notes = []
    if len(study_days) < DAYS_PER_WEEK:
        notes.append("Study days: " + ", ".join(WEEKDAYS[d].capitalize() for d in study_days))
    for block in unavailable:
        if block.end >= start and block.start < interview:
            notes.append(f"Not available {_range_label(block.start, block.end)}"
                         + (f": {block.reason}" if block.reason else ""))
    return tuple(notes)


def month_focus(weeks: tuple[Week, ...]) -> tuple[MonthFocus, ...]:
    """The schedule by the month each week starts in: the area with the most hours, and a note when it
    is the previous month's focus again."""
    months: dict[tuple[int, int], list[Week]] = {}
    for week in weeks:
        months.setdefault((week.start.year, week.start.month), []).append(week)
    out: list[MonthFocus] = []
    for run in months.values():
        hours: dict[str, float] = {}
        names: dict[str, str] = {}
        for week in run:
            for task in week.tasks:
                hours[task.area_id] = hours.get(task.area_id, 0.0) + task.hours
                names[task.area_id] = task.area
        total = sum(w.hours for w in run)
        weeks_led: dict[str, int] = {}
        for week in run:
            if week.focus_id:
                weeks_led[week.focus_id] = weeks_led.get(week.focus_id, 0) + 1
        previous = out[-1].focus_id if out else ""
        focus_id = max(hours, key=lambda a: (weeks_led.get(a, 0), a != previous, hours[a],
                                             -list(hours).index(a))) if hours else ""
        share = hours[focus_id] / total if focus_id and total else 0.0
        note = ""
        if focus_id and focus_id == previous:
            note = (f"{names[focus_id]} stays the focus: it leads {_plural(weeks_led.get(focus_id, 0), 'week')} "
                    f"of {len(run)} and holds {share:.0%} of this month's hours, as it still has the largest need")
        short = f"again: largest need, {share:.0%} of hours" if note else ""
        out.append(MonthFocus(run[0].start.strftime("%B %Y"), tuple(w.number for w in run), total,
                              names.get(focus_id, ""), focus_id, share, note, short))
    return tuple(out)


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


def hours_available(hours_per_week: float, start: dt.date, interview: dt.date, recommended: int,
                    study_days_a_week: int = DAYS_PER_WEEK, calendar: tuple[StudyDay, ...] | None = None) -> Hours:
    """Hours per study day × study days (taper days at their share), rounded half up.

    ``calendar`` defaults to every day a study day (see :func:`study_calendar`).
    """
    if calendar is None:
        calendar = study_calendar(start, interview, range(DAYS_PER_WEEK), ())
    days = (interview - start).days
    per_week = Fraction(str(hours_per_week))
    per_day = per_week / max(1, study_days_a_week)
    weight = sum((_weight(d) for d in calendar), Fraction(0))
    available = _half_up(per_day * weight)
    studied = sum(1 for d in calendar if _weight(d) > 0)
    # A day lost to `unavailable` that would have been a study day (its weekday is one).
    weekdays = {d.date.weekday() for d in calendar if d.kind in ("study", "taper")}
    lost = sum(1 for d in calendar if d.kind == "unavailable" and (d.date.weekday() in weekdays or not weekdays))
    shortfall = max(0, recommended - available)
    needed = Fraction(0)
    if shortfall and weight:
        needed = Fraction(math.ceil(Fraction(recommended) / (weight / max(1, study_days_a_week)) * 10), 10)
    basis = f"{float(per_week):g} h a week over {_plural(studied, 'study day')}"
    if lost:
        basis += f"; {_plural(lost, 'day')} not available"
    return Hours(available=available, recommended=recommended, per_week=float(per_week), days=days,
                 weeks=days / DAYS_PER_WEEK, coverage=available / recommended if recommended else 1.0,
                 shortfall=shortfall, per_week_needed=float(needed), study_days=studied, unavailable_days=lost,
                 unavailable_hours=_half_up(per_day * lost), basis=basis)


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


def largest_remainder(quotas: list[Fraction], total: int, takers: list[int] | None = None) -> list[int]:
    """Whole numbers summing to ``total`` from quotas summing to it: floors, then +1 by largest remainder.

    Ties go to the earlier quota. A quota that is already whole never gets the extra unit. ``takers``
    (when some are given) are the only quotas that may get one.
    """
    floors = [math.floor(q) for q in quotas]
    left = total - sum(floors)
    if not takers or len(takers) < left:
        takers = list(range(len(quotas)))
    ranked = sorted(takers, key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in ranked[:left]:
        floors[i] += 1
    return floors


def allocate_hours(level: Level, prep_gaps: dict[str, Fraction], available: int) -> tuple[Allocation, ...]:
    preps = level.preparation
    percents = [Fraction(p.percent) for p in preps]
    # An area with no gap left is upkeep: a smaller weight and floor free its hours for the gaps.
    lows = [(ALLOCATION_MIN_FACTOR if prep_gaps[p.id] else UPKEEP_FACTOR) * pc for pc, p in zip(percents, preps)]
    weights = [pc * (ALLOCATION_MIN_FACTOR + (ALLOCATION_MAX_FACTOR - ALLOCATION_MIN_FACTOR) * prep_gaps[p.id])
               if prep_gaps[p.id] else low for pc, p, low in zip(percents, preps, lows)]
    if not any(prep_gaps.values()):  # nothing left anywhere: the playbook's split, as upkeep
        lows, weights = [ALLOCATION_MIN_FACTOR * pc for pc in percents], list(percents)
    # Upkeep areas stay at their floor unless the gaps' upper bounds cannot take the rest.
    highs = [ALLOCATION_MAX_FACTOR * pc if prep_gaps[p.id] or not any(prep_gaps.values()) else low
             for pc, p, low in zip(percents, preps, lows)]
    if sum(highs) < 100:
        highs = [ALLOCATION_MAX_FACTOR * pc for pc in percents]
    shares = scale_within(weights, lows, highs, Fraction(100))
    hours = largest_remainder([available * s / 100 for s in shares], available)
    return tuple(Allocation(p.id, p.name, p.percent, p.hours, float(prep_gaps[p.id]), float(s), h)
                 for p, s, h in zip(preps, shares, hours))


# Weeks ---------------------------------------------------------------------------------------


def _day_label(day: dt.date) -> str:
    return f"{day:%b} {day.day}"


def _range_label(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _day_label(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{_day_label(first)}{RANGE_DASH}{last.day}"
    return f"{_day_label(first)} {RANGE_DASH} {_day_label(last)}"


def _plural(count: int | float, one: str, many: str | None = None) -> str:
    return f"{count:g} {one if count == 1 else (many or one + 's')}"


def study_calendar(start: dt.date, interview: dt.date, study_days: Iterable[int],
                   unavailable: Iterable[Unavailable]) -> tuple[StudyDay, ...]:
    """Every day from the start to the day before the interview, and what it holds.

    The day before the interview is free; unavailable days and days that are not study days hold
    nothing; the last TAPER_DAYS study days are taper days at TAPER_SHARE of a study day.
    """
    weekdays, blocked = set(study_days), tuple(unavailable)
    days = []
    for offset in range(max(0, (interview - start).days)):
        day = start + dt.timedelta(days=offset)
        if day == interview - dt.timedelta(days=1):
            days.append(StudyDay(day, "free", 0.0))
            continue
        hit = next((u for u in blocked if day in u), None)
        if hit is not None:
            days.append(StudyDay(day, "unavailable", 0.0, hit.reason))
        elif day.weekday() not in weekdays:
            days.append(StudyDay(day, "off", 0.0))
        else:
            days.append(StudyDay(day, "study", 1.0))
    for index in [i for i, d in enumerate(days) if d.kind == "study"][-TAPER_DAYS:]:
        days[index] = StudyDay(days[index].date, "taper", float(TAPER_SHARE))
    return tuple(days)


def _weight(day: StudyDay) -> Fraction:
    return TAPER_SHARE if day.kind == "taper" else Fraction(1 if day.kind == "study" else 0)


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


@dataclass
class _Piece:
    """One piece of work in an area's queue: it may take several weeks' hours."""

    text: str
    hours: Fraction
    left: Fraction
    what: str  # how it is counted when it is not reached, e.g. "new story"


class _Work:
    """What each preparation area still has to do, counted down from where the candidate is.

    Practice targets count from the candidate's own numbers; checklist items at yes, principles
    already covered and stories already written are never handed out again. Once an area's work
    is done its hours become upkeep.
    """

    def __init__(self, level: Level, playbook: Playbook, assessment: Assessment, gaps: tuple[Gap, ...],
                 principles: Principles, placements: tuple[StoryPlacement, ...], close: bool = False):
        self.level = level
        self.close = close  # the interview is near: polish the stories there are before writing new ones
        self.titles = [story.title for story in assessment.stories]
        counts = practice_counts(assessment)
        self.done = {p.id: counts.get(p.practice.metric, 0) for p in level.preparation if p.practice}
        self.reached = dict(self.done)
        self.queues: dict[str, list[_Piece]] = {p.id: [] for p in level.preparation}
        self.bullets = {p.id: [b for b in p.bullets if not p.practice or b != p.practice.source] or list(p.bullets)
                        for p in level.preparation}
        self.turn = {p.id: 0 for p in level.preparation}
        rows = {r.id: r for r in playbook.scope_rows}
        pick = (lambda r: r.l6) if level.id == "L6" else (lambda r: r.l7)
        self.scope = "; ".join(pick(rows[r]) for r in ("technology_decisions", "team_scope") if r in rows)
        self.items = self._items_by_area(gaps)
        for prep in level.preparation:
            metric = prep.practice.metric if prep.practice else None
            if metric == "stories":
                self.queues[prep.id] = self._story_work(prep, playbook, assessment, principles, placements)
            elif metric is None:
                self.queues[prep.id] = [
                    _Piece(f"{self._bullet(prep.id)}, aimed at your gap: {item}", Fraction(ITEM_HOURS),
                           Fraction(ITEM_HOURS), "checklist item") for item in self.items[prep.id]]

    def _items_by_area(self, gaps: tuple[Gap, ...]) -> dict[str, list[str]]:
        """Checklist items not at yes (largest gap first, no before partial), each given to one area:
        the one building it without a practice count, else the stories area, else the first."""
        out: dict[str, list[str]] = {p.id: [] for p in self.level.preparation}
        for gap in gaps:
            builders = [p for p in self.level.preparation if gap.area_id in p.areas]
            if not builders:
                continue
            owner = next((p for p in builders if p.practice is None), None) or \
                next((p for p in builders if p.practice.metric == "stories"), builders[0])
            out[owner.id] += [i.text for status in ("no", "partial") for i in gap.missing if i.status == status]
        return out

    def _bullet(self, prep_id: str) -> str:
        bullets = self.bullets[prep_id]
        text = bullets[self.turn[prep_id] % len(bullets)] if bullets else ""
        self.turn[prep_id] += 1
        return text

    def _story_work(self, prep: PrepArea, playbook: Playbook, assessment: Assessment, principles: Principles,
                    placements: tuple[StoryPlacement, ...]) -> list[_Piece]:
        assert prep.practice is not None
        written = len(assessment.stories)
        missing = list(principles.missing)
        items = list(self.items[prep.id])
        new = max(prep.practice.target - written, math.ceil(len(missing) / PRINCIPLES_PER_NEW_STORY))
        work = []
        for placement in placements:
            if placement.warning:
                known = ", ".join(f"{d.label.lower()} {d.shown}" for d in placement.dimensions
                                  if d.place != "unknown")
                if self.level.id == "L7":
                    text = (f'Rework "{placement.title}": its numbers ({known}) read {placement.fits} for an L7 '
                            "interview; tell the larger scope or pick a bigger story")
                else:
                    text = (f'Retell "{placement.title}" at the scope you owned: its numbers ({known}) read L7 '
                            "for an L6 interview")
                work.append(_Piece(text, Fraction(REWORK_HOURS), Fraction(REWORK_HOURS), "story to rework"))
        for n in range(new):
            named = missing[n * PRINCIPLES_PER_NEW_STORY:(n + 1) * PRINCIPLES_PER_NEW_STORY]
            item = items.pop(0) if items else ""
            text = "Write a new STAR story" + (f" for {' and '.join(named)}" if named else "") + \
                (f" that evidences: {item}" if item else f" at {self.level.id} scope ({self.scope})")
            work.append(_Piece(text, Fraction(STORY_HOURS), Fraction(STORY_HOURS), "new story"))
        titles = [s.title for s in assessment.stories]
        for n, item in enumerate(items):
            if titles:
                text = f'Add evidence for "{item}" to "{titles[n % len(titles)]}"'
            else:
                text = f"Write a STAR story that evidences: {item}"
            work.append(_Piece(text, Fraction(REWORK_HOURS), Fraction(REWORK_HOURS), "checklist item"))
        rehearsals = [_Piece(f'Rehearse "{title}" in a 2-minute and a 5-minute version', Fraction(REHEARSE_HOURS),
                             Fraction(REHEARSE_HOURS), "story to rehearse") for title in titles]
        if self.close:
            reworks = [w for w in work if w.what == "story to rework"]
            return reworks + rehearsals + [w for w in work if w.what != "story to rework"]
        return work + rehearsals

    def _upkeep(self, prep: PrepArea, hours: Fraction) -> str:
        metric = prep.practice.metric if prep.practice else None
        if metric == "stories":
            titles = self.titles
            if not titles:
                return f"Upkeep: outline one more story at {self.level.id} scope ({self.scope})"
            at = self.turn[prep.id]
            self.turn[prep.id] += 2
            chosen = _unique(titles[(at + k) % len(titles)] for k in range(min(2, len(titles))))
            return "Upkeep: rehearse " + " and ".join(f'"{t}"' for t in chosen) + " aloud once more"
        return f"Go deeper: {self._bullet(prep.id)}"

    def _take(self, prep: PrepArea, hours: Fraction) -> list[str]:
        queue, budget, texts = self.queues[prep.id], hours, []
        while budget > 0 and queue:
            piece = queue[0]
            spend = min(budget, piece.left)
            fresh, finishes = piece.left == piece.hours, spend == piece.left
            prefix = "" if fresh and finishes else ("Start: " if fresh else ("Finish: " if finishes else "Continue: "))
            piece.left -= spend
            budget -= spend
            if piece.left == 0:
                queue.pop(0)
            texts.append(prefix + piece.text)
        if budget > 0 and not texts:
            texts.append(self._upkeep(prep, budget))
        return texts

    def task(self, prep: PrepArea, hours: int) -> str:
        metric = prep.practice.metric if prep.practice else None
        if metric == "leetcode_solved":
            return self._count_task(prep, max(1, _half_up(hours * LEETCODE_PER_HOUR)), "LeetCode medium",
                                    "Solve ~{n} {what}, timed, in clean production-ready code",
                                    "~{n} timed {what} to stay sharp")
        if metric == "system_design_problems":
            n = max(1, hours // DESIGN_HOURS_PER_PROBLEM)
            text = self._count_task(prep, n, "design problem",
                                    f"Practise {{n}} {{what}} end to end at {self.level.id} scope ({self.scope})",
                                    "redo {n} {what} under time, saying the trade-offs aloud")
            items = self.items[prep.id]
            if items:
                text += f"; tie it to your gap: {items.pop(0)}"
            return text
        return "; ".join(self._take(prep, Fraction(hours)))

    def _count_task(self, prep: PrepArea, n: int, what: str, work: str, upkeep: str) -> str:
        assert prep.practice is not None
        target, at = prep.practice.target, self.reached[prep.id]
        noun = what if n == 1 else what + "s"
        if at >= target:
            return "Upkeep: " + upkeep.format(n=n, what=noun) + f" (the {target} target is met)"
        new = min(n, target - at)
        self.reached[prep.id] = at + new
        text = work.format(n=new, what=what if new == 1 else what + "s") + f" ({at} → {at + new} of {target})"
        if new < n:
            text += ", then upkeep: " + upkeep.format(n=n - new, what=what if n - new == 1 else what + "s")
        return text

    def has_work(self, prep: PrepArea) -> bool:
        """Whether the area has new work left (a target not met, a list not finished), not only upkeep."""
        if prep.practice and prep.practice.metric in ("leetcode_solved", "system_design_problems"):
            return self.reached[prep.id] < prep.practice.target or bool(self.items[prep.id])
        return bool(self.queues[prep.id])

    def not_covered(self) -> list[str]:
        """What the plan's hours do not reach, in words: counts left and pieces never finished."""
        out = []
        for prep in self.level.preparation:
            if prep.practice and prep.practice.metric in ("leetcode_solved", "system_design_problems"):
                left = prep.practice.target - self.reached[prep.id]
                if left > 0:
                    out.append(f"{left} of the {prep.practice.target} {prep.practice.label}")
            counts: dict[str, int] = {}
            for piece in self.queues[prep.id]:
                counts[piece.what] = counts.get(piece.what, 0) + 1
            for what, count in counts.items():
                out.append(f"{count} {what if count == 1 else PIECE_PLURALS[what]} ({prep.name})")
        return out


def _focus_index(need: list[Fraction], left: list[Fraction], percents: list[Fraction],
                 allowed: list[int]) -> int:
    return min(allowed, key=lambda i: (-need[i], -percents[i] * left[i], i))


def schedule_weeks(level: Level, allocation: tuple[Allocation, ...], prep_gaps: dict[str, Fraction],
                   work: _Work, calendar: tuple[StudyDay, ...], start: dt.date,
                   interview: dt.date) -> tuple[tuple[Week, ...], tuple[Session, ...]]:
    spans = _week_spans(start, interview)
    if not spans:
        return (), ()
    days = (interview - start).days
    available = sum(a.hours for a in allocation)
    by_week = [[d for d in calendar if begin <= d.date <= end] for begin, end in spans]
    weights = [sum((_weight(d) for d in week), Fraction(0)) for week in by_week]
    total = sum(weights, Fraction(0))
    # A week of taper days only takes no rounding hour, so its days stay at their half.
    full_weeks = [n for n, week in enumerate(by_week) if any(d.kind == "study" for d in week)]
    capacities = largest_remainder([available * w / total for w in weights], available, full_weeks) if total \
        else [0] * len(spans)
    phases = _phases(len(spans), days)
    preps = level.preparation
    percents = [Fraction(p.percent) for p in preps]
    gaps = [prep_gaps[p.id] for p in preps]
    left = [Fraction(a.hours) for a in allocation]
    # Areas with a tenth of the hours or more are each the focus once over a plan of FOCUS_ROTATION_WEEKS+ weeks.
    study_weeks = [n for n, c in enumerate(capacities) if c > 0]
    eligible = {i for i, a in enumerate(allocation) if available and a.hours * FOCUS_ROTATION_SHARE_INV >= available} \
        if len(study_weeks) >= FOCUS_ROTATION_WEEKS else set()
    focused: set[int] = set()
    diagnostic_week = _diagnostic_week(capacities, phases, days)
    weeks, sessions = [], []
    for index, ((begin, end), capacity, phase) in enumerate(zip(spans, capacities, phases)):
        number = index + 1
        cells = [0] * len(preps)
        focus = None
        if capacity:
            need = [g * pc * r / a.hours if a.hours and work.has_work(p) else Fraction(0)
                    for g, pc, r, a, p in zip(gaps, percents, left, allocation, preps)]
            open_areas = [i for i in range(len(preps)) if left[i] > 0]
            waiting = [i for i in eligible - focused if left[i] > 0]
            rest_weeks = sum(1 for n in study_weeks if n >= index and phases[n] != "mock")
            forced = phase != "mock" and waiting and rest_weeks <= len(waiting)
            focus = _focus_index(need, left, percents, sorted(waiting) if forced else open_areas)
            focused.add(focus)
            tilt = [1 + FRONT_LOAD * g if phase == "build" else Fraction(1) for g in gaps]
            lows = [Fraction(0)] * len(preps)
            lows[focus] = min(left[focus], FOCUS_SHARE * capacity)
            targets = scale_within([r * t for r, t in zip(left, tilt)], lows, left, Fraction(capacity))
            cells = largest_remainder(targets, capacity)
        left = [r - c for r, c in zip(left, cells)]
        ranked = sorted((i for i in range(len(preps)) if cells[i] > 0),
                        key=lambda i: (i != focus, -cells[i], i))
        mocks: list[tuple[int, str]] = []
        full_day = any(d.kind == "study" for d in by_week[index])  # mock interviews never fall on taper days
        if phase == "mock" and ranked and full_day:
            chosen = [i for i in ranked if cells[i] >= MOCK_SESSION_HOURS][:MAX_MOCKS_PER_WEEK] or [ranked[0]]
            mocks = [(i, "mock") for i in chosen]
        elif index == diagnostic_week and ranked:
            candidates = [i for i in ranked if cells[i] >= MOCK_SESSION_HOURS] or ranked
            mocks = [(max(candidates, key=lambda i: (gaps[i] * percents[i], -i)), "diagnostic")]
        mock_areas = {i: kind for i, kind in mocks}
        tasks, texts = [], {}
        for i in ranked:
            prep = preps[i]
            kind = mock_areas.get(i)
            rest = cells[i] - MOCK_SESSION_HOURS if kind else cells[i]
            texts[i] = work.task(prep, rest) if rest > 0 else ""
            if kind:
                label = "Diagnostic mock interview" if kind == "diagnostic" else "Mock interview"
                why = ": find what to fix first" if kind == "diagnostic" else ""
                text = f"{label}: {prep.name} (~{MOCK_SESSION_HOURS} h with debrief){why}"
                if texts[i]:
                    text += f", then: {texts[i]}"
            else:
                text = texts[i]
            tasks.append(WeekTask(prep.id, prep.name, float(cells[i]), text))
        week_days = by_week[index]
        weeks.append(Week(number=number, start=begin, end=end, hours=float(capacity),
                          focus=preps[focus].name if focus is not None else "", phase=phase, tasks=tuple(tasks),
                          mock_interviews=len(mocks), days=(end - begin).days + 1,
                          focus_id=preps[focus].id if focus is not None else "", notes=_week_notes(week_days)))
        sessions += _week_sessions(number, week_days, preps, cells, ranked, mocks, texts, capacity)
    return tuple(weeks), tuple(sessions)


def _diagnostic_week(capacities: list[int], phases: list[str], days: int) -> int | None:
    """The week of the early diagnostic mock: the second week with study time (or the first), within the
    first third of the plan, for a plan longer than CLOSE_INTERVIEW_DAYS."""
    if days <= CLOSE_INTERVIEW_DAYS:
        return None
    third = math.ceil(len(capacities) / 3)
    open_weeks = [n for n in range(third) if capacities[n] >= MOCK_SESSION_HOURS and phases[n] != "mock"]
    if not open_weeks:
        return None
    return open_weeks[min(DIAGNOSTIC_WEEK, len(open_weeks)) - 1]


def _week_notes(days: list[StudyDay]) -> tuple[str, ...]:
    """Ready words for what a week's days hold beyond study: unavailable ranges, taper, the free day."""
    notes = []
    runs: list[list[StudyDay]] = []
    for day in days:
        if day.kind != "unavailable":
            continue
        if runs and runs[-1][-1].reason == day.reason and day.date - runs[-1][-1].date == ONE_DAY:
            runs[-1].append(day)
        else:
            runs.append([day])
    for run in runs:
        notes.append(f"Not available {_range_label(run[0].date, run[-1].date)}"
                     + (f": {run[0].reason}" if run[0].reason else ""))
    taper = [d.date for d in days if d.kind == "taper"]
    if taper:
        notes.append(f"{', '.join(_day_label(d) for d in taper)}: half days, review and rest only")
    free = [d.date for d in days if d.kind == "free"]
    if free:
        notes.append(f"{_day_label(free[0])}: the day before the interview, free")
    elif days and all(_weight(d) == 0 for d in days):
        notes.append("No study days this week")
    return tuple(notes)


def _week_sessions(number: int, days: list[StudyDay], preps: tuple[PrepArea, ...], cells: list[int],
                   ranked: list[int], mocks: list[tuple[int, str]], texts: dict[int, str],
                   capacity: int) -> list[Session]:
    """A week's hours laid out on its study days, in half hours: each mock interview opens one of the week's
    first full study days; the rest is shared by all study days and filled by the areas in the week's order."""
    study = [d for d in days if _weight(d) > 0]
    if not study or not capacity:
        return []
    normal = [d for d in study if d.kind == "study"] or study
    mock_day = {}
    for j, (i, kind) in enumerate(mocks):
        mock_day[i] = normal[min(j, len(normal) - 1)].date
    mock_hours = {i: min(MOCK_SESSION_HOURS, cells[i]) for i, _ in mocks}
    rest = Fraction(capacity - sum(mock_hours.values()))
    fill = study  # a mock interview's day has its share of the rest too, after the mock
    units = _session_units(fill, rest / SESSION_UNIT)
    room = {d.date: Fraction(u) * SESSION_UNIT for d, u in zip(fill, units)}
    parts: dict[dt.date, list[tuple[int, Fraction]]] = {d.date: [] for d in study}
    order = [d.date for d in fill]
    at = 0
    for i in ranked:
        hours = Fraction(cells[i] - mock_hours.get(i, 0))
        while hours > 0 and at < len(order):
            day = order[at]
            spend = min(hours, room[day])
            if spend > 0:
                parts[day].append((i, spend))
                room[day] -= spend
                hours -= spend
            if room[day] == 0:
                at += 1
    out = []
    kinds = dict(mocks)
    taper = {d.date for d in study if d.kind == "taper"}
    for day in study:
        slot = 0
        for i, when in mock_day.items():
            if when == day.date:
                label = "Diagnostic mock interview" if kinds[i] == "diagnostic" else "Mock interview"
                out.append(Session(day.date, number, kinds[i], float(mock_hours[i]), f"{label}: {preps[i].name}",
                                   (SessionPart(preps[i].id, preps[i].name, float(mock_hours[i]),
                                                f"{label} with its debrief", float(mock_hours[i])),), slot))
                slot += 1
        if parts[day.date]:
            review = day.date in taper
            pieces = tuple(SessionPart(preps[i].id, preps[i].name, float(h),
                                       f"Review your {preps[i].name.lower()} notes and past work; no new material"
                                       if review else texts[i], float(cells[i] - mock_hours.get(i, 0)))
                           for i, h in parts[day.date])
            lead = max(parts[day.date], key=lambda p: p[1])[0]
            out.append(Session(day.date, number, "review" if review else "study",
                               float(sum(h for _, h in parts[day.date])),
                               "Review and rest" if review else preps[lead].name, pieces, slot))
    return out


def _session_units(days: list[StudyDay], total: Fraction) -> list[int]:
    """Session units per day in proportion to the days' weights; a taper day gets no rounding unit, so it
    stays at most TAPER_SHARE of a study day (unless the week has no study day to take the unit)."""
    weights = [_weight(d) for d in days]
    whole = sum(weights, Fraction(0))
    units = math.floor(total)
    quotas = [Fraction(units) * w / whole for w in weights]
    floors = [math.floor(q) for q in quotas]
    spare = units - sum(floors)
    takers = [i for i, d in enumerate(days) if d.kind == "study"] or list(range(len(days)))
    ranked = sorted(takers, key=lambda i: (-(quotas[i] - floors[i]), i))
    for k in range(spare):
        floors[ranked[k % len(ranked)]] += 1
    return floors


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
    text = f"{fmt(band.low)}+" if band.high is None else number_range(fmt(band.low), fmt(band.high))
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
                  start: dt.date, not_covered: list[str] | tuple[str, ...] = ()) -> tuple[Warning, ...]:
    out = []
    if start != requested_start:
        out.append(Warning("far_interview",
                           f"The interview is more than {config.MAX_PLAN_WEEKS} weeks away; this plan starts on "
                           f"{start.day} {start:%B %Y}, {config.MAX_PLAN_WEEKS} weeks before it."))
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
    if not_covered and hours.days:
        lost = (f"; your unavailable days take about {_plural(hours.unavailable_hours, 'hour')}"
                if hours.unavailable_hours else "")
        out.append(Warning("not_covered",
                           f"{hours.available} hours{lost} do not reach all the work your gaps need. Not covered: "
                           f"{'; '.join(not_covered)}."))
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
                  "per_week_needed": _r(plan.hours.per_week_needed, 1), "study_days": plan.hours.study_days,
                  "unavailable_days": plan.hours.unavailable_days,
                  "unavailable_hours": plan.hours.unavailable_hours, "basis": plan.hours.basis},
        "allocation": {a.id: {"name": a.name, "hours": a.hours, "percent": _r(a.percent, 1),
                              "page_percent": a.page_percent, "page_hours": a.page_hours, "gap": _r(a.gap)}
                       for a in plan.allocation},
        "weeks": [{"number": w.number, "start": w.start.isoformat(), "end": w.end.isoformat(), "days": w.days,
                   "hours": _r(w.hours, 1), "focus": w.focus, "focus_id": w.focus_id, "phase": w.phase,
                   "mock_interviews": w.mock_interviews, "notes": list(w.notes),
                   "tasks": [{"area_id": t.area_id, "area": t.area, "hours": _r(t.hours, 1), "text": t.text}
                             for t in w.tasks]} for w in plan.weeks],
        "sessions": [{"date": s.date.isoformat(), "week": s.week, "kind": s.kind, "hours": _r(s.hours, 1),
                      "title": s.title, "slot": s.slot,
                      "parts": [{"area_id": x.area_id, "area": x.area, "hours": _r(x.hours, 1), "text": x.text}
                                for x in s.parts]} for s in plan.sessions],
        "months": [{"label": m.label, "weeks": list(m.weeks), "hours": _r(m.hours, 1), "focus": m.focus,
                    "focus_id": m.focus_id, "share": _r(m.share), "note": m.note} for m in plan.months],
        "schedule_notes": list(plan.schedule_notes),
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

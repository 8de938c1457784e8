"""Slide decks as data: each deck is an ordered list of slide definitions, in one place.

A :class:`Slide` names its template (``templates/slides/<id>.html``), the function that builds its
context from the deck's inputs, its title and its speaker notes (both short Jinja texts shown with
that same context). Reordering a deck is reordering a tuple; extending it is one more row and one
partial. Everything a slide shows is computed here or in the planner: templates only lay it out.

Slides are small and read from the back of a room, so long texts are cut here to bounded briefs
(the prep plan keeps the full text) and long lists are capped with "and N more".

Nothing here renders: :mod:`reporter.slidefit` lays the decks out. The two decks:

- ``COACHING``: one per candidate, over :class:`reporter.documents.Inputs`;
- ``WORKSHOP``: the L6 versus L7 workshop, over anything with ``.playbook`` and ``.generated``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from . import charts, config
from .plan import FITS_ORDER, MonthFocus, Week

# Type steps, largest first; each is a class in styles/slides.css that sets the slide's sizes.
# A slide that overflows at one step is laid out again at the next; the last step keeps body
# text at 18 pt, the smallest that reads from the back of a room.
TYPE_STEPS = ("step-0", "step-1", "step-2", "step-3")

MAX_MONTH_ROWS = 6  # rows of the month-by-month table; longer schedules merge adjacent months
NEXT_WEEKS = 2
TOP_GAPS = 3


@dataclass(frozen=True)
class Slide:
    id: str  # unique in its deck; the template is templates/slides/<id>.html unless `partial` names another
    title: str  # Jinja text, shown with the slide's context
    context: Callable[[Any], dict[str, Any]]
    notes: str  # Jinja text: the speaker notes, printed in the handout
    partial: str = ""  # a template shared by several slides, e.g. "question"

    @property
    def template(self) -> str:
        return f"slides/{self.partial or self.id}.html"


@dataclass(frozen=True)
class Deck:
    name: str  # e.g. "coaching"
    slides: tuple[Slide, ...]
    meta: Callable[[Any], dict[str, Any]]  # title, author, subject, footer, ...


# ---------------------------------------------------------------------------------------------
# Derived data: pure functions, tested on their own.


def brief(text: str, limit: int) -> str:
    """Plain text of at most ``limit`` characters: the first sentence when it fits, else cut at a word."""
    plain = " ".join(re.sub(r"\*\*|__|`|(?<!\w)[*_]|[*_](?!\w)", "", text).split())
    if len(plain) <= limit:
        return plain
    sentence = re.match(r"(.+?[.!?])(\s|$)", plain)
    if sentence and len(sentence.group(1)) <= limit:
        return sentence.group(1)
    cut = plain[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def capped(values: Sequence[str], limit: int) -> tuple[tuple[str, ...], int]:
    """The first ``limit`` values, and how many were left out."""
    return tuple(values[:limit]), max(0, len(values) - limit)


@dataclass(frozen=True)
class MonthRow:
    label: str  # "December 2026" or "Jan – Mar 2027"
    weeks: str  # "1–5"
    hours: float
    phases: str  # "build, practice"
    focus: str  # the month's focus (plan.month_focus), or the area with the most hours of merged months
    note: str = ""  # the plan's words when a month keeps the previous month's focus


def _month_label(first: dt.date, last: dt.date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%b')} – {last.strftime('%b %Y')}"
    return f"{first.strftime('%b %Y')} – {last.strftime('%b %Y')}"


def schedule_by_month(weeks: Sequence[Week], max_rows: int = MAX_MONTH_ROWS,
                      months_focus: Sequence[MonthFocus] = ()) -> tuple[MonthRow, ...]:
    """The weekly schedule summed by the month each week starts in.

    More months than ``max_rows`` are merged into runs of adjacent months of equal length (the
    earlier runs one longer), so a two-year schedule still fits one slide. A row of one month
    takes its focus and note from ``months_focus`` (the plan's month rule) when given.
    """
    by_weeks = {m.weeks: m for m in months_focus}
    months: dict[tuple[int, int], list[Week]] = {}
    for week in weeks:
        months.setdefault((week.start.year, week.start.month), []).append(week)
    runs = list(months.values())
    if len(runs) > max_rows:
        size, extra = divmod(len(runs), max_rows)
        merged, at = [], 0
        for index in range(max_rows):
            take = size + (index < extra)
            merged.append([w for run in runs[at:at + take] for w in run])
            at += take
        runs = merged
    rows = []
    for run in runs:
        hours: Counter[str] = Counter()
        order: list[str] = []
        for week in run:
            for task in week.tasks:
                if task.area not in hours:
                    order.append(task.area)
                hours[task.area] += task.hours
        focus = max(order, key=lambda a: (hours[a], -order.index(a))) if order else ""
        phases = ", ".join(dict.fromkeys(w.phase for w in run))
        first, last = run[0], run[-1]
        span = str(first.number) if first is last else f"{first.number}–{last.number}"
        planned = by_weeks.get(tuple(w.number for w in run))
        rows.append(MonthRow(_month_label(first.start, last.start), span, sum(w.hours for w in run), phases,
                             planned.focus if planned else focus, planned.short_note if planned else ""))
    return tuple(rows)


def next_weeks(weeks: Sequence[Week], today: dt.date, count: int = NEXT_WEEKS) -> tuple[Week, ...]:
    """The ``count`` weeks from today on: the week holding today (or the first week, before the start)."""
    upcoming = [w for w in weeks if w.end >= today]
    return tuple(upcoming[:count])


@dataclass(frozen=True)
class WeekTaskBrief:
    area: str
    hours: float
    text: str


@dataclass(frozen=True)
class WeekBrief:
    number: int
    start: dt.date
    end: dt.date
    hours: float
    phase: str
    focus: str
    tasks: tuple[WeekTaskBrief, ...]
    more: int  # tasks left out
    notes: str = ""  # the week's notes (unavailable days, taper, the free day), joined


def week_brief(week: Week, max_tasks: int = 4, limit: int = 58) -> WeekBrief:
    tasks, more = capped(week.tasks, max_tasks)
    return WeekBrief(week.number, week.start, week.end, week.hours, week.phase, week.focus,
                     tuple(WeekTaskBrief(t.area, t.hours, brief(t.text, limit)) for t in tasks), more,
                     "; ".join(week.notes))


@dataclass(frozen=True)
class GapCard:
    name: str
    weight: int
    shortfall: float
    missing: tuple[str, ...]
    more_missing: int
    actions: tuple[str, ...]


def gap_cards(gaps, count: int = TOP_GAPS, items: int = 2, actions: int = 1) -> tuple[GapCard, ...]:
    cards = []
    for gap in gaps[:count]:
        missing, more = capped([brief(i.text, 60) for i in gap.missing], items)
        cards.append(GapCard(gap.name, gap.weight, gap.shortfall, missing, more,
                             tuple(brief(a, 100) for a in gap.actions[:actions])))
    return tuple(cards)


@dataclass(frozen=True)
class PrincipleMark:
    name: str
    stories: int  # stories that name it; 0 = missing


def principle_marks(plan, playbook) -> tuple[PrincipleMark, ...]:
    counts = {use.principle: len(use.stories) for use in plan.principles.covered}
    return tuple(PrincipleMark(p, counts.get(p, 0)) for p in playbook.principles)


@dataclass(frozen=True)
class ScopeSummary:
    fits: tuple[tuple[str, int], ...]  # (fit, stories) in FITS_ORDER, then "unknown"; only those with stories
    flagged: tuple[str, ...]  # titles of stories off the level's scope (capped)
    more_flagged: int


def scope_summary(plan, max_flagged: int = 3) -> ScopeSummary:
    counts = Counter(s.fits for s in plan.story_scope)
    fits = tuple((fit, counts[fit]) for fit in (*FITS_ORDER, "unknown") if counts[fit])
    flagged, more = capped([brief(s.title, 60) for s in plan.story_scope if s.warning], max_flagged)
    return ScopeSummary(fits, flagged, more)


@dataclass(frozen=True)
class StarPart:
    label: str
    text: str


def star_outline(study, limit: int = 100) -> tuple[StarPart, ...]:
    story = study.story
    return tuple(StarPart(label, brief(text, limit)) for label, text in
                 (("Situation", story.situation), ("Task", story.task), ("Action", story.action),
                  ("Result", story.result)))


# ---------------------------------------------------------------------------------------------
# Charts sized for a slide: the chart is drawn at the slide's content width, so its units are
# about 0.9 pt; 22-unit labels print at about 20 pt.

CHART_FONT = 22


def readiness_chart(plan, colors=charts.PALETTE) -> charts.BarChart:
    return charts.bar_chart([(a.name, a.readiness, f"weight {a.weight}%") for a in plan.readiness],
                            width=720, bar_height=32, gap=8, label_width=310, label_chars=22,
                            line_height=24, font_size=CHART_FONT, note_size=20, value_size=24, value_width=90,
                            value_at_edge=True, grid=False, colors=colors)


def allocation_pie(plan, colors=charts.PALETTE) -> charts.PieChart:
    return charts.pie_chart([(a.name, a.hours, f"{a.hours} h") for a in plan.allocation], size=220, colors=colors)


def preparation_pie(level, colors=charts.PALETTE) -> charts.PieChart:
    return charts.pie_chart([(p.name, p.percent, f"{p.percent}%") for p in level.preparation], size=220,
                            colors=colors)


# ---------------------------------------------------------------------------------------------
# The coaching deck: one per candidate.


def _candidate(inputs) -> dict[str, Any]:
    plan, playbook = inputs.plan, inputs.playbook
    return {"plan": plan, "level": playbook.level(plan.level), "candidate": inputs.assessment.candidate,
            "playbook": playbook}


def _cover(inputs) -> dict[str, Any]:
    ctx = _candidate(inputs)
    ctx["name"] = brief(ctx["candidate"].name, 120)
    ctx["role"] = brief(ctx["candidate"].current_title or "", 60)
    ctx["generated"] = inputs.generated
    return ctx


def _readiness(inputs) -> dict[str, Any]:
    return {**_candidate(inputs), "chart": readiness_chart(inputs.plan, inputs.look.palette)}


def _gaps(inputs) -> dict[str, Any]:
    cards = gap_cards(inputs.plan.gaps)
    return {**_candidate(inputs), "cards": cards, "more_gaps": len(inputs.plan.gaps) - len(cards)}


def _hours(inputs) -> dict[str, Any]:
    return {**_candidate(inputs), "chart": allocation_pie(inputs.plan, inputs.look.palette)}


def _months(inputs) -> dict[str, Any]:
    return {**_candidate(inputs), "months": schedule_by_month(inputs.plan.weeks, months_focus=inputs.plan.months)}


def _next_weeks(inputs) -> dict[str, Any]:
    plan = inputs.plan
    return {**_candidate(inputs), "weeks": tuple(week_brief(w) for w in next_weeks(plan.weeks, plan.today))}


def _principles(inputs) -> dict[str, Any]:
    plan = inputs.plan
    return {**_candidate(inputs), "marks": principle_marks(plan, inputs.playbook),
            "covered": len(plan.principles.covered), "total": len(inputs.playbook.principles),
            "stories": len(plan.story_scope)}


def _scope(inputs) -> dict[str, Any]:
    plan = inputs.plan
    return {**_candidate(inputs), "summary": scope_summary(plan), "stories": len(plan.story_scope),
            "bands": _bands(inputs.playbook)}


def _bands(playbook) -> tuple[tuple[str, str, str], ...]:
    rows = {r.id: r for r in playbook.scope_rows}
    return tuple((rows[r].dimension, rows[r].l6, rows[r].l7) for r in dict.fromkeys(playbook.band_rows.values())
                 if r in rows)


def _case_study(inputs) -> dict[str, Any]:
    ctx = _candidate(inputs)
    study = ctx["level"].case_studies[0]
    return {**ctx, "study": study, "star": star_outline(study), "why": capped(study.why, 3)[0],
            "action": brief(study.story.action, 500)}


def _question(inputs) -> dict[str, Any]:
    ctx = _candidate(inputs)
    return {**ctx, **_question_context(ctx["level"])}


def _question_context(level) -> dict[str, Any]:
    q = level.question
    return {"question": q, "wrong": brief(q.wrong, 150), "right": brief(q.right, 190),
            "right_full": brief(q.right, 700)}


def _closing(inputs) -> dict[str, Any]:
    plan = inputs.plan
    first = next_weeks(plan.weeks, plan.today, 1)
    return {**_candidate(inputs), "first_week": week_brief(first[0]) if first else None,
            "mocks": sum(w.mock_interviews for w in plan.weeks), "top_gaps": tuple(g.name for g in plan.gaps[:2]),
            "closing": brief(inputs.playbook.closing, 200)}


def _coaching_meta(inputs) -> dict[str, Any]:
    candidate = inputs.assessment.candidate
    level = inputs.plan.level
    return {"title": f"{level} coaching deck: {candidate.name}", "author": candidate.name, "lang": config.LANG,
            "subject": f"{level} engineering-manager interview coaching",
            "generated": inputs.generated.isoformat(),
            "footer": f"{brief(candidate.name, 48)} · {level} coaching"}


COACHING = Deck("coaching", (
    Slide("cover", "Coaching session: {{ name }}", _cover,
          "Open with the date and the weeks left. Ask what changed since the self-assessment "
          "({{ plan.plan_start | long_date }}) and whether the interview date still holds."),
    Slide("readiness", "Readiness by area: {{ plan.overall_readiness | percent }} overall", _readiness,
          "Overall readiness is {{ plan.overall_readiness | percent }}. Walk the bars heaviest area first: the "
          "weight is what the area counts at {{ level.id }}. Ask for one piece of evidence behind the strongest "
          "bar, then one behind the weakest."),
    Slide("gaps", "Top three gaps and what to do", _gaps,
          "{% if cards %}Gaps are ordered by weight × shortfall. Agree on one concrete action per gap before the "
          "next session; the prep plan lists every missing item.{% else %}No gaps: spend the session on mock "
          "interviews and story delivery.{% endif %}"),
    Slide("hours", "Hours budget and allocation", _hours,
          "{{ plan.hours.available }} hours available against {{ plan.hours.recommended }} recommended. "
          "{% if plan.hours.shortfall %}About {{ plan.hours.per_week_needed | number }} hours a week would cover "
          "the recommendation: discuss what can move.{% else %}The budget covers the recommendation.{% endif %} "
          "The split leans toward the largest gaps."),
    Slide("months", "The schedule month by month", _months,
          "Early weeks build the largest gaps, then practice, and the final weeks are mock interviews. "
          "Check the months against holidays and work peaks."),
    Slide("next-weeks", "The next two weeks", _next_weeks,
          "Make the first two weeks concrete: which evenings, which problems, which stories. "
          "Hours are whole hours per preparation area."),
    Slide("principles", "Leadership Principle coverage", _principles,
          "{{ covered }} of {{ total }} principles have at least one story. {% if covered < total %}Pick the "
          "missing principles the candidate can evidence fastest and assign one story each.{% else %}Every "
          "principle is covered: test depth with follow-up questions.{% endif %}"),
    Slide("scope", "Story scope against the {{ level.id }} bands", _scope,
          "Each number a story gives is placed against the L6 and L7 bands. {% if summary.flagged %}Rework the "
          "flagged stories first: {{ playbook.closing_warning }}{% else %}No story is off the level's "
          "scope.{% endif %}"),
    Slide("case-study", "{{ level.id }} case study as a STAR outline", _case_study,
          "{{ study.title }}. Use it as the model of length and specificity: one situation, a clear task, "
          "the actions the candidate personally took, a quantified result. The action in full: {{ action }}"),
    Slide("question", "Handling a question of the other level", _question,
          "“{{ question.question }}” The wrong approach is {{ question.wrong_label }}; the right one is "
          "{{ question.right_label }}. Rehearse the pivot: honest scope first, then how you would grow into it."),
    Slide("closing", "Before the next session", _closing,
          "Close on commitments: the first week's focus, the mock interviews booked, and the next session's date. "
          "{{ closing }}"),
), _coaching_meta)


# ---------------------------------------------------------------------------------------------
# The workshop deck: L6 versus L7, from the playbook alone.


def _playbook(inputs) -> dict[str, Any]:
    playbook = inputs.playbook
    return {"playbook": playbook, "levels": tuple(playbook.levels.values())}


def _workshop_cover(inputs) -> dict[str, Any]:
    return {**_playbook(inputs), "generated": inputs.generated}


def _intro(inputs) -> dict[str, Any]:
    playbook = inputs.playbook
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(playbook.intro.split())) if s]
    return {**_playbook(inputs), "points": tuple(brief(s, 240) for s in sentences[-3:])}


def _checklist(level_id: str):
    def build(inputs) -> dict[str, Any]:
        level = inputs.playbook.level(level_id)
        return {**_playbook(inputs), "level": level}
    return build


def _splits(inputs) -> dict[str, Any]:
    levels = tuple(inputs.playbook.levels.values())
    return {**_playbook(inputs), "pies": tuple((level, preparation_pie(level, inputs.look.palette)) for level in levels)}


def _scope_table(inputs) -> dict[str, Any]:
    return _playbook(inputs)


def _question_of(level_id: str):
    def build(inputs) -> dict[str, Any]:
        level = inputs.playbook.level(level_id)
        return {**_playbook(inputs), "level": level, **_question_context(level)}
    return build


def _workshop_closing(inputs) -> dict[str, Any]:
    playbook = inputs.playbook
    return {**_playbook(inputs), "closing": brief(playbook.closing.replace(playbook.closing_warning, ""), 220)}


def _workshop_meta(inputs) -> dict[str, Any]:
    playbook = inputs.playbook
    return {"title": f"{playbook.title}: L6 vs L7 workshop", "author": "reporter", "lang": config.LANG,
            "subject": "Amazon engineering-manager interviews, L6 versus L7",
            "generated": inputs.generated.isoformat(), "footer": "L6 vs L7 workshop"}


WORKSHOP = Deck("workshop", (
    Slide("workshop-cover", "{{ playbook.title }}", _workshop_cover,
          "Welcome. Today: what separates an L6 from an L7 engineering-manager interview, and how to prepare "
          "for the level you are interviewing for."),
    Slide("workshop-intro", "{{ playbook.subtitle }}", _intro,
          "The one idea of the session: the levels are judged differently. {{ playbook.closing_warning }}"),
    Slide("frameworks", "What each level is scored on", _playbook,
          "Read the weights aloud: leadership dominates both levels, but L7 shifts weight to strategy and "
          "organization, and coding all but disappears."),
    Slide("checklist-l6", "{{ level.id }} competency checklist in summary", _checklist("L6"),
          "Every category has four items; candidates answer yes, partial or no for each in their "
          "self-assessment.", partial="checklist"),
    Slide("checklist-l7", "{{ level.id }} competency checklist in summary", _checklist("L7"),
          "Compare with L6: the same three groups become strategy, platforms and organization.", partial="checklist"),
    Slide("splits", "How to split the preparation hours", _splits,
          "{% for level in levels %}{{ level.id }}: about {{ level.recommended_hours }} hours in total. "
          "{% endfor %}A personal plan tilts these splits toward the candidate's gaps."),
    Slide("scope-table", "{{ playbook.scope_table_title }}", _scope_table,
          "Stories are measured against this table. An L6 story at L7 scope is not a bonus: "
          "{{ playbook.closing_warning }}"),
    Slide("indicators-l6", "{{ level.indicators_title }}", _checklist("L6"),
          "Numbers the interviewers listen for at L6: team, system and business results.", partial="indicators"),
    Slide("indicators-l7", "{{ level.indicators_title }}", _checklist("L7"),
          "At L7 the indicators move to the organization, the company's direction and senior talent.",
          partial="indicators"),
    Slide("question-l6", "{{ level.question.title }}", _question_of("L6"),
          "The right answer in full: {{ right_full }}", partial="question"),
    Slide("question-l7", "{{ level.question.title }}", _question_of("L7"),
          "The right answer in full: {{ right_full }}", partial="question"),
    Slide("workshop-closing", "{{ playbook.closing_title }}", _workshop_closing,
          "Close with the one rule: prepare for the level you are interviewing for. {{ playbook.next_text }}"),
), _workshop_meta)

DECKS = {deck.name: deck for deck in (COACHING, WORKSHOP)}

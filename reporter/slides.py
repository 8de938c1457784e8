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

from . import charts, checkin, config
from .content import STAR_PARTS
from .plan import FITS_ORDER, MonthFocus, Week
from .render import long_date
from .typography import RANGE_DASH, number_range

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
    shown: Callable[[Any], bool] | None = None  # a slide of some decks only (the progress slide); None: always

    @property
    def template(self) -> str:
        return f"slides/{self.partial or self.id}.html"


@dataclass(frozen=True)
class Deck:
    name: str  # e.g. "coaching"
    slides: tuple[Slide, ...]
    meta: Callable[[Any], dict[str, Any]]  # title, author, subject, footer, ...

    def slides_for(self, inputs) -> tuple[Slide, ...]:
        """The slides this deck shows for ``inputs``, in order."""
        return tuple(slide for slide in self.slides if slide.shown is None or slide.shown(inputs))


# ---------------------------------------------------------------------------------------------
# Derived data: pure functions, tested on their own.


def plain(text: str) -> str:
    """A text without Markdown emphasis and with its whitespace collapsed: how a slide shows it."""
    return " ".join(re.sub(r"\*\*|__|`|(?<!\w)[*_]|[*_](?!\w)", "", text).split())


def brief(text: str, limit: int) -> str:
    """The whole text when it fits ``limit`` characters, else the whole sentences from its start that fit.

    Never cut inside a sentence: when even the first sentence is longer, it is shown whole and the slide's
    type steps (or a brief written for the slide in the content pack) make it fit.
    """
    words = plain(text)
    if len(words) <= limit:
        return words
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", words) if s]
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if len(" ".join((*kept, sentence))) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


def within(values: Sequence[str], budget: int, most: int) -> tuple[tuple[str, ...], int]:
    """As many whole values (at least one, at most ``most``) as fit ``budget`` characters together, and how
    many were left out: a list shortened by leaving items out, never by cutting one."""
    kept: list[str] = []
    for value in values[:most]:
        if kept and sum(map(len, kept)) + len(value) > budget:
            break
        kept.append(value)
    return tuple(kept), len(values) - len(kept)


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
        return f"{first.strftime('%b')} {RANGE_DASH} {last.strftime('%b %Y')}"
    return f"{first.strftime('%b %Y')} {RANGE_DASH} {last.strftime('%b %Y')}"


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
        span = str(first.number) if first is last else number_range(first.number, last.number)
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
    text: str  # the task's first phrase, for the slide
    full: str  # the whole task, for the speaker notes


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

    @property
    def in_full(self) -> str:
        """The week's tasks for the speaker notes: each in whole phrases up to a length a notes page holds."""
        return "; ".join(f"{t.hours:g} h {phrases_within(t.full, NOTE_TASK_CHARS)}" for t in self.tasks)


def first_phrase(text: str) -> str:
    """A task's first phrase: up to the first ';' or parenthesis, where the planner joins one idea to the next.

    A boundary the text itself has, so the slide never shows half a phrase; the notes carry the rest.
    """
    return re.split(r";\s|\s\(", plain(text), maxsplit=1)[0].rstrip(" :,")


NOTE_TASK_CHARS = 180  # one task in the speaker notes; the prep plan has it whole


def phrases_within(text: str, limit: int) -> str:
    """The whole phrases of a task (the planner joins them with '; ') that fit ``limit`` characters, at least
    the first, and how many more the prep plan has: shortened by leaving phrases out, never by cutting one."""
    phrases = [p for p in re.split(r";\s", plain(text)) if p]
    kept = phrases[:1]
    for phrase in phrases[1:]:
        if len("; ".join((*kept, phrase))) > limit:
            break
        kept.append(phrase)
    left = len(phrases) - len(kept)
    return "; ".join(kept) + (f" (and {left} more in the prep plan)" if left else "")


def week_brief(week: Week, max_tasks: int = 2) -> WeekBrief:
    tasks, more = capped(week.tasks, max_tasks)
    return WeekBrief(week.number, week.start, week.end, week.hours, week.phase, week.focus,
                     tuple(WeekTaskBrief(t.area, t.hours, first_phrase(t.text), plain(t.text)) for t in tasks),
                     more, "; ".join(week.notes))


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
        missing, more = capped([plain(i.text) for i in gap.missing], items)
        cards.append(GapCard(gap.name, gap.weight, gap.shortfall, missing, more,
                             tuple(plain(a) for a in gap.actions[:actions])))
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


def scope_summary(plan, max_flagged: int = 3, flagged_chars: int = 150) -> ScopeSummary:
    counts = Counter(s.fits for s in plan.story_scope)
    fits = tuple((fit, counts[fit]) for fit in (*FITS_ORDER, "unknown") if counts[fit])
    flagged, more = within([s.title for s in plan.story_scope if s.warning], flagged_chars, max_flagged)
    return ScopeSummary(fits, flagged, more)


@dataclass(frozen=True)
class StarPart:
    label: str
    text: str


def star_outline(study) -> tuple[StarPart, ...]:
    """The case study's story as the slide shows it: the pack's brief written for the slide, else the story."""
    story = study.story_for_slides
    return tuple(StarPart(label, plain(getattr(story, field))) for label, field in STAR_PARTS)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _points(change: int) -> str:
    """A change in percentage points as printed: "+9 pts", "−3 pts", "no change"."""
    if change == 0:
        return "no change"
    return f"{'+' if change > 0 else '−'}{abs(change)} pt{'' if abs(change) == 1 else 's'}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _signed(change: int) -> str:
    return f"+{change}" if change > 0 else (f"−{-change}" if change < 0 else "0")


@dataclass(frozen=True)
class PaceView:
    """The projection in words: always labelled as one, with its rule in the method appendix."""

    per_week: str  # "+2.1 pts a week"
    projected: str  # "85%"
    sentence: str


@dataclass(frozen=True)
class SinceView:
    """A check-in as the prep plan's "Since" section and the progress slide show it."""

    title: str  # "Since 1 November 2026"
    since: dt.date
    now: dt.date
    lead: str  # overall then → now, and over how many days
    overall_then: str
    overall_now: str
    overall_change: str
    chart: charts.PairedBarChart
    raised: tuple[checkin.ItemMove, ...]
    lowered: tuple[checkin.ItemMove, ...]
    moves_summary: str  # "4 items raised, 1 went back"
    stories_added: tuple[str, ...]
    stories_removed: tuple[str, ...]
    stories_summary: str  # "1 story added, none removed"
    principles_new: tuple[str, ...]
    principles_lost: tuple[str, ...]
    principles_summary: str
    practice: tuple[tuple[str, int, int, str], ...]  # (label, then, now, change as printed)
    practice_moved: tuple[str, ...]  # "LeetCode problems solved: 90 → 120", only the counts that changed
    pace: PaceView | None
    no_pace: str  # why there is no projection ("" when there is one)


def since_view(since: checkin.Since | None, palette: Sequence[str], chart_options: dict[str, Any] | None = None
               ) -> dict[str, Any] | None:
    """{"note": ...} when nothing was compared, {"view": SinceView} when it was; None without --since.

    The then bars take a lighter series of the theme's palette, the now bars its first.
    """
    if since is None:
        return None
    progress = since.progress
    if progress is None:
        return {"note": since.note, "view": None}
    chart = charts.paired_bar_chart(
        [(a.name, a.then, a.now) for a in progress.areas], then_label=long_date(progress.since),
        now_label=long_date(progress.now), then_color=palette[2 % len(palette)], now_color=palette[0],
        **(chart_options or {}))
    raised, lowered = len(progress.raised), len(progress.lowered)
    moves = _count(raised, "checklist item raised", "checklist items raised")
    moves += f", {lowered} went back" if lowered else ", none went back"
    added, removed = len(progress.stories_added), len(progress.stories_removed)
    stories = f"{_count(added, 'story', 'stories')} added, {removed or 'none'} removed"
    new, lost = len(progress.principles_new), len(progress.principles_lost)
    principles = (_count(new, "principle newly covered", "principles newly covered") if new
                  else "No principle newly covered")
    if lost:
        principles += f", {lost} no longer covered"
    pace = progress.pace
    view_pace, no_pace = None, ""
    if pace is None:
        no_pace = "Both plans are of the same day: there is no pace to project yet."
    else:
        per_week = f"{'+' if pace.points_per_week > 0 else ''}{pace.points_per_week:g} pts a week"
        if pace.reaches_full:
            outlook = "which reaches 100% before the interview"
        elif pace.weeks_to_full is None:
            outlook = "so readiness would not grow by the interview"
        else:
            outlook = f"which would reach 100% only after {_count(pace.weeks_to_full, 'more week', 'more weeks')}"
        sentence = (f"At {per_week} (the pace of the last {pace.weeks_so_far:g} weeks), overall "
                    f"readiness would be {pace.projected}% at the interview, {pace.weeks_left:g} weeks away, "
                    f"{outlook}.")
        view_pace = PaceView(per_week, f"{pace.projected}%", sentence)
    days = _count(progress.days, "day", "days")
    lead = (f"Overall readiness went from {progress.overall_then}% to {progress.overall_now}% "
            f"({_points(progress.overall_change)}) in {days}, between the plan of {long_date(progress.since)} and "
            f"this one.")
    return {"note": "", "view": SinceView(
        title=f"Since {long_date(progress.since)}", since=progress.since, now=progress.now, lead=lead,
        overall_then=f"{progress.overall_then}%", overall_now=f"{progress.overall_now}%",
        overall_change=_points(progress.overall_change), chart=chart,
        raised=progress.raised, lowered=progress.lowered, moves_summary=moves,
        stories_added=progress.stories_added, stories_removed=progress.stories_removed, stories_summary=stories,
        principles_new=progress.principles_new, principles_lost=progress.principles_lost,
        principles_summary=principles,
        practice=tuple((_capital(p.label), p.then, p.now, _signed(p.change)) for p in progress.practice),
        # No-break spaces: "40 → 70" is one figure pair and does not wrap at its arrow.
        practice_moved=tuple(f"{_capital(p.label)}: {p.then}\u00a0→\u00a0{p.now}" for p in progress.practice
                             if p.change) or ("Practice counts unchanged",),
        pace=view_pace, no_pace=no_pace)}


# ---------------------------------------------------------------------------------------------
# Charts sized for a slide: the chart is drawn at the slide's content width, so its units are
# about 0.9 pt; 22-unit labels print at about 20 pt.

CHART_FONT = 22
PIE_FONT = 24


def readiness_chart(plan, level, colors=charts.PALETTE, ink=charts.INK) -> charts.BarChart:
    return charts.bar_chart([(a.name, a.readiness, f"weight {a.weight}%") for a in plan.readiness],
                            title=f"Readiness by framework area, {level.framework_title}", width=720, bar_height=32, gap=8, label_width=310, label_chars=22,
                            line_height=24, font_size=CHART_FONT, note_size=20, value_size=24, value_width=90,
                            value_at_edge=True, grid=False, colors=colors, ink=ink)


# A pie is drawn 170 pt wide for 220 units: its figures at 24 units print at 18.5 pt. The two-pie split
# draws them 110 pt wide, too small for figures at 18 pt: there the legend beside each pie has them.
def allocation_pie(plan, colors=charts.PALETTE, ink=charts.INK) -> charts.PieChart:
    return charts.pie_chart([(a.name, a.hours, f"{a.hours} h") for a in plan.allocation],
                            title="Planned hours by preparation area", size=220, colors=colors, ink=ink,
                            label_size=PIE_FONT)


def preparation_pie(level, colors=charts.PALETTE, ink=charts.INK) -> charts.PieChart:
    return charts.pie_chart([(p.name, p.percent, f"{p.percent}%") for p in level.preparation],
                            title=level.preparation_chart_title, size=220, colors=colors, ink=ink, labels=False)


# ---------------------------------------------------------------------------------------------
# The coaching deck: one per candidate.


def _candidate(inputs) -> dict[str, Any]:
    plan, playbook = inputs.plan, inputs.playbook
    return {"plan": plan, "level": playbook.level(plan.level), "candidate": inputs.assessment.candidate,
            "playbook": playbook}


def _cover(inputs) -> dict[str, Any]:
    ctx = _candidate(inputs)
    ctx["name"] = ctx["candidate"].name  # a name is never shortened
    ctx["role"] = ctx["candidate"].current_title or ""
    ctx["generated"] = inputs.generated
    return ctx


def _readiness(inputs) -> dict[str, Any]:
    ctx = _candidate(inputs)
    return {**ctx, "chart": readiness_chart(inputs.plan, ctx["level"], inputs.look.palette, inputs.look.chart_ink)}


def _has_progress(inputs) -> bool:
    since = getattr(inputs, "since", None)
    return since is not None and since.progress is not None


def _progress(inputs) -> dict[str, Any]:
    # Drawn at the slide's full width (about 0.9 pt a unit): 20-unit text prints at 18 pt.
    chart = {"width": 720, "bar_height": 11, "pair_gap": 2, "row_gap": 4, "label_width": 300, "label_chars": 26,
             "line_height": 21, "font_size": 20, "value_size": 20, "value_width": 240, "one_line": True}
    return {**_candidate(inputs), **since_view(inputs.since, inputs.look.palette, chart)}


def _gaps(inputs) -> dict[str, Any]:
    cards = gap_cards(inputs.plan.gaps)
    return {**_candidate(inputs), "cards": cards, "more_gaps": len(inputs.plan.gaps) - len(cards)}


def _hours(inputs) -> dict[str, Any]:
    return {**_candidate(inputs), "chart": allocation_pie(inputs.plan, inputs.look.palette, inputs.look.chart_ink)}


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
            "action": plain(study.story.action)}


def _question(inputs) -> dict[str, Any]:
    ctx = _candidate(inputs)
    return {**ctx, **_question_context(ctx["level"])}


def _question_context(level) -> dict[str, Any]:
    q = level.question
    return {"question": q, "wrong": plain(q.wrong_for_slides), "right": plain(q.right_for_slides),
            "wrong_full": plain(q.wrong), "right_full": plain(q.right)}


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
            "footer": f"\u2068{candidate.name}\u2069 · {level} coaching"}  # FSI … PDI: the name isolated, whole


COACHING = Deck("coaching", (
    Slide("cover", "Coaching session: {{ name }}", _cover,
          "Open with the date and the weeks left. Ask what changed since the self-assessment "
          "({{ plan.plan_start | long_date }}) and whether the interview date still holds."),
    Slide("readiness", "Readiness by area: {{ plan.overall_readiness | percent }} overall", _readiness,
          "Overall readiness is {{ plan.overall_readiness | percent }}. Walk the bars heaviest area first: the "
          "weight is what the area counts at {{ level.id }}. Ask for one piece of evidence behind the strongest "
          "bar, then one behind the weakest."),
    Slide("progress", "{{ view.title }}: {{ view.overall_then }} → {{ view.overall_now }}", _progress,
          "Readiness went from {{ view.overall_then }} to {{ view.overall_now }} ({{ view.overall_change }}). "
          "{{ view.moves_summary }}; {{ view.stories_summary }}; {{ view.principles_summary }}. "
          "{% if view.pace %}Projection: {{ view.pace.sentence }} Say it is a projection: it assumes the pace so far holds."
          "{% else %}{{ view.no_pace }}{% endif %} Ask what made the difference, and what got in the way.",
          shown=_has_progress),
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
          "Hours are whole hours per preparation area. {% for week in weeks %}Week {{ week.number }} in full: "
          "{{ week.in_full }}. {% endfor %}"),
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
          "{{ question.right_label }}. Rehearse the pivot: honest scope first, then how you would grow into it. "
          "The right answer in full: {{ right_full }}"),
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
    return {**_playbook(inputs), "pies": tuple((level, preparation_pie(level, inputs.look.palette, inputs.look.chart_ink))
                                       for level in levels)}


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
    Slide("workshop-intro", "{{ playbook.subtitle | sentence }}", _intro,
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
    Slide("scope-table", "{{ playbook.scope_table_title | sentence }}", _scope_table,
          "Stories are measured against this table. An L6 story at L7 scope is not a bonus: "
          "{{ playbook.closing_warning }}"),
    Slide("indicators-l6", "{{ level.indicators_title | sentence }}", _checklist("L6"),
          "Numbers the interviewers listen for at L6: team, system and business results.", partial="indicators"),
    Slide("indicators-l7", "{{ level.indicators_title | sentence }}", _checklist("L7"),
          "At L7 the indicators move to the organization, the company's direction and senior talent.",
          partial="indicators"),
    Slide("question-l6", "{{ level.question.title | sentence }}", _question_of("L6"),
          "The right answer in full: {{ right_full }}", partial="question"),
    Slide("question-l7", "{{ level.question.title | sentence }}", _question_of("L7"),
          "The right answer in full: {{ right_full }}", partial="question"),
    Slide("workshop-closing", "{{ playbook.closing_title | sentence }}", _workshop_closing,
          "Close with the one rule: prepare for the level you are interviewing for."),
), _workshop_meta)

DECKS = {deck.name: deck for deck in (COACHING, WORKSHOP)}

"""Which documents exist: a table of outputs, each with its template, stylesheets and context.

Adding a document means adding a row here and a template; nothing else branches on the kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import charts, checkin, compare, config, slidefit, slides, themes
from .assessment import Assessment
from .config import BuildOptions
from .content import Playbook
from .errors import RenderError
from .plan import Plan
from .render import long_date, render
from .typography import counted


@dataclass(frozen=True, kw_only=True)
class _HowToPrint:
    """What every document's inputs carry besides its data: the build's options and the theme."""

    options: BuildOptions = BuildOptions()
    theme: themes.Theme | None = None  # None: the default theme

    @property
    def look(self) -> themes.Theme:
        return self.theme or themes.default()


@dataclass(frozen=True)
class Inputs(_HowToPrint):
    """Everything a per-candidate document may show."""

    playbook: Playbook
    assessment: Assessment
    plan: Plan
    generated: dt.date
    since: checkin.Since | None = None  # built with --since: what changed since the previous plan.json


@dataclass(frozen=True)
class EditionInputs(_HowToPrint):
    """What a document of the playbook edition may show: the playbook only, no candidate."""

    playbook: Playbook
    generated: dt.date


@dataclass(frozen=True)
class DocumentKind:
    name: str  # the --formats word
    filename: str  # written to OUT/<stem>/<filename>
    template: str
    stylesheets: tuple[Path, ...]
    context: Callable[[Any], dict[str, Any]]  # Inputs, or EditionInputs for EDITION_KINDS
    max_pages: int | None = None
    # A kind whose layout is more than one template pass (a fitted slide deck) supplies its own
    # producer: (kind, inputs, renderer, name) -> [(filename, rendered), ...], its main file first.
    producer: Callable[..., list[tuple[str, Any]]] | None = None
    # Type scales, largest first: the document prints at the largest that fits max_pages; empty: one layout.
    fit_steps: tuple[Path, ...] = ()
    # The scale laid out first, by paper name: the search steps from there towards the largest that fits (see
    # _fitted). A paper not named starts at the largest scale.
    first_fit_steps: tuple[tuple[str, int], ...] = ()

    def first_fit_step(self, paper: str) -> int:
        """The index in fit_steps where the search for ``paper`` starts."""
        return dict(self.first_fit_steps).get(paper, 0)


@dataclass(frozen=True)
class RosterInputs(_HowToPrint):
    """What the roster shows: every client's plan.json read back, and the inputs that failed."""

    roster: Any  # reporter.roster.Roster
    generated: dt.date


@dataclass(frozen=True)
class DataFile:
    """An output that is data, not a laid-out document (plan.json): its bytes, no pages."""

    data: bytes
    page_count: int = 0


def payload(made) -> bytes:
    """The bytes to write for what a kind made: a data file's own, or a laid-out document's PDF."""
    return made.data if isinstance(made, DataFile) else made.pdf_bytes()


def paper_of(inputs: Inputs | EditionInputs) -> str:
    """The paper asked for on the command line, else the theme's (A4 unless the theme says otherwise)."""
    return inputs.options.paper or inputs.look.paper.lower()


def paper_stylesheet(paper: str) -> Path:
    if paper not in config.PAPERS:
        from .errors import UsageError

        raise UsageError(f"unknown paper {paper!r}; known: {', '.join(config.PAPERS)}")
    return config.STYLES_DIR / f"paper-{paper}.css"


def _handout_paper(inputs: Inputs | EditionInputs) -> Path:
    """A speaker-notes handout prints on the paper asked for, like every other document of the build."""
    return paper_stylesheet(paper_of(inputs))


def html_of(kind: DocumentKind, inputs: Inputs | EditionInputs) -> str:
    """The HTML a kind hands to the renderer (tests read it to check what candidate text became)."""
    return render(kind.template, {**kind.context(inputs), "theme": inputs.look.view()})


def produce(kind: DocumentKind, inputs: Inputs | EditionInputs, renderer, name: str, html: str | None = None):
    """Template → HTML → laid-out document, checked against the kind's page limit. Nothing is written.

    A kind with fit_steps is laid out with each type scale in turn until it fits; when even the smallest
    does not, the document fails rather than print more pages than it promises. ``html``: html_of(kind,
    inputs), when it was made already (by the build, while its first worker started).
    """
    theme = inputs.look
    if html is None:
        html = html_of(kind, inputs)
    paper_name = paper_of(inputs)
    paper = paper_stylesheet(paper_name)
    theme_css = theme.css(html)  # once per document, whatever the number of scales tried

    def lay_out(step: Path | None):
        sheets = (*kind.stylesheets, *((step,) if step else ()), paper)
        return renderer.render(html, sheets, name, pdf_variant=inputs.options.pdf_variant,
                               extra_css=theme_css, extra_roots=(theme.folder,))

    rendered, fits = _fitted(kind, lay_out, kind.first_fit_step(paper_name))
    if fits:
        return rendered
    if kind.fit_steps:
        raise RenderError(name, f"does not fit on {counted(kind.max_pages, 'page', 'pages')} even at the smallest type scale "
                                f"({config.MIN_SHEET_TYPE_PT} pt): {rendered.page_count} pages; shorten the longest "
                                "texts (name, story titles)")
    raise RenderError(name, f"{rendered.page_count} pages; the limit is {kind.max_pages}")


def _fitted(kind: DocumentKind, lay_out: Callable[[Path | None], Any], first: int = 0) -> tuple[Any, bool]:
    """The document at the largest of kind.fit_steps that fits max_pages (and True), else at the smallest (False).

    A smaller scale never takes more pages, so the answer is the scale that fits next to one that does not.
    The search starts at step ``first`` and walks towards that boundary: each scale is laid out at most
    once, and a start near the usual answer lays the document out twice instead of once per scale above it.
    """
    steps: tuple[Path | None, ...] = kind.fit_steps or (None,)
    index = min(first, len(steps) - 1)
    laid_out: dict[int, Any] = {}
    while True:
        rendered = laid_out[index] = lay_out(steps[index])
        if kind.max_pages is None or rendered.page_count <= kind.max_pages:
            if index == 0 or index - 1 in laid_out:  # the next larger scale did not fit
                return rendered, True
            index -= 1
        elif index + 1 in laid_out:  # the next smaller scale fitted
            return laid_out[index + 1], True
        elif index + 1 == len(steps):
            return rendered, False
        else:
            index += 1


def outputs(kind: DocumentKind, inputs, renderer, name: str, html: str | None = None) -> list[tuple[str, Any]]:
    """Every file a kind makes, as (filename, laid-out document). Nothing is written.

    ``html``: the kind's html_of(kind, inputs), made already (only a kind without a producer has one).
    """
    if kind.producer is not None:
        return kind.producer(kind, inputs, renderer, name)
    return [(kind.filename, produce(kind, inputs, renderer, name, html))]


def one_pass_html(kind: DocumentKind, inputs) -> str | None:
    """The HTML a kind lays out, when it is one template pass made before any layout (None: a producer's)."""
    return None if kind.producer is not None else html_of(kind, inputs)


def _calendar(kind: DocumentKind, inputs: Inputs, renderer, name: str) -> list[tuple[str, DataFile]]:
    """The plan's sessions as OUT/<stem>/schedule.ics; the renderer is not needed."""
    from . import ical  # icalendar is imported only by a build that writes a calendar

    try:
        data = ical.calendar_bytes(inputs.plan, inputs.assessment.stem, inputs.generated)
    except (ValueError, KeyError) as error:  # a time zone the system cannot expand, a value icalendar refuses
        raise RenderError(name, f"cannot write the calendar: {error}") from None
    return [(kind.filename, DataFile(data))]


def _prep_plan_context(inputs: Inputs) -> dict[str, Any]:
    plan, playbook = inputs.plan, inputs.playbook
    level = playbook.level(plan.level)
    candidate = inputs.assessment.candidate
    palette, ink = inputs.look.palette, inputs.look.chart_ink
    readiness_chart = charts.bar_chart(
        [(a.name, a.readiness, f"weight {a.weight}%") for a in plan.readiness], title="Readiness by framework area",
        colors=palette, ink=ink)
    allocation_chart = charts.pie_chart(
        [(a.name, a.hours, f"{a.hours} h") for a in plan.allocation], title="Your planned hours by preparation area",
        colors=palette, ink=ink)
    page_chart = charts.pie_chart(
        [(p.name, p.percent, f"{p.percent}%") for p in level.preparation], title=level.preparation_chart_title,
        size=150, colors=palette, ink=ink)
    return {
        "meta": {"title": f"{level.id} interview prep plan: {candidate.name}", "author": candidate.name,
                 "lang": config.LANG, "subject": f"{level.id} engineering-manager interview preparation",
                 "generated": inputs.generated.isoformat()},
        "playbook": playbook,
        "level": level,
        "candidate": candidate,
        "assessment": inputs.assessment,
        "plan": plan,
        "generated": inputs.generated,
        "readiness_chart": readiness_chart,
        "allocation_chart": allocation_chart,
        "page_chart": page_chart,
        "top_gaps": plan.gaps[:5],
        "since": slides.since_view(inputs.since, palette),
        "sections": _prep_plan_sections(level.id, bool(inputs.assessment.notes), inputs.since),
    }


def _prep_plan_sections(level_id: str, has_notes: bool, since: checkin.Since | None = None) -> dict[str, str]:
    """Anchor → title of each chapter, in order: the contents and the chapter headings both come from here."""
    sections = {"readiness": "Readiness summary"}
    if since is not None and since.progress is not None:
        sections["since"] = f"Since {long_date(since.progress.since)}"
    sections |= {"gaps": "Top gaps and actions",
                "checklist": "Competency checklist", "hours": "Hours budget and allocation",
                "schedule": "Week-by-week schedule", "stories": "Leadership Principles and story scope",
                "case-study": f"{level_id} case study and question handling"}
    if has_notes:
        sections["notes"] = "Your notes"
    sections["method"] = "How this plan was computed"
    return sections


def _sheet_levels(playbook: Playbook, standing: compare.Standing | None,
                 palette: tuple[str, ...], ink: charts.Ink = charts.INK) -> list[dict[str, Any]]:
    """Per level: framework rows with weight (and readiness) bars, and the preparation split with bars.

    With a candidate each framework row has two bars, so the column carries a legend naming them.
    """
    by_level = {s.level: s for s in standing.levels} if standing else {}
    out = []
    for index, level in enumerate(playbook.levels.values()):
        color = palette[index % len(palette)]
        readiness_color = palette[2 % len(palette)]
        level_standing = by_level.get(level.id)
        areas = {a.id: a for a in level_standing.areas} if level_standing else {}
        framework = []
        for area in level.framework:
            mine = areas.get(area.id)
            framework.append({
                "area": area,
                "weight_bar": charts.meter(area.weight / 100, alt=f"{level.id} {area.name}: weight {area.weight}%",
                                           color=color, ink=ink),
                "standing": mine,
                "readiness_bar": charts.meter(mine.readiness,
                                              alt=f"{area.name}: your readiness {round(mine.readiness * 100)}%",
                                              color=readiness_color, ink=ink)
                if mine is not None and mine.readiness is not None else None})
        preparation = [{"area": p, "bar": charts.meter(p.percent / 100, alt=f"{level.id} {p.name}: {p.percent}% of the "
                                                                             f"hours, about {p.hours} h",
                                                       color=color, ink=ink)}
                       for p in level.preparation]
        two_bars = any(row["readiness_bar"] for row in framework)
        legend = ((color, f"weight at {level.id}"), (readiness_color, "your readiness")) if two_bars else ()
        out.append({"level": level, "framework": framework, "preparation": preparation,
                    "standing": level_standing, "legend": legend})
    return out


def _sheet_common(playbook: Playbook, generated: dt.date) -> dict[str, Any]:
    return {"playbook": playbook, "generated": generated, "min_type_pt": config.MIN_SHEET_TYPE_PT,
            "levels": list(playbook.levels.values())}


def _sheet_context(inputs: Inputs) -> dict[str, Any]:
    """The comparison sheet with where this candidate stands."""
    playbook, candidate = inputs.playbook, inputs.assessment.candidate
    standing = compare.standing(inputs.assessment, inputs.plan, playbook)
    return {**_sheet_common(playbook, inputs.generated),
            "meta": {"title": f"L6 vs L7 comparison: {candidate.name}", "author": candidate.name, "lang": config.LANG,
                     "subject": "L6 versus L7 engineering-manager expectations on one page",
                     "generated": inputs.generated.isoformat()},
            "candidate": candidate, "plan": inputs.plan, "standing": standing, "rules": compare.RULES,
            "scope_rows": list(zip(playbook.scope_rows, standing.scope, strict=True)),
            "columns": _sheet_levels(playbook, standing, inputs.look.palette, inputs.look.chart_ink)}


def _generic_sheet_context(inputs: EditionInputs) -> dict[str, Any]:
    playbook = inputs.playbook
    return {**_sheet_common(playbook, inputs.generated),
            "meta": {"title": "L6 vs L7 comparison sheet", "author": playbook.title, "lang": config.LANG,
                     "subject": "L6 versus L7 engineering-manager expectations on one page",
                     "generated": inputs.generated.isoformat()},
            "candidate": None, "plan": None, "standing": None, "rules": "",
            "scope_rows": [(row, None) for row in playbook.scope_rows],
            "columns": _sheet_levels(playbook, None, inputs.look.palette, inputs.look.chart_ink)}


def _playbook_context(inputs: EditionInputs) -> dict[str, Any]:
    """The whole playbook as a printed book: every fact of the page, from the pack."""
    playbook = inputs.playbook
    pies = {level.id: charts.pie_chart([(p.name, p.percent, f"{p.percent}%") for p in level.preparation],
                                       title=level.preparation_chart_title, size=180, colors=inputs.look.palette,
                                       ink=inputs.look.chart_ink)
            for level in playbook.levels.values()}
    return {"meta": {"title": f"{playbook.title}: {playbook.subtitle}", "author": playbook.title, "lang": config.LANG,
                     "subject": "Amazon engineering-manager interviews, L6 versus L7",
                     "generated": inputs.generated.isoformat()},
            "playbook": playbook, "levels": list(playbook.levels.values()), "pies": pies,
            "generated": inputs.generated}


def _plan_json(kind: DocumentKind, inputs: Inputs, renderer, name: str) -> list[tuple[str, Any]]:
    """plan.json: the computed plan as data, with the check-in's summary when built with --since."""
    record = checkin.plan_record(inputs.plan, inputs.assessment, inputs.playbook)
    if inputs.since is not None:
        record = checkin.with_since(record, inputs.since)
    return [(kind.filename, DataFile(checkin.dumps(record)))]


def _roster_context(inputs: RosterInputs) -> dict[str, Any]:
    roster = inputs.roster
    return {"meta": {"title": f"Client roster, {long_date(inputs.generated)}", "author": inputs.look.footer or
                     inputs.look.name, "lang": config.LANG,
                     "subject": "Every client's readiness, interview date and flags, most urgent first",
                     "generated": inputs.generated.isoformat()},
            "roster": roster, "generated": inputs.generated, "coach": inputs.look.footer,
            # Each row with its readiness bar, paired here so the template never pairs lists by position. The
            # bar is in points: the roster draws it as one CSS box (see templates/roster.html), not an SVG.
            "rows": [(row, charts.meter(row.readiness, alt=f"Overall readiness {round(row.readiness * 100)}%",
                                        width=ROSTER_BAR_PT, height=6, color=inputs.look.palette[0],
                                        ink=inputs.look.chart_ink))
                     for row in roster.rows]}


ROSTER_BAR_PT = 30  # the readiness bar's length in a roster row


STYLES = config.STYLES_DIR
SHEET_STYLES = (STYLES / "base.css", STYLES / "comparison.css")
# Type scales of the comparison sheet, largest first; the last is the legible minimum (config.MIN_SHEET_TYPE_PT).
SHEET_STEPS = tuple(STYLES / f"comparison-scale-{n}.css" for n in (1, 2, 3, 4))
# Where the search for the sheet's type scale starts, by paper: the scale the content usually fits at. Every
# example's sheet fits at scale 3 on A4 and at scale 4 on Letter (every shipped theme), so a sheet is laid out
# twice (3, and 2 to prove 3 the largest), not three or four times. The edition's sheet, the playbook without a
# candidate, fits at scale 1 on A4 and 2 on Letter: once on A4, where starting at 3 laid it out three times.
SHEET_FIRST_STEPS = (("a4", 2), ("letter", 3))
GENERIC_SHEET_FIRST_STEPS = (("a4", 0), ("letter", 1))

KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(name="plan", filename="prep-plan.pdf", template="prep-plan.html",
                     stylesheets=(STYLES / "base.css", STYLES / "prep-plan.css"), context=_prep_plan_context,
                     max_pages=config.MAX_PLAN_PAGES),
        DocumentKind(name="slides", filename="slides.pdf", template=slidefit.DECK_TEMPLATE,
                     stylesheets=slidefit.DECK_STYLES, context=slides.COACHING.meta,
                     producer=slidefit.DeckProducer(slides.COACHING, notes_filename="slides-notes.pdf",
                                                    paper=_handout_paper)),
        DocumentKind(name="sheet", filename="comparison.pdf", template="comparison.html",
                     stylesheets=SHEET_STYLES, context=_sheet_context, max_pages=1, fit_steps=SHEET_STEPS,
                     first_fit_steps=SHEET_FIRST_STEPS),
        # The calendar: no template or stylesheet, its producer writes iCalendar (ical.py).
        DocumentKind(name="ics", filename="schedule.ics", template="", stylesheets=(), context=dict,
                     producer=_calendar),
        DocumentKind(name="json", filename=checkin.FILENAME, template="", stylesheets=(), context=dict,
                     producer=_plan_json),
    )
}

# Documents made once at the end of a build from what it wrote (--formats ...,roster), or by `reporter roster`.
ROSTER = DocumentKind(name="roster", filename="roster.pdf", template="roster.html",
                      stylesheets=(STYLES / "base.css", STYLES / "roster.css"), context=_roster_context)
BUILD_END_KINDS: dict[str, DocumentKind] = {ROSTER.name: ROSTER}

# Documents of `reporter edition`, written to OUT/<filename>: the playbook itself, no candidate. Their names are
# config.EDITION_FORMATS (tests/test_edition_batch.py holds the two together).
EDITION_KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(name="book", filename="playbook.pdf", template="playbook.html",
                     stylesheets=(STYLES / "base.css", STYLES / "playbook.css"), context=_playbook_context),
        DocumentKind(name="sheet", filename="comparison.pdf", template="comparison.html",
                     stylesheets=SHEET_STYLES, context=_generic_sheet_context, max_pages=1, fit_steps=SHEET_STEPS,
                     first_fit_steps=GENERIC_SHEET_FIRST_STEPS),
        DocumentKind(name="workshop", filename="slides.pdf", template=slidefit.DECK_TEMPLATE,
                     stylesheets=slidefit.DECK_STYLES, context=slides.WORKSHOP.meta,
                     producer=slidefit.DeckProducer(slides.WORKSHOP, notes_filename="slides-notes.pdf",
                                                    paper=_handout_paper)),
    )
}


def kinds_for(formats: str) -> list[DocumentKind]:
    """Parse a --formats value ("plan,sheet") into per-input document kinds, in table order."""
    return [kind for kind in _wanted(formats) if kind.name in KINDS]


def build_end_kinds_for(formats: str) -> list[DocumentKind]:
    """The kinds of a --formats value made once at the end of the build (the roster)."""
    return [kind for kind in _wanted(formats) if kind.name in BUILD_END_KINDS]


def _wanted(formats: str) -> list[DocumentKind]:
    known = {**KINDS, **BUILD_END_KINDS}
    return [known[name] for name in config.pick_formats(formats, list(known))]


def filenames(kind: DocumentKind) -> tuple[str, ...]:
    """Every file a kind writes: its own, and the handout a deck's producer writes beside it."""
    notes = getattr(kind.producer, "notes_filename", None)
    return (kind.filename, notes) if notes else (kind.filename,)

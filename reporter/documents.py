"""Which documents exist: a table of outputs, each with its template, stylesheets and context.

Adding a document means adding a row here and a template; nothing else branches on the kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import charts, config, slidefit, slides, themes
from .assessment import Assessment
from .config import BuildOptions
from .content import Playbook
from .errors import RenderError
from .plan import Plan
from .render import render

LANG = "en"


@dataclass(frozen=True)
class Inputs:
    """Everything a per-candidate document may show."""

    playbook: Playbook
    assessment: Assessment
    plan: Plan
    generated: dt.date
    options: BuildOptions = BuildOptions()
    theme: themes.Theme | None = None  # None: the default theme

    @property
    def look(self) -> themes.Theme:
        return self.theme or themes.default()


@dataclass(frozen=True)
class DocumentKind:
    name: str  # the --formats word
    filename: str  # written to OUT/<stem>/<filename>
    template: str
    stylesheets: tuple[Path, ...]
    context: Callable[[Inputs], dict[str, Any]]
    max_pages: int | None = None
    # A kind whose layout is more than one template pass (a fitted slide deck) supplies its own
    # producer: (kind, inputs, renderer, name) -> [(filename, rendered), ...], its main file first.
    producer: Callable[..., list[tuple[str, Any]]] | None = None


def produce(kind: DocumentKind, inputs: Inputs, renderer, name: str):
    """Template → HTML → laid-out document, checked against the kind's page limit. Nothing is written."""
    theme = inputs.look
    html = render(kind.template, {**kind.context(inputs), "theme": theme.view()})
    rendered = renderer.render(html, kind.stylesheets, name, pdf_variant=inputs.options.pdf_variant,
                               extra_css=theme.css(), extra_roots=(theme.folder,))
    if kind.max_pages is not None and rendered.page_count > kind.max_pages:
        raise RenderError(name, f"{rendered.page_count} pages; the limit is {kind.max_pages}")
    return rendered


def outputs(kind: DocumentKind, inputs, renderer, name: str) -> list[tuple[str, Any]]:
    """Every file a kind makes, as (filename, laid-out document). Nothing is written."""
    if kind.producer is not None:
        return kind.producer(kind, inputs, renderer, name)
    return [(kind.filename, produce(kind, inputs, renderer, name))]


def _prep_plan_context(inputs: Inputs) -> dict[str, Any]:
    plan, playbook = inputs.plan, inputs.playbook
    level = playbook.level(plan.level)
    candidate = inputs.assessment.candidate
    palette = inputs.look.chart_colours or charts.PALETTE
    readiness_chart = charts.bar_chart(
        [(a.name, a.readiness, f"weight {a.weight}%") for a in plan.readiness], colors=palette)
    allocation_chart = charts.pie_chart(
        [(a.name, a.hours, f"{a.hours} h") for a in plan.allocation], colors=palette)
    page_chart = charts.pie_chart(
        [(p.name, p.percent, f"{p.percent}%") for p in level.preparation], size=150, colors=palette)
    return {
        "meta": {"title": f"{level.id} interview prep plan: {candidate.name}", "author": candidate.name,
                 "lang": LANG, "subject": f"{level.id} engineering-manager interview preparation",
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
    }


STYLES = config.STYLES_DIR

KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(name="plan", filename="prep-plan.pdf", template="prep-plan.html",
                     stylesheets=(STYLES / "base.css", STYLES / "prep-plan.css"), context=_prep_plan_context),
        DocumentKind(name="slides", filename="slides.pdf", template=slidefit.DECK_TEMPLATE,
                     stylesheets=slidefit.DECK_STYLES, context=slides.COACHING.meta,
                     producer=slidefit.DeckProducer(slides.COACHING, notes_filename="slides-notes.pdf")),
    )
}


@dataclass(frozen=True)
class EditionInputs:
    """Everything a document of the edition (not about one candidate) may show."""

    playbook: Playbook
    generated: dt.date
    options: BuildOptions = BuildOptions()
    theme: themes.Theme | None = None  # None: the default theme

    @property
    def look(self) -> themes.Theme:
        return self.theme or themes.default()


# Documents of `reporter edition`, written once to OUT/<filename>: same rows, no candidate.
EDITION_KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(name="workshop", filename="slides.pdf", template=slidefit.DECK_TEMPLATE,
                     stylesheets=slidefit.DECK_STYLES, context=slides.WORKSHOP.meta,
                     producer=slidefit.DeckProducer(slides.WORKSHOP, notes_filename="slides-notes.pdf")),
    )
}


def kinds_for(formats: str) -> list[DocumentKind]:
    """Parse a --formats value ("plan,sheet") into document kinds, in table order."""
    from .errors import UsageError

    wanted = [w.strip() for w in formats.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in KINDS]
    if unknown or not wanted:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'}; known: {', '.join(KINDS)}")
    return [kind for name, kind in KINDS.items() if name in wanted]

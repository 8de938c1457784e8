"""Slide decks → laid-out documents: one slide is one page, always, or the build fails.

Each slide's title, body and notes are rendered once. The whole deck is laid out once at the
largest type step; only the slides that overflow (spill onto a second page, or draw text past the
slide's edge) are laid out again, on their own, at the next smaller step, until they fit or the
steps run out. A slide that does not fit at the smallest step fails the document with its number
and title. The deck is then the fitting page of every slide, in order, taken from the layout that
made it: nothing is laid out twice at one step. The speaker-notes handout shows each slide, at its
step, small on top of its notes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from markupsafe import Markup

from . import config
from .errors import RenderError
from .render import render, render_string
from .slides import TYPE_STEPS, Deck

DECK_TEMPLATE = "slides/deck.html"
HANDOUT_TEMPLATE = "slides/handout.html"
DECK_STYLES = (config.STYLES_DIR / "base.css", config.STYLES_DIR / "slides.css")
HANDOUT_STYLES = DECK_STYLES + (config.STYLES_DIR / "slides-notes.css",)


@dataclass(frozen=True)
class PreparedSlide:
    id: str
    number: int  # 1-based position in the deck
    title: Markup  # HTML, escaped once
    body: Markup
    notes: Markup
    step: int = 0  # index into TYPE_STEPS

    @property
    def anchor(self) -> str:
        return f"slide-{self.id}"

    @property
    def step_class(self) -> str:
        return TYPE_STEPS[self.step]


def prepare(deck: Deck, inputs) -> list[PreparedSlide]:
    """Every slide's title, body and notes as text: the templates run once per deck."""
    prepared = []
    for number, slide in enumerate(deck.slides_for(inputs), 1):
        context = {**slide.context(inputs), "theme": inputs.look.view()}
        # render_string returns autoescaped HTML: kept as Markup so no later template escapes it again.
        title = Markup(render_string(slide.title, context))
        body = Markup(render(slide.template, {**context, "title": title}))
        notes = Markup(" ".join(render_string(slide.notes, context).split()))
        prepared.append(PreparedSlide(slide.id, number, title, body, notes))
    return prepared


def _document(template: str, meta: dict[str, Any], slides: Sequence[PreparedSlide], total: int, theme) -> str:
    return render(template, {"meta": meta, "slides": slides, "total": total, "theme": theme.view()})


def _render(renderer, html: str, stylesheets, name: str, theme, pdf_variant: str | None):
    """One layout pass with the theme's variables, fonts and logo."""
    return renderer.render(html, stylesheets, name, pdf_variant=pdf_variant, extra_css=theme.css(html),
                           extra_roots=(theme.folder,))


def _first_pages(rendered, slides: Sequence[PreparedSlide]) -> dict[str, int]:
    """Slide id → the 0-based page of a laid-out deck where the slide starts."""
    starts: dict[str, int] = {}
    for page, anchors in enumerate(rendered.page_anchors()):
        for slide in slides:
            if slide.anchor in anchors:
                starts.setdefault(slide.id, page)
    return starts


def overflowing(rendered, slides: Sequence[PreparedSlide]) -> list[PreparedSlide]:
    """The slides of a laid-out deck that take more than one page or draw outside their page."""
    starts = _first_pages(rendered, slides)
    spilled = set(rendered.pages_with_overflow())
    bad = []
    for index, slide in enumerate(slides):
        first = starts.get(slide.id)
        following = [starts.get(s.id) for s in slides[index + 1:] if starts.get(s.id) is not None]
        end = following[0] if following else rendered.page_count
        if first is None or end - first != 1 or first in spilled:
            bad.append(slide)
    return bad


def _describe(slide: PreparedSlide, total: int) -> str:
    return f"slide {slide.number} of {total} “{slide.title.unescape()}” ({slide.id})"


def lay_out(deck: Deck, inputs, renderer, name: str, *, template: str = DECK_TEMPLATE,
            stylesheets: Sequence = DECK_STYLES, pdf_variant: str | None = None):
    """The deck laid out with every slide on exactly one page. Raises RenderError naming a slide that cannot fit."""
    meta = deck.meta(inputs)
    slides = prepare(deck, inputs)
    total = len(slides)
    theme = inputs.look

    def layout(subset: Sequence[PreparedSlide]):
        return _render(renderer, _document(template, meta, subset, total, theme), stylesheets, name, theme,
                       pdf_variant)

    rendered = layout(slides)
    pending = overflowing(rendered, slides)
    if not pending:
        return rendered, slides
    # Where each slide's page is, at the step it fits at: first the deck's own pages, then a refit's.
    fitting = {slide.id for slide in slides} - {slide.id for slide in pending}
    placed = {slide_id: (rendered, page) for slide_id, page in _first_pages(rendered, slides).items()
              if slide_id in fitting}
    steps = {slide.id: 0 for slide in slides}
    while pending:
        step = steps[pending[0].id] + 1
        if step >= len(TYPE_STEPS):
            raise RenderError(name, f"{_describe(pending[0], total)} does not fit on one slide even at the "
                                    "smallest type step; shorten its content")
        trial = [replace(slide, step=step) for slide in pending]
        for slide in trial:
            steps[slide.id] = step
        refit = layout(trial)
        pending = overflowing(refit, trial)
        placed |= {slide_id: (refit, page) for slide_id, page in _first_pages(refit, trial).items()
                   if slide_id not in {slide.id for slide in pending}}
    # Slides are laid out independently (each starts a page and fits on it), so the deck is its fitting pages in
    # order: no slide is laid out again. Each carries its own number (slides.css), not its page's counter.
    slides = [replace(slide, step=steps[slide.id]) for slide in slides]
    return type(rendered).combined([placed[slide.id] for slide in slides]), slides


def lay_out_handout(deck: Deck, inputs, slides: Sequence[PreparedSlide], renderer, name: str, *,
                    pdf_variant: str | None = None, paper: Path | None = None):
    """Each slide small on top of its speaker notes, one page per slide, on the paper asked for."""
    meta = {**deck.meta(inputs)}
    meta["title"] = f"Speaker notes: {meta['title']}"
    stylesheets = HANDOUT_STYLES + ((paper,) if paper else ())
    rendered = _render(renderer, _document(HANDOUT_TEMPLATE, meta, slides, len(slides), inputs.look), stylesheets,
                       name, inputs.look, pdf_variant)
    anchors = rendered.page_anchors()
    for slide in slides:
        pages = [page for page, ids in enumerate(anchors) if slide.anchor in ids]  # every page it is on
        if pages != [slide.number - 1]:
            raise RenderError(name, f"the notes of {_describe(slide, len(slides))} do not fit on one page")
    if rendered.page_count != len(slides):
        raise RenderError(name, f"{rendered.page_count} handout pages for {len(slides)} slides")
    return rendered


class DeckProducer:
    """Makes a document kind's outputs from a deck: the slides, and the notes handout beside them."""

    def __init__(self, deck: Deck, notes_filename: str, paper: Callable[[Any], Path] | None = None):
        self.deck = deck
        self.notes_filename = notes_filename
        self.paper = paper  # inputs -> the paper stylesheet of the handout (the slides keep their 16:9 page)

    def __call__(self, kind, inputs, renderer, name: str):
        variant = inputs.options.pdf_variant
        rendered, slides = lay_out(self.deck, inputs, renderer, name, template=kind.template,
                                   stylesheets=kind.stylesheets, pdf_variant=variant)
        notes_name = name.rsplit(kind.filename, 1)[0] + self.notes_filename if name.endswith(kind.filename) else name
        handout = lay_out_handout(self.deck, inputs, slides, renderer, notes_name, pdf_variant=variant,
                                  paper=self.paper(inputs) if self.paper else None)
        return [(kind.filename, rendered), (self.notes_filename, handout)]

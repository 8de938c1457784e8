"""Slide decks: derived data, the type scale, the fitter, and the decks read back from the PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reporter import documents, slidefit, slides
from reporter.assessment import load
from reporter.errors import RenderError
from reporter.plan import Week, WeekTask, build_plan

from . import pdfcheck
from .conftest import EXAMPLES, EXAMPLES_DAY, EXAMPLES_EPOCH, ROOT

STRESS = ROOT / "tests" / "fixtures" / "slides" / "stress.yaml"
SLIDE_PT = (720.0, 405.0)  # 254 × 142.875 mm
FOOTER_PT = 36.0  # bottom margin of a slide: the footer lives there, at 10 pt (two lines for a long name)
DEJAVU_BOX = 1.164  # pdftotext word box height ÷ font size for DejaVu (ascent + descent)


# ---------------------------------------------------------------------------------------------
# Derived data


def test_brief_keeps_short_text_and_whole_sentences_never_a_cut_one():
    assert slides.brief("Short **bold** text.", 40) == "Short bold text."
    assert slides.brief("One sentence here. And a second one that is long.", 30) == "One sentence here."
    assert slides.brief("One. Two. Three is longer than the rest.", 12) == "One. Two."
    # A first sentence longer than the limit is shown whole: the slide's type steps make it fit.
    assert slides.brief("word " * 40, 30) == ("word " * 40).strip()
    assert "…" not in slides.brief("x" * 100, 10)


def test_a_list_is_shortened_by_leaving_whole_items_out():
    assert slides.within(["a" * 50, "b" * 50, "c" * 50], 120, 3) == (("a" * 50, "b" * 50), 1)
    assert slides.within(["a" * 200], 120, 3) == (("a" * 200,), 0)  # one item always, whole


def test_a_task_on_a_slide_is_its_first_phrase_and_the_notes_have_it_all():
    assert slides.first_phrase("Solve ~2 LeetCode mediums; Maintain coding skills") == "Solve ~2 LeetCode mediums"
    assert slides.first_phrase("Study frameworks (PR/FAQ) (tie it to your gap: X)") == "Study frameworks"
    week = Week(1, dt.date(2026, 12, 1), dt.date(2026, 12, 7), 5, "Coding", "build",
                (WeekTask("coding", "Coding", 5, "Solve ~2 mediums; Review patterns"),), 0)
    brief = slides.week_brief(week)
    assert brief.tasks[0].text == "Solve ~2 mediums" and brief.in_full == "5 h Solve ~2 mediums; Review patterns"


def _week(number: int, start: dt.date, hours: float, phase: str = "build", area: str = "Coding") -> Week:
    return Week(number, start, start + dt.timedelta(days=6), hours, area, phase,
                (WeekTask("coding", area, hours, "Solve"),), 0)


def test_schedule_by_month_sums_weeks_by_the_month_they_start_in():
    start = dt.date(2026, 12, 1)
    weeks = [_week(i + 1, start + dt.timedelta(days=7 * i), 10, "mock" if i > 5 else "build") for i in range(7)]
    rows = slides.schedule_by_month(weeks)
    assert [r.label for r in rows] == ["December 2026", "January 2027"]
    assert [r.weeks for r in rows] == ["1–5", "6–7"]
    assert [r.hours for r in rows] == [50, 20]
    assert rows[1].phases == "build, mock" and rows[0].focus == "Coding"


def test_a_long_schedule_merges_adjacent_months_into_at_most_max_rows():
    start = dt.date(2026, 12, 1)
    weeks = [_week(i + 1, start + dt.timedelta(days=7 * i), 3) for i in range(104)]
    rows = slides.schedule_by_month(weeks, max_rows=6)
    assert len(rows) == 6
    assert sum(r.hours for r in rows) == 3 * 104
    assert rows[0].label.startswith("Dec 2026 – ") and rows[0].weeks.startswith("1–")
    assert rows[-1].weeks.endswith("–104")


def test_next_weeks_start_at_the_week_holding_today():
    start = dt.date(2026, 12, 1)
    weeks = [_week(i + 1, start + dt.timedelta(days=7 * i), 5) for i in range(6)]
    assert [w.number for w in slides.next_weeks(weeks, dt.date(2026, 11, 1))] == [1, 2]
    assert [w.number for w in slides.next_weeks(weeks, dt.date(2026, 12, 16))] == [3, 4]
    assert [w.number for w in slides.next_weeks(weeks, weeks[-1].end)] == [6]
    assert slides.next_weeks(weeks, dt.date(2027, 6, 1)) == ()


def test_capped_lists_and_scope_summary_are_bounded(playbook):
    assessment = load(STRESS, playbook, EXAMPLES_DAY)
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    summary = slides.scope_summary(plan)
    assert sum(count for _, count in summary.fits) == 40
    flagged = [s.title for s in plan.story_scope if s.warning]
    assert 1 <= len(summary.flagged) <= 3 and summary.more_flagged == len(flagged) - len(summary.flagged)
    assert set(summary.flagged) <= set(flagged)  # whole titles, never cut
    cards = slides.gap_cards(plan.gaps)
    assert len(cards) == 3 and all(len(c.actions) == 1 for c in cards)
    marks = slides.principle_marks(plan, playbook)
    assert [m.name for m in marks] == list(playbook.principles)


def test_deck_definitions_are_complete():
    assert 10 <= len(slides.COACHING.slides) <= 15
    for deck in slides.DECKS.values():
        ids = [s.id for s in deck.slides]
        assert len(ids) == len(set(ids)), deck.name
        for slide in deck.slides:
            assert (ROOT / "templates" / slide.template).is_file(), slide.template
            assert slide.notes.strip(), slide.id


# ---------------------------------------------------------------------------------------------
# The type scale: stated in styles/slides.css, one class per step in TYPE_STEPS.


def _css_sizes() -> dict[str, dict[str, float]]:
    css = (ROOT / "styles" / "slides.css").read_text(encoding="utf-8")
    found = {}
    for selector, body in re.findall(r"^\.slide(\.step-\d)? \{([^}]*)\}", css, re.M):
        sizes = dict((name, float(value)) for name, value in re.findall(r"--slide-(\w+): ([\d.]+)pt", body))
        found[selector.lstrip(".") or "step-0"] = sizes
    return found


def test_every_type_step_keeps_body_text_at_18_pt_or_more():
    sizes = _css_sizes()
    assert list(sizes) == list(slides.TYPE_STEPS)
    bodies = [sizes[step]["body"] for step in slides.TYPE_STEPS]
    assert bodies == sorted(bodies, reverse=True) and min(bodies) >= 18
    assert all(sizes[step]["title"] > sizes[step]["body"] for step in slides.TYPE_STEPS)


# ---------------------------------------------------------------------------------------------
# The fitter


class _Counting:
    def __init__(self, renderer):
        self.renderer, self.calls = renderer, 0

    def render(self, *args, **kwargs):
        self.calls += 1
        return self.renderer.render(*args, **kwargs)


@pytest.fixture(scope="module")
def renderer():
    from reporter.pdf import Renderer

    return Renderer()


def test_a_deck_that_fits_is_laid_out_once(playbook, renderer):
    counting = _Counting(renderer)
    inputs = documents.EditionInputs(playbook, EXAMPLES_DAY)
    fitting = ("workshop-cover", "workshop-intro", "checklist-l6")  # each fits at the largest step
    deck = dataclasses.replace(slides.WORKSHOP, slides=tuple(s for s in slides.WORKSHOP.slides if s.id in fitting))
    rendered, prepared = slidefit.lay_out(deck, inputs, counting, "test")
    assert counting.calls == 1 and rendered.page_count == 3
    assert [s.step for s in prepared] == [0, 0, 0]


def _closing_with(text: str) -> slides.Slide:
    return slides.Slide("long", "A slide with {{ words }} words", lambda inputs: {
        "playbook": inputs.playbook, "closing": text, "words": len(text.split())},
        "notes", partial="workshop-closing")


def test_a_slide_that_overflows_steps_down_and_only_it_is_laid_out_again(playbook, renderer):
    counting = _Counting(renderer)
    inputs = documents.EditionInputs(playbook, EXAMPLES_DAY)
    deck = dataclasses.replace(slides.WORKSHOP, slides=(slides.WORKSHOP.slides[0], _closing_with("word " * 140)))
    rendered, prepared = slidefit.lay_out(deck, inputs, counting, "test")
    assert rendered.page_count == 2
    assert prepared[0].step == 0 and prepared[1].step > 0
    assert counting.calls == prepared[1].step + 1  # whole deck, then the one slide per smaller step
    # The deck is the first slide's page from the whole deck and the refitted page: each numbered in the deck.
    assert rendered.page_anchors()[1] >= {prepared[1].anchor}
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf_bytes())).pages]
    assert ["1 / 2" in text for text in pages] == [True, False]
    assert ["2 / 2" in text for text in pages] == [False, True]


def test_a_slide_that_cannot_fit_fails_naming_the_slide(playbook, renderer):
    inputs = documents.EditionInputs(playbook, EXAMPLES_DAY)
    deck = dataclasses.replace(slides.WORKSHOP, slides=(slides.WORKSHOP.slides[0], _closing_with("word " * 900)))
    with pytest.raises(RenderError) as caught:
        slidefit.lay_out(deck, inputs, renderer, "deck.pdf")
    assert str(caught.value) == ("deck.pdf: slide 2 of 2 “A slide with 900 words” (long) does not fit on one slide "
                                 "even at the smallest type step; shorten its content")


# ---------------------------------------------------------------------------------------------
# The decks, built through the CLI and read back


@pytest.fixture(scope="module")
def decks(built_examples, built_stress, built_edition) -> dict[str, tuple[Path, Path, int]]:
    """name → (slides.pdf, slides-notes.pdf, slide count): every example, the stress input, the workshop."""
    # Built without --since: every slide but those shown only after a check-in (the progress slide).
    coaching = len([s for s in slides.COACHING.slides if s.shown is None])
    found = {p.stem: (built_examples / p.stem / "slides.pdf", built_examples / p.stem / "slides-notes.pdf",
                      coaching) for p in EXAMPLES}
    found[STRESS.stem] = (built_stress / STRESS.stem / "slides.pdf", built_stress / STRESS.stem / "slides-notes.pdf",
                          coaching)
    found["workshop"] = (built_edition / "slides.pdf", built_edition / "slides-notes.pdf", len(slides.WORKSHOP.slides))
    for folder in (built_examples, built_stress, built_edition):
        assert not list(folder.rglob("*.part"))
    return found


DECK_NAMES = [p.stem for p in EXAMPLES] + ["stress", "workshop"]


@pytest.mark.parametrize("name", DECK_NAMES)
def test_deck_is_16_9_with_one_page_per_slide(decks, name):
    pdf, _, count = decks[name]
    sizes = pdfcheck.page_sizes_pt(pdf)
    assert len(sizes) == count
    assert all(round(w, 1) == SLIDE_PT[0] and round(h, 1) == SLIDE_PT[1] for w, h in sizes)
    assert abs(SLIDE_PT[0] / SLIDE_PT[1] - 16 / 9) < 1e-9
    titles = [o.title for o in pdfcheck.outlines(pdf)]
    assert len(titles) == count and [o.page for o in pdfcheck.outlines(pdf)] == list(range(1, count + 1))


@pytest.mark.parametrize("name", DECK_NAMES)
def test_no_text_outside_the_slide_and_body_text_reads_from_the_back(decks, name):
    pdf, _, count = decks[name]
    pages, words = pdfcheck.words(pdf)
    assert len(pages) == count
    margin = 6.0
    for word in words:
        width, height = pages[word.page]
        assert margin <= word.x0 and word.x1 <= width - margin, (word.page + 1, word.text)
        assert margin <= word.y0 and word.y1 <= height - margin, (word.page + 1, word.text)
        if word.y1 < height - FOOTER_PT:  # the footer (deck name, slide number) is the only small text
            assert (word.y1 - word.y0) / DEJAVU_BOX >= 17.9, (word.page + 1, word.text)
    footers = [w for w in words if w.y0 >= SLIDE_PT[1] - FOOTER_PT]
    assert {w.page for w in footers} == set(range(count))
    page_texts = pdfcheck.page_texts(pdf)
    assert all(f"{n} / {count}" in text for n, text in enumerate(page_texts, 1))


@pytest.mark.parametrize("name", DECK_NAMES)
def test_notes_handout_has_one_page_per_slide_with_its_notes(decks, name):
    _, notes, count = decks[name]
    texts = pdfcheck.page_texts(notes)
    assert len(texts) == count
    for number, text in enumerate(texts, 1):
        assert f"Slide {number} of {count}" in text and "Speaker notes" in text
    assert all(round(w) == 595 and round(h) == 842 for w, h in pdfcheck.page_sizes_pt(notes))


def test_coaching_deck_shows_the_candidates_plan(decks, playbook):
    source = EXAMPLES[0]
    assessment = load(source, playbook, EXAMPLES_DAY)
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    pdf, _, _ = decks[source.stem]
    flat = pdfcheck.squash(pdfcheck.text(pdf))
    assert pdfcheck.squash(assessment.candidate.name) in flat
    for gap in plan.gaps[:3]:
        assert pdfcheck.squash(gap.name) in flat
    assert pdfcheck.squash(f"{plan.hours.available} h") in flat
    for row in slides.schedule_by_month(plan.weeks):
        assert row.label.split()[0] in flat and pdfcheck.squash(row.weeks) in flat  # labels may wrap in a cell
    assert pdfcheck.squash(playbook.level(plan.level).case_studies[0].title) in flat
    for marker in pdfcheck.MOJIBAKE:
        assert marker not in pdfcheck.text(pdf)


def test_workshop_deck_covers_both_levels(decks, playbook):
    pdf, _, _ = decks["workshop"]
    flat = pdfcheck.squash(pdfcheck.text(pdf))
    for level in playbook.levels.values():
        for area in level.framework:
            assert pdfcheck.squash(area.name) in flat
        for prep in level.preparation:
            assert pdfcheck.squash(prep.name) in flat
        for group in level.indicators:
            assert all(pdfcheck.squash(item) in flat for item in group.items)
        assert pdfcheck.squash(level.question.question) in flat
    for row in playbook.scope_rows:
        assert pdfcheck.squash(row.l6) in flat and pdfcheck.squash(row.l7) in flat

"""End to end: examples → prep-plan PDFs, read back and checked like a reader would."""

from __future__ import annotations

import datetime as dt

import pytest

from reporter.assessment import load
from reporter.plan import build_plan

from . import pdfcheck
from .conftest import EXAMPLES, EXAMPLES_DAY

SECTIONS = ["Readiness summary", "Top gaps and actions", "Competency checklist", "Hours budget and allocation",
            "Week-by-week schedule", "Leadership Principles and story scope", "How this plan was computed"]


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request, built_examples, playbook):
    source = request.param
    assessment = load(source, playbook, EXAMPLES_DAY)
    pdf = built_examples / source.stem / "prep-plan.pdf"
    return assessment, pdf, pdfcheck.text(pdf)


def test_every_example_has_a_prep_plan(built_examples):
    assert sorted(p.parent.name for p in built_examples.glob("*/prep-plan.pdf")) == sorted(p.stem for p in EXAMPLES)
    assert not list(built_examples.rglob("*.part"))


def test_text_has_name_level_and_every_checklist_item(example, playbook):
    assessment, pdf, text = example
    flat = pdfcheck.squash(text)
    assert pdfcheck.squash(assessment.candidate.name) in flat
    level = playbook.level(assessment.candidate.target_level)
    cover = pdfcheck.page_texts(pdf)[0]
    assert "TARGET LEVEL" in cover and f"\n{level.id}\n" in cover
    for item in level.items:
        assert pdfcheck.squash(item.text) in flat, item.id
    for marker in pdfcheck.MOJIBAKE:
        assert marker not in text


def test_every_section_is_bookmarked_on_the_page_it_starts(example):
    _, pdf, _ = example
    pages = pdfcheck.page_texts(pdf)
    marks = {o.title: o for o in pdfcheck.outlines(pdf) if o.depth == 1}
    for title in SECTIONS:
        assert title in marks, title
        assert pdfcheck.squash(title) in pdfcheck.squash(pages[marks[title].page - 1])


def test_contents_page_numbers_match_the_bookmarks(example):
    _, pdf, _ = example
    pages = pdfcheck.text(pdf, layout=True).split("\f")
    contents = next(p for p in pages if any(line.strip() == "Contents" for line in p.splitlines()))
    marks = {o.title: o.page for o in pdfcheck.outlines(pdf) if o.depth == 1}
    for title in SECTIONS:
        line = next(line for line in contents.splitlines() if line.strip().startswith(title))
        assert line.split()[-1] == str(marks[title]), title


def test_running_footer_counts_pages(example):
    _, pdf, _ = example
    pages = pdfcheck.page_texts(pdf)
    assert f"page 2 of {len(pages)}" in pages[1]
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]
    assert all(page.strip() for page in pages), "no empty page"


def test_metadata_title_author_language_and_tags(example):
    assessment, pdf, _ = example
    meta = pdfcheck.metadata(pdf)
    assert meta["author"] == assessment.candidate.name
    assert assessment.candidate.target_level in meta["title"]
    assert meta["lang"] == "en"
    assert meta["tagged"]
    assert {size for size in pdfcheck.page_sizes_pt(pdf)} == {(595.276, 841.89)} or all(
        round(w) == 595 and round(h) == 842 for w, h in pdfcheck.page_sizes_pt(pdf))


def test_schedule_header_repeats_on_every_schedule_page(example, playbook):
    assessment, pdf, _ = example
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    pages = pdfcheck.page_texts(pdf)
    marks = {o.title: o.page for o in pdfcheck.outlines(pdf) if o.depth == 1}
    first, after = marks["Week-by-week schedule"], marks["Leadership Principles and story scope"]
    for page in pages[first - 1: after - 1]:
        assert "Focus and tasks" in page
    assert len(plan.weeks) >= 1


# -- the plan adapts to the candidate (issue: focus, countdown, own stories, holidays, taper) -----------

def test_months_change_focus_or_say_why(example, playbook):
    assessment, _, _ = example
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    for before, month in zip(plan.months, plan.months[1:]):
        assert month.focus_id != before.focus_id or month.note, month.label


def test_no_task_repeats_work_already_done(example, playbook):
    assessment, _, _ = example
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    texts = [t.text for w in plan.weeks for t in w.tasks]
    done = {i.text for c in plan.checklist for i in c.items if i.status == "yes"}
    assert not [t for t in texts if any(item in t for item in done)]
    covered = {u.principle for u in plan.principles.covered}
    assert not [t for t in texts if "new STAR story for" in t and any(f"for {p}" in t or f"and {p} " in t
                                                                    for p in covered)]
    targets = playbook.practice_targets
    solved, designed = assessment.practice.leetcode_solved, assessment.practice.system_design_problems
    # counts start from the candidate's own numbers
    assert any(f"({solved} → " in t for t in texts) or solved >= targets["leetcode_solved"].target
    if len(assessment.stories) >= targets["stories"].target:
        assert not [t for t in texts if "Write a new STAR story" in t or "Develop 10–12" in t]
    assert "Develop 10–12 STAR++ stories" not in " ".join(texts)
    if designed:
        assert any(f"({designed} → " in t for t in texts) or designed >= targets["system_design_problems"].target


def test_story_tasks_name_the_candidates_stories(example, playbook):
    assessment, pdf, text = example
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    story_tasks = " ".join(t.text for w in plan.weeks for t in w.tasks if "Rehearse" in t.text or "Rework" in t.text)
    named = [s.title for s in assessment.stories if f'"{s.title}"' in story_tasks]
    assert named and named[0] == assessment.stories[0].title
    assert pdfcheck.squash(f'Rehearse "{named[0]}"') in pdfcheck.squash(text) or \
        pdfcheck.squash(f'Rework "{named[0]}"') in pdfcheck.squash(text)


def test_the_holiday_range_and_the_taper_show_in_the_prep_plan(built_examples, playbook):
    source = next(p for p in EXAMPLES if p.stem == "l6-nearly-ready")
    text = pdfcheck.squash(pdfcheck.text(built_examples / source.stem / "prep-plan.pdf"))
    for words in ("Not available Dec 24 – Jan 1: Holidays", "Not available Dec 24–28: Holidays",
                  "Feb 21: the day before the interview, free", "half days, review and rest only",
                  "Diagnostic mock interview: System Design", "over 73 study days; 9 days not available"):
        assert pdfcheck.squash(words) in text, words
    plan = build_plan(load(source, playbook, EXAMPLES_DAY), playbook, EXAMPLES_DAY)
    (holiday,) = load(source, playbook, EXAMPLES_DAY).candidate.unavailable
    assert not [s for s in plan.sessions if s.date in holiday]
    assert not [s for s in plan.sessions if s.date == plan.interview_date - dt.timedelta(days=1)]


def test_the_coaching_deck_shows_the_month_focus(built_examples, playbook):
    source = next(p for p in EXAMPLES if p.stem == "l7-large-gaps")
    pages = pdfcheck.page_texts(built_examples / source.stem / "slides.pdf")
    months = pdfcheck.squash(next(p for p in pages if "The schedule month by month" in p))
    plan = build_plan(load(source, playbook, EXAMPLES_DAY), playbook, EXAMPLES_DAY)
    for month in plan.months:
        assert pdfcheck.squash(month.focus) in months
        if month.short_note:
            assert pdfcheck.squash(month.short_note) in months


def test_every_example_has_a_calendar(built_examples):
    assert sorted(p.parent.name for p in built_examples.glob("*/schedule.ics")) == sorted(p.stem for p in EXAMPLES)


def test_no_example_plan_ends_on_a_page_of_a_few_lines(example, playbook):
    """The L7 example ended on a page holding the last three lines of "How this plan was computed": the
    chapter's last two sections now go over together, and every word of the chapter is still printed."""
    assessment, pdf, text = example
    assert pdfcheck.fill(pdf)[-1] >= pdfcheck.MIN_LAST_FILL["prep-plan"]
    plan = build_plan(assessment, playbook, EXAMPLES_DAY)
    flat = pdfcheck.squash("".join(pdfcheck.struct_text(pdf)))  # tagged text: a page's header does not cut in
    assert [title for title, words in plan.method
            if pdfcheck.squash(title) not in flat or pdfcheck.squash(words) not in flat] == []

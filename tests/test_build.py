"""End to end: examples → prep-plan PDFs, read back and checked like a reader would."""

from __future__ import annotations

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

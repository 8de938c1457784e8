"""The playbook edition: every fact of the page in playbook.pdf, found in the PDF's own text."""

from __future__ import annotations

import re

import pytest

from reporter import config

from . import pdfcheck
from .conftest import EXAMPLES, EXAMPLES_EPOCH, run_cli
from .test_content import (LEVELS, PAGE, page_admonition, page_case_study, page_checklist, page_framework,
                           page_indicators, page_preparation, page_question, section)

SIZES = {"a4": (595, 842), "letter": (612, 792)}


@pytest.fixture(scope="module", params=config.PAPERS)
def edition(request):
    if request.param == "a4":  # shared with the slide tests
        return request.param, request.getfixturevalue("built_edition")
    return request.param, request.getfixturevalue(f"built_edition_{request.param}")


@pytest.fixture(scope="module")
def book(edition):
    paper, out = edition
    pdf = out / "playbook.pdf"
    return paper, pdf, pdfcheck.text(pdf)


def flat(value: str) -> str:
    return pdfcheck.squash(value.replace("**", ""))


def test_edition_writes_the_book_and_the_generic_sheet(edition):
    paper, out = edition
    assert {"comparison.pdf", "playbook.pdf"} <= {p.name for p in out.iterdir()}
    assert not list(out.glob("*.part"))
    for name in ("comparison.pdf", "playbook.pdf"):
        assert {(round(w), round(h)) for w, h in pdfcheck.page_sizes_pt(out / name)} == {SIZES[paper]}
    assert len(pdfcheck.page_sizes_pt(out / "comparison.pdf")) == 1


def test_every_fact_of_the_page_is_in_the_book(book):
    _, _, text = book
    got = pdfcheck.squash(text)
    facts: list[str] = []
    intro = section("## The Science", "!!! quote").splitlines()[2:]
    facts += [line for line in intro if line.strip()]
    facts += list(page_admonition("quote"))
    facts += list(page_admonition("success"))
    for level in LEVELS:
        for weight, name, bullets in page_framework(level):
            facts += [f"{weight}% {name}", *bullets]
        items = [i for _, _, cats in page_checklist(level) for _, its in cats for i in its]
        facts += items
        for name, percent, hours, bullets in page_preparation(level):
            facts += [f"{name} ({percent}% - ~{hours} hours)", *bullets]
        study = page_case_study(level)
        facts += [study["title"], study["background"], study["challenge"], study["scope"], *study["star"].values(),
                  *study["why"]]
        facts += [item for _, items in page_indicators(level) for item in items]
        question = page_question(level)
        facts += list(question.values())
    rows = re.findall(r"^\| \*\*(.+?)\*\* \| (.+?) \| (.+?) \|$", PAGE, re.M)
    assert len(rows) == 7
    facts += [cell for row in rows for cell in row]
    nxt = re.search(r"^\*Next: \[(.+?)\]\(.+?\) (.+)\*$", PAGE, re.M)
    # The page's "Next:" link names a chapter of the web site that is not in the book: never printed.
    assert flat(f"Next: {nxt[1]}") not in got
    missing = [fact for fact in facts if flat(fact) not in got]
    assert not missing
    assert sum(len(i) for _, _, cats in (c for lvl in LEVELS for c in page_checklist(lvl)) for _, i in cats) == 60


@pytest.mark.parametrize("figure", ["850ms", "285ms", "$50M", "$12M", "8 months", "6 weeks", "60%", "15%"])
def test_case_study_figures(book, figure):
    assert flat(figure) in pdfcheck.squash(book[2])


def test_no_mojibake_and_checklists_are_checkbox_lists_not_code(book):
    _, _, text = book
    for marker in pdfcheck.MOJIBAKE:
        assert marker not in text
    assert "- [ ]" not in text and "```" not in text and "depth_requirements:" not in text


def test_every_heading_is_bookmarked_and_contents_match_the_bookmarks(book, playbook):
    _, pdf, _ = book
    marks = pdfcheck.outlines(pdf)
    # Headings carry the page's emoji (🎯 L6 Success Formula); compare on the words.
    titles = {m.title.strip("🎯🚀📊🎪✅ "): m for m in marks}
    pages = pdfcheck.page_texts(pdf)
    headings = [playbook.subtitle, playbook.scope_title, playbook.scope_table_title, playbook.indicators_title,
                playbook.questions_title, playbook.questions_subtitle]
    for level in playbook.levels.values():
        headings += [level.title, level.framework_title, level.checklist_title, level.preparation_title,
                     level.case_studies_title, level.indicators_title, level.question.title]
        headings += [g.name for g in level.checklist] + [c.title for c in level.categories]
        headings += [s.title for s in level.case_studies]
    for heading in headings:
        assert heading in titles, heading
        assert pdfcheck.squash(heading) in pdfcheck.squash(pages[titles[heading].page - 1]), heading
    contents = next(p for p in pdfcheck.text(pdf, layout=True).split("\f")
                    if "Contents" in (line.strip() for line in p.splitlines()))
    listed = 0
    for mark in marks:
        if mark.depth > 2 or mark.title == "Contents":
            continue
        line = next(line for line in contents.splitlines() if line.strip().startswith(mark.title.strip()))
        assert line.split()[-1] == str(mark.page), mark.title
        listed += 1
    assert listed == 1 + 5 * len(playbook.levels) + 3 + 2


def test_running_header_footer_metadata_and_tags(book, playbook):
    _, pdf, _ = book
    pages = pdfcheck.page_texts(pdf)
    assert f"page 3 of {len(pages)}" in pages[2] and f"page {len(pages)} of {len(pages)}" in pages[-1]
    assert all(p.strip() for p in pages), "no empty page"
    l6 = next(p for p in pages if p.count("L6 Success Formula") >= 2)  # the heading and the running header
    assert playbook.title in l6
    meta = pdfcheck.metadata(pdf)
    assert meta["lang"] == "en" and meta["tagged"] and playbook.title in meta["title"]


def test_pdf_variant_passes_through(tmp_path):
    from reporter.cli import main

    # The cheapest document shows the pass-through: one example's sheet.
    assert run_cli("build", str(EXAMPLES[0]), "-o", str(tmp_path), "--formats", "sheet",
                   "--pdf-variant", "pdf/ua-1") == 0
    from pypdf import PdfReader

    root = PdfReader(str(tmp_path / EXAMPLES[0].stem / "comparison.pdf")).trailer["/Root"]
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert main(["edition", "-o", str(tmp_path), "--pdf-variant", "pdf/x-nope"]) == 2

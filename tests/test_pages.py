"""The page check on every document the suite renders: what a reader sees, page by page.

Every document kind (prep plan, comparison sheet, slides, speaker-notes handout, book) of the examples,
the long-content stress candidates, every shipped theme, on A4 and on Letter, goes through
pdfcheck.page_problems: paper size, page fill, text outside the page, entities, Markdown syntax and
ellipses the source did not have. The renders are the session's shared ones (see conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter import charts, config, themes

from . import pdfcheck
from .conftest import EXAMPLES, ROOT, SLIDES_STRESS
from .stress import stress_yaml

# (fixture, paper, theme): each fixture is a folder of documents, or (for themes) a pair of folders.
SETS = [("built_examples", "a4", "default"), ("built_stress", "a4", "default"), ("built_edition", "a4", "default"),
        ("built_edition_letter", "letter", "default"), ("built_sheets_letter", "letter", "default")]
SHIPPED = [folder.name for folder in themes.shipped() if folder.name != config.DEFAULT_THEME]


def _source() -> str:
    """Every text a document is made from: the content pack and every input the suite builds."""
    files = [*(ROOT / "content").glob("*.yaml"), *EXAMPLES, SLIDES_STRESS]
    return "".join(path.read_text(encoding="utf-8") for path in files) + stress_yaml("L7")


def _check(folder: Path, paper: str) -> list[str]:
    pdfs = sorted(folder.rglob("*.pdf"))
    assert pdfs, folder
    source = _source()
    problems = []
    for pdf in pdfs:
        for problem in pdfcheck.page_problems(pdf, pdf.stem, "slide" if pdf.stem == "slides" else paper, source):
            problems.append(f"{pdf.relative_to(folder)}: {problem}")
    return problems


@pytest.mark.parametrize("fixture, paper, theme", SETS, ids=[s[0] for s in SETS])
def test_every_page_passes_the_page_check(request, fixture, paper, theme):
    assert _check(request.getfixturevalue(fixture), paper) == []


@pytest.mark.parametrize("theme", SHIPPED)
def test_every_page_of_every_theme_passes_the_page_check(built_themes, theme):
    folder, edition = built_themes[theme]
    assert _check(folder, "a4") + _check(edition, "a4") == []


# -- colours ---------------------------------------------------------------------------------------------


def test_contrast_ratio_is_the_wcag_one():
    assert charts.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert charts.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert charts.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", [folder.name for folder in themes.shipped()])
def test_every_text_colour_of_every_theme_meets_its_contrast_ratio(theme):
    found = [f"{where}: {fg} on {bg} is {ratio:.2f}:1, needs {need}:1"
             for where, fg, bg, ratio, need in themes.text_contrasts(themes.load(theme)) if ratio < need]
    assert found == []


@pytest.mark.parametrize("theme", [folder.name for folder in themes.shipped()])
def test_neighbouring_series_and_the_statuses_differ_in_greyscale(theme):
    """Printed in grey, neighbouring slices and bars stay apart, and so do yes, partial and no (each of which
    also carries its word or figure: colour is never the only label)."""
    look = themes.load(theme)
    greys = [charts.grey(colour) for colour in look.palette]
    assert all(abs(a - b) >= 0.04 for a, b in zip(greys, greys[1:])), greys
    statuses = sorted(charts.grey(look.effective[role]) for role in ("yes", "partial", "no"))
    assert all(b - a >= 0.04 for a, b in zip(statuses, statuses[1:])), statuses

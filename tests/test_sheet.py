"""The comparison sheet: always exactly one page of the requested paper, every fact on it, no tiny type."""

from __future__ import annotations

import dataclasses

import pytest

from reporter import config, documents
from reporter.typography import sentence_case

from . import pdfcheck
from .stress import STRESS_NAME, stress_yaml, write_sheet_stress
from .conftest import EXAMPLES, EXAMPLES_EPOCH

SIZES = {"a4": (595, 842), "letter": (612, 792)}
def _build(args, out) -> int:
    from reporter.cli import main

    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    try:
        return main(["build", *args, "-o", str(out), "--formats", "sheet"])
    finally:
        patch.undo()


@pytest.fixture(scope="module", params=config.PAPERS)
def sheets(request):
    """Every example and the stress candidate: A4 from the session's shared builds, Letter likewise."""
    paper = request.param
    if paper == "a4":
        built_examples, built_stress = request.getfixturevalue("built_examples"), request.getfixturevalue("built_stress")
        found = [*built_examples.glob("*/comparison.pdf"), built_stress / "stress-l7" / "comparison.pdf"]
        return paper, {p.parent.name: p for p in found}
    out = request.getfixturevalue(f"built_sheets_{paper}")
    return paper, {p.parent.name: p for p in out.glob("*/comparison.pdf")}


def test_every_sheet_is_exactly_one_page_of_the_requested_paper(sheets):
    paper, pdfs = sheets
    assert sorted(pdfs) == sorted([p.stem for p in EXAMPLES] + ["stress-l7"])
    for name, pdf in pdfs.items():
        sizes = pdfcheck.page_sizes_pt(pdf)
        assert [(round(w), round(h)) for w, h in sizes] == [SIZES[paper]], name


def test_no_text_below_the_legible_minimum(sheets):
    _, pdfs = sheets
    for name, pdf in pdfs.items():
        sizes = pdfcheck.font_sizes(pdf)
        assert min(sizes) >= config.MIN_SHEET_TYPE_PT - 0.01, (name, sorted(sizes))


def test_sheet_carries_every_fact_and_the_candidates_standing(sheets, playbook):
    _, pdfs = sheets
    for name, pdf in pdfs.items():
        text = pdfcheck.text(pdf, raw=True)
        flat = pdfcheck.squash(text)
        # The playbook's titles print as the sheet's headings, in its sentence case.
        facts = [sentence_case(playbook.scope_table_title), playbook.closing_warning, "Where you stand",
                 "Your strongest story"]
        facts += [cell for row in playbook.scope_rows for cell in (row.dimension, row.l6, row.l7)]
        for level in playbook.levels.values():
            facts += [f"{a.weight}% {a.name}" for a in level.framework] + [b for a in level.framework for b in a.bullets]
            facts += [f"{p.percent}% {p.name} ~{p.hours} h" for p in level.preparation]
            facts += [i for g in level.indicators for i in g.items]
            q = level.question
            facts += [sentence_case(q.title), q.question, q.wrong_label, q.right_label]
        missing = [f for f in facts if pdfcheck.squash(f) not in flat]
        assert not missing, name
        for marker in pdfcheck.MOJIBAKE:
            assert marker not in text
    assert pdfcheck.squash(STRESS_NAME) in pdfcheck.squash(pdfcheck.text(pdfs["stress-l7"], raw=True))
    assert "Yourevidencefits" in pdfcheck.squash(pdfcheck.text(pdfs["l6-nearly-ready"]))


def test_a_sheet_that_cannot_fit_fails_with_a_message_and_writes_nothing(tmp_path, monkeypatch, capsys):
    source = tmp_path / "stress.yaml"
    source.write_text(stress_yaml("L7"), encoding="utf-8")
    kind = documents.KINDS["sheet"]
    monkeypatch.setitem(documents.KINDS, "sheet", dataclasses.replace(kind, fit_steps=kind.fit_steps[:1]))
    assert _build([str(source), "--paper", "letter"], tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert f"comparison.pdf: does not fit on 1 page even at the smallest type scale ({config.MIN_SHEET_TYPE_PT} pt)" in err
    assert not list((tmp_path / "out").rglob("*.pdf")) and not list((tmp_path / "out").rglob("*.part"))


def test_an_unknown_paper_is_a_usage_error(tmp_path):
    assert _build([str(EXAMPLES[0]), "--paper", "a5"], tmp_path) == 2


@dataclasses.dataclass
class _Laid:
    step: str
    page_count: int


@pytest.mark.parametrize("first", [0, 1, 2, 3])
@pytest.mark.parametrize("pages, answer", [
    ((1, 1, 1, 1), 0), ((2, 1, 1, 1), 1), ((2, 2, 1, 1), 2), ((2, 2, 2, 1), 3), ((3, 2, 2, 2), None)])
def test_the_fit_search_finds_the_largest_scale_that_fits_laying_each_out_at_most_once(first, pages, answer):
    steps = tuple(f"scale-{n}" for n in range(4))
    kind = dataclasses.replace(documents.KINDS["sheet"], fit_steps=steps)
    tried = []

    def lay_out(step):
        tried.append(step)
        return _Laid(step, pages[steps.index(step)])

    rendered, fits = documents._fitted(kind, lay_out, first)
    assert len(tried) == len(set(tried))
    if answer is None:
        assert not fits and tried[-1] == steps[-1]
    else:
        assert fits and rendered.step == steps[answer]
        assert answer == 0 or steps[answer - 1] in tried  # proven the largest: the next larger one was tried
    # Started at the usual answer, the search lays the document out twice at most.
    if answer is not None and first == answer:
        assert len(tried) <= 2

"""The running header names the chapter a page is in: the one its first body text belongs to.

Chapters flow on from each other, so most pages that start a chapter begin inside the one before it;
WeasyPrint's default string(chapter) (the first assignment on the page) named the new chapter over the
end of the old one. Checked in the prep plans and the edition's book, on A4 and on Letter.
"""

from __future__ import annotations

import pytest

from . import pdfcheck
from .conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def plans_letter(tmp_path_factory):
    out = tmp_path_factory.mktemp("plans-letter")
    assert run_cli("build", *map(str, EXAMPLES), "-o", str(out), "--formats", "plan", "--paper", "letter") == 0
    return out


@pytest.fixture(scope="module")
def documents(built_examples, plans_letter, built_edition, built_edition_letter):
    """(label, path) of every prep plan and book, A4 and Letter."""
    found = []
    for label, folder, name in (("a4", built_examples, "prep-plan.pdf"), ("letter", plans_letter, "prep-plan.pdf"),
                                ("a4", built_edition, "playbook.pdf"), ("letter", built_edition_letter, "playbook.pdf")):
        paths = sorted(folder.rglob(name))
        assert paths, (folder, name)
        found += [(f"{label}/{path.relative_to(folder)}", path) for path in paths]
    return found


def test_every_page_header_names_the_chapter_the_page_begins_in(documents):
    problems, mid_page = [], 0
    for label, path in documents:
        found, count = pdfcheck.header_problems(path)
        problems += [f"{label}: {problem}" for problem in found]
        mid_page += count
    assert problems == []
    # The premise: pages that begin in one chapter and start the next further down are there to be checked.
    assert mid_page >= 10, mid_page


def test_the_contents_page_is_headed_contents(documents):
    for label, path in documents:
        sizes, placed = pdfcheck.words(path)
        header = [w.text for w in placed if w.page == 1 and w.y1 < pdfcheck.TOP_BAND_PT and w.x0 > sizes[1][0] / 2]
        assert header == ["Contents"], label

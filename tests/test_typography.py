"""How figures and headings are set: ranges with an en dash, one case per level of heading."""

from __future__ import annotations

import re

import pytest

from reporter import content
from reporter.typography import en_dash_ranges, number_range, sentence_case, title_case

from . import pdfcheck


@pytest.mark.parametrize("typed, printed", [
    ("10-25 engineers, 2-4 teams", "10–25 engineers, 2–4 teams"),
    ("The 40-30-20-10 Framework", "The 40–30–20–10 Framework"),
    ("System Design (35% - ~100 hours)", "System Design (35% – ~100 hours)"),
    ("12-person team, 18-month timeline", "12-person team, 18-month timeline"),
    ("L7 Candidate Responding to L6-Level Question", "L7 Candidate Responding to L6-Level Question"),
    ("started 2026-12-01, done", "started 2026-12-01, done"),
    ("$100K - $2M", "$100K–$2M"),
    ("a higher level - instead, excel", "a higher level – instead, excel"),
    ("a list:\n- first item", "a list:\n- first item"),
])
def test_a_range_takes_an_en_dash_and_nothing_else_changes(typed, printed):
    assert en_dash_ranges(typed) == printed
    assert en_dash_ranges(printed) == printed


def test_planner_ranges_use_the_same_dash():
    assert number_range(1, 5) == "1–5" == en_dash_ranges("1-5")


@pytest.mark.parametrize("title, sentence", [
    ("L6 vs L7 Impact Comparison", "L6 vs L7 impact comparison"),
    ("Case Study 1: ML Platform Transformation", "Case study 1: ML platform transformation"),
    ("L7 Candidate Responding to L6-Level Question", "L7 candidate responding to L6-level question"),
    ("Platform and Architecture", "Platform and architecture"),
    ("Study Amazon's PR/FAQ and Leadership Principles", "Study Amazon's PR/FAQ and Leadership Principles"),
])
def test_sentence_case_keeps_acronyms_levels_and_names(title, sentence):
    assert sentence_case(title) == sentence


def test_title_case_leaves_small_words_lower():
    assert title_case("influence and collaboration") == "Influence and Collaboration"
    assert title_case("architecture at scale") == "Architecture at Scale"


def _capitalised_after_the_first_word(heading: str, names: list[str]) -> list[str]:
    for name in names:
        heading = heading.replace(name, "")
    words = heading.split()[1:]
    return [w for w in words if re.fullmatch(r"[A-Z][a-z]+\W*", w)]


def test_prep_plan_headings_below_the_chapters_are_in_sentence_case(built_examples):
    """The second-level headings (bookmarks) read in sentence case, the playbook's quoted titles included;
    a framework area keeps its name (a gap's heading is the area it is about)."""
    playbook = content.load()
    names = [a.name for level in playbook.levels.values() for a in level.framework] + ["Leadership Principles"]
    found = {}
    for path in sorted(built_examples.rglob("prep-plan.pdf")):
        for outline in pdfcheck.outlines(path):
            if outline.depth >= 1:
                found[outline.title] = _capitalised_after_the_first_word(outline.title, names)
    assert "L6 vs L7 impact comparison" in found and "Case study 1: ML platform transformation" in found
    assert {title: words for title, words in found.items() if words} == {}


def test_a_comparison_sign_stays_with_its_figure():
    from reporter.typography import typeset

    assert typeset("Security incidents = 0") == "Security incidents =\u00a00"
    assert typeset("Revenue/cost impact > $500K, 10-25 teams") == "Revenue/cost impact >\u00a0$500K, 10–25 teams"
    assert typeset("a > b") == "a > b"

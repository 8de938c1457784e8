"""Where a candidate stands against L6 and L7: the pure rules behind the comparison sheet."""

from __future__ import annotations

import dataclasses

import pytest

from reporter import compare
from reporter.assessment import load
from reporter.plan import DimensionPlacement, StoryPlacement, build_plan

from .conftest import EXAMPLES_DAY, ROOT


def _story(title: str, *places: str) -> StoryPlacement:
    dims = tuple(DimensionPlacement(d, d.title(), 1.0, "1", "a", "b", p)
                 for d, p in zip(("engineers", "teams", "duration_months", "budget_usd"), places))
    return StoryPlacement(title, (), dims, "L6", "")


@pytest.fixture(scope="module")
def example(playbook):
    def build(stem: str):
        assessment = load(ROOT / "examples" / f"{stem}.yaml", playbook, EXAMPLES_DAY)
        plan = build_plan(assessment, playbook, EXAMPLES_DAY)
        return assessment, plan, compare.standing(assessment, plan, playbook)
    return build


def test_strongest_story_sits_highest_and_ties_go_to_the_first():
    modest = _story("modest", "L6", "L6", "L6", "L6")  # 4 points
    big = _story("big", "L7", "L6", "unknown", "unknown")  # 4 points: a tie, listed later
    bigger = _story("bigger", "L7", "L7", "below L6", "unknown")  # 6 points
    assert compare.strongest_story((modest, big)).title == "modest"
    assert compare.strongest_story((modest, big, bigger)).title == "bigger"
    assert compare.strongest_story((_story("none", "unknown", "unknown"),)) is None
    assert compare.strongest_story(()) is None


def test_target_level_readiness_is_the_plans_and_the_other_checklist_is_not_assessed(example, playbook):
    _, plan, standing = example("l6-nearly-ready")
    l6, l7 = standing.levels
    assert (l6.level, l6.target, l6.readiness) == ("L6", True, plan.overall_readiness)
    assert [a.readiness for a in l6.areas] == [a.readiness for a in plan.readiness]
    assert not l7.target and l7.readiness is None
    measured = [a for a in l7.areas if a.readiness is not None]
    # Only the L7 area without checklist items (measured by LeetCode practice) has a number.
    assert [a.name for a in measured] == [a.name for a in playbook.level("L7").framework if a.practice]
    assert l7.measured_weight == sum(a.weight for a in measured)
    assert measured[0].readiness == pytest.approx(170 / 200)


def test_verdict_names_the_fit_what_l7_lacks_and_the_largest_gaps(example):
    _, plan, standing = example("l6-nearly-ready")
    assert standing.strongest.title == "Ledger rewrite without downtime"
    assert standing.verdict.startswith("Your evidence fits L6 (strongest story: “Ledger rewrite without downtime”).")
    assert "For L7 you lack engineers (14; L7 100+), teams (3; L7 5+)" in standing.verdict
    assert f"For L6 readiness, close {plan.gaps[0].name}" in standing.verdict


def test_scope_standing_has_one_row_per_scope_row_and_numbers_only_where_the_table_has_them(example, playbook):
    _, _, standing = example("l7-large-gaps")
    assert [s.dimension for s in standing.scope] == [r.dimension for r in playbook.scope_rows]
    numbered = {row for row in playbook.band_rows.values()}
    for row in standing.scope:
        assert bool(row.parts) == (row.row_id in numbered)
    team = standing.scope[0]
    assert [(p.shown, p.place) for p in team.parts] == [("35 engineers", "between"), ("3 teams", "L6")]


def test_a_story_at_l7_scope_for_an_l6_interview_gets_the_playbooks_warning(example, playbook):
    assessment, plan, _ = example("l6-nearly-ready")
    l7_story = _story("platform", "L7", "L7", "L7", "L7")
    plan = dataclasses.replace(plan, story_scope=(dataclasses.replace(l7_story, fits="L7"),))
    text = compare.verdict(plan, plan.story_scope[0], playbook)
    assert "Your evidence fits L7" in text and playbook.closing_warning in text


def test_tally_counts_stories_in_words():
    assert compare.tally((("below L6", 1), ("L6", 8))) == "Your 9 stories on the scope bands: 1 sits below L6, 8 fit L6."
    assert compare.tally((("unknown", 1),)) == "Your 1 story on the scope bands: 1 gives no scope numbers."
    assert compare.tally(()) == "No stories yet."

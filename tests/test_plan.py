"""The planner's rules: hand-worked examples, then properties over many seeded random assessments."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from fractions import Fraction

import pytest

from reporter import config, content, plan
from reporter.assessment import Assessment, Candidate, Competency, Practice, Story, StoryScope, Unavailable

TODAY = dt.date(2025, 1, 1)
PLAYBOOK = content.load()


def make(level: str = "L6", *, statuses: dict[str, str] | None = None, weeks: float = 10,
         hours_per_week: float = 7.5, start: dt.date | None = TODAY, leetcode: int = 0, design: int = 0,
         stories: tuple[Story, ...] = ()) -> Assessment:
    interview = (start or TODAY) + dt.timedelta(days=round(weeks * 7))
    return Assessment(
        source="test.yaml", stem="test", sha256="0" * 64,
        candidate=Candidate("Ada", level, interview, hours_per_week, start),
        competencies={k: Competency(v) for k, v in (statuses or {}).items()},
        practice=Practice(leetcode, design), stories=stories)


def all_items(level: str, status: str) -> dict[str, str]:
    return {i.id: status for i in PLAYBOOK.level(level).items}


def ten_stories() -> tuple[Story, ...]:
    """Ten stories that between them name all 16 principles."""
    p = PLAYBOOK.principles
    return tuple(Story(f"Story {n}", (p[n], *p[10 + n:11 + n])) for n in range(10))


def perfect(level: str = "L6", **kw) -> Assessment:
    return make(level, statuses=all_items(level, "yes"), leetcode=200, design=15, stories=ten_stories(), **kw)


def build(assessment: Assessment) -> plan.Plan:
    return plan.build_plan(assessment, PLAYBOOK, TODAY)


def readiness(p: plan.Plan) -> dict[str, float]:
    return {a.id: a.readiness for a in p.readiness}


def hours(p: plan.Plan) -> dict[str, int]:
    return {a.id: a.hours for a in p.allocation}


# Readiness and gaps -------------------------------------------------------------------------------


def test_nothing_answered_is_zero_everywhere_and_gaps_follow_the_weights():
    p = build(make())
    assert readiness(p) == {"leadership_excellence": 0, "system_design_mastery": 0, "people_development": 0,
                            "coding_competency": 0}
    assert p.overall_readiness == 0
    assert [g.area_id for g in p.gaps] == ["leadership_excellence", "system_design_mastery", "people_development",
                                           "coding_competency"]
    assert [g.priority for g in p.gaps] == [0.4, 0.3, 0.2, 0.1]
    assert len(p.gaps[0].missing) == 16 and all(i.status == "no" for i in p.gaps[0].missing)


def test_a_mix_of_answers_worked_by_hand():
    statuses = {
        # System design mastery, 8 items: 5 yes + 1 partial = 5.5 / 8
        "l6.domain_expertise.1": "yes", "l6.domain_expertise.2": "yes", "l6.domain_expertise.3": "partial",
        "l6.domain_expertise.4": "no", "l6.architecture_skills.1": "yes", "l6.architecture_skills.2": "yes",
        "l6.architecture_skills.3": "yes",
        # Leadership excellence, 16 items: 4 yes + 4 partial = 6 / 16
        **{f"l6.delivery_excellence.{n}": "yes" for n in range(1, 5)},
        **{f"l6.customer_focus.{n}": "partial" for n in range(1, 5)},
        # People development, 8 items, all yes
        **{f"l6.{c}.{n}": "yes" for c in ("direct_reports", "talent_development") for n in range(1, 5)},
    }
    p = build(make(statuses=statuses, leetcode=150))
    assert readiness(p) == {"leadership_excellence": 0.375, "system_design_mastery": 0.6875,
                            "people_development": 1.0, "coding_competency": 0.75}
    by_id = {a.id: a for a in p.readiness}
    assert by_id["system_design_mastery"].detail == "5.5 of 8 items"
    assert by_id["coding_competency"].detail == "150 of 200 LeetCode problems solved"
    assert by_id["coding_competency"].basis == "practice"
    # (40 × 0.375 + 30 × 0.6875 + 20 × 1 + 10 × 0.75) / 100 = (15 + 20.625 + 20 + 7.5) / 100
    assert p.overall_readiness == pytest.approx(0.63125)
    # priorities: 40 × 0.625 = 25, 30 × 0.3125 = 9.375, 10 × 0.25 = 2.5; people development has no gap
    assert [(g.area_id, g.priority) for g in p.gaps] == [
        ("leadership_excellence", 0.25), ("system_design_mastery", 0.09375), ("coding_competency", 0.025)]
    design = p.gaps[1]
    assert [i.id for i in design.missing] == ["l6.domain_expertise.3", "l6.domain_expertise.4",
                                              "l6.architecture_skills.4"]
    assert [i.status for i in design.missing] == ["partial", "no", "no"]
    assert design.actions[0] == "Practice 15+ design problems at L6 scope"
    assert "Prepare for domain-specific questions" in design.actions  # technical deep dives build it too
    assert p.gaps[0].actions[0] == "Develop 10–12 STAR++ stories"


def test_equal_priorities_go_to_the_heavier_area():
    statuses = all_items("L6", "yes")
    for n in range(1, 5):  # leadership: 4 of 16 at no -> 40 × 0.25 = 10
        statuses[f"l6.customer_focus.{n}"] = "no"
    for n in range(1, 5):  # people: 4 of 8 at no -> 20 × 0.5 = 10
        statuses[f"l6.direct_reports.{n}"] = "no"
    p = build(make(statuses=statuses, leetcode=200))
    assert [(g.area_id, g.priority) for g in p.gaps] == [("leadership_excellence", 0.1), ("people_development", 0.1)]


def test_practice_readiness_is_capped_and_items_of_the_other_level_are_ignored():
    p = build(make("L7", statuses={"l6.domain_expertise.1": "yes"}, leetcode=500))
    assert readiness(p)["technical_credibility"] == 1.0
    assert p.overall_readiness == pytest.approx(0.05)
    assert [c.id for c in p.checklist][:2] == ["transformation_leadership", "technical_vision"]
    assert p.checklist[0].group == "Strategic Leadership"
    assert all(i.status == "no" and i.evidence == "" for c in p.checklist for i in c.items)


def test_checklist_carries_status_and_evidence():
    a = make(statuses={"l6.domain_expertise.1": "partial"})
    a = replace(a, competencies={"l6.domain_expertise.1": Competency("partial", "Ran the *cache* migration")})
    item = build(a).checklist[0].items[0]
    assert (item.status, item.evidence, item.area_id, item.category_id) == (
        "partial", "Ran the *cache* migration", "system_design_mastery", "domain_expertise")


# Hours and allocation -------------------------------------------------------------------------------


def test_hours_available_over_ten_weeks():
    # 70 days: the last is free, the two before it are half days, 67 full days: 68 study days' worth.
    # 7.5 h a week is 7.5/7 h a day: 7.5 × 68 / 7 = 72.86 -> 73.
    p = build(make(hours_per_week=7.5, weeks=10))
    assert (p.hours.available, p.hours.recommended, p.hours.days, p.hours.weeks) == (73, 285, 70, 10.0)
    assert (p.hours.study_days, p.hours.basis) == (69, "7.5 h a week over 69 study days")
    # 285 h over 68/7 weeks' worth of study days: 29.34 -> 29.4 h a week (rounded up to a tenth)
    assert (p.hours.shortfall, p.hours.per_week_needed) == (212, 29.4)
    assert build(make("L7")).hours.recommended == 320


def test_hours_round_half_up_and_start_defaults_to_today():
    assert build(make(hours_per_week=3.5, weeks=3 / 7)).hours.available == 1  # two half days: 0.5 -> 1
    assert build(make(hours_per_week=1, weeks=12 / 7)).hours.available == 1  # 9 + 2 × 0.5 days: 10/7 -> 1
    assert build(make(hours_per_week=80, weeks=1 / 7)).hours.available == 0  # only the free day before
    p = build(make(start=None, weeks=2))
    assert p.plan_start == TODAY and p.hours.days == 14


# 72 days: 69 full days and two half days, 70 days' worth: 10 h a week gives exactly 100 h.
HUNDRED = {"hours_per_week": 10, "weeks": 72 / 7}


def test_zero_gap_keeps_the_page_split_scaled():
    p = build(perfect(**HUNDRED))
    assert hours(p) == {"system_design": 35, "coding_practice": 30, "behavioral_stories": 25,
                        "technical_deep_dives": 10}
    assert [a.gap for a in p.allocation] == [0, 0, 0, 0]
    # 285 h: quotas 99.75, 85.5, 71.25, 28.5 -> floors 283, +1 to .75, +1 to the first .5
    p = build(perfect(hours_per_week=28.5, weeks=72 / 7))
    assert hours(p) == {"system_design": 100, "coding_practice": 86, "behavioral_stories": 71,
                        "technical_deep_dives": 28}


def test_all_gaps_equal_also_keeps_the_page_split():
    p = build(make(**HUNDRED))
    assert hours(p) == {"system_design": 35, "coding_practice": 30, "behavioral_stories": 25,
                        "technical_deep_dives": 10}


def test_one_large_gap_hits_its_bound_worked_by_hand():
    # Only coding is short: coding practice gap 1 -> weight 30 × 1.5 = 45; the others have no gap left and are
    # upkeep, at 0.25 × their share. Scaled to 100 coding would exceed 45 (its bound 1.5 × 30), so it is held at
    # 45 and the other three share 55 in proportion 35 : 25 : 10 -> 27.5, 19.64.., 7.86..; 100 h -> 27, 45, 20, 8.
    a = replace(perfect(**HUNDRED), practice=Practice(0, 15))
    p = build(a)
    assert [a.gap for a in p.allocation] == [0, 1, 0, 0]
    assert [a.percent for a in p.allocation] == pytest.approx([27.5, 45, 137.5 / 7, 55 / 7])
    assert hours(p) == {"system_design": 27, "coding_practice": 45, "behavioral_stories": 20,
                        "technical_deep_dives": 8}


def test_prep_area_gap_mixes_framework_and_practice_shortfall():
    # L7 organisational leadership builds two areas and counts stories:
    # org design 8 items at no (shortfall 1), strategic impact 12 items all yes (0) -> mean 0.5;
    # 5 of 10 stories -> 0.5; gap = (0.5 + 0.5) / 2 = 0.5
    statuses = {i.id: "yes" for c in PLAYBOOK.level("L7").categories if c.area == "leadership_strategic_impact"
                for i in c.items}
    p = build(make("L7", statuses=statuses, stories=ten_stories()[:5]))
    gaps = {a.id: a.gap for a in p.allocation}
    assert gaps["organizational_leadership"] == 0.5
    assert gaps["strategic_thinking"] == 0


def test_no_study_days_means_no_hours_and_no_weeks():
    p = build(make(weeks=0))
    assert p.hours.available == 0 and all(a.hours == 0 for a in p.allocation)
    assert p.weeks == ()
    assert "interview_today" in {w.code for w in p.warnings}


def test_interview_before_start_is_an_error():
    a = make(weeks=1)
    a = replace(a, candidate=replace(a.candidate, plan_start=a.candidate.interview_date + dt.timedelta(days=1)))
    with pytest.raises(ValueError, match="before the plan start"):
        build(a)


# Weeks ---------------------------------------------------------------------------------------------


def test_ten_weeks_worked_by_hand():
    p = build(make(hours_per_week=7.5, weeks=10, leetcode=50))
    assert len(p.weeks) == 10
    assert [w.phase for w in p.weeks] == ["build"] * 4 + ["practice"] * 4 + ["mock"] * 2
    # 73 h over weeks worth 7, ..., 7 and 5 study days (the last: 4 days, two half days, the free day):
    # quotas 7.51 × 9 and 5.37; floors 68, the 5 spare hours to the largest remainders, the earliest weeks.
    assert [w.hours for w in p.weeks] == [8] * 5 + [7] * 4 + [5]
    assert p.weeks[0].start == TODAY and p.weeks[-1].end == dt.date(2025, 3, 11)
    assert p.weeks[0].focus == "System Design" and p.weeks[0].focus_id == "system_design"
    texts = [t.text for w in p.weeks for t in w.tasks]
    assert ("Start: Write a new STAR story for Customer Obsession and Ownership that evidences: Leads "
            "multi-quarter projects successfully") in texts
    assert "Solve ~2 LeetCode mediums, timed, in clean production-ready code (50 → 52 of 200)" in texts
    assert texts[0] == ("Practise 2 design problems end to end at L6 scope (Component/service level; 10–25 engineers, "
                        "2–4 teams) (0 → 2 of 15)")
    # a diagnostic mock early (week 2), then the mock weeks
    assert [w.mock_interviews for w in p.weeks] == [0, 1, 0, 0, 0, 0, 0, 0, 1, 2]
    assert p.weeks[1].tasks[0].text.startswith("Diagnostic mock interview: System Design")
    assert any(t.text.startswith("Mock interview:") for t in p.weeks[-1].tasks)
    assert not any(t.text.startswith("Mock interview:") for w in p.weeks[:-2] for t in w.tasks)
    assert p.weeks[-1].notes == ("Mar 9, Mar 10: half days, review and rest only",
                                 "Mar 11: the day before the interview, free")


def test_the_focus_moves_and_every_sizeable_area_leads_once():
    p = build(make(hours_per_week=7.5, weeks=10, leetcode=50))
    focus = [w.focus_id for w in p.weeks]
    assert focus[:3] == ["system_design", "system_design", "behavioral_stories"]
    assert {a.id for a in p.allocation if a.hours * 10 >= p.hours.available} <= set(focus)
    for n, week in enumerate(p.weeks):  # the focus takes two thirds of its week (or all it has left)
        top = week.tasks[0]
        later = sum(t.hours for w in p.weeks[n + 1:] for t in w.tasks if t.area_id == top.area_id)
        assert top.area_id == week.focus_id and (top.hours >= week.hours * 2 / 3 - 1 or later == 0)


def test_last_days_taper_and_the_day_before_is_free():
    p = build(make(hours_per_week=7, weeks=17 / 7))  # 17 days: 14 study days, 2 half days, the free day
    assert p.hours.available == 15
    last = [s for s in p.sessions if s.date >= dt.date(2025, 1, 15)]
    assert {s.date for s in last} <= {dt.date(2025, 1, 15), dt.date(2025, 1, 16)}
    assert all(s.kind == "review" and s.hours <= 0.5 and "no new material" in s.parts[0].text for s in last)
    assert not any(s.date == p.interview_date - dt.timedelta(days=1) for s in p.sessions)


def test_partial_last_week_and_a_close_interview():
    p = build(make(hours_per_week=7, weeks=17 / 7))  # 17 days: 7 + 7 + 3
    assert [w.days for w in p.weeks] == [7, 7, 3]
    assert [w.hours for w in p.weeks] == [7, 7, 1]  # the last week: two half days and the free day
    assert [w.phase for w in p.weeks] == ["build", "practice", "mock"]
    assert p.weeks[-1].end == p.interview_date - dt.timedelta(days=1)
    close = next(w for w in p.warnings if w.code == "interview_close")
    assert "17 days away" in close.message and "Leadership Excellence" in close.message


def test_schedule_is_capped_and_the_plan_starts_later():
    p = build(make(weeks=150, hours_per_week=5))
    assert len(p.weeks) == config.MAX_PLAN_WEEKS
    assert p.plan_start == p.interview_date - dt.timedelta(weeks=config.MAX_PLAN_WEEKS)
    assert p.hours.available == 519  # 5 h a week × (725 + 2 × 0.5) days / 7 = 518.57
    assert "far_interview" in {w.code for w in p.warnings}


def test_story_tasks_name_missing_principles_and_items_at_no_first():
    statuses = all_items("L6", "yes")
    statuses["l6.customer_focus.2"] = "partial"
    p = build(make(statuses=statuses, leetcode=200, design=15, stories=ten_stories()[:3]))
    texts = [t.text for w in p.weeks for t in w.tasks if t.area_id == "behavioral_stories"]
    missing = p.principles.missing
    assert texts[0].startswith(f"Write a new STAR story for {missing[0]} and {missing[1]} that evidences: "
                               "Understands business metrics and KPIs")
    # 3 stories written, 10 principles missing: max(10 - 3, 10 / 2) = 7 new stories, then the rehearsals
    story_texts = "; ".join(texts)
    assert story_texts.count("Write a new STAR story") == 7 + story_texts.count("Finish: Write a new")
    assert 'Rehearse "Story 0" in a 2-minute and a 5-minute version' in story_texts
    assert not any(p in story_texts for p in (u.principle for u in p.principles.covered))


def test_nothing_already_done_is_assigned():
    stories = tuple(Story(f"Story {n}", (PLAYBOOK.principles[n % 16],)) for n in range(25))
    statuses = all_items("L6", "yes")
    statuses["l6.domain_expertise.4"] = "no"
    p = build(make(statuses=statuses, leetcode=230, design=15, stories=stories, weeks=12))
    texts = " ".join(t.text for w in p.weeks for t in w.tasks)
    assert "Write a new STAR story" not in texts and "Develop 10-12" not in texts and "Map stories" not in texts
    assert "Solve ~" not in texts and "Practise " not in texts  # both targets met: upkeep only
    assert "(the 200 target is met)" in texts and "(the 15 target is met)" in texts
    done = {i.text for c in p.checklist for i in c.items if i.status == "yes"}
    assert not any(item in texts for item in done)
    assert "Stays current with industry trends and best practices" in texts  # the one item at no
    assert 'Rehearse "Story 0" in a 2-minute and a 5-minute version' in texts


def test_a_met_target_frees_hours_for_the_gaps():
    # 200 LeetCode problems solved and coding has no checklist items: coding practice has no gap left.
    # The other three areas (gap 1) can take up to 1.5 × 70% = 105%, so coding is held at 0.25 × 30% = 7.5%
    # of 100 h instead of its usual floor of 15%; the other three share the rest as 35 : 25 : 10 (weights × 1.5).
    p = build(make(leetcode=200, **HUNDRED))
    assert [a.gap for a in p.allocation][1] == 0
    assert hours(p) == {"system_design": 46, "coding_practice": 8, "behavioral_stories": 33,
                        "technical_deep_dives": 13}


def test_rework_names_the_story_whose_scope_misses_the_level():
    small = Story("Small team win", ("Ownership",), scope=StoryScope(engineers=12, teams=2, duration_months=4))
    p = build(make("L7", stories=(small,)))
    texts = " ".join(t.text for w in p.weeks for t in w.tasks)
    assert ('Rework "Small team win": its numbers (engineers 12, teams 2, duration 4 months) read L6 for an L7 '
            "interview") in texts


def test_unavailable_days_hold_nothing_and_the_schedule_says_so():
    a = make(hours_per_week=7, weeks=4)
    block = Unavailable(dt.date(2025, 1, 6), dt.date(2025, 1, 12), "Travel")
    a = replace(a, candidate=replace(a.candidate, unavailable=(block,)))
    p = build(a)
    assert not any(s.date in block for s in p.sessions)
    assert p.weeks[0].notes == ("Not available Jan 6–7: Travel",)
    assert p.weeks[1].notes == ("Not available Jan 8–12: Travel",)
    assert p.schedule_notes == ("Not available Jan 6–12: Travel",)
    # 28 days: 7 unavailable, the free day, 2 half days: 19 study days' worth of 1 h
    assert (p.hours.available, p.hours.unavailable_days, p.hours.unavailable_hours) == (19, 7, 7)
    assert "7 days not available" in p.hours.basis


def test_study_days_carry_the_week():
    a = make(hours_per_week=6, weeks=4)
    a = replace(a, candidate=replace(a.candidate, study_days=(5, 6)))  # weekends only, 3 h a day
    p = build(a)
    assert {s.date.weekday() for s in p.sessions} <= {5, 6}
    assert p.schedule_notes == ("Study days: Sat, Sun",)
    # 28 days from a Wednesday: 8 weekend days, the last two of them half days: 7 days' worth × 3 h
    assert p.hours.available == 21
    assert sum(s.hours for s in p.sessions) == 21


def test_not_covered_says_what_the_hours_miss():
    a = make(hours_per_week=2, weeks=3)
    p = build(a)
    warning = next(w for w in p.warnings if w.code == "not_covered")
    assert warning.message.startswith(f"{p.hours.available} hours do not reach all the work your gaps need")
    assert "of the 200 LeetCode problems solved" in warning.message and "new stories" in warning.message


def test_months_name_their_focus_and_say_when_it_repeats():
    p = build(make(hours_per_week=10, weeks=16, leetcode=50))
    for before, month in zip(p.months, p.months[1:]):
        assert (month.focus_id == before.focus_id) == bool(month.note)
    assert sum(m.hours for m in p.months) == p.hours.available


def test_deterministic():
    a = make(statuses={"l6.domain_expertise.1": "partial"}, leetcode=20, weeks=9.3)
    assert build(a) == build(a)
    assert json.dumps(plan.plan_to_json(build(a))) == json.dumps(plan.plan_to_json(build(a)))


# Principles and story scope --------------------------------------------------------------------------


def test_principles_covered_in_pack_order():
    stories = (Story("Checkout latency", ("Dive Deep", "Customer Obsession")), Story("Hiring", ("dive deep",)))
    p = build(make(stories=stories))
    assert [(u.principle, u.stories) for u in p.principles.covered] == [
        ("Customer Obsession", ("Checkout latency",)), ("Dive Deep", ("Checkout latency", "Hiring"))]
    assert len(p.principles.missing) == 14 and "Ownership" in p.principles.missing


def scope(**kw) -> plan.StoryPlacement:
    return plan.place_story(Story("S", scope=StoryScope(**kw)), PLAYBOOK, "L6")


def test_l6_case_study_scope_is_l6():
    s = scope(engineers=12)
    assert {d.dimension: d.place for d in s.dimensions} == {
        "engineers": "L6", "teams": "unknown", "duration_months": "unknown", "budget_usd": "unknown"}
    assert s.fits == "L6" and s.warning == ""
    assert s.dimensions[0].l6_band == "10–25" and s.dimensions[0].l7_band == "100+"


def test_l7_scope_over_reaches_an_l6_target():
    s = scope(engineers=200, duration_months=24, budget_usd=10_000_000)
    assert [d.place for d in s.dimensions] == ["L7", "unknown", "L7", "L7"]
    assert s.fits == "L7"
    assert [d.shown for d in s.dimensions] == ["200", "—", "24 months", "$10M"]
    assert PLAYBOOK.closing_warning in s.warning
    assert "authentic L6 with growth potential" in s.warning and "trying to fake L7 scope" in s.warning
    l7 = plan.place_story(Story("S", scope=StoryScope(engineers=200, duration_months=24)), PLAYBOOK, "L7")
    assert l7.warning == ""


def test_l6_scope_under_reaches_an_l7_target():
    s = plan.place_story(Story("S", scope=StoryScope(engineers=12, teams=3)), PLAYBOOK, "L7")
    assert s.fits == "L6"
    assert "100+ engineers, multiple organizations" in s.warning


@pytest.mark.parametrize("kw, places, fits", [
    ({"engineers": 5}, ["below L6"], "below L6"),
    ({"engineers": 50}, ["between"], "between"),
    ({"duration_months": 12}, ["L6–L7"], "L6"),  # in both bands: a tie goes to the more modest level
    ({"budget_usd": 50_000_000}, ["above L7"], "L7"),
    ({"engineers": 12, "duration_months": 24}, ["L6", "L7"], "L6"),
    ({"engineers": 150, "teams": 8, "duration_months": 12}, ["L7", "L7", "L6–L7"], "L7"),
    ({}, [], "unknown"),
])
def test_placement_per_dimension(kw, places, fits):
    s = scope(**kw)
    assert [d.place for d in s.dimensions if d.place != "unknown"] == places
    assert s.fits == fits


# Warnings, JSON and METHOD ---------------------------------------------------------------------------


def test_warnings_for_a_thin_plan():
    p = build(make(hours_per_week=7.5, weeks=10, stories=(Story("Only", ("Ownership",)),)))
    codes = {w.code: w.message for w in p.warnings}
    assert "212 hours short" in codes["too_few_hours"] and "29.4 hours a week" in codes["too_few_hours"]
    assert codes["few_stories"].startswith("1 of 10 stories")
    assert codes["missing_principles"].startswith("15 of 16")
    assert "interview_close" not in codes
    assert build(perfect(hours_per_week=30, weeks=10)).warnings == ()


def test_plan_to_json_is_json_ready():
    p = build(make(stories=(Story("S", ("Ownership",), scope=StoryScope(engineers=12, budget_usd=1_500_000)),)))
    data = json.loads(json.dumps(plan.plan_to_json(p)))
    assert {"level", "readiness", "overall_readiness", "gaps", "hours", "allocation", "weeks", "principles",
            "story_scope", "warnings", "checklist", "method"} <= set(data)
    assert data["plan_start"] == "2025-01-01"
    assert data["hours"]["available"] == 73 and data["hours"]["recommended"] == 285
    assert sum(a["hours"] for a in data["allocation"].values()) == 73
    assert sum(s["hours"] for s in data["sessions"]) == 73 and data["months"][0]["label"] == "January 2025"
    assert data["allocation"]["system_design"]["page_percent"] == 35
    assert data["principles"]["covered"] == {"Ownership": ["S"]}
    assert data["story_scope"][0]["dimensions"]["budget_usd"]["shown"] == "$1.5M"
    assert data["weeks"][0]["start"] == "2025-01-01"


def test_method_states_the_numbers_the_code_uses():
    assert plan.build_plan(make(), PLAYBOOK, TODAY).method == plan.METHOD
    text = " ".join(t for _, t in plan.METHOD)
    for number in (plan.ALLOCATION_MIN_FACTOR, plan.ALLOCATION_MAX_FACTOR, plan.LEETCODE_PER_HOUR,
                   plan.STATUS_POINTS["partial"]):
        assert f"{float(number):g}" in text
    for number in (plan.CLOSE_INTERVIEW_DAYS, plan.MOCK_WEEKS_LONG, plan.MOCK_SESSION_HOURS, plan.MAX_MOCKS_PER_WEEK,
                   plan.DESIGN_HOURS_PER_PROBLEM, plan.STORY_HOURS, config.MAX_PLAN_WEEKS):
        assert str(number) in text
    assert len({title for title, _ in plan.METHOD}) == len(plan.METHOD)


# Properties over seeded random assessments ------------------------------------------------------------

STATUSES = ("yes", "partial", "no")


def random_assessment(rng: random.Random) -> Assessment:
    level = rng.choice(("L6", "L7"))
    statuses = {i.id: rng.choice(STATUSES) for i in PLAYBOOK.level(level).items if rng.random() < 0.8}
    stories = tuple(
        Story(f"Story {n}", tuple(rng.sample(PLAYBOOK.principles, rng.randint(0, 3))),
              scope=StoryScope(engineers=rng.choice((None, 5, 12, 40, 150)),
                               duration_months=rng.choice((None, 2, 12, 24, 48))))
        for n in range(rng.randint(0, 12)))
    start = TODAY + dt.timedelta(days=rng.randint(0, 30))
    return make(level, statuses=statuses, weeks=rng.randint(0, 300) / 7, hours_per_week=rng.randint(1, 80) / 2,
                start=start, leetcode=rng.randint(0, 250), design=rng.randint(0, 20), stories=stories)


SEEDS = range(150)


@pytest.mark.parametrize("seed", SEEDS[:40])
def test_raising_a_status_never_lowers_readiness(seed):
    rng = random.Random(seed)
    a = random_assessment(rng)
    before = build(a)
    level = PLAYBOOK.level(a.candidate.target_level)
    item = rng.choice(level.items)
    current = a.competencies.get(item.id, Competency("no")).status
    for higher in STATUSES[:STATUSES.index(current)]:
        after = build(replace(a, competencies={**a.competencies, item.id: Competency(higher)}))
        assert all(after_r >= before_r for before_r, after_r in zip(readiness(before).values(),
                                                                   readiness(after).values()))
        assert after.overall_readiness >= before.overall_readiness


def test_properties_of_random_plans():
    for seed in SEEDS:
        a = random_assessment(random.Random(seed))
        p = build(a)
        level = PLAYBOOK.level(a.candidate.target_level)
        available = p.hours.available
        # allocation sums exactly, and each area stays within its bounds (1 h for rounding)
        assert sum(x.hours for x in p.allocation) == available, seed
        for x in p.allocation:
            floor = plan.ALLOCATION_MIN_FACTOR if x.gap else plan.UPKEEP_FACTOR
            low = float(floor) * x.page_percent * available / 100
            high = float(plan.ALLOCATION_MAX_FACTOR) * x.page_percent * available / 100
            assert low - 1 <= x.hours <= high + 1, (seed, x)
        assert sum(x.percent for x in p.allocation) == pytest.approx(100)
        # weeks cover plan_start .. the day before the interview, contiguously
        days = p.hours.days
        assert len(p.weeks) == -(-days // 7)
        if p.weeks:
            assert p.weeks[0].start == p.plan_start
            assert p.weeks[-1].end == p.interview_date - dt.timedelta(days=1)
        for prev, week in zip(p.weeks, p.weeks[1:]):
            assert week.start == prev.end + dt.timedelta(days=1)
            assert prev.days == 7
        assert [w.number for w in p.weeks] == list(range(1, len(p.weeks) + 1))
        # hours: weeks add up to available, each week's tasks to its hours, each area to its allocation
        assert sum(w.hours for w in p.weeks) == available
        for w in p.weeks:
            assert sum(t.hours for t in w.tasks) == w.hours
            assert w.hours <= p.hours.per_week * w.days / 7 + 1  # less with unavailable, taper and free days
            if w.tasks:
                assert w.focus_id == w.tasks[0].area_id
        per_area = {x.id: 0.0 for x in p.allocation}
        for w in p.weeks:
            for t in w.tasks:
                per_area[t.area_id] += t.hours
        assert per_area == {x.id: x.hours for x in p.allocation}, seed
        # mock weeks come last: 2 when the interview is 4+ weeks away, else 1
        phases = [w.phase for w in p.weeks]
        mocks = (2 if days >= 28 else 1) if phases else 0
        assert phases == sorted(phases, key=plan.PHASES.index)
        assert phases.count("mock") == mocks
        calendar = plan.study_calendar(p.plan_start, p.interview_date, a.candidate.study_days, a.candidate.unavailable)
        full = {w.number for w in p.weeks if any(d.kind == "study" and w.start <= d.date <= w.end for d in calendar)}
        assert all(w.mock_interviews > 0 for w in p.weeks if w.phase == "mock" and w.hours > 0 and w.number in full)
        early = [w.number for w in p.weeks if w.phase != "mock" and w.mock_interviews]
        assert len(early) <= 1 and (not early or (days > 28 and early[0] <= -(-len(p.weeks) // 3)))
        # principles partition the 16
        covered = [u.principle for u in p.principles.covered]
        assert sorted(covered + list(p.principles.missing)) == sorted(PLAYBOOK.principles)
        assert covered == [x for x in PLAYBOOK.principles if x in covered]
        # gaps are exactly the areas below 1, by priority
        assert {g.area_id for g in p.gaps} == {x.id for x in p.readiness if x.readiness < 1}
        assert [g.priority for g in p.gaps] == sorted((g.priority for g in p.gaps), reverse=True)
        assert p.overall_readiness == pytest.approx(sum(x.weight * x.readiness for x in p.readiness) / 100)
        assert level.id == p.level
        json.dumps(plan.plan_to_json(p))


def test_more_hours_per_week_never_plans_fewer_hours():
    for seed in SEEDS:
        rng = random.Random(seed)
        a = random_assessment(rng)
        more = replace(a, candidate=replace(a.candidate, hours_per_week=a.candidate.hours_per_week
                                            + rng.randint(1, 20) / 2))
        before, after = build(a), build(more)
        assert after.hours.available >= before.hours.available
        # Largest remainder can move one rounding hour between areas (the Alabama paradox), never more.
        for x, y in zip(before.allocation, after.allocation):
            assert y.hours >= x.hours - 1, (seed, x, y)
        assert [x.percent for x in before.allocation] == [y.percent for y in after.allocation]


def test_readme_states_the_rules_the_planner_applies():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the planner decides", 1)[1].split("\n## ", 1)[0]
    for title, text in plan.METHOD:
        assert f"**{title}.** {text}" in section, title

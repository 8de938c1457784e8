"""plan.json records and progress between two of them: pure, no rendering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from reporter import checkin
from reporter.assessment import load
from reporter.errors import InputError
from reporter.plan import build_plan

NOV, DEC = dt.date(2026, 11, 1), dt.date(2026, 12, 1)

THEN = """\
candidate:
  name: Sample candidate (check-in)
  target_level: L6
  interview_date: 2027-02-01
  hours_per_week: 8
competencies:
  l6.domain_expertise.1: no
  l6.domain_expertise.2: partial
  l6.architecture_skills.1: yes
practice:
  leetcode_solved: 40
  system_design_problems: 2
stories:
  - title: Ledger rewrite
    principles: [Ownership]
"""
# A month later: two items raised, one went back, a story added, more practice.
NOW = (THEN.replace("l6.domain_expertise.1: no", "l6.domain_expertise.1: yes")
       .replace("l6.domain_expertise.2: partial", "l6.domain_expertise.2: yes")
       .replace("l6.architecture_skills.1: yes", "l6.architecture_skills.1: partial")
       .replace("leetcode_solved: 40", "leetcode_solved: 70")
       + "  - title: Hiring loop redesign\n    principles: [Hire and Develop the Best, Ownership]\n")


def record(tmp_path, playbook, text: str, day: dt.date, name="client.yaml") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assessment = load(path, playbook, day)
    return checkin.plan_record(build_plan(assessment, playbook, day), assessment, playbook)


def test_the_record_is_the_plan_with_its_version_sha_and_day(tmp_path, playbook):
    data = record(tmp_path, playbook, THEN, NOV)
    assert data["schema_version"] == checkin.SCHEMA_VERSION
    assert data["planned_for"] == "2026-11-01"
    import hashlib

    assert data["assessment_sha256"] == hashlib.sha256(THEN.encode()).hexdigest()
    assert data["practice"]["leetcode_solved"] == {"label": "LeetCode problems solved", "count": 40}
    assert data["practice"]["stories"]["count"] == 1
    # It survives a round trip through its file form.
    assert checkin.parse(checkin.dumps(data).decode(), "plan.json") == checkin.snapshot_of(data)


def test_progress_is_the_difference_of_the_two_records(tmp_path, playbook):
    then = record(tmp_path, playbook, THEN, NOV)
    now = record(tmp_path, playbook, NOW, DEC)
    since = checkin.compare(checkin.snapshot_of(then), checkin.snapshot_of(now))
    assert since.note == ""
    progress = since.progress
    assert progress.since == NOV and progress.now == DEC and progress.days == 30
    assert progress.overall_then == round(then["overall_readiness"] * 100)
    assert progress.overall_change == round(now["overall_readiness"] * 100) - round(then["overall_readiness"] * 100)
    for area in progress.areas:
        assert area.change == (round(now["readiness"][area.id]["readiness"] * 100)
                               - round(then["readiness"][area.id]["readiness"] * 100))
    assert [(m.id, m.then, m.now) for m in progress.raised] == [("l6.domain_expertise.1", "no", "yes"),
                                                                 ("l6.domain_expertise.2", "partial", "yes")]
    assert [(m.id, m.then, m.now) for m in progress.lowered] == [("l6.architecture_skills.1", "yes", "partial")]
    assert progress.stories_added == ("Hiring loop redesign",) and progress.stories_removed == ()
    assert progress.principles_new == ("Hire and Develop the Best",)
    practice = {p.metric: (p.then, p.now, p.change) for p in progress.practice}
    assert practice["leetcode_solved"] == (40, 70, 30)
    assert practice["stories"] == (1, 2, 1)
    assert practice["mock_interviews"] == (0, 0, 0)


def test_pace_is_projected_to_the_interview_and_bounded():
    # +10 points in 4 weeks, 8 weeks left: 2.5 a week → 60 + 20 = 80.
    pace = checkin.pace(50, 60, 28, 56)
    assert (pace.points_per_week, pace.projected, pace.weeks_left, pace.reaches_full) == (2.5, 80, 8.0, False)
    assert pace.weeks_to_full == 16
    # a far projection is whole weeks, rounded up: 47 points at 3 a week is 16 weeks, not 15.7
    assert checkin.pace(50, 53, 7, 7).weeks_to_full == 16
    assert checkin.pace(50, 90, 7, 70).projected == 100  # never above 100 %
    assert checkin.pace(50, 40, 7, 70).projected == 0  # never below 0 %
    assert checkin.pace(50, 40, 7, 70).weeks_to_full is None
    assert checkin.pace(50, 60, 0, 70) is None  # both plans of one day: no pace
    assert checkin.pace(90, 100, 7, 7).reaches_full


def test_no_earlier_plan_and_another_level_are_noted_not_compared(tmp_path, playbook):
    now = checkin.snapshot_of(record(tmp_path, playbook, NOW, DEC))
    assert checkin.compare(None, now) == checkin.Since("no earlier check-in", None)
    other = dataclasses.replace(now, level="L7")
    assert checkin.compare(other, now) == checkin.Since("level changed from L7 to L6", None)


def test_a_record_that_does_not_parse_is_a_located_error():
    with pytest.raises(InputError) as caught:
        checkin.parse('{\n  "schema_version": 1,\n  "level": \n}', "prev/client/plan.json")
    assert caught.value.lines() == ["prev/client/plan.json:4:1: (file): not valid JSON: Expecting value"]


def test_an_unknown_schema_version_is_a_located_error(tmp_path, playbook):
    data = {**record(tmp_path, playbook, THEN, NOV), "schema_version": 7}
    text = checkin.dumps(data).decode()
    with pytest.raises(InputError) as caught:
        checkin.parse(text, "prev/client/plan.json")
    assert caught.value.lines() == [
        "prev/client/plan.json:2:3: schema_version: 7 is not a schema_version this reporter reads (1) "
        "(rebuild that output with --formats json)"]


def test_a_record_missing_a_field_names_it(tmp_path, playbook):
    data = record(tmp_path, playbook, THEN, NOV)
    del data["checklist"]
    with pytest.raises(InputError) as caught:
        checkin.parse(json.dumps(data, indent=2), "plan.json")
    (line,) = caught.value.lines()
    assert line == "plan.json:1:1: checklist: not a readable plan.json field: missing 'checklist'"
    data = record(tmp_path, playbook, THEN, NOV)
    data["overall_readiness"] = "high"
    with pytest.raises(InputError) as caught:
        checkin.parse(json.dumps(data, indent=2), "plan.json")
    (line,) = caught.value.lines()
    assert line.startswith("plan.json:") and ": overall_readiness: not a readable plan.json field:" in line
    assert line.split(":")[1] != "1"  # located at the field's own line


def test_raising_an_item_never_shows_as_going_back(tmp_path, playbook):
    """Metamorphic: moving one item up gives exactly one raised move and no lowered one."""
    then = checkin.snapshot_of(record(tmp_path, playbook, THEN, NOV))
    for status in ("partial", "yes"):
        text = THEN.replace("l6.domain_expertise.1: no", f"l6.domain_expertise.1: {status}")
        now = checkin.snapshot_of(record(tmp_path, playbook, text, DEC))
        progress = checkin.progress(then, now)
        assert [m.id for m in progress.raised] == ["l6.domain_expertise.1"] and not progress.lowered
        assert progress.overall_change >= 0

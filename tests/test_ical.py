"""The calendar (`--formats ics`): read back by icalendar and by the independent `ics` parser."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import ics
import pytest

from reporter import documents
from reporter.assessment import load
from reporter.errors import RenderError
from reporter.plan import build_plan

from .conftest import EXAMPLES, EXAMPLES_DAY, run_cli


@pytest.fixture(scope="module")
def calendars(tmp_path_factory):
    """The examples' calendars, built twice into two folders."""
    first, second = tmp_path_factory.mktemp("ics-1"), tmp_path_factory.mktemp("ics-2")
    for out in (first, second):
        assert run_cli("build", *map(str, EXAMPLES), "-o", str(out), "--formats", "ics", "--quiet") == 0
    return first, second


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request, calendars, playbook):
    source = request.param
    plan = build_plan(load(source, playbook, EXAMPLES_DAY), playbook, EXAMPLES_DAY)
    data = (calendars[0] / source.stem / "schedule.ics").read_bytes()
    return source, plan, data


def test_byte_identical_on_rebuild(calendars):
    first, second = calendars
    for source in EXAMPLES:
        a = (first / source.stem / "schedule.ics").read_bytes()
        b = (second / source.stem / "schedule.ics").read_bytes()
        assert a == b, source.stem


def test_icalendar_reads_one_event_per_session_and_the_interview(example):
    source, plan, data = example
    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == len(plan.sessions) + 1
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.startswith(f"{source.stem}-") for u in uids)
    interview = next(e for e in events if str(e["UID"]).endswith("-interview@reporter.invalid"))
    assert interview.decoded("DTSTART") == plan.interview_date
    days = [e.decoded("DTSTART") for e in events if e is not interview]
    assert [d.date() if isinstance(d, dt.datetime) else d for d in days] == [s.date for s in plan.sessions]
    for event, session in zip((e for e in events if e is not interview), plan.sessions):
        assert str(event["SUMMARY"]) == f"{session.title} ({session.hours:g} h)"
        if isinstance(event.decoded("DTSTART"), dt.datetime):
            span = event.decoded("DTEND") - event.decoded("DTSTART")
            assert span == dt.timedelta(hours=session.hours)


# The independent parser (ics 0.7) calls re.split with maxsplit by position, which Python 3.13 deprecates;
# it is that library's warning, not ours, and the test runs with warnings as errors.
@pytest.mark.filterwarnings("ignore:'maxsplit' is passed as positional argument:DeprecationWarning")
def test_the_ics_parser_agrees(example):
    source, plan, data = example
    calendar = ics.Calendar(data.decode("utf-8"))
    events = sorted(calendar.events, key=lambda e: (e.begin, e.uid))
    assert len(events) == len(plan.sessions) + 1
    session_days = sorted(s.date for s in plan.sessions)
    timed = [e for e in events if not e.all_day]
    if plan.study_time is None:
        assert not timed
    else:
        assert len(timed) == len(plan.sessions)
    assert sorted(e.begin.date() for e in events if "interview@" not in e.uid) == session_days
    assert sum(round((e.end - e.begin).total_seconds() / 3600, 2) for e in timed) == \
        (plan.hours.available if timed else 0)


def test_time_zone_floating_and_all_day(calendars, playbook):
    out = calendars[0]
    zoned = (out / "l7-large-gaps" / "schedule.ics").read_bytes().decode("utf-8")
    assert "BEGIN:VTIMEZONE\r\nTZID:America/New_York" in zoned
    assert "DTSTART;TZID=America/New_York:20261201T193000" in zoned
    floating = (out / "l6-nearly-ready" / "schedule.ics").read_bytes().decode("utf-8")
    assert "DTSTART:20261201T070000\r\n" in floating and "VTIMEZONE" not in floating
    all_day = (out / "l6-three-weeks" / "schedule.ics").read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:20261201\r\n" in all_day
    assert not [line for line in all_day.splitlines() if line.startswith(("DTSTART:", "DTSTART;TZID"))]


def test_unavailable_days_and_the_day_before_hold_no_event(calendars, playbook):
    source = next(p for p in EXAMPLES if p.stem == "l6-nearly-ready")
    assessment = load(source, playbook, EXAMPLES_DAY)
    (holiday,) = assessment.candidate.unavailable
    cal = icalendar.Calendar.from_ical((calendars[0] / source.stem / "schedule.ics").read_bytes())
    days = {e.decoded("DTSTART").date() if isinstance(e.decoded("DTSTART"), dt.datetime) else e.decoded("DTSTART")
            for e in cal.walk("VEVENT")}
    assert not any(day in holiday for day in days)
    assert assessment.candidate.interview_date - dt.timedelta(days=1) not in days


def test_the_calendar_is_in_the_manifest_and_skipped_when_unchanged(calendars):
    out = calendars[0]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for source in EXAMPLES:
        record = manifest["inputs"][f"examples/{source.name}"] if f"examples/{source.name}" in manifest["inputs"] \
            else next(v for k, v in manifest["inputs"].items() if k.endswith(source.name))
        assert f"{source.stem}/schedule.ics" in record["outputs"]
        assert record["outputs"][f"{source.stem}/schedule.ics"]["pages"] == 0
    assert run_cli("build", *map(str, EXAMPLES), "-o", str(out), "--formats", "ics", "--quiet", "--json") == 0
    again = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {v["status"] for v in again["inputs"].values()} == {"skipped"}


def test_a_calendar_that_cannot_be_written_fails_its_document(monkeypatch, playbook):
    from reporter import ical

    source = EXAMPLES[0]
    assessment = load(source, playbook, EXAMPLES_DAY)
    inputs = documents.Inputs(playbook=playbook, assessment=assessment,
                              plan=build_plan(assessment, playbook, EXAMPLES_DAY), generated=EXAMPLES_DAY)

    def refuse(*args):
        raise ValueError("no zone data for America/New_York")

    monkeypatch.setattr(ical, "calendar_bytes", refuse)
    with pytest.raises(RenderError) as caught:
        documents.outputs(documents.KINDS["ics"], inputs, None, "x.yaml: schedule.ics")
    assert caught.value.lines() == ["x.yaml: schedule.ics: cannot write the calendar: no zone data for America/New_York"]

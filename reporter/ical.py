"""The plan's sessions as an iCalendar file (RFC 5545): the only importer of `icalendar`.

The format has folding, escaping and time-zone rules that are easy to get subtly wrong by hand;
icalendar is the well-kept implementation of them. What goes into the file is decided in plan.py:
this module only turns sessions into events.

Rebuilding gives the same bytes: UIDs are made from the output folder, the day and the slot, and
DTSTAMP is the day the documents are dated, never the clock. A calendar application that imports
the file again updates its events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar

from .plan import Plan, Session

PRODID = "-//reporter//interview prep plan//EN"
UID_DOMAIN = "reporter.invalid"


def _uid(stem: str, what: str) -> str:
    return f"{stem}-{what}@{UID_DOMAIN}"


def _description(session: Session) -> str:
    lines = [f"{part.area}, {part.hours:g} h" + (f" of this week's {part.week_hours:g} h" if part.week_hours >
                                                 part.hours else "") + f": {part.text}" for part in session.parts]
    return "\n".join(lines)


def calendar_bytes(plan: Plan, stem: str, generated: dt.date) -> bytes:
    """One event per session (at the plan's study time, or all-day), and the interview as an all-day event."""
    zone = zoneinfo.ZoneInfo(plan.timezone) if plan.timezone else None
    stamp = dt.datetime.combine(generated, dt.time(0, 0), tzinfo=dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{plan.level} interview prep: {plan.candidate}")
    ends: dict[dt.date, dt.datetime] = {}  # where the day's previous session ended
    for session in plan.sessions:
        event = icalendar.Event()
        event.add("uid", _uid(stem, f"{session.date:%Y%m%d}-{session.slot}"))
        event.add("dtstamp", stamp)
        event.add("summary", f"{session.title} ({session.hours:g} h)")
        event.add("description", _description(session))
        event.add("categories", [session.kind])
        if plan.study_time is not None:
            begin = ends.get(session.date) or dt.datetime.combine(session.date, plan.study_time, tzinfo=zone)
            end = begin + dt.timedelta(hours=session.hours)
            ends[session.date] = end
            event.add("dtstart", begin)
            event.add("dtend", end)
        else:
            event.add("dtstart", session.date)
            event.add("dtend", session.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # an all-day reminder does not block the day
        cal.add_component(event)
    interview = icalendar.Event()
    interview.add("uid", _uid(stem, "interview"))
    interview.add("dtstamp", stamp)
    interview.add("summary", f"{plan.level} interview")
    interview.add("dtstart", plan.interview_date)
    interview.add("dtend", plan.interview_date + dt.timedelta(days=1))
    cal.add_component(interview)
    if zone is not None:
        cal.add_missing_timezones()
    return cal.to_ical()

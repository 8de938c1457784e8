"""A candidate's self-assessment: YAML → frozen :class:`Assessment`, or an InputError listing every problem.

Types first; then the contract as one table of fields (:data:`ASSESSMENT`, built from the kinds of
``contract.py``), which both :func:`load` and :func:`json_schema` are generated from; then
:func:`starter_yaml` (a commented file that already loads) and :func:`write_starter`.

Adding a field (as ``study_time``, ``study_days``, ``unavailable`` and ``timezone`` were added to the candidate):

1. add an entry to the table where it belongs (the dict given to ``CANDIDATE`` below), with
   ``required=True`` only if every existing file must now have it. Pick the kind whose rules fit:
   Text (``study_time`` is a Text with a pattern, read into a ``dt.time`` by :class:`TimeOfDay`),
   Choice, Date, Number, Mapping (``unavailable`` is a ListOf :class:`UnavailableRange`), ListOf, or
   a kind of this module's own (:class:`StudyDays`). A new rule goes into a kind, its schema beside
   its check;
2. add the attribute, with the default that stands for "absent", to the dataclass the mapping makes
   (``Candidate``); the loader passes it by name;
3. a rule that compares fields (a range's end not before its start) goes in the mapping's ``read``,
   as :class:`CandidateFields` does for the dates; it and any other rule JSON Schema cannot say get a
   sentence in :data:`RULES_BEYOND_THE_SCHEMA`, and ``tests/test_contract.py`` a corpus case;
4. show it in :func:`starter_yaml` when a new user should see it.

The loader and ``reporter schema`` then agree by construction; the corpus test holds them to it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import re
import zoneinfo
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import config, glyphs
from .content import Playbook
from .contract import (Choice, Context, Date, Either, Field, Kind, ListOf, Mapping, Named, Number, SchemaContext,
                       Text, TextChecker, any_case, no_nul, spaces, with_patterns)
from .errors import InputWarning, Problem, UsageError
from .source import Node, closest, decode, parse_text, read_bytes

STATUSES = ("yes", "partial", "no")
LEVELS = ("L6", "L7")
# The starter's modeline points here, relative to the assessment: `reporter init` writes it beside the
# starter, `reporter schema > assessment.schema.json` recreates it. A relative file works offline and
# always matches the installed version and content pack.
SCHEMA_FILE = "assessment.schema.json"
# What the starter writes where only the candidate can fill in; left as it is, a warning.
NAME_PLACEHOLDER = "Your Name"
PLACEHOLDER_MARK = "# placeholder"
_MARKED = re.compile(r"#\s*placeholder\b")


# Study days by name; a day is written as its first three letters or in full, in any case.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Unavailable:
    """Days with no study time: holidays, travel, on-call. Both ends included."""

    start: dt.date
    end: dt.date
    reason: str = ""

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Candidate:
    name: str
    target_level: str  # "L6" | "L7"
    interview_date: dt.date
    hours_per_week: float
    plan_start: dt.date | None = None  # None: the planner starts on `today`
    current_title: str = ""
    unavailable: tuple[Unavailable, ...] = ()  # in the order written
    study_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # weekdays (Monday 0) with study sessions
    study_time: dt.time | None = None  # local start time of a session; None: all-day entries
    timezone: str = ""  # IANA name for the calendar; "": floating local times


@dataclass(frozen=True)
class Competency:
    status: str  # one of STATUSES
    evidence: str = ""  # Markdown, untrusted


@dataclass(frozen=True)
class Practice:
    leetcode_solved: int = 0
    system_design_problems: int = 0
    mock_interviews: int = 0


@dataclass(frozen=True)
class StoryScope:
    engineers: int | None = None
    teams: int | None = None
    duration_months: float | None = None
    budget_usd: int | None = None


@dataclass(frozen=True)
class Story:
    title: str
    principles: tuple[str, ...] = ()
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    scope: StoryScope = field(default_factory=StoryScope)


@dataclass(frozen=True)
class Assessment:
    source: str  # the path as the user gave it, for messages
    stem: str  # output folder name
    sha256: str  # of the file's bytes
    candidate: Candidate
    competencies: dict[str, Competency]  # checklist item id -> status; missing items count as "no"
    practice: Practice
    stories: tuple[Story, ...]
    notes: str = ""  # Markdown, untrusted
    warnings: tuple[InputWarning, ...] = ()  # allowed but probably not meant, e.g. the starter's placeholders


# ---------------------------------------------------------------------------------------------
# Kinds only this contract has: the checklist, the principle names and the candidate's own rules


def _principle_key(name: str) -> str:
    """Principle names match ignoring case (A-Z), punctuation and spacing ("have backbone, disagree and commit")."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.translate(_ASCII_LOWER)).split())


_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_NOT_ALNUM = "[^0-9A-Za-z]"


@dataclass(frozen=True)
class PrincipleNames(Kind):
    """Leadership Principles by name, each at most once; names compare as :func:`_principle_key` says."""

    description: str
    max_items: int
    max_chars: int = 100

    def read(self, check, node, name, ctx):
        principles = {_principle_key(p): p for p in ctx.playbook.principles}
        named: list[str] = []
        for j, entry in enumerate(check.sequence(node, name, self.max_items)):
            where = f"{name}[{j}]"
            text = check.text(entry, where, self.max_chars)
            if text is None:
                continue
            canonical = principles.get(_principle_key(text))
            if canonical is None:
                guess = closest(text, principles.values())
                check.problem(entry, where, f"'{text}' is not one of the 16 Leadership Principles",
                              f"did you mean '{guess}'?" if guess else "`reporter init` lists their names")
            elif canonical in named:
                check.problem(entry, where, f"'{canonical}' is listed twice")
            else:
                named.append(canonical)
        return tuple(named)

    def schema(self, ctx):
        names = "|".join(f"{_NOT_ALNUM}+".join(any_case(word) for word in _principle_key(p).split())
                         for p in ctx.playbook.principles)
        item = with_patterns({"type": "string", "maxLength": self.max_chars, "examples": list(ctx.playbook.principles),
                              "description": "A Leadership Principle by name (case and punctuation do not matter)."},
                             [no_nul(), (f"^{_NOT_ALNUM}*(?:{names}){_NOT_ALNUM}*$",
                                         "not one of the 16 Leadership Principles")])
        # uniqueItems catches a name written twice the same way; the loader also catches "Ownership"
        # beside "ownership" (RULES_BEYOND_THE_SCHEMA).
        return {"type": "array", "description": self.description, "maxItems": self.max_items, "uniqueItems": True,
                "items": item}


@dataclass(frozen=True)
class Checklist(Kind):
    """Checklist items of the target level by id, each with an answer; an item of the other level is an error."""

    description: str
    answer: Kind
    max_items: int

    def read(self, check, node, name, ctx):
        level_of = {item.id: lvl.id for lvl in ctx.playbook.levels.values() for item in lvl.items}
        # Suggestions come from the target level's items when it is known, so a typo is not "corrected"
        # into the other level.
        suggestions = [i for i, lvl in level_of.items() if ctx.level in (None, lvl)]
        result: dict[str, Competency] = {}
        for item_id, key_node, value in check.keyed(node, name, self.max_items):
            field_name = f"{name}.{item_id}"
            if item_id not in level_of:
                guess = closest(item_id, suggestions)
                check.problem(key_node, field_name, "unknown checklist item",
                              f"did you mean '{guess}'?" if guess else
                              f"`reporter init --level {ctx.level or 'L6'}` lists every item id")
                continue
            if ctx.level is not None and level_of[item_id] != ctx.level:
                check.problem(key_node, field_name,
                              f"item belongs to {level_of[item_id]}, but candidate.target_level is {ctx.level}",
                              f"remove it, or use the {ctx.level} item ids")
                continue
            answer = self.answer.read(check, value, field_name, ctx)
            if answer is not None:
                result[item_id] = answer
        return result

    def schema(self, ctx):
        answer = self.answer.schema(ctx)
        items = {item.id: {**answer, "description": f"{lvl.id}: {item.text}"}
                 for lvl in ctx.playbook.levels.values() for item in lvl.items}
        return {"type": "object", "description": self.description, "maxProperties": self.max_items,
                "additionalProperties": False, "properties": items}


@dataclass(frozen=True)
class CandidateFields(Mapping):
    """The candidate mapping, with the rules that compare its dates (to today, to each other), the
    starter's placeholders as warnings, and the target level noted for the checklist."""

    def read(self, check, node, name, ctx):
        read = self.read_fields(check, node, name, ctx)
        if read is None:
            return None
        values, nodes = read
        ctx.level = values.get("target_level")
        interview = values.get("interview_date")
        if interview is not None and interview < ctx.today:
            check.problem(nodes["interview_date"], f"{name}.interview_date", "interview date is in the past",
                          f"today is {ctx.today.isoformat()}")
            values.pop("interview_date")
            interview = None
        start = values.get("plan_start")
        if start is not None and interview is not None and start > interview:
            check.problem(nodes["plan_start"], f"{name}.plan_start", "plan start is after the interview date",
                          f"the interview is on {interview.isoformat()}")
            values.pop("plan_start")
        _placeholder_warnings(check.file, values, nodes, name, ctx)
        return self.build(values)


@dataclass(frozen=True)
class UnavailableRange(Mapping):
    """One range of days with no study time; its end is not before its start."""

    def read(self, check, node, name, ctx):
        read = self.read_fields(check, node, name, ctx)
        if read is None:
            return None
        values, nodes = read
        first, last = values.get("from"), values.get("to")
        if first is not None and last is not None and last < first:
            check.problem(nodes["to"], f"{name}.to", f"{last.isoformat()} is before the range's start",
                          f"the range starts on {first.isoformat()}")
            values.pop("to")
        return self.build(values)

    def build(self, values):
        if any(key not in values for key in self.required):
            return None
        return Unavailable(values["from"], values["to"], values.get("reason", ""))


@dataclass(frozen=True)
class StudyDays(Kind):
    """Days of the week by short or full name, in any case, each once; the value is their numbers, Monday 0."""

    description: str

    def read(self, check, node, name, ctx):
        days: set[int] = set()
        entries = check.sequence(node, name, len(WEEKDAYS) * 2)
        if node.kind != "seq":
            return None
        ok = True
        for j, entry in enumerate(entries):
            where = f"{name}[{j}]"
            word = check.text(entry, where, 20)
            if word is None:
                ok = False
                continue
            key = word.strip().translate(_ASCII_LOWER)
            if key in WEEKDAYS:
                day = WEEKDAYS.index(key)
            elif key in WEEKDAY_NAMES:
                day = WEEKDAY_NAMES.index(key)
            else:
                guess = closest(key, WEEKDAY_NAMES)
                check.problem(entry, where, f"'{word}' is not a day of the week",
                              f"did you mean '{guess}'?" if guess else f"write {', '.join(WEEKDAYS)}")
                ok = False
                continue
            if day in days:
                check.problem(entry, where, f"'{word}' is listed twice")
                ok = False
            days.add(day)
        if ok and not days:
            check.problem(node, name, "no study day is listed", "leave the field out to study every day")
            return None
        return tuple(sorted(days)) if ok else None

    def schema(self, ctx):
        edge = spaces()
        names = "|".join(any_case(day) for day in (*WEEKDAYS, *WEEKDAY_NAMES))
        item = with_patterns({"type": "string", "maxLength": 20, "examples": list(WEEKDAYS),
                              "description": "A day: mon … sun, or its full name, in any case."},
                             [(f"^[{edge}]*(?:{names})[{edge}]*$", "not a day of the week")])
        # uniqueItems catches a day written twice the same way; the loader also catches "mon" beside
        # "Monday" (RULES_BEYOND_THE_SCHEMA).
        return {"type": "array", "description": self.description, "minItems": 1, "maxItems": len(WEEKDAYS) * 2,
                "uniqueItems": True, "items": item}


_TIME_OF_DAY = "(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"


@dataclass(frozen=True)
class TimeOfDay(Text):
    """A local time HH:MM (in quotes: YAML 1.1 reads 19:30 as a number); the value is a ``dt.time``."""

    def read(self, check, node, name, ctx):
        value = super().read(check, node, name, ctx)
        if value is None:
            return None
        hours, minutes = value.split(":")
        return dt.time(int(hours), int(minutes))


@dataclass(frozen=True)
class TimeZone(Text):
    """An IANA time zone name; whether it is one the schema cannot say (RULES_BEYOND_THE_SCHEMA)."""

    def read(self, check, node, name, ctx):
        value = super().read(check, node, name, ctx)
        if value is None:
            return None
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            guess = closest(value, sorted(zoneinfo.available_timezones()))
            check.problem(node, name, f"'{value}' is not an IANA time zone",
                          f"did you mean '{guess}'?" if guess else "write a name such as Europe/Berlin")
            return None
        return value


def _placeholder_warnings(file: str, values: dict, nodes: dict[str, Node], name: str, ctx: Context) -> None:
    """The starter's placeholders, still there: the documents would be made for no one, for no real day."""
    if values.get("name") == NAME_PLACEHOLDER:
        node = nodes["name"]
        ctx.warnings.append(InputWarning(file, node.line, node.col, f"{name}.name",
                                         f"'{NAME_PLACEHOLDER}' is the starter's placeholder",
                                         "write your name as the documents should show it"))
    node = nodes.get("interview_date")
    if "interview_date" in values and node is not None and 0 < node.line <= len(ctx.lines) \
            and _MARKED.search(ctx.lines[node.line - 1], node.col - 1):
        ctx.warnings.append(InputWarning(file, node.line, node.col, f"{name}.interview_date",
                                         f"{values['interview_date'].isoformat()} is the starter's placeholder date",
                                         f"write the day of your interview and remove the '{PLACEHOLDER_MARK}' "
                                         "comment"))


# ---------------------------------------------------------------------------------------------
# The contract: one table of fields, read by load() and described by json_schema()

MAX_PRACTICE_COUNT = 100_000
MAX_UNAVAILABLE = 100  # date ranges under candidate.unavailable
STAR_FIELDS = ("situation", "task", "action", "result")

STATUS = Named("status", Choice("yes: you can show it with evidence; partial: some of it; no: not yet.", STATUSES))

CANDIDATE = CandidateFields(
    "Who is preparing, for which level, by when, and with how much time.", {
        "name": Field(Text("Your name as the documents should show it.", config.MAX_NAME_CHARS,
                           single_line=True, not_blank=True), required=True),
        "current_title": Field(Text("Your current job title.", config.MAX_NAME_CHARS, single_line=True)),
        "target_level": Field(Choice("The level you are interviewing for: L6 or L7.", LEVELS, fold="upper",
                                     max_chars=10, noun="a level"), required=True),
        "interview_date": Field(Date("Day of the interview, YYYY-MM-DD; not in the past (`reporter validate` "
                                     "checks that)."), required=True),
        "hours_per_week": Field(Number("Hours a week you can spend preparing: more than 0, at most "
                                       f"{config.MAX_HOURS_PER_WEEK}.", 0, config.MAX_HOURS_PER_WEEK,
                                       whole=False, above_minimum=True), required=True),
        "plan_start": Field(Date("First day of the plan, YYYY-MM-DD, not after the interview (`reporter validate` "
                                 "checks that); default: the day documents are made.")),
        "unavailable": Field(ListOf("Days with no study time (holidays, travel, on-call), both ends included.",
                                    UnavailableRange("One date range.", {
                                        "from": Field(Date("First day, YYYY-MM-DD."), required=True),
                                        "to": Field(Date("Last day, YYYY-MM-DD, not before the first "
                                                         "(`reporter validate` checks that)."), required=True),
                                        "reason": Field(Text("Why, shown in the schedule.", config.MAX_NAME_CHARS,
                                                             single_line=True)),
                                    }), MAX_UNAVAILABLE)),
        "study_days": Field(StudyDays("Days of the week with study sessions; default: every day.")),
        "study_time": Field(TimeOfDay('Start time of a study session, such as "19:30"; default: all-day '
                                      "calendar entries.", 10, single_line=True,
                                      pattern=f"^[{spaces()}]*{_TIME_OF_DAY}[{spaces()}]*$",
                                      pattern_message="is not a time of day",
                                      pattern_hint='write it as "19:30"')),
        "timezone": Field(TimeZone("IANA time zone of the calendar, such as Europe/Berlin; default: floating "
                                   "local times.", 60, single_line=True)),
    }, make=Candidate)

COMPETENCIES = Checklist(
    "Checklist items of the target level by id, each yes, partial or no (items left out count as no); "
    "an item of the other level is an error.",
    Named("competency", Either(
        "yes, partial or no; or a mapping with the status and your evidence.", STATUS,
        Mapping("A status with evidence.", {
            "status": Field(STATUS, required=True),
            "evidence": Field(Text("What shows it, in Markdown.", config.MAX_TEXT_CHARS,
                                   max_lines=config.MAX_TEXT_LINES)),
        }, make=Competency), from_scalar=Competency)),
    config.MAX_COMPETENCIES)

PRACTICE = Mapping("What you have practised so far: whole numbers, 0 when left out.", {
    "leetcode_solved": Field(Number("Coding problems solved (LeetCode or similar).", 0, MAX_PRACTICE_COUNT)),
    "system_design_problems": Field(Number("System design problems practised end to end.", 0, MAX_PRACTICE_COUNT)),
    "mock_interviews": Field(Number("Mock interviews done.", 0, MAX_PRACTICE_COUNT)),
}, make=Practice)

_STAR_DESCRIPTIONS = {
    "situation": "Situation: what was going on, and why it mattered (Markdown).",
    "task": "Task: what you were responsible for (Markdown).",
    "action": "Action: what you did yourself (Markdown).",
    "result": "Result: what changed, in numbers where you can (Markdown).",
}

STORY = Named("story", Mapping("One behavioural story.", {
    "title": Field(Text("A one-line title.", config.MAX_SHORT_TEXT, single_line=True, not_blank=True), required=True),
    "principles": Field(PrincipleNames("The Leadership Principles the story shows, each once.",
                                       config.MAX_PRINCIPLES_PER_STORY)),
    **{key: Field(Text(_STAR_DESCRIPTIONS[key], config.MAX_TEXT_CHARS, max_lines=config.MAX_TEXT_LINES))
       for key in STAR_FIELDS},
    # Generous bounds that only catch typos such as an extra zero run.
    "scope": Field(Mapping("How big it was; every number optional.", {
        "engineers": Field(Number("Engineers involved, across all teams.", 0, 1_000_000)),
        "teams": Field(Number("Teams involved.", 0, 100_000)),
        "duration_months": Field(Number("How long it ran, in months.", 0, 1_200, whole=False)),
        "budget_usd": Field(Number("Budget or cost owned, in US dollars.", 0, 10**13)),
    }, make=StoryScope)),
}, make=Story))

ASSESSMENT = Mapping("A candidate's self-assessment against the L6/L7 playbook.", {
    "candidate": Field(CANDIDATE, required=True),
    "competencies": Field(COMPETENCIES),  # after the candidate: its items depend on the target level
    "practice": Field(PRACTICE),
    "stories": Field(ListOf("Behavioural stories in STAR form.", STORY, config.MAX_STORIES)),
    "notes": Field(Text("Anything else the plan should know (Markdown).", config.MAX_NOTES_CHARS,
                        max_lines=config.MAX_NOTES_LINES, strip=False)),
})

# What `reporter validate` checks and JSON Schema cannot say: a schema sees the parsed values, not how
# they were written, and cannot compare two fields or count across a file. The schema's description
# lists them; tests/test_contract.py allows exactly these disagreements.
RULES_BEYOND_THE_SCHEMA = {
    "quotes": "Text that a YAML reader could take for something else (NO, yes, 1:30, 5, 2024-01-01) "
              "must be in quotes.",
    "numbers": "Numbers are written as plain digits: not 1e3, 0x1f, 012, 1_000, .nan, nor 12.0 for a whole number.",
    "yaml": "No YAML tags (!!str), aliases (*name) or duplicate keys; UTF-8 only.",
    "dates": "The interview date is not in the past, and the plan start is not after the interview.",
    "principles": "A story names each principle once; names compare ignoring case and punctuation.",
    "unavailable": "A range of unavailable days does not end before it starts.",
    "study_days": "A study day is listed once, however it is written (mon, Monday).",
    "timezone": "The time zone is an IANA name this machine knows (Europe/Berlin).",
    "limits": f"The file is at most {config.MAX_ASSESSMENT_BYTES:,} bytes; all its text fields together at most "
              f"{config.MAX_TOTAL_TEXT_CHARS:,} characters and {config.MAX_TOTAL_TEXT_LINES:,} lines.",
}


# ---------------------------------------------------------------------------------------------
# Loading


def load(path: Path, playbook: Playbook, today: dt.date, *,
         font_points: tuple[frozenset[int], ...] = ()) -> Assessment:
    """Read and check one self-assessment; raise InputError listing every problem in the file.

    What is allowed but probably not meant (the starter's placeholders) is in ``Assessment.warnings``.
    ``font_points``: the code points of a theme's own fonts, which print what the bundled fonts lack.
    """
    name = str(path)
    data = read_bytes(path, config.MAX_ASSESSMENT_BYTES, name)
    text = decode(data, name)
    check = TextChecker(name)
    # Duplicate keys join the checker's problems so that one run reports everything.
    root = parse_text(text, name, check.problems)
    check.problems.extend(glyph_problems(name, text, root, font_points))
    ctx = Context(playbook, today, lines=tuple(text.splitlines()))
    values, _ = ASSESSMENT.read_fields(check, root, "", ctx) or ({}, {})
    check.raise_if_any()
    assert "candidate" in values  # every way of not having one recorded a problem
    return Assessment(source=name, stem=path.stem, sha256=hashlib.sha256(data).hexdigest(),
                      candidate=values["candidate"], competencies=values.get("competencies", {}),
                      practice=values.get("practice", Practice()), stories=values.get("stories", ()),
                      notes=values.get("notes", ""), warnings=tuple(sorted(ctx.warnings)))


def glyph_problems(name: str, text: str, root: Node,
                   font_points: tuple[frozenset[int], ...] = ()) -> list[Problem]:
    """Every character of a value that no bundled (or theme) font prints, located in the file.

    A pass of its own over the file's text, after parsing: the same verdict at validate and at build,
    so a file that validates never fails a document for a glyph. Comments are not printed and not checked.
    """
    missing = glyphs.unprintable(text, font_points)
    if not missing:
        return []
    scalars: list[tuple[int, int, str]] = []  # (line, col, field) of every value, in file order

    def walk(node: Node, where: str) -> None:
        if node.kind == "scalar":
            scalars.append((node.line, node.col, where))
        for index, item in enumerate(node.items):
            walk(item, f"{where}[{index}]")
        for key, (key_node, value) in node.entries.items():
            scalars.append((key_node.line, key_node.col, f"{where}.{key}" if where else key))
            walk(value, f"{where}.{key}" if where else key)

    walk(root, "")
    scalars.sort()
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    problems = []
    for index, char in missing:
        line = bisect.bisect_right(starts, index)
        col = index - starts[line - 1] + 1
        before = text[starts[line - 1]:index]
        if "#" in before and before.lstrip().startswith("#"):
            continue  # a comment line
        at = bisect.bisect_right(scalars, (line, col, "\uffff")) - 1
        field_name = scalars[at][2] if at >= 0 else "(file)"
        problems.append(Problem(name, line, col, field_name,
                                f"character {glyphs.describe(char)} cannot be printed by any bundled font"))
    return problems


# ---------------------------------------------------------------------------------------------
# The starter file


def starter_yaml(playbook: Playbook, level: str, today: dt.date) -> str:
    """A commented self-assessment for ``level`` that loads without a problem as written.

    ``today`` only sets the placeholder interview date (eight weeks ahead), so the file is the same
    for the same day and the tests need no clock.
    """
    lvl = playbook.levels[level.upper()]
    interview = today + dt.timedelta(days=56)
    targets = playbook.practice_targets
    out: list[str] = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Self-assessment for the {lvl.id} interview playbook.",
        "#",
        "# Check it with:           reporter validate FILE",
        "# Make your documents:     reporter build FILE",
        "# Editor completion and checks (VS Code YAML, any yaml-language-server editor) use the schema",
        "# named on the first line; `reporter init -o FILE` writes it next to FILE, and you can recreate it",
        f"# with:  reporter schema > {SCHEMA_FILE}",
        "#",
        "# Quote text that YAML could read as something else: \"NO\", \"1:30\", \"true\". Dates are quoted",
        "# too, so that every YAML reader (and editor) keeps them as written.",
        "# For text over several lines write `|` and indent the lines below it. Text fields take Markdown.",
        "",
        "candidate:",
        f"  # Your name as the documents should show it (required; at most {config.MAX_NAME_CHARS} characters).",
        f'  name: "{NAME_PLACEHOLDER}"',
        "  # Your current job title (optional).",
        '  current_title: ""',
        f"  # The level you are interviewing for: {' or '.join(LEVELS)} (required).",
        f"  target_level: {lvl.id}",
        "  # Day of the interview, YYYY-MM-DD (required; not in the past). The date below is a placeholder:",
        f"  # write yours and remove the '{PLACEHOLDER_MARK}' after it.",
        f'  interview_date: "{interview.isoformat()}"  {PLACEHOLDER_MARK}',
        f"  # Hours a week you can spend preparing (required; more than 0, at most {config.MAX_HOURS_PER_WEEK}).",
        "  hours_per_week: 8",
        "  # First day of the plan, YYYY-MM-DD (optional; default: the day documents are made;",
        "  # not after the interview).",
        f'  # plan_start: "{today.isoformat()}"',
        "  # Days with no study time: holidays, travel, on-call (optional; both ends included).",
        "  # unavailable:",
        f'  #   - {{from: "{(today + dt.timedelta(days=21)).isoformat()}", '
        f'to: "{(today + dt.timedelta(days=24)).isoformat()}", reason: Travel}}',
        f"  # Days of the week you study (optional; default: every day): {', '.join(WEEKDAYS)}.",
        "  # study_days: [mon, tue, thu, sat]",
        "  # When a study session starts, in quotes (optional; default: all-day calendar entries).",
        '  # study_time: "19:30"',
        "  # Your time zone for the calendar, an IANA name (optional; default: the time where it is opened).",
        "  # timezone: Europe/Berlin",
        "",
        f"# {lvl.checklist_title}: for every item, yes, partial or no. Items left out count as no.",
        "# To add evidence (Markdown), write the item as a mapping:",
        f"#   {lvl.items[0].id}:",
        "#     status: partial",
        "#     evidence: |",
        "#       Led the redesign of ... for ... users; cut incidents by ...",
        "competencies:",
    ]
    for group in lvl.checklist:
        out += ["", f"  # == {_comment(group.name)} =="]
        for category in group.categories:
            out.append(f"  # -- {_comment(category.name)}")
            for item in category.items:
                out += [f"  # {_comment(item.text)}", f"  {item.id}: no"]
    out += [
        "",
        "# What you have practised so far: whole numbers (0 when left out).",
        "practice:",
        f"  # Coding problems solved, LeetCode or similar.{_target(targets, 'leetcode_solved')}",
        "  leetcode_solved: 0",
        f"  # System design problems practised end to end.{_target(targets, 'system_design_problems')}",
        "  system_design_problems: 0",
        "  # Mock interviews done.",
        "  mock_interviews: 0",
        "",
        f"# Your behavioural stories in STAR form (at most {config.MAX_STORIES}).{_target(targets, 'stories')}",
        "# Each story has a title (required) and optionally the Leadership Principles it shows,",
        "# situation, task, action, result (Markdown) and its scope (all numbers optional).",
        "# The principles, by name:",
        *(f"#   - {_comment(p)}" for p in playbook.principles),
        '# To start, replace "[]" with the example below and remove the "# " in front of its lines.',
        "stories: []",
        "# - title: Moved checkout to a new payment platform",
        "#   principles:",
        "#     - Customer Obsession",
        "#     - Deliver Results",
        "#   situation: |",
        "#     What was going on, and why it mattered.",
        "#   task: |",
        "#     What you were responsible for.",
        "#   action: |",
        "#     What you did yourself: decisions, trade-offs, people.",
        "#   result: |",
        "#     What changed, in numbers where you can.",
        "#   scope:",
        "#     engineers: 25",
        "#     teams: 3",
        "#     duration_months: 9",
        "#     budget_usd: 1500000",
        "",
        "# Anything else the plan should know, in Markdown (optional).",
        'notes: ""',
        "",
    ]
    return "\n".join(out)


def _comment(text: str) -> str:
    """Content text as one comment line (a newline in it would end the comment)."""
    return " ".join(text.split())


def _target(targets, metric: str) -> str:
    target = targets.get(metric)
    return f" The playbook: {_comment(target.source)}." if target else ""


# ---------------------------------------------------------------------------------------------
# The JSON Schema, and the files `reporter init` writes


def json_schema(playbook: Playbook) -> dict:
    """The contract as JSON Schema (draft 2020-12), for editors: made from the same table as :func:`load`.

    It accepts what the loader accepts (a status or level in any case, a principle name in any case
    and punctuation) except for :data:`RULES_BEYOND_THE_SCHEMA`, which its description states.
    """
    ctx = SchemaContext(playbook, today=dt.date.min)
    body = ASSESSMENT.schema(ctx)
    level = CANDIDATE.fields["target_level"].kind
    assert isinstance(level, Choice)
    # A competency of the other level is an error: tie the item ids to the target level.
    conditions = [
        {"if": {"required": ["candidate"],
                "properties": {"candidate": {"required": ["target_level"], "properties": {
                    "target_level": {"type": "string", "pattern": replace(level, choices=(lvl,)).pattern()}}}}},
         "then": {"properties": {"competencies": {"propertyNames": {"pattern": f"^{re.escape(lvl.lower())}\\."}}}}}
        for lvl in LEVELS
    ]
    description = (f"{body['description']} `reporter validate` checks it, and also what this schema cannot say: "
                   + " ".join(RULES_BEYOND_THE_SCHEMA.values()))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": config.SCHEMA_URL,
            "title": "Interview preparation self-assessment", **body, "description": description,
            "allOf": conditions, "$defs": ctx.definitions}


def schema_text(playbook: Playbook) -> str:
    """The schema as the file `reporter init` writes and `reporter schema` prints."""
    return json.dumps(json_schema(playbook), indent=2, ensure_ascii=False) + "\n"


def write_starter(path: Path, playbook: Playbook, level: str, today: dt.date, force: bool = False) -> Path:
    """Write the starter to ``path`` and the schema its modeline names beside it; return the schema's path.

    The schema is rewritten every time: it is made from this version and content pack, and an older
    one would have the editor check the file against an old contract. Raises UsageError, with nothing
    written, when ``path`` exists (without ``force``), is a folder, or its folder does not exist.
    """
    if path.is_dir() or not path.name:
        raise UsageError(f"{path} is a folder; name the file to write, such as {path / 'me.yaml'}")
    if path.name == SCHEMA_FILE:
        raise UsageError(f"{path}: {SCHEMA_FILE} is the name of the schema written beside the starter; "
                         "choose another name")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    if path.parent.exists() and not path.parent.is_dir():
        raise UsageError(f"{path.parent} is a file, not a folder")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: no such folder")
    schema_path = path.with_name(SCHEMA_FILE)
    _write_text(path, starter_yaml(playbook, level, today))
    _write_text(schema_path, schema_text(playbook))
    return schema_path


def _write_text(path: Path, text: str) -> None:
    """A temporary file beside the target, then a rename: an editor never sees half a file."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(temp, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None

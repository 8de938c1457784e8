"""A candidate's self-assessment: YAML → frozen :class:`Assessment`, or an InputError listing every problem.

Types first; then :func:`load` (the contract, checked field by field), :func:`starter_yaml` (a commented
file that already loads) and :func:`json_schema` (the same contract for editors). The three describe one
contract, and the tests hold them to each other: the starter validates and the schema names every item.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .content import Playbook
from .errors import InputError
from .source import Checker, Node, closest, decode, parse_text, read_bytes

STATUSES = ("yes", "partial", "no")
LEVELS = ("L6", "L7")
# The starter's modeline points here, relative to the assessment: `reporter schema > assessment.schema.json`
# writes it. A relative file works offline and always matches the installed version and content pack.
SCHEMA_FILE = "assessment.schema.json"


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
    plan_start: dt.date | None  # None: the planner starts on `today`
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


# ---------------------------------------------------------------------------------------------
# The contract: one table of field limits shared by the loader and the JSON Schema.

MAX_PRACTICE_COUNT = 100_000
# Scope of a story: (kind, maximum). Generous bounds that only catch typos such as an extra zero run.
SCOPE_FIELDS: dict[str, tuple[str, float]] = {
    "engineers": ("integer", 1_000_000),
    "teams": ("integer", 100_000),
    "duration_months": ("number", 1_200),
    "budget_usd": ("integer", 10**13),
}
PRACTICE_FIELDS = ("leetcode_solved", "system_design_problems", "mock_interviews")
STAR_FIELDS = ("situation", "task", "action", "result")

_TOP_KEYS = ("candidate", "competencies", "practice", "stories", "notes")
_CANDIDATE_KEYS = ("name", "current_title", "target_level", "interview_date", "hours_per_week", "plan_start",
                   "unavailable", "study_days", "study_time", "timezone")
_UNAVAILABLE_KEYS = ("from", "to", "reason")
MAX_UNAVAILABLE = 100  # date ranges under candidate.unavailable
_STUDY_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
_CANDIDATE_REQUIRED = ("name", "target_level", "interview_date", "hours_per_week")
_COMPETENCY_KEYS = ("status", "evidence")
_STORY_KEYS = ("title", "principles", *STAR_FIELDS, "scope")

# Written as nothing, `~` or `null`: an optional field left blank, which counts as absent.
_BLANK = ("", "~", "null", "Null", "NULL")


def _absent(node: Node | None) -> bool:
    return node is None or (node.kind == "scalar" and not node.quoted and node.text in _BLANK)


def _principle_key(name: str) -> str:
    """Principle names match ignoring case, punctuation and spacing ("have backbone, disagree and commit")."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


# ---------------------------------------------------------------------------------------------
# Loading


class _Checker(Checker):
    """A Checker that also holds free text to a line limit per field and a character budget per file.

    Rendering time grows with the text a document carries, so the budget is what keeps one file from
    costing minutes of layout; it is charged in reading order and the field that passes it is named.
    """

    def __init__(self, file: str):
        super().__init__(file)
        self.total_chars = self.total_lines = 0

    def text(self, node: Node | None, field_name: str, max_chars: int, required: bool = True,
             max_lines: int | None = None) -> str | None:
        value = super().text(node, field_name, max_chars, required)
        if value is None or node is None:
            return value
        lines = value.count("\n") + (not value.endswith("\n"))
        if max_lines is not None and lines > max_lines:
            self.problem(node, field_name, f"{lines:,} lines; the limit is {max_lines:,}")
            return None
        for total, added, limit, unit in (("total_chars", len(value), config.MAX_TOTAL_TEXT_CHARS, "characters"),
                                          ("total_lines", lines, config.MAX_TOTAL_TEXT_LINES, "lines")):
            before = getattr(self, total)
            setattr(self, total, before + added)
            if before <= limit < before + added:
                self.problem(node, field_name, f"the text of this file passes {limit:,} {unit} here; that is the "
                                               "limit for all fields together", "shorten the evidence, stories or notes")
        return value


def load(path: Path, playbook: Playbook, today: dt.date) -> Assessment:
    """Read and check one self-assessment; raise InputError listing every problem in the file."""
    name = str(path)
    data = read_bytes(path, config.MAX_ASSESSMENT_BYTES, name)
    check = _Checker(name)
    # Duplicate keys join the checker's problems so that one run reports everything.
    root = parse_text(decode(data, name), name, check.problems)
    top = check.mapping(root, "", _TOP_KEYS, required=("candidate",)) or {}

    candidate = _candidate(check, top.get("candidate"), today)
    level = candidate.target_level if candidate else None
    competencies = _competencies(check, top.get("competencies"), playbook, level)
    practice = _practice(check, top.get("practice"))
    stories = _stories(check, top.get("stories"), playbook)
    notes = "" if _absent(top.get("notes")) else \
        check.text(top.get("notes"), "notes", config.MAX_NOTES_CHARS, required=False,
                   max_lines=config.MAX_NOTES_LINES) or ""

    check.raise_if_any()
    assert candidate is not None  # every way of not having one recorded a problem
    return Assessment(source=name, stem=path.stem, sha256=hashlib.sha256(data).hexdigest(), candidate=candidate,
                      competencies=competencies, practice=practice, stories=stories, notes=notes)


def _one_line(check: Checker, node: Node | None, field_name: str, max_chars: int,
              required: bool = True) -> str | None:
    value = check.text(node, field_name, max_chars, required=required)
    if value is not None and node is not None and ("\n" in value.strip() or "\r" in value):
        check.problem(node, field_name, "must be a single line")
        return None
    return value.strip() if value is not None else None


def _candidate(check: Checker, node: Node | None, today: dt.date) -> Candidate | None:
    fields = check.mapping(node, "candidate", _CANDIDATE_KEYS, required=_CANDIDATE_REQUIRED)
    if fields is None:
        return None
    name = _one_line(check, fields.get("name"), "candidate.name", config.MAX_NAME_CHARS)
    title = "" if _absent(fields.get("current_title")) else \
        _one_line(check, fields.get("current_title"), "candidate.current_title", config.MAX_NAME_CHARS, False)

    level = None
    level_node = fields.get("target_level")
    if level_node is not None and check.text(level_node, "candidate.target_level", 10) is not None:
        word = level_node.text.strip().upper()
        if word in LEVELS:
            level = word
        else:
            check.problem(level_node, "candidate.target_level", f"'{level_node.text}' is not a level",
                          f"write {' or '.join(LEVELS)}")

    interview = check.date(fields.get("interview_date"), "candidate.interview_date")
    if interview is not None and interview < today:
        check.problem(fields["interview_date"], "candidate.interview_date", "interview date is in the past",
                      f"today is {today.isoformat()}")
        interview = None

    # Bounds checked here: Checker.number's are inclusive, and 0 hours a week is no plan.
    hours = check.number(fields.get("hours_per_week"), "candidate.hours_per_week", -float("inf"), float("inf"))
    if hours is not None and not 0 < hours <= config.MAX_HOURS_PER_WEEK:
        check.problem(fields["hours_per_week"], "candidate.hours_per_week", f"{hours:g} is out of range",
                      f"allowed: more than 0, at most {config.MAX_HOURS_PER_WEEK}")
        hours = None

    start = None if _absent(fields.get("plan_start")) else check.date(fields.get("plan_start"), "candidate.plan_start")
    if start is not None and interview is not None and start > interview:
        check.problem(fields["plan_start"], "candidate.plan_start", "plan start is after the interview date",
                      f"the interview is on {interview.isoformat()}")
        start = None

    unavailable = _unavailable(check, fields.get("unavailable"))
    study_days = _study_days(check, fields.get("study_days"))
    study_time = _study_time(check, fields.get("study_time"))
    timezone = _timezone(check, fields.get("timezone"))

    if (name is None or level is None or interview is None or hours is None or unavailable is None
            or study_days is None or study_time is False or timezone is None):
        return None
    return Candidate(name=name, target_level=level, interview_date=interview, hours_per_week=hours,
                     plan_start=start, current_title=title or "", unavailable=unavailable,
                     study_days=study_days, study_time=study_time, timezone=timezone)


def _unavailable(check: Checker, node: Node | None) -> tuple[Unavailable, ...] | None:
    if _absent(node):
        return ()
    ranges, ok = [], True
    for i, entry in enumerate(check.sequence(node, "candidate.unavailable", MAX_UNAVAILABLE)):
        where = f"candidate.unavailable[{i}]"
        fields = check.mapping(entry, where, _UNAVAILABLE_KEYS, required=("from", "to"))
        if fields is None:
            ok = False
            continue
        first = check.date(fields.get("from"), f"{where}.from")
        last = check.date(fields.get("to"), f"{where}.to")
        reason = "" if _absent(fields.get("reason")) else \
            _one_line(check, fields.get("reason"), f"{where}.reason", config.MAX_NAME_CHARS, False)
        if first is not None and last is not None and last < first:
            check.problem(fields["to"], f"{where}.to", f"{last.isoformat()} is before the range's start",
                          f"the range starts on {first.isoformat()}")
            last = None
        if first is None or last is None or reason is None:
            ok = False
            continue
        ranges.append(Unavailable(first, last, reason))
    return tuple(ranges) if ok else None


def _study_days(check: Checker, node: Node | None) -> tuple[int, ...] | None:
    if _absent(node):
        return tuple(range(len(WEEKDAYS)))
    days: set[int] = set()
    entries = check.sequence(node, "candidate.study_days", len(WEEKDAYS) * 2)
    if node is not None and node.kind != "seq":
        return None
    ok = True
    for j, entry in enumerate(entries):
        where = f"candidate.study_days[{j}]"
        word = check.text(entry, where, 20)
        if word is None:
            ok = False
            continue
        key = word.strip().lower()
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
        check.problem(node, "candidate.study_days", "no study day is listed",
                      "leave the field out to study every day")
        return None
    return tuple(sorted(days)) if ok else None


def _study_time(check: Checker, node: Node | None) -> dt.time | None | bool:
    """The start time, None when not given, False when it was given wrong (a problem is recorded)."""
    if _absent(node):
        return None
    text = check.text(node, "candidate.study_time", 10)
    if text is None:
        return False
    match = _STUDY_TIME.fullmatch(text.strip())
    if match is None:
        check.problem(node, "candidate.study_time", f"'{text}' is not a time of day", 'write it as "19:30"')
        return False
    return dt.time(int(match[1]), int(match[2]))


def _timezone(check: Checker, node: Node | None) -> str | None:
    if _absent(node):
        return ""
    name = check.text(node, "candidate.timezone", 60)
    if name is None:
        return None
    name = name.strip()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        guess = closest(name, sorted(zoneinfo.available_timezones()))
        check.problem(node, "candidate.timezone", f"'{name}' is not an IANA time zone",
                      f"did you mean '{guess}'?" if guess else "write a name such as Europe/Berlin")
        return None
    return name


def _competencies(check: Checker, node: Node | None, playbook: Playbook,
                  level: str | None) -> dict[str, Competency]:
    if _absent(node):
        return {}
    level_of = {item.id: lvl.id for lvl in playbook.levels.values() for item in lvl.items}
    # Suggestions come from the target level's items when it is known, so a typo is not "corrected"
    # into the other level.
    suggestions = [i for i, lvl in level_of.items() if level in (None, lvl)]
    result: dict[str, Competency] = {}
    for item_id, key_node, value in check.keyed(node, "competencies", config.MAX_COMPETENCIES):
        field_name = f"competencies.{item_id}"
        if item_id not in level_of:
            guess = closest(item_id, suggestions)
            check.problem(key_node, field_name, "unknown checklist item",
                          f"did you mean '{guess}'?" if guess else
                          f"`reporter init --level {level or 'L6'}` lists every item id")
            continue
        if level is not None and level_of[item_id] != level:
            check.problem(key_node, field_name,
                          f"item belongs to {level_of[item_id]}, but candidate.target_level is {level}",
                          f"remove it, or use the {level} item ids")
            continue
        competency = _competency(check, value, field_name)
        if competency is not None:
            result[item_id] = competency
    return result


def _competency(check: Checker, node: Node, field_name: str) -> Competency | None:
    if node.kind != "map":
        status = check.choice(node, field_name, STATUSES)
        return Competency(status) if status is not None else None
    fields = check.mapping(node, field_name, _COMPETENCY_KEYS, required=("status",)) or {}
    status = check.choice(fields.get("status"), f"{field_name}.status", STATUSES)
    evidence = "" if _absent(fields.get("evidence")) else \
        check.text(fields.get("evidence"), f"{field_name}.evidence", config.MAX_TEXT_CHARS, required=False,
                   max_lines=config.MAX_TEXT_LINES)
    if status is None or evidence is None:
        return None
    return Competency(status, evidence.strip())


def _practice(check: Checker, node: Node | None) -> Practice:
    if _absent(node):
        return Practice()
    fields = check.mapping(node, "practice", PRACTICE_FIELDS) or {}
    counts = {}
    for key, value in fields.items():
        if not _absent(value):
            counts[key] = check.integer(value, f"practice.{key}", 0, MAX_PRACTICE_COUNT) or 0
    return Practice(**counts)


def _stories(check: Checker, node: Node | None, playbook: Playbook) -> tuple[Story, ...]:
    if _absent(node):
        return ()
    principles = {_principle_key(p): p for p in playbook.principles}
    stories = []
    for i, entry in enumerate(check.sequence(node, "stories", config.MAX_STORIES)):
        field_name = f"stories[{i}]"
        fields = check.mapping(entry, field_name, _STORY_KEYS, required=("title",))
        if fields is None:
            continue
        title = _one_line(check, fields.get("title"), f"{field_name}.title", config.MAX_SHORT_TEXT)
        named = _story_principles(check, fields.get("principles"), f"{field_name}.principles", principles)
        star = {}
        for key in STAR_FIELDS:
            value = fields.get(key)
            star[key] = "" if _absent(value) else \
                (check.text(value, f"{field_name}.{key}", config.MAX_TEXT_CHARS, required=False,
                            max_lines=config.MAX_TEXT_LINES) or "").strip()
        scope = _scope(check, fields.get("scope"), f"{field_name}.scope")
        if title is not None:
            stories.append(Story(title=title, principles=named, scope=scope, **star))
    return tuple(stories)


def _story_principles(check: Checker, node: Node | None, field_name: str,
                      principles: dict[str, str]) -> tuple[str, ...]:
    if _absent(node):
        return ()
    named: list[str] = []
    for j, entry in enumerate(check.sequence(node, field_name, config.MAX_PRINCIPLES_PER_STORY)):
        where = f"{field_name}[{j}]"
        text = check.text(entry, where, 100)
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


def _scope(check: Checker, node: Node | None, field_name: str) -> StoryScope:
    if _absent(node):
        return StoryScope()
    fields = check.mapping(node, field_name, tuple(SCOPE_FIELDS)) or {}
    values = {}
    for key, value in fields.items():
        if _absent(value):
            continue
        kind, maximum = SCOPE_FIELDS[key]
        read = check.integer if kind == "integer" else check.number
        values[key] = read(value, f"{field_name}.{key}", 0, maximum)
    return StoryScope(**values)


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
        "# Quote text that YAML could read as something else: \"NO\", \"1:30\", \"2026-01-01\", \"true\".",
        "# For text over several lines write `|` and indent the lines below it. Text fields take Markdown.",
        "",
        "candidate:",
        f"  # Your name as the documents should show it (required; at most {config.MAX_NAME_CHARS} characters).",
        '  name: "Your Name"',
        "  # Your current job title (optional).",
        '  current_title: ""',
        f"  # The level you are interviewing for: {' or '.join(LEVELS)} (required).",
        f"  target_level: {lvl.id}",
        "  # Day of the interview, YYYY-MM-DD (required; not in the past). This one is a placeholder.",
        f"  interview_date: {interview.isoformat()}",
        f"  # Hours a week you can spend preparing (required; more than 0, at most {config.MAX_HOURS_PER_WEEK}).",
        "  hours_per_week: 8",
        "  # First day of the plan, YYYY-MM-DD (optional; default: the day documents are made;",
        "  # not after the interview).",
        f"  # plan_start: {today.isoformat()}",
        "  # Days with no study time: holidays, travel, on-call (optional; both ends included).",
        "  # unavailable:",
        f"  #   - {{from: {(today + dt.timedelta(days=21)).isoformat()}, "
        f"to: {(today + dt.timedelta(days=24)).isoformat()}, reason: Travel}}",
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
# The JSON Schema


def json_schema(playbook: Playbook) -> dict:
    """The contract as JSON Schema (draft 2020-12), for editors; :func:`load` stays the authority.

    The loader is a little more forgiving than the schema says (a status or level in any case, a
    principle name in any case and punctuation); the schema describes the canonical spelling.
    """
    def text(description: str, max_chars: int, nullable: bool = True, min_chars: int = 0) -> dict:
        schema: dict = {"type": ["string", "null"] if nullable else "string", "description": description,
                        "maxLength": max_chars}
        if min_chars:
            schema["minLength"] = min_chars
        return schema

    def count(description: str, maximum: float, kind: str = "integer") -> dict:
        return {"type": [kind, "null"], "minimum": 0, "maximum": maximum, "description": description}

    date_pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    status = {"type": "string", "enum": list(STATUSES),
              "description": "yes: you can show it with evidence; partial: some of it; no: not yet."}
    items = {item.id: {"$ref": "#/$defs/competency", "description": f"{lvl.id}: {item.text}"}
             for lvl in playbook.levels.values() for item in lvl.items}
    level_names = [*LEVELS, *(lvl.lower() for lvl in LEVELS)]

    scope_descriptions = {
        "engineers": "Engineers involved, across all teams.",
        "teams": "Teams involved.",
        "duration_months": "How long it ran, in months.",
        "budget_usd": "Budget or cost owned, in US dollars.",
    }
    practice_descriptions = {
        "leetcode_solved": "Coding problems solved (LeetCode or similar).",
        "system_design_problems": "System design problems practised end to end.",
        "mock_interviews": "Mock interviews done.",
    }
    star_descriptions = {
        "situation": "Situation: what was going on, and why it mattered (Markdown).",
        "task": "Task: what you were responsible for (Markdown).",
        "action": "Action: what you did yourself (Markdown).",
        "result": "Result: what changed, in numbers where you can (Markdown).",
    }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": config.SCHEMA_URL,
        "title": "Interview preparation self-assessment",
        "description": "A candidate's self-assessment against the L6/L7 playbook; `reporter validate` checks it.",
        "type": "object",
        "additionalProperties": False,
        "required": ["candidate"],
        "properties": {
            "candidate": {
                "type": "object",
                "description": "Who is preparing, for which level, by when, and with how much time.",
                "additionalProperties": False,
                "required": list(_CANDIDATE_REQUIRED),
                "properties": {
                    "name": text("Your name as the documents should show it.", config.MAX_NAME_CHARS,
                                 nullable=False, min_chars=1),
                    "current_title": text("Your current job title.", config.MAX_NAME_CHARS),
                    "target_level": {"type": "string", "enum": level_names,
                                     "description": "The level you are interviewing for."},
                    "interview_date": {"type": "string", "format": "date",
                                       "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                       "description": "Day of the interview, YYYY-MM-DD; not in the past."},
                    "hours_per_week": {"type": "number", "exclusiveMinimum": 0,
                                       "maximum": config.MAX_HOURS_PER_WEEK,
                                       "description": "Hours a week you can spend preparing."},
                    "plan_start": {"type": ["string", "null"], "format": "date",
                                   "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                   "description": "First day of the plan, YYYY-MM-DD, not after the interview; "
                                                  "default: the day documents are made."},
                    "unavailable": {
                        "type": ["array", "null"], "maxItems": MAX_UNAVAILABLE,
                        "description": "Days with no study time (holidays, travel, on-call), both ends included.",
                        "items": {"type": "object", "additionalProperties": False, "required": ["from", "to"],
                                  "description": "One date range.",
                                  "properties": {
                                      "from": {"type": "string", "format": "date", "pattern": date_pattern,
                                               "description": "First day, YYYY-MM-DD."},
                                      "to": {"type": "string", "format": "date", "pattern": date_pattern,
                                             "description": "Last day, YYYY-MM-DD, not before the first."},
                                      "reason": text("Why, shown in the schedule.", config.MAX_NAME_CHARS),
                                  }},
                    },
                    "study_days": {
                        "type": ["array", "null"], "minItems": 1, "maxItems": len(WEEKDAYS), "uniqueItems": True,
                        "description": "Days of the week with study sessions; default: every day.",
                        "items": {"type": "string", "enum": [*WEEKDAYS, *WEEKDAY_NAMES],
                                  "description": "A day: mon … sun, or its full name."},
                    },
                    "study_time": {"type": ["string", "null"], "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
                                   "description": 'Start time of a study session, such as "19:30"; default: '
                                                  "all-day calendar entries."},
                    "timezone": text("IANA time zone of the calendar, such as Europe/Berlin; default: floating "
                                     "local times.", 60),
                },
            },
            "competencies": {
                "type": ["object", "null"],
                "description": "Checklist items of the target level by id, each yes, partial or no "
                               "(items left out count as no).",
                "maxProperties": config.MAX_COMPETENCIES,
                "additionalProperties": False,
                "properties": items,
            },
            "practice": {
                "type": ["object", "null"],
                "description": "What you have practised so far.",
                "additionalProperties": False,
                "properties": {key: count(practice_descriptions[key], MAX_PRACTICE_COUNT)
                               for key in PRACTICE_FIELDS},
            },
            "stories": {
                "type": ["array", "null"],
                "description": "Behavioural stories in STAR form.",
                "maxItems": config.MAX_STORIES,
                "items": {"$ref": "#/$defs/story"},
            },
            "notes": text("Anything else the plan should know (Markdown).", config.MAX_NOTES_CHARS),
        },
        # A competency of the other level is an error: tie the item ids to the target level.
        "allOf": [
            {"if": {"required": ["candidate"],
                    "properties": {"candidate": {"required": ["target_level"], "properties": {
                        "target_level": {"enum": [lvl, lvl.lower()]}}}}},
             "then": {"properties": {"competencies": {
                 "propertyNames": {"pattern": f"^{re.escape(lvl.lower())}\\."}}}}}
            for lvl in LEVELS
        ],
        "$defs": {
            "status": status,
            "competency": {
                "description": "yes, partial or no; or a mapping with the status and your evidence.",
                "oneOf": [
                    {"$ref": "#/$defs/status"},
                    {"type": "object", "additionalProperties": False, "required": ["status"],
                     "description": "A status with evidence.",
                     "properties": {
                         "status": {"$ref": "#/$defs/status", "description": "yes, partial or no."},
                         "evidence": text("What shows it, in Markdown.", config.MAX_TEXT_CHARS),
                     }},
                ],
            },
            "story": {
                "type": "object",
                "description": "One behavioural story.",
                "additionalProperties": False,
                "required": ["title"],
                "properties": {
                    "title": text("A one-line title.", config.MAX_SHORT_TEXT, nullable=False, min_chars=1),
                    "principles": {
                        "type": ["array", "null"],
                        "description": "The Leadership Principles the story shows.",
                        "maxItems": config.MAX_PRINCIPLES_PER_STORY,
                        "uniqueItems": True,
                        "items": {"type": "string", "enum": list(playbook.principles),
                                  "description": "A Leadership Principle by name."},
                    },
                    **{key: text(star_descriptions[key], config.MAX_TEXT_CHARS) for key in STAR_FIELDS},
                    "scope": {
                        "type": ["object", "null"],
                        "description": "How big it was; every number optional.",
                        "additionalProperties": False,
                        "properties": {key: count(scope_descriptions[key], maximum, kind)
                                       for key, (kind, maximum) in SCOPE_FIELDS.items()},
                    },
                },
            },
        },
    }

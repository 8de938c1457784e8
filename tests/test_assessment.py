"""The self-assessment contract: loader, starter file and JSON Schema, and the CLI around them.

Every bad-input case asserts the exact location, field and message. No clock: `today` is explicit,
and the CLI gets it from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from reporter import assessment, config, content
from reporter.assessment import Assessment, Competency, StoryScope, json_schema, load, starter_yaml
from reporter.cli import main
from reporter.errors import InputError

TODAY = dt.date(2026, 1, 5)
EPOCH = str(int(dt.datetime(2026, 1, 5, 12, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture(scope="module")
def playbook() -> content.Playbook:
    return content.load()


def write(tmp_path: Path, text: str | bytes, name: str = "ada.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def problems(path: Path, playbook, today: dt.date = TODAY) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(path, playbook, today)
    return caught.value.lines()


def minimal(**candidate: str) -> str:
    fields = {"name": "Ada Lovelace", "target_level": "L6", "interview_date": "2026-03-02", "hours_per_week": "8",
              **candidate}
    return "candidate:\n" + "".join(f"  {k}: {v}\n" for k, v in fields.items())


# -- the starter file ---------------------------------------------------------------------------

@pytest.mark.parametrize("level", ["L6", "L7"])
def test_starter_loads_without_a_problem(tmp_path, playbook, level):
    text = starter_yaml(playbook, level, TODAY)
    path = write(tmp_path, text)
    result = load(path, playbook, TODAY)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={assessment.SCHEMA_FILE}"
    assert f"reporter schema > {assessment.SCHEMA_FILE}" in text
    assert result.candidate.target_level == level
    assert result.candidate.interview_date == TODAY + dt.timedelta(days=56)
    assert result.candidate.plan_start is None
    # Every item of the level is listed, with its text as a comment, and starts as "no".
    items = playbook.levels[level].items
    assert list(result.competencies) == [i.id for i in items]
    assert set(result.competencies.values()) == {Competency("no")}
    for item in items:
        assert f"  # {item.text}\n  {item.id}: no\n" in text
    assert result.stories == () and result.notes == ""
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (result.stem, result.source) == ("ada", str(path))


def test_starter_example_story_loads_once_uncommented(tmp_path, playbook):
    lines = starter_yaml(playbook, "L7", TODAY).splitlines()
    start = lines.index("stories: []")
    end = lines.index("", start)
    story = [line.removeprefix("# ") for line in lines[start + 1:end]]
    path = write(tmp_path, "\n".join(lines[:start] + ["stories:"] + story + lines[end:]))
    (example,) = load(path, playbook, TODAY).stories
    assert example.principles == ("Customer Obsession", "Deliver Results")
    assert example.scope == StoryScope(engineers=25, teams=3, duration_months=9.0, budget_usd=1_500_000)
    assert example.result == "What changed, in numbers where you can."


def test_starter_does_not_depend_on_the_clock(playbook):
    assert starter_yaml(playbook, "L6", TODAY) == starter_yaml(playbook, "l6", TODAY)
    # Dates are quoted, so YAML 1.1 readers (js-yaml behind many editors) keep them as text.
    assert '  interview_date: "2026-03-02"  # placeholder\n' in starter_yaml(playbook, "L6", TODAY)
    assert '  # plan_start: "2026-01-05"\n' in starter_yaml(playbook, "L6", TODAY)


# -- a full, valid file -------------------------------------------------------------------------

def test_full_file_loads_into_typed_values(tmp_path, playbook):
    path = write(tmp_path, minimal(target_level="l7", current_title="Principal Engineer", plan_start="2026-01-12",
                                   hours_per_week="7.5") + """\
competencies:
  l7.technical_vision.1: YES
  l7.technical_vision.2:
    status: partial
    evidence: |
      Wrote the **platform** strategy.
practice:
  leetcode_solved: 120
  mock_interviews:
stories:
  - title: Platform consolidation
    principles: [think big, "have backbone, disagree and commit", Are Right; A Lot]
    scope: {engineers: 40, duration_months: 12.5}
notes: |
  Travel in February.
""")
    result = load(path, playbook, TODAY)
    assert isinstance(result, Assessment)
    c = result.candidate
    assert (c.target_level, c.current_title, c.plan_start, c.hours_per_week) == \
        ("L7", "Principal Engineer", dt.date(2026, 1, 12), 7.5)
    assert result.competencies == {"l7.technical_vision.1": Competency("yes"),
                                   "l7.technical_vision.2": Competency("partial", "Wrote the **platform** strategy.")}
    assert (result.practice.leetcode_solved, result.practice.system_design_problems,
            result.practice.mock_interviews) == (120, 0, 0)
    (story,) = result.stories
    assert story.principles == ("Think Big", "Have Backbone; Disagree and Commit", "Are Right, A Lot")
    assert story.scope == StoryScope(engineers=40, duration_months=12.5)
    assert result.notes == "Travel in February.\n"


def test_interview_today_is_fine(tmp_path, playbook):
    path = write(tmp_path, minimal(interview_date=TODAY.isoformat(), plan_start=TODAY.isoformat()))
    assert load(path, playbook, TODAY).candidate.interview_date == TODAY


# -- every problem, located, in one run ---------------------------------------------------------

FIVE_PROBLEMS = """\
candidate:
  name: Ada Lovelace
  target_level: L6
  interview_date: 2025-12-01
  hours_per_week: 8
  hours_per_week: 9
  favourite_colour: blue
competencies:
  l6.domain_expertise.1: maybe
stories:
  - title: Checkout migration
    principles:
      - Customer Obsesion
"""


def test_five_problems_are_reported_together_and_located(tmp_path, playbook):
    path = write(tmp_path, FIVE_PROBLEMS)
    assert problems(path, playbook) == [
        f"{path}:4:19: candidate.interview_date: interview date is in the past (today is 2026-01-05)",
        f"{path}:6:3: candidate.hours_per_week: duplicate key (first defined on line 5)",
        f"{path}:7:3: candidate.favourite_colour: unknown key (known keys: name, current_title, target_level, "
        "interview_date, hours_per_week, plan_start, unavailable, study_days, study_time, timezone)",
        f"{path}:9:26: competencies.l6.domain_expertise.1: 'maybe' is not one of yes, partial, no",
        f"{path}:13:9: stories[0].principles[0]: 'Customer Obsesion' is not one of the 16 Leadership Principles "
        "(did you mean 'Customer Obsession'?)",
    ]


def test_unknown_key_suggests_the_closest(tmp_path, playbook):
    path = write(tmp_path, minimal(interview_dat="2026-03-02").replace("  interview_date: 2026-03-02\n", ""))
    assert problems(path, playbook) == [
        f"{path}:2:3: candidate.interview_date: required field is missing",
        f"{path}:5:3: candidate.interview_dat: unknown key (did you mean 'interview_date'?)",
    ]


def test_missing_required_fields_are_located_at_the_parent(tmp_path, playbook):
    path = write(tmp_path, "notes: hi\ncandidate:\n  current_title: EM\n")
    assert problems(path, playbook) == [
        f"{path}:3:3: candidate.{name}: required field is missing"
        for name in sorted(("name", "target_level", "interview_date", "hours_per_week"))
    ]
    empty = write(tmp_path, "", "empty.yaml")
    assert problems(empty, playbook) == [f"{empty}:1:1: candidate: required field is missing"]


# -- YAML 1.1 surprises and other scalar traps --------------------------------------------------

@pytest.mark.parametrize("field, value, message", [
    ("name", "NO", "'NO' is not text to every YAML reader (it may be read as a number, date, boolean or null) "
                   "(put it in quotes: \"NO\")"),
    ("current_title", "1:30", "'1:30' is not text to every YAML reader (it may be read as a number, date, boolean "
                              "or null) (put it in quotes: \"1:30\")"),
    ("hours_per_week", "1:30", "'1:30' is not a number (write it like 8 or 7.5)"),
    ("hours_per_week", "0", "0 is out of range (allowed: more than 0, at most 80)"),
    ("hours_per_week", "81", "81 is out of range (allowed: more than 0, at most 80)"),
    ("interview_date", "2026-02-30", "2026-02-30 is not a real calendar date"),
    ("interview_date", "next week", "'next week' is not a date (write it as YYYY-MM-DD)"),
    ("target_level", "L8", "'L8' is not a level (write L6 or L7)"),
])
def test_candidate_scalar_traps(tmp_path, playbook, field, value, message):
    text = minimal(**{field: value})
    path = write(tmp_path, text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"  {field}:"))
    col = len(f"  {field}: ") + 1
    assert problems(path, playbook) == [f"{path}:{line}:{col}: candidate.{field}: {message}"]


def test_plan_start_after_interview(tmp_path, playbook):
    path = write(tmp_path, minimal(plan_start="2026-04-01"))
    assert problems(path, playbook) == [
        f"{path}:6:15: candidate.plan_start: plan start is after the interview date (the interview is on 2026-03-02)"]


def test_name_limit_and_single_line(tmp_path, playbook):
    path = write(tmp_path, minimal(name="x" * (config.MAX_NAME_CHARS + 1), current_title='"EM\\nL6"'))
    assert problems(path, playbook) == [
        f"{path}:2:9: candidate.name: 121 characters; the limit is 120",
        f"{path}:6:18: candidate.current_title: must be a single line",
    ]


# -- competencies, practice, stories ------------------------------------------------------------

def test_item_of_the_other_level_and_unknown_item(tmp_path, playbook):
    path = write(tmp_path, minimal() + "competencies:\n  l7.technical_vision.1: yes\n  l6.domain_expertize.1: yes\n"
                                       "  l6.cooking.9: no\n")
    assert problems(path, playbook) == [
        f"{path}:7:3: competencies.l7.technical_vision.1: item belongs to L7, but candidate.target_level is L6 "
        "(remove it, or use the L6 item ids)",
        f"{path}:8:3: competencies.l6.domain_expertize.1: unknown checklist item "
        "(did you mean 'l6.domain_expertise.1'?)",
        f"{path}:9:3: competencies.l6.cooking.9: unknown checklist item "
        "(`reporter init --level L6` lists every item id)",
    ]


def test_competency_mapping_problems(tmp_path, playbook):
    path = write(tmp_path, minimal() + "competencies:\n  l6.domain_expertise.1:\n    evidence: 5\n"
                                       "  l6.domain_expertise.2: [yes]\n")
    assert problems(path, playbook) == [
        f"{path}:8:5: competencies.l6.domain_expertise.1.status: required field is missing",
        f"{path}:8:15: competencies.l6.domain_expertise.1.evidence: '5' is not text to every YAML reader "
        "(it may be read as a number, date, boolean or null) (put it in quotes: \"5\")",
        f"{path}:9:26: competencies.l6.domain_expertise.2: expected yes or partial or no, found a list",
    ]


def test_practice_counts_are_whole_numbers_in_range(tmp_path, playbook):
    path = write(tmp_path, minimal() + "practice:\n  leetcode_solved: 12.5\n  mock_interviews: 100001\n"
                                       "  system_design_problems: '3'\n")
    assert problems(path, playbook) == [
        f"{path}:7:20: practice.leetcode_solved: '12.5' is not a whole number (write digits only, e.g. 12)",
        f"{path}:8:20: practice.mock_interviews: 100001 is out of range (allowed: 0 to 100000)",
        f"{path}:9:27: practice.system_design_problems: '3' is not a whole number (write digits only, e.g. 12)",
    ]


def test_story_problems(tmp_path, playbook):
    path = write(tmp_path, minimal() + """\
stories:
  - principles: [Ownership, ownership]
    scope: {teams: two, budget: 5}
  - title: "x"
    result: [a]
""")
    assert problems(path, playbook) == [
        f"{path}:7:5: stories[0].title: required field is missing",
        f"{path}:7:29: stories[0].principles[1]: 'Ownership' is listed twice",
        f"{path}:8:20: stories[0].scope.teams: 'two' is not a whole number (write digits only, e.g. 12)",
        f"{path}:8:25: stories[0].scope.budget: unknown key (did you mean 'budget_usd'?)",
        f"{path}:10:13: stories[1].result: expected text, found a list",
    ]


def test_too_many_stories(tmp_path, playbook):
    path = write(tmp_path, minimal() + "stories:\n" + "  - title: s\n" * (config.MAX_STORIES + 1))
    assert problems(path, playbook) == [f"{path}:7:3: stories: 61 entries; the limit is 60"]


# -- the file itself ----------------------------------------------------------------------------

def test_alias_is_rejected(tmp_path, playbook):
    path = write(tmp_path, minimal(name="&who Ada") + "notes: *who\n")
    assert problems(path, playbook) == [
        f"{path}:6:8: (yaml): YAML aliases (*name) are not allowed; write the value out"]


def test_python_tag_is_rejected(tmp_path, playbook):
    path = write(tmp_path, minimal(name="!!python/object:os.system [echo]"))
    assert problems(path, playbook) == [
        f"{path}:2:9: (yaml): YAML tags (tag:yaml.org,2002:python/object:os.system) are not allowed"]


def test_byte_order_mark_is_accepted(tmp_path, playbook):
    path = write(tmp_path, b"\xef\xbb\xbf" + minimal().encode())
    result = load(path, playbook, TODAY)
    assert result.candidate.name == "Ada Lovelace"
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_non_utf8_is_rejected_with_its_location(tmp_path, playbook):
    path = write(tmp_path, minimal(current_title="Ing\xe9nieur").encode("latin-1"))
    assert problems(path, playbook) == [f"{path}:6:21: (file): not UTF-8 text (save the file as UTF-8)"]


def test_missing_file_and_size_limit(tmp_path, playbook, monkeypatch):
    missing = tmp_path / "nope.yaml"
    assert problems(missing, playbook) == [f"{missing}:1:1: (file): does not exist"]
    monkeypatch.setattr(config, "MAX_ASSESSMENT_BYTES", 10)
    path = write(tmp_path, minimal())
    size = len(path.read_bytes())
    assert problems(path, playbook) == [f"{path}:1:1: (file): file is {size} bytes; the limit is 10"]


# -- the JSON Schema ----------------------------------------------------------------------------

def _walk(schema, path="#"):
    if isinstance(schema, dict):
        yield path, schema
        for key, value in schema.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _walk(value, f"{path}/{i}")


def test_schema_names_every_item_status_and_principle(playbook):
    schema = json.loads(json.dumps(json_schema(playbook)))  # plain JSON all the way down
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    competencies = schema["properties"]["competencies"]["properties"]
    assert list(competencies) == [i.id for lvl in playbook.levels.values() for i in lvl.items]
    assert competencies["l6.domain_expertise.1"]["description"] == \
        "L6: " + playbook.levels["L6"].items[0].text
    # Offered for completion; the patterns accept every spelling the loader accepts (tests/test_contract.py).
    assert schema["$defs"]["status"]["examples"] == ["yes", "partial", "no"]
    principles = schema["$defs"]["story"]["properties"]["principles"]["items"]["examples"]
    assert principles == list(playbook.principles) and len(principles) == 16


def test_schema_is_closed_and_described_everywhere(playbook):
    schema = json_schema(playbook)
    for path, node in _walk({k: v for k, v in schema.items() if k != "allOf"}):  # allOf: conditions only
        if "properties" in node and not path.endswith("/properties"):
            assert node.get("additionalProperties") is False, path
            for name, field in node["properties"].items():
                assert field.get("description"), f"{path}/properties/{name}"
    candidate = schema["properties"]["candidate"]
    assert candidate["required"] == ["name", "target_level", "interview_date", "hours_per_week"]
    assert list(candidate["properties"]) == list(assessment.CANDIDATE.fields)


# -- through the command line -------------------------------------------------------------------

def test_cli_validate_prints_every_problem_and_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    bad = write(tmp_path, FIVE_PROBLEMS, "bad.yaml")
    good = write(tmp_path, minimal(), "good.yaml")
    assert main(["validate", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # problems are diagnostics: stderr, as every command prints them
    out = captured.err.splitlines()
    assert len(out) == 5
    assert out[0] == f"{bad}:4:19: candidate.interview_date: interview date is in the past (today is 2026-01-05)"
    assert out[3] == f"{bad}:9:26: competencies.l6.domain_expertise.1: 'maybe' is not one of yes, partial, no"


def test_cli_schema_is_json(monkeypatch, capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["candidate"]["additionalProperties"] is False


def test_cli_init_then_validate(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "me.yaml"
    assert main(["init", "--level", "L7", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert main(["validate", str(target)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "1 file valid"


def test_cli_init_writes_the_schema_its_modeline_names(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "me.yaml"
    assert main(["init", "--level", "L6", "-o", str(target)]) == 0
    modeline = target.read_text(encoding="utf-8").splitlines()[0]
    schema_name = modeline.split("$schema=", 1)[1].strip()
    schema = json.loads((tmp_path / schema_name).read_text(encoding="utf-8"))
    assert "candidate" in schema["properties"]
    # A second init refuses to overwrite without --force (usage error, exit 2).
    assert main(["init", "--level", "L6", "-o", str(target)]) == 2


# -- when the candidate studies: unavailable, study_days, study_time, timezone --------------------------

SCHEDULE_FIELDS = """\
  unavailable:
    - {from: 2026-01-20, to: 2026-01-25, reason: Travel}
    - from: 2026-02-10
      to: 2026-02-10
  study_days: [mon, Wednesday, SAT]
  study_time: "19:30"
  timezone: Europe/Berlin
"""


def test_schedule_fields_load_into_typed_values(tmp_path, playbook):
    path = write(tmp_path, minimal() + SCHEDULE_FIELDS)
    candidate = load(path, playbook, TODAY).candidate
    assert candidate.unavailable == (assessment.Unavailable(dt.date(2026, 1, 20), dt.date(2026, 1, 25), "Travel"),
                                     assessment.Unavailable(dt.date(2026, 2, 10), dt.date(2026, 2, 10), ""))
    assert candidate.study_days == (0, 2, 5)
    assert candidate.study_time == dt.time(19, 30)
    assert candidate.timezone == "Europe/Berlin"


def test_schedule_fields_default_to_every_day_all_day_floating(tmp_path, playbook):
    candidate = load(write(tmp_path, minimal()), playbook, TODAY).candidate
    assert (candidate.unavailable, candidate.study_days, candidate.study_time, candidate.timezone) == \
        ((), (0, 1, 2, 3, 4, 5, 6), None, "")


def test_schedule_field_problems_are_located(tmp_path, playbook):
    text = minimal() + """\
  unavailable:
    - {from: 2026-01-25, to: 2026-01-20}
    - {from: 2026-01-25, until: 2026-01-26}
  study_days: [mon, mondy, mon]
  study_time: 19:30
  timezone: Europe/Berln
"""
    path = write(tmp_path, text)
    assert problems(path, playbook) == [
        f"{path}:7:30: candidate.unavailable[0].to: 2026-01-20 is before the range's start "
        "(the range starts on 2026-01-25)",
        f"{path}:8:7: candidate.unavailable[1].to: required field is missing",
        f"{path}:8:26: candidate.unavailable[1].until: unknown key (known keys: from, to, reason)",
        f"{path}:9:21: candidate.study_days[1]: 'mondy' is not a day of the week (did you mean 'monday'?)",
        f"{path}:9:28: candidate.study_days[2]: 'mon' is listed twice",
        f"{path}:10:15: candidate.study_time: '19:30' is not text to every YAML reader (it may be read as a "
        "number, date, boolean or null) (put it in quotes: \"19:30\")",
        f"{path}:11:13: candidate.timezone: 'Europe/Berln' is not an IANA time zone "
        "(did you mean 'Europe/Berlin'?)",
    ]


@pytest.mark.parametrize("value, message", [
    ('"25:00"', "'25:00' is not a time of day (write it as \"19:30\")"),
    ('"7pm"', "'7pm' is not a time of day (write it as \"19:30\")"),
])
def test_study_time_must_be_a_time_of_day(tmp_path, playbook, value, message):
    path = write(tmp_path, minimal(study_time=value))
    assert problems(path, playbook) == [f"{path}:6:15: candidate.study_time: {message}"]


def test_schema_and_starter_describe_the_schedule_fields(tmp_path, playbook):
    candidate = json_schema(playbook)["properties"]["candidate"]["properties"]
    assert {"unavailable", "study_days", "study_time", "timezone"} <= set(candidate)
    assert candidate["unavailable"]["items"]["required"] == ["from", "to"]
    assert "mon" in candidate["study_days"]["items"]["examples"]
    text = starter_yaml(playbook, "L6", TODAY)
    # the starter shows each field commented out; uncommented, they load
    lines = [line.replace("  # ", "  ", 1) if line.startswith(("  # unavailable:", "  #   - {from",
                                                                "  # study_days:", "  # study_time:",
                                                                "  # timezone:")) else line
             for line in text.splitlines()]
    candidate = load(write(tmp_path, "\n".join(lines)), playbook, TODAY).candidate
    assert candidate.unavailable[0].reason == "Travel" and candidate.study_days == (0, 1, 3, 5)
    assert (candidate.study_time, candidate.timezone) == (dt.time(19, 30), "Europe/Berlin")


def test_cli_init_force_rewrites_the_schema_beside_it(tmp_path, monkeypatch, capsys, playbook):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "me.yaml"
    stale = tmp_path / assessment.SCHEMA_FILE
    target.write_text("old\n", encoding="utf-8")
    stale.write_text('{"title": "an older contract"}\n', encoding="utf-8")
    assert main(["init", "--level", "L7", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == starter_yaml(playbook, "L7", TODAY)
    assert stale.read_text(encoding="utf-8") == assessment.schema_text(playbook)
    assert capsys.readouterr().err == f"wrote {target} and {assessment.SCHEMA_FILE}\n"
    # A second starter in the same folder (a coach's next client) brings the schema up to date too.
    stale.write_text('{"title": "an older contract"}\n', encoding="utf-8")
    assert main(["init", "--level", "L6", "-o", str(tmp_path / "next.yaml")]) == 0
    assert stale.read_text(encoding="utf-8") == assessment.schema_text(playbook)
    assert sorted(p.name for p in tmp_path.iterdir()) == [assessment.SCHEMA_FILE, "me.yaml", "next.yaml"]


@pytest.mark.parametrize("output, message", [
    ("missing/me.yaml", "error: {tmp}/missing: no such folder"),
    (".", "error: {tmp} is a folder; name the file to write, such as {tmp}/me.yaml"),
    (assessment.SCHEMA_FILE, f"error: {{tmp}}/{assessment.SCHEMA_FILE}: {assessment.SCHEMA_FILE} is the name of the "
                             "schema written beside the starter; choose another name"),
])
def test_cli_init_refuses_an_output_it_cannot_write(tmp_path, monkeypatch, capsys, output, message):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / output if output != "." else tmp_path
    assert main(["init", "--level", "L6", "-o", str(target), "--force"]) == 2
    assert capsys.readouterr().err.splitlines() == [message.format(tmp=tmp_path)]
    assert list(tmp_path.iterdir()) == []


def test_cli_init_into_a_file_as_if_it_were_a_folder_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (tmp_path / "notes").write_text("mine\n", encoding="utf-8")
    assert main(["init", "--level", "L6", "-o", str(tmp_path / "notes" / "me.yaml")]) == 2
    assert capsys.readouterr().err.splitlines() == [f"error: {tmp_path / 'notes'} is a file, not a folder"]
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]


def test_quoted_dates_load_as_dates(tmp_path, playbook):
    path = write(tmp_path, minimal(interview_date='"2026-03-02"', plan_start="'2026-01-12'"))
    candidate = load(path, playbook, TODAY).candidate
    assert (candidate.interview_date, candidate.plan_start) == (dt.date(2026, 3, 2), dt.date(2026, 1, 12))


def test_a_date_is_the_whole_scalar(tmp_path, playbook):
    path = write(tmp_path, minimal(interview_date='" 2026-03-02"', plan_start='"2026-01-12\\n"'))
    assert problems(path, playbook) == [
        f"{path}:4:19: candidate.interview_date: ' 2026-03-02' is not a date (write it as YYYY-MM-DD)",
        f"{path}:6:15: candidate.plan_start: '2026-01-12\n' is not a date (write it as YYYY-MM-DD)",
    ]


# -- tabs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, location, message", [
    ("candidate:\n\tname: Ada\n", "2:1", "a tab in the indentation; YAML indents with spaces only (use spaces)"),
    ("candidate:\n  name: Ada\n  \thours_per_week: 8\n", "3:3",
     "a tab in the indentation; YAML indents with spaces only (use spaces)"),
    ("stories:\n\t- title: x\n", "2:1", "a tab in the indentation; YAML indents with spaces only (use spaces)"),
    ("notes: |\n  one\n\ttwo\n", "3:1", "a tab in the indentation; YAML indents with spaces only (use spaces)"),
    ("candidate:\n  name:\tAda\n", "2:8", "a tab where YAML allows only spaces (use spaces)"),
])
def test_a_tab_says_use_spaces(tmp_path, playbook, text, location, message):
    path = write(tmp_path, text)
    assert problems(path, playbook) == [f"{path}:{location}: (yaml): {message}"]


# -- the unedited starter: warnings, not errors -------------------------------------------------

def _starter_lines(text: str, key: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"  {key}:"))


def test_the_unedited_starter_loads_with_its_placeholders_as_warnings(tmp_path, playbook):
    text = starter_yaml(playbook, "L6", TODAY)
    path = write(tmp_path, text)
    name_line, date_line = _starter_lines(text, "name"), _starter_lines(text, "interview_date")
    assert [str(w) for w in load(path, playbook, TODAY).warnings] == [
        f"{path}:{name_line}:9: candidate.name: warning: 'Your Name' is the starter's placeholder "
        "(write your name as the documents should show it)",
        f"{path}:{date_line}:19: candidate.interview_date: warning: 2026-03-02 is the starter's placeholder date "
        "(write the day of your interview and remove the '# placeholder' comment)",
    ]
    edited = text.replace('name: "Your Name"', "name: Ada Lovelace").replace(
        'interview_date: "2026-03-02"  # placeholder', 'interview_date: "2026-04-20"  # the onsite')
    assert load(write(tmp_path, edited, "edited.yaml"), playbook, TODAY).warnings == ()
    # An edited date whose marker was left in is still named, so the marker can go.
    half = text.replace('name: "Your Name"', "name: Ada Lovelace").replace('"2026-03-02"', '"2026-04-20"')
    assert [w.field for w in load(write(tmp_path, half, "half.yaml"), playbook, TODAY).warnings] == \
        ["candidate.interview_date"]


def test_cli_validate_warns_on_the_unedited_starter_and_passes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "me.yaml"
    assert main(["init", "--level", "L6", "-o", str(target)]) == 0
    capsys.readouterr()
    assert main(["validate", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.splitlines()
    assert [line.split(": warning: ")[0] for line in err[:2]] == [
        f"{target}:{_starter_lines(target.read_text(), 'name')}:9: candidate.name",
        f"{target}:{_starter_lines(target.read_text(), 'interview_date')}:19: candidate.interview_date"]
    assert err[2:] == ["1 file valid"]


def test_cli_plan_prints_the_plan_and_the_placeholder_warnings_apart(tmp_path, monkeypatch, capsys, playbook):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    starter = write(tmp_path, starter_yaml(playbook, "L7", TODAY), "me.yaml")
    assert main(["plan", str(starter)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)  # data on stdout, untouched by the warnings
    text = starter.read_text(encoding="utf-8")
    assert [line.split(": warning: ")[0] for line in captured.err.splitlines()] == [
        f"{starter}:{_starter_lines(text, 'name')}:9: candidate.name",
        f"{starter}:{_starter_lines(text, 'interview_date')}:19: candidate.interview_date"]


def test_cli_validate_takes_folders_and_globs_as_build_does(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = tmp_path / "clients"
    folder.mkdir()
    write(folder, minimal(), "a.yaml")
    write(folder, minimal(), "B.YAML")
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "2 files valid"
    assert main(["validate", str(folder / "*.yaml")]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "1 file valid"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 2
    assert capsys.readouterr().err == f"error: {empty}: a folder with no .yaml or .yml files\n"
